import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// Every option value is checked before any work: a bad value exits 64 (usage), names the option,
/// and leaves no output folder (issues #13, #14, #19).
@Suite("usage errors") struct UsageCLITests {
  /// A small SBS96 catalog of `samples` samples, written into `dir`.
  static func catalog(in dir: String, samples: Int = 4) throws -> String {
    let names = (1...samples).map { "S\($0)" }
    let columns = names.indices.map { j in (0..<96).map { i in Double((i * 7 + j * 13) % 50 + 1) } }
    let path = dir + "/catalog.tsv"
    try MutationCatalog(mutationClass: .sbs96, sampleNames: names, counts: Matrix(rows: 96, columns: columns)).write(to: path)
    return path
  }

  /// (arguments after the command's fixed ones, fragment of the message).
  static let cases: [(command: String, arguments: [String], message: String)] = [
    ("fit", ["--genome", "GRCh99"], "GRCh99"),
    ("fit", ["--reference", "cosmic-v9"], "cosmic-v9"),
    ("fit", ["--threads", "-1"], "--threads must be at least 1 (got -1)"),
    ("fit", ["-j", "0"], "--threads must be at least 1 (got 0)"),
    ("fit", ["--method", "lasso"], "lasso"),
    ("fit", ["--bootstrap", "-1"], "--bootstrap must be >= 0"),
    ("fit", ["--add-threshold", "-1"], "thresholds must be finite"),
    ("fit", ["--add-threshold", "1", "--remove-threshold", "2"], "must not exceed the add threshold"),
    ("fit", ["--seed", "-1"], "--seed"),
    ("fit", ["--include", ","], "--include names no signature"),
    ("extract", ["--tolerance", "-1"], "--tolerance must be a finite number >= 0 (got -1.0)"),
    ("extract", ["--max-iterations", "0"], "--max-iterations must be at least 1"),
    ("extract", ["--cv-fraction", "2"], "--cv-fraction must be in (0, 1/folds]"),
    ("extract", ["--cv-folds", "-1"], "--cv-folds must be >= 0"),
    ("extract", ["--cv-restarts", "0"], "--cv-restarts must be at least 1"),
    ("extract", ["--restarts", "0"], "--restarts must be at least 1"),
    ("extract", ["--ranks", "3..2"], "--ranks"),
    ("extract", ["--ranks", "0..3"], "--ranks must start at 1"),
    ("extract", ["--rank", "6", "--ranks", "2..5"], "--rank 6 is outside --ranks 2..5"),
    ("extract", ["--rank", "0"], "--rank must be at least 1"),
    ("extract", ["--restarts", "10", "--restarts-range", "5..10"], "goes past the 10 restarts"),
    ("extract", ["--restart-filter", "-1"], "--restart-filter must be a finite number >= 0"),
    ("extract", ["--consensus-filter", "-0.5"], "--consensus-filter must be a finite number >= 0"),
    ("extract", ["--rank-selection", "best"], "best"),
    ("extract", ["--objective", "l2"], "l2"),
    ("extract", ["--initialization", "svd"], "svd"),
    ("extract", ["--genome", "GRCh99"], "GRCh99"),
    ("extract", ["--threads", "-1"], "--threads must be at least 1"),
    ("merge", ["-j", "0"], "--threads must be at least 1"),
    ("simulate", ["--samples", "0"], "--samples must be at least 1"),
    ("simulate", ["--burden-median", "-5"], "--burden-median must be > 0"),
    ("simulate", ["--burden-spread", "-1"], "--burden-spread must be >= 0"),
    ("simulate", ["--concentration", "0"], "--concentration must be > 0"),
    ("simulate", ["--optional-probability", "2"], "--optional-probability must be in [0, 1]"),
    ("simulate", ["--dispersion", "0"], "--dispersion must be > 0"),
    ("simulate", ["--indel-fraction", "0"], "--indel-fraction must be > 0"),
    ("simulate", ["--noise", "gauss"], "gauss"),
    ("simulate", ["--active", "SBS1", "--optional", "SBS1"], "listed twice"),
    ("simulate", ["--reference", "cosmic-v9"], "cosmic-v9"),
    ("simulate", ["--indel-signatures", "x.tsv"], "--indel-signatures needs --indels"),
    ("simulate", ["--indels", "--indel-active", "ID1", "--indel-optional", "ID1"], "listed twice in --indel-active"),
    ("fit", ["--exome", "--signatures", "x.tsv"], "--exome picks a bundled table"),
    ("extract-merge", ["--merge", "b1", "--ranks", "2..3"], "--merge takes the ranks"),
    ("count", ["--samples", ","], "--samples names no sample"),
    ("count", ["--rules", "loose"], "loose"),
    ("report", ["--max-profiles", "-1"], "--max-profiles must be at least 0 (got -1)"),
    ("extract", ["--ranks", "-1..3"], "--ranks must start at 1 or more (got -1..3)"),
    ("extract", ["--restarts-range", "-2..3"], "--restarts-range must start at 0 or more"),
    ("count", ["--max-ref-mismatch", "2"], "--max-ref-mismatch must be in [0, 1]"),
    ("count", ["--samples", "A", "--samples-file", "f.txt"], "not both"),
    ("count", ["--threads", "-1"], "--threads must be at least 1"),
  ]

  @Test("a bad option value exits 64 before any work, names the option and writes nothing",
        arguments: cases.indices)
  func badValue(_ i: Int) throws {
    let (command, arguments, message) = Self.cases[i]
    let dir = Fixtures.temporaryDirectory()
    let catalog = try Self.catalog(in: dir)
    let out = dir + "/out"
    let fixed: [String]
    switch command {
    case "fit", "extract": fixed = [command, "-o", out, catalog]
    case "merge": fixed = [command, "-o", out, catalog]
    case "extract-merge": fixed = ["extract", "-o", out]
    case "count": fixed = [command, "-o", out, "--reference-fasta", dir + "/ref.fa", dir + "/calls.vcf"]
    case "report": fixed = [command, dir]
    default: fixed = [command, "-o", out]
    }
    let r = try CLIRunner.run(fixed + arguments)
    #expect(r.exitCode == 64, "\(command) \(arguments): exit \(r.exitCode), \(r.stderr)")
    #expect(r.stderr.contains(message), "\(command) \(arguments): \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "\(command) \(arguments) left \(out)")
  }

  @Test("-o - is refused (exit 64) by every command that writes a folder, and streams count's SBS96 catalog")
  func stdoutOutput() throws {
    let dir = Fixtures.temporaryDirectory()
    let catalog = try Self.catalog(in: dir)
    for arguments in [["fit", "-o", "-", catalog], ["extract", "-o", "-", catalog], ["merge", "-o", "-", catalog],
                      ["simulate", "-o", "-"]] {
      let r = try CLIRunner.run(arguments, in: dir)
      #expect(r.exitCode == 64, "\(arguments): \(r.stderr)")
      #expect(r.stderr.contains("-o - (stdout) is only for sigil count"), "\(arguments): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: dir + "/-"), "\(arguments) created a folder named -")
    }
  }

  @Test("-o must name a folder: . and .. are refused")
  func dotFolders() throws {
    let dir = Fixtures.temporaryDirectory()
    let catalog = try Self.catalog(in: dir)
    for o in [".", "..", dir + "/."] {
      let r = try CLIRunner.run(["merge", "-o", o, catalog], in: dir)
      #expect(r.exitCode == 64, "-o \(o): \(r.stderr)")
    }
  }

  @Test("-j is accepted by every command")
  func threadsEverywhere() throws {
    let dir = Fixtures.temporaryDirectory()
    let catalog = try Self.catalog(in: dir)
    let r1 = try CLIRunner.run(["merge", "-q", "-j", "2", "-o", dir + "/m", catalog])
    #expect(r1.exitCode == 0, "\(r1.stderr)")
    let r2 = try CLIRunner.run(["simulate", "-q", "-j", "2", "-o", dir + "/s", "--samples", "2"])
    #expect(r2.exitCode == 0, "\(r2.stderr)")
    let r3 = try CLIRunner.run(["report", "-q", "-j", "2", dir + "/m"])
    #expect(r3.exitCode == 0, "\(r3.stderr)")
  }

  @Test("default ranks are capped by the catalog with a note; one sample never suggests --ranks 2..1")
  func defaultRankCap() throws {
    let dir = Fixtures.temporaryDirectory()
    let catalog = try Self.catalog(in: dir, samples: 3)
    let r = try CLIRunner.run(["extract", "-o", dir + "/out", catalog, "--restarts", "2", "--cv-folds", "0", "--no-report"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("ranks 2..3: the default 2..10 capped"), "\(r.stderr)")
    let one = Fixtures.temporaryDirectory()
    let single = try Self.catalog(in: one, samples: 1)
    let s = try CLIRunner.run(["extract", "-o", one + "/out", single, "--restarts", "2"])
    #expect(s.exitCode == 1, "\(s.stderr)")
    #expect(!s.stderr.contains("2..1"), "\(s.stderr)")
    #expect(s.stderr.contains("only --rank 1 is possible"), "\(s.stderr)")
    #expect(!FileManager.default.fileExists(atPath: one + "/out"))
  }
}
