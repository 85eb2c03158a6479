import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// run.json of a panel's extract and fit names every opportunity it read, with its sha256 (#18
/// follow-up): a run's provenance must name every input, and a count folder given as
/// `--opportunity` is recorded as the file actually read from it.
@Suite("opportunity provenance: extract and fit record the opportunity files in run.json") struct OpportunityProvenanceTests {
  /// The inputs of `folder/run.json`, path -> sha256.
  static func inputs(_ folder: String) throws -> [String: String] {
    let manifest = try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json")))
    return Dictionary(manifest.inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
  }

  @Test("extract (whole and --merge of blocks) and fit: the count folder's opportunity.sbs96.tsv and the --reference-opportunity file, with sha256")
  func recorded() throws {
    let dir = Fixtures.temporaryDirectory("sigil-opportunity-provenance")
    #expect(try CLIRunner.run(["simulate", "-q", "-o", dir + "/sim", "--samples", "4", "--burden-median", "300", "--seed", "5", "--vcf"]).exitCode == 0)
    let fai = try String(contentsOfFile: dir + "/sim/reference.fa.fai", encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
    try fai.map { "\($0[0])\t100\t\(Int($0[1])! / 2)\n" }.joined().write(toFile: dir + "/panel.bed", atomically: true, encoding: .utf8)
    let vcfs = (1...4).map { dir + "/sim/vcf/S\($0).vcf.gz" }
    let count = try CLIRunner.run(["count", "-q", "-o", dir + "/counts", "--reference-fasta", dir + "/sim/reference.fa", "--regions", dir + "/panel.bed"] + vcfs)
    #expect(count.exitCode == 0, "\(count.stderr)")
    // The reference opportunity as a user file (the bundled GRCh37 column), so both options are files.
    let table = try LabeledTable.read(path: Fixtures.reference("opportunity_SBS96.txt"))
    try TableText.render(corner: "MutationType", columnNames: ["genome"], rowLabels: table.rowLabels,
                         values: table.values.selectingColumns([table.columnNames.firstIndex(of: "GRCh37")!]))
      .write(toFile: dir + "/genome.tsv", atomically: true, encoding: .utf8)
    let catalog = dir + "/counts/catalog.sbs96.tsv", target = dir + "/counts/opportunity.sbs96.tsv", reference = dir + "/genome.tsv"
    let opportunity = ["--opportunity", dir + "/counts", "--reference-opportunity", reference]
    let small = ["--ranks", "2..2", "--restarts", "2", "--cv-folds", "0", "--max-iterations", "200", "--no-report"]
    let runs: [(String, [String])] = [
      ("extract", ["extract", "-q", "-o", dir + "/extract", catalog] + small + opportunity),
      ("fit", ["fit", "-q", "-o", dir + "/fit", catalog, "--bootstrap", "0", "--no-report"] + opportunity),
    ]
    for (name, arguments) in runs {
      let r = try CLIRunner.run(arguments)
      #expect(r.exitCode == 0, "\(name): \(r.stderr)")
    }
    // The workflows' layout: restart blocks without the opportunity, the merge with it.
    let block = try CLIRunner.run(["extract", "-q", "-o", dir + "/block", catalog, "--ranks", "2..2", "--restarts", "2", "--restarts-range", "0..1",
                                   "--save-restarts", "--max-iterations", "200", "--no-report"])
    #expect(block.exitCode == 0, "\(block.stderr)")
    let merge = try CLIRunner.run(["extract", "-q", "-o", dir + "/merged", "--merge", dir + "/block", "--cv-folds", "0", "--no-report"] + opportunity)
    #expect(merge.exitCode == 0, "\(merge.stderr)")
    for folder in ["extract", "fit", "merged"] {
      let recorded = try Self.inputs(dir + "/" + folder)
      for file in [target, reference] {
        #expect(recorded[file] == (try RunManifest.sha256(ofFile: file)), "\(folder)/run.json lacks \(file) or its sha256: \(recorded)")
      }
      // The folder given is not itself an input: the file read from it is.
      #expect(recorded[dir + "/counts"] == nil, "\(folder): \(recorded)")
    }
    // Without --opportunity no opportunity file is read, so none is recorded.
    let blockInputs = try Self.inputs(dir + "/block").keys.map { ($0 as NSString).lastPathComponent }
    #expect(blockInputs.allSatisfy { !$0.hasPrefix("opportunity") }, "\(blockInputs)")
  }
}
