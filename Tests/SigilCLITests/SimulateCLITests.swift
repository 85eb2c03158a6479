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
    #expect(usage.stderr.contains("--noise must be none, poisson or nb (got 'loud')"))
    let data = try CLIRunner.run(["simulate", "-o", dir, "--active", "SBS999"])
    #expect(data.exitCode == 1)
    #expect(data.stderr.contains("unknown signature(s) SBS999"))
    let missing = try CLIRunner.run(["simulate", "-o", dir, "--signatures", "/nonexistent.tsv"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("/nonexistent.tsv: cannot open: no such file"))
  }
}
