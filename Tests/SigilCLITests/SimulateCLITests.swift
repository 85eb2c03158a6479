import Foundation
import Testing
import SigilCore
import SigilTestSupport

@Suite("sigil simulate and CLI conventions") struct SimulateCLITests {
  @Test("--version prints the bare version on stdout")
  func version() throws {
    let r = try CLIRunner.run(["--version"])
    #expect(r.exitCode == 0)
    #expect(r.stdout == SigilVersion.current + "\n")
  }

  @Test("simulate writes the four files, deterministically for a seed")
  func simulate() throws {
    let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory()
    for dir in [a, b] {
      let r = try CLIRunner.run(["simulate", "-o", dir, "--samples", "12", "--seed", "9", "--active", "SBS1,SBS5", "--optional", "SBS13"])
      #expect(r.exitCode == 0, "\(r.stderr)")
      #expect(r.stdout.isEmpty)
      #expect(r.stderr.hasPrefix("[sigil] simulated 12 samples"))
    }
    for name in ["catalog.tsv", "truth_signatures.tsv", "truth_exposures.tsv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
      #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))), "\(name) differs between identical runs")
    }
    let catalog = try MutationCatalog.read(path: a + "/catalog.tsv")
    #expect(catalog.sampleCount == 12)
    let runJSON = try String(contentsOfFile: a + "/run.json", encoding: .utf8)
    #expect(runJSON.contains("\"seed\" : 9"))
  }

  @Test("usage errors exit 64; data errors exit 1 with a [sigil]-style message")
  func exitCodes() throws {
    let dir = Fixtures.temporaryDirectory()
    let usage = try CLIRunner.run(["simulate", "-o", dir, "--noise", "loud"])
    #expect(usage.exitCode == 64)
    #expect(usage.stderr.contains("The value 'loud' is invalid for '--noise <noise>'. Please provide one of 'none', 'poisson', 'nb' or 'negative-binomial'."))
    let data = try CLIRunner.run(["simulate", "-o", dir, "--active", "SBS999"])
    #expect(data.exitCode == 1)
    #expect(data.stderr.contains("unknown signature(s) SBS999"))
    let missing = try CLIRunner.run(["simulate", "-o", dir, "--signatures", "/nonexistent.tsv"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("/nonexistent.tsv: cannot open: no such file"))
  }

  @Test("--indels without --vcf writes the ID83 files only; bad ID options are reported")
  func indelsWithoutVCF() throws {
    let dir = Fixtures.temporaryDirectory()
    let r = try CLIRunner.run(["simulate", "-q", "-o", dir, "--samples", "4", "--seed", "2", "--indels", "--indel-optional", ""])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let catalog = try MutationCatalog.read(path: dir + "/catalog.id83.tsv")
    #expect(catalog.mutationClass == .id83 && catalog.sampleNames == ["S1", "S2", "S3", "S4"])
    let exposures = try String(contentsOfFile: dir + "/truth_exposures.id83.tsv", encoding: .utf8)
    #expect(exposures.hasPrefix("Sample\tID1\tID2\n"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/vcf"))
    let unknown = try CLIRunner.run(["simulate", "-o", dir, "--indels", "--indel-active", "ID999"])
    #expect(unknown.exitCode == 1)
    #expect(unknown.stderr.contains("unknown signature(s) ID999"))
    let fraction = try CLIRunner.run(["simulate", "-o", dir, "--indels", "--indel-fraction", "0"])
    #expect(fraction.exitCode == 64)
    #expect(fraction.stderr.contains("--indel-fraction must be > 0 (got 0.0)"))
    let table = try CLIRunner.run(["simulate", "-o", dir + "/id", "--indels", "--indel-signatures", dir + "/truth_signatures.tsv"])
    #expect(table.exitCode == 1, "a table of the wrong class is a data error")
    #expect(table.stderr.contains("--indel-signatures must be an ID83 table (got SBS96)"))
  }
}
