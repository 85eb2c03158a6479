import Foundation
import Testing
import SigilCore
import SigilTestSupport

@Suite("sigil extract --min-volume") struct MinimumVolumeCLITests {
  @Test("--min-volume / --no-min-volume / default: run.json and the log say which; the refinement changes the signatures")
  func minimumVolume() throws {
    let dir = Fixtures.temporaryDirectory("sigil-extract-sim")
    #expect(try CLIRunner.run(["simulate", "-o", dir, "--samples", "12", "--seed", "3", "--active", "SBS1,SBS5", "--optional", "SBS13",
                               "--optional-probability", "0.5", "--noise", "nb", "--dispersion", "5"]).exitCode == 0)
    let args = ["--rank", "3", "--restarts", "4", "--cv-folds", "0", "--max-iterations", "400", "--no-report"]
    let plain = Fixtures.temporaryDirectory(), off = Fixtures.temporaryDirectory(), on = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", plain, dir + "/catalog.tsv"] + args).exitCode == 0)
    #expect(try CLIRunner.run(["extract", "-o", off, dir + "/catalog.tsv", "--no-min-volume"] + args).exitCode == 0)
    let r = try CLIRunner.run(["extract", "-o", on, dir + "/catalog.tsv", "--min-volume"] + args)
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("minimum-volume refinement: yes (k=3, negative-binomial size "), "\(r.stderr)")
    let onRun = try String(contentsOfFile: on + "/run.json", encoding: .utf8)
    #expect(onRun.contains("\"min-volume\" : \"yes (k=3, negative-binomial size ") && onRun.contains("relative weight 0.1, weight ")
            && onRun.contains(" iterations, converged)"), "\(onRun)")
    #expect(try String(contentsOfFile: off + "/run.json", encoding: .utf8).contains("\"min-volume\" : \"no\""))
    // The default (Decision 0022): this NB r = 5 cohort opens the polish's gate, so the selected rank is refined as with --min-volume.
    let plainRun = try String(contentsOfFile: plain + "/run.json", encoding: .utf8)
    #expect(plainRun.contains("\"min-volume\" : \"auto: yes (k=3, negative-binomial size "), "\(plainRun)")
    func signatures(_ d: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: d + "/signatures.tsv")) }
    #expect(try signatures(plain) == signatures(on) && signatures(on) != signatures(off))
    // Without the polish the refinement keeps its divergence: r̂ is estimated for it (run.json says at what size).
    let unpolished = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", unpolished, dir + "/catalog.tsv", "--min-volume", "--no-nb-polish"] + args).exitCode == 0)
    let unpolishedRun = try String(contentsOfFile: unpolished + "/run.json", encoding: .utf8)
    #expect(unpolishedRun.contains("\"min-volume\" : \"yes (k=3, negative-binomial size ") && unpolishedRun.contains("\"nb-polish\" : \"no\""), "\(unpolishedRun)")
    let frobenius = try CLIRunner.run(["extract", "-o", Fixtures.temporaryDirectory(), dir + "/catalog.tsv", "--min-volume", "--objective", "frobenius"] + args)
    #expect(frobenius.exitCode == 64 && frobenius.stderr.contains("--min-volume"), "\(frobenius.stderr)")
  }
}
