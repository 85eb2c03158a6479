import Foundation
import Testing
import SigilCore
import SigilTestSupport

@Suite("sigil fit") struct FitCLITests {
  /// A small simulated catalog (12 samples) written once per test.
  private func simulated() throws -> String {
    let dir = Fixtures.temporaryDirectory("sigil-fit-sim")
    let r = try CLIRunner.run(["simulate", "-o", dir, "--samples", "12", "--seed", "4", "--active", "SBS1,SBS5", "--optional", "SBS2,SBS13"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    return dir + "/catalog.tsv"
  }

  @Test("writes the five outputs, byte-identical for --threads 1 and 3")
  func outputsAndThreads() throws {
    let catalog = try simulated()
    let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory()
    for (dir, threads) in [(a, "1"), (b, "3")] {
      let r = try CLIRunner.run(["fit", "-o", dir, catalog, "--bootstrap", "15", "--threads", threads, "--seed", "2"])
      #expect(r.exitCode == 0, "\(r.stderr)")
      #expect(r.stdout.isEmpty)
      #expect(r.stderr.contains("[sigil] fitted 86 signatures to 12 samples (likelihood, 15 bootstraps)"))
      #expect(r.stderr.contains("[sigil] signatures: COSMIC_v3.4_SBS_GRCh37.txt; ") && r.stderr.contains(" of 86 selected in some sample"))
    }
    for name in ["exposures.tsv", "exposures_ci.tsv", "fit_stats.tsv", "residuals.tsv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
      #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))), "\(name) differs between --threads 1 and 3")
    }
    let exposures = try ExposureTable.read(path: a + "/exposures.tsv")
    #expect(exposures.sampleNames.count == 12 && exposures.signatureNames.count == 86)
    let stats = try String(contentsOfFile: a + "/fit_stats.tsv", encoding: .utf8)
    #expect(stats.hasPrefix("sample\tmutations\tcosine\tkl\tl2\tsignatures\tdispersion\n"))
    let ci = try String(contentsOfFile: a + "/exposures_ci.tsv", encoding: .utf8)
    #expect(ci.hasPrefix("sample\tsignature\texposure\tlower\tupper\tselected_fraction\n"))
    let residuals = try String(contentsOfFile: a + "/residuals.tsv", encoding: .utf8)
    #expect(residuals.hasPrefix("MutationType\tS01\t"))
    let runJSON = try String(contentsOfFile: a + "/run.json", encoding: .utf8)
    #expect(runJSON.contains("\"command\" : \"fit\"") && runJSON.contains("\"bootstrap\" : \"15\""))
  }

  @Test("--include, --exclude, --method nnls and --signatures FILE")
  func subsets() throws {
    let catalog = try simulated()
    let dir = Fixtures.temporaryDirectory()
    let r = try CLIRunner.run(["fit", "-o", dir, catalog, "--include", "SBS1,SBS5,SBS2,SBS13,SBS18", "--exclude", "SBS18",
                               "--method", "nnls", "--bootstrap", "0"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let exposures = try ExposureTable.read(path: dir + "/exposures.tsv")
    #expect(exposures.signatureNames == ["SBS1", "SBS2", "SBS5", "SBS13"])
    let ci = try String(contentsOfFile: dir + "/exposures_ci.tsv", encoding: .utf8)
    #expect(ci.split(separator: "\n")[1].hasSuffix("\tNA\tNA\tNA"))
    let own = Fixtures.temporaryDirectory()
    let r2 = try CLIRunner.run(["fit", "-o", own, catalog, "--signatures", (catalog as NSString).deletingLastPathComponent + "/truth_signatures.tsv",
                                "--bootstrap", "0"])
    #expect(r2.exitCode == 0, "\(r2.stderr)")
    #expect(try ExposureTable.read(path: own + "/exposures.tsv").signatureNames == ["SBS1", "SBS5", "SBS2", "SBS13"])
  }

  @Test("error messages: unknown --include name, channel mismatch, bad --method")
  func errors() throws {
    let catalog = try simulated()
    let dir = Fixtures.temporaryDirectory()
    let unknown = try CLIRunner.run(["fit", "-o", dir, catalog, "--include", "SBS1,SBS999"])
    #expect(unknown.exitCode == 1)
    #expect(unknown.stderr.contains("--include: unknown signature(s) SBS999; the set has SBS1, SBS2"))
    let dbs = Fixtures.reference("COSMIC_v3.4_DBS_GRCh37.txt")
    let mismatch = try CLIRunner.run(["fit", "-o", dir, catalog, "--signatures", dbs])
    #expect(mismatch.exitCode == 1)
    #expect(mismatch.stderr.contains("the catalog has SBS96 channels but the signatures have DBS78 channels; the signature table lacks the catalog labels A[C>A]A"))
    let method = try CLIRunner.run(["fit", "-o", dir, catalog, "--method", "best"])
    #expect(method.exitCode == 64)
    #expect(method.stderr.contains("The value 'best' is invalid for '--method <method>'. Please provide one of 'sparse', 'likelihood', 'cosine', 'nnls' or 'kl'."))
    let boot = try CLIRunner.run(["fit", "-o", dir, catalog, "--bootstrap", "-1"])
    #expect(boot.exitCode == 64)
    let thresholds = try CLIRunner.run(["fit", "-o", dir, catalog, "--add-threshold", "1", "--remove-threshold", "2"])
    #expect(thresholds.exitCode == 64)
    #expect(thresholds.stderr.contains("the remove threshold (2.0) must not exceed the add threshold (1.0)"))
  }

  @Test("a DBS78 catalog is fitted with the bundled DBS table of the same release")
  func dbs() throws {
    let dir = Fixtures.temporaryDirectory()
    let dbs = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_DBS_GRCh37.txt"))
    let column = dbs.matrix.column(dbs.names.firstIndex(of: "DBS2")!).map { ($0 * 500).rounded() }
    try MutationCatalog(mutationClass: .dbs78, sampleNames: ["d1"], counts: Matrix(rows: 78, columns: [column])).write(to: dir + "/dbs.tsv")
    let r = try CLIRunner.run(["fit", "-o", dir + "/out", dir + "/dbs.tsv", "--bootstrap", "0"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let exposures = try ExposureTable.read(path: dir + "/out/exposures.tsv")
    #expect(exposures.signatureNames == dbs.names)
    #expect(exposures.values[0, dbs.names.firstIndex(of: "DBS2")!] > 450)
  }

  @Test("a zero-mutation sample warns and gets NA statistics")
  func zeroSample() throws {
    let dir = Fixtures.temporaryDirectory()
    var m = Matrix(rows: 96, columns: 2)
    m[0, 0] = 10; m[40, 0] = 5
    try MutationCatalog(mutationClass: .sbs96, sampleNames: ["t1", "empty"], counts: m).write(to: dir + "/c.tsv")
    let r = try CLIRunner.run(["fit", "-o", dir + "/out", dir + "/c.tsv", "--bootstrap", "5"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("[sigil] warning: sample 'empty' has no mutations: exposures 0, cosine and KL NA"))
    let stats = try String(contentsOfFile: dir + "/out/fit_stats.tsv", encoding: .utf8)
    #expect(stats.contains("\nempty\t0\tNA\tNA\t0\t0\tNA\n"))
    // The warning is recorded in run.json and shown again in the report.
    let runJSON = try String(contentsOfFile: dir + "/out/run.json", encoding: .utf8)
    #expect(runJSON.contains("\"warnings\" : [\n    \"sample 'empty' has no mutations: exposures 0, cosine and KL NA\""))
    let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
    #expect(html.contains("sample &#39;empty&#39; has no mutations") || html.contains("sample 'empty' has no mutations"))
  }

  @Test("--bootstrap 0 writes NA intervals without a report warning; run.json names the exact reference table")
  func noBootstrap() throws {
    let dir = Fixtures.temporaryDirectory()
    var m = Matrix(rows: 96, columns: 1)
    for i in 0..<96 { m[i, 0] = Double(i % 7) }
    try MutationCatalog(mutationClass: .sbs96, sampleNames: ["t1"], counts: m).write(to: dir + "/c.tsv")
    let r = try CLIRunner.run(["fit", "-o", dir + "/out", dir + "/c.tsv", "--bootstrap", "0", "--genome", "GRCh38", "--exome"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("exposures_ci.tsv"), "\(r.stderr)")
    let runJSON = try String(contentsOfFile: dir + "/out/run.json", encoding: .utf8)
    #expect(runJSON.contains("COSMIC_v3.4_SBS_GRCh38_exome.txt\""))
    #expect(runJSON.contains("\"exome\" : \"true\""))
  }

  @Test("--help lists the fit options")
  func help() throws {
    let r = try CLIRunner.run(["fit", "--help"])
    #expect(r.exitCode == 0)
    for option in ["--reference", "--genome", "--exome", "--signatures", "--include", "--exclude", "--method", "--bootstrap", "--threads", "--seed"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }
}
