import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// `--genome mm10|mm39|rn7` in simulate, fit and extract picks the bundled mouse or rat table,
/// and an unknown genome lists every build (issue #18).
@Suite("mouse and rat references") struct RodentReferenceCLITests {
  @Test("fit --genome mm10|mm39|rn7 (and --exome) fits the bundled table of that build; run.json names it",
        arguments: ["mm10", "mm39", "rn7"])
  func fitGenome(genome: String) throws {
    let dir = Fixtures.temporaryDirectory()
    let sim = try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "3", "--seed", "4", "--genome", genome,
                                 "--active", "SBS1,SBS5", "--optional", "SBS18"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    for exome in [false, true] {
      let out = dir + "/fit-\(exome)"
      let r = try CLIRunner.run(["fit", "-o", out, dir + "/sim/catalog.tsv", "--bootstrap", "0", "--genome", genome] + (exome ? ["--exome"] : []))
      #expect(r.exitCode == 0, "\(r.stderr)")
      let table = "COSMIC_v3.4_SBS_\(genome)\(exome ? "_exome" : "").txt"
      #expect(r.stderr.contains("signatures: \(table);"), "\(r.stderr)")
      let runJSON = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
      #expect(runJSON.contains(table + "\"") && runJSON.contains("\"genome\" : \"\(genome)\""))
    }
  }

  @Test("extract --genome rn7 matches against the rat table")
  func extractGenome() throws {
    let dir = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "8", "--seed", "3", "--genome", "rn7",
                               "--active", "SBS1,SBS5"]).exitCode == 0)
    let r = try CLIRunner.run(["extract", "-o", dir + "/ex", dir + "/sim/catalog.tsv", "--genome", "rn7", "--rank", "2", "--ranks", "2..2",
                               "--restarts", "4", "--cv-folds", "0", "--max-iterations", "400"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let runJSON = try String(contentsOfFile: dir + "/ex/run.json", encoding: .utf8)
    #expect(runJSON.contains("COSMIC_v3.4_SBS_rn7.txt\""), "\(runJSON)")
  }

  @Test("an unknown --genome is a usage error listing every bundled build", arguments: ["fit", "extract"])
  func unknownGenome(command: String) throws {
    let dir = Fixtures.temporaryDirectory()
    let catalog = try UsageCLITests.catalog(in: dir)
    let r = try CLIRunner.run([command, "-o", dir + "/out", catalog, "--genome", "mm9"])
    #expect(r.exitCode == 64, "\(r.stderr)")
    for build in ReferenceData.genomes { #expect(r.stderr.contains(build), "\(build) missing from: \(r.stderr)") }
  }

  @Test("a combination COSMIC does not publish for mouse (ID83, v3.6) says it is not bundled")
  func notShipped() throws {
    #expect(throws: ReferenceDataError.self) { _ = try ReferenceData.path(version: "cosmic-v3.4", mutationClass: .id83, genome: "mm10") }
    #expect(throws: ReferenceDataError.self) { _ = try ReferenceData.path(version: "cosmic-v3.6", mutationClass: .sbs96, genome: "mm39") }
    #expect(throws: ReferenceDataError.self) { _ = try ReferenceData.path(version: "cosmic-v3.4", mutationClass: .dbs78, genome: "rn7", exome: true) }
    #expect(ReferenceDataError.unknownGenome("mm9").description == "unknown genome 'mm9'; expected one of GRCh37, GRCh38, mm10, mm39, rn7")
  }

  @Test("the DBS78 tables of every rodent build are found and read", arguments: ["mm10", "mm39", "rn7"])
  func dbsTables(genome: String) throws {
    let set = try SignatureSet.read(path: try ReferenceData.path(mutationClass: .dbs78, genome: genome))
    #expect(set.mutationClass == .dbs78 && set.count == 20)
  }
}
