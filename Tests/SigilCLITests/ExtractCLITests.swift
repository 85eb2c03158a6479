import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// End-to-end runs of `sigil extract` on a small simulated cohort (few restarts and ranks so the
/// debug build stays fast; recovery itself is tested in SigilConsensusTests and Docs).
@Suite("sigil extract") struct ExtractCLITests {
  /// Simulates a 12-sample cohort and returns its catalog path.
  private func cohort(samples: Int = 12) throws -> String {
    let dir = Fixtures.temporaryDirectory("sigil-extract-sim")
    let r = try CLIRunner.run(["simulate", "-o", dir, "--samples", "\(samples)", "--seed", "3",
                               "--active", "SBS1,SBS5", "--optional", "SBS13", "--optional-probability", "0.5"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    return dir + "/catalog.tsv"
  }

  private let quick = ["--ranks", "2..3", "--restarts", "4", "--cv-folds", "2", "--cv-restarts", "1", "--max-iterations", "400"]

  private func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".tsv") {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return out
  }

  @Test("writes the fixed file names; --threads 1 and 4 give identical bytes")
  func threads() throws {
    let catalog = try cohort()
    let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory()
    let ra = try CLIRunner.run(["extract", "-o", a, catalog, "--threads", "1"] + quick)
    let rb = try CLIRunner.run(["extract", "-o", b, catalog, "--threads", "4"] + quick)
    #expect(ra.exitCode == 0, "\(ra.stderr)")
    #expect(rb.exitCode == 0, "\(rb.stderr)")
    #expect(ra.stdout.isEmpty)
    #expect(ra.stderr.contains("[sigil] selected k="))
    let fa = try files(a), fb = try files(b)
    for name in ["signatures.tsv", "exposures.tsv", "rank_selection.tsv", "reference_match.tsv", "reconstruction.tsv"] {
      #expect(fa[name] != nil, "\(name) missing")
    }
    #expect(fa.keys.contains { $0.hasPrefix("consensus_k") })
    #expect(fa == fb, "outputs differ between --threads 1 and 4")
    #expect(FileManager.default.fileExists(atPath: a + "/run.json"))
    #expect(!FileManager.default.fileExists(atPath: a + "/restarts"))
    let selection = String(decoding: fa["rank_selection.tsv"]!, as: UTF8.self)
    #expect(selection.hasPrefix("rank\trestarts\tkept_restarts\tconsensus_restarts\tconverged_restarts\tbest_objective\tcophenetic\tdispersion\tmean_stability\tmin_stability\tsignature_stabilities\tkl\trelative_frobenius\tmean_cosine\tmin_cosine\tcv_deviance\tcv_standard_error\tcv_fold_deviances\tcv_nb_size\toverdispersion\tselected\n"))
    #expect(selection.split(separator: "\n").count == 3)
    let exposures = try ExposureTable.read(path: a + "/exposures.tsv")
    #expect(exposures.sampleNames.count == 12)
    #expect(exposures.signatureNames.first == "SBS96A")
  }

  @Test("--nb-polish / --no-nb-polish / default auto: run.json and the log say which and at what size; overdispersed counts change the signatures")
  func negativeBinomialPolish() throws {
    let dir = Fixtures.temporaryDirectory("sigil-extract-sim")
    #expect(try CLIRunner.run(["simulate", "-o", dir, "--samples", "12", "--seed", "3", "--active", "SBS1,SBS5", "--optional", "SBS13",
                               "--optional-probability", "0.5", "--noise", "nb", "--dispersion", "5"]).exitCode == 0)
    let plain = Fixtures.temporaryDirectory(), polished = Fixtures.temporaryDirectory(), auto = Fixtures.temporaryDirectory()
    let args = ["--rank", "3", "--restarts", "4", "--cv-folds", "0", "--max-iterations", "400", "--no-report"]
    #expect(try CLIRunner.run(["extract", "-o", plain, dir + "/catalog.tsv", "--no-nb-polish"] + args).exitCode == 0)
    let r = try CLIRunner.run(["extract", "-o", polished, dir + "/catalog.tsv", "--nb-polish"] + args)
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("negative-binomial polish: yes (negative-binomial size "), "\(r.stderr)")
    let a = try CLIRunner.run(["extract", "-o", auto, dir + "/catalog.tsv"] + args)
    #expect(a.exitCode == 0, "\(a.stderr)")
    #expect(a.stderr.contains("negative-binomial polish: auto: yes (cohort negative-binomial size "), "\(a.stderr)")
    let plainRun = try String(contentsOfFile: plain + "/run.json", encoding: .utf8)
    let polishedRun = try String(contentsOfFile: polished + "/run.json", encoding: .utf8)
    let autoRun = try String(contentsOfFile: auto + "/run.json", encoding: .utf8)
    #expect(plainRun.contains("\"nb-polish\" : \"no\""), "\(plainRun)")
    #expect(polishedRun.contains("\"nb-polish\" : \"yes (negative-binomial size "), "\(polishedRun)")
    // Simulated at r = 5, r̂ is below the gate's 15: the default polishes, as --nb-polish does.
    #expect(autoRun.contains("\"nb-polish\" : \"auto: yes (cohort negative-binomial size ") && autoRun.contains(" <= 15; k=3 polished at size "), "\(autoRun)")
    #expect(try files(plain)["signatures.tsv"] != files(polished)["signatures.tsv"])
    #expect(try files(auto)["signatures.tsv"] == files(polished)["signatures.tsv"])
    let frobenius = try CLIRunner.run(["extract", "-o", Fixtures.temporaryDirectory(), dir + "/catalog.tsv", "--nb-polish", "--objective", "frobenius"] + args)
    #expect(frobenius.exitCode == 64 && frobenius.stderr.contains("--nb-polish"), "\(frobenius.stderr)")
    // The default with the Frobenius objective: no polish, no error, and run.json says why.
    let frobeniusAuto = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", frobeniusAuto, dir + "/catalog.tsv", "--objective", "frobenius"] + args).exitCode == 0)
    let frobeniusRun = try String(contentsOfFile: frobeniusAuto + "/run.json", encoding: .utf8)
    #expect(frobeniusRun.contains("\"nb-polish\" : \"auto: no (objective frobenius)\""), "\(frobeniusRun)")
  }

  @Test("restart blocks merged with --merge give the same bytes as the whole run")
  func splitAndMerge() throws {
    let catalog = try cohort()
    let whole = Fixtures.temporaryDirectory(), p1 = Fixtures.temporaryDirectory(), p2 = Fixtures.temporaryDirectory()
    let merged = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", whole, catalog, "--save-restarts", "--all-ranks"] + quick).exitCode == 0)
    let b1 = try CLIRunner.run(["extract", "-o", p1, catalog, "--restarts-range", "0..2"] + quick)
    #expect(b1.exitCode == 0, "\(b1.stderr)")
    #expect(b1.stderr.contains("saved restarts 0..2 of ranks 2..3"))
    #expect(try CLIRunner.run(["extract", "-o", p2, catalog, "--restarts-range", "3..3", "--threads", "3"] + quick).exitCode == 0)
    let m = try CLIRunner.run(["extract", "-o", merged, "--merge", p2, p1, "--all-ranks", "--cv-folds", "2", "--cv-restarts", "1"])
    #expect(m.exitCode == 0, "\(m.stderr)")
    let fw = try files(whole), fm = try files(merged)
    #expect(!fw.isEmpty)
    #expect(fw == fm, "merged outputs differ from the whole run: \(fw.keys.filter { fw[$0] != fm[$0] }.sorted())")
    // The whole run's saved restarts are the two blocks' restarts, byte for byte.
    let wholeRestarts = try String(contentsOfFile: whole + "/restarts/k02_r0000-0003.tsv", encoding: .utf8)
    let part = try String(contentsOfFile: p1 + "/restarts/k02_r0000-0002.tsv", encoding: .utf8)
    #expect(wholeRestarts.hasPrefix(part))
  }

  @Test("(rank, restart block) jobs merged with --merge give the same bytes as the whole run")
  func splitByRankAndRestarts() throws {
    let catalog = try cohort()
    let whole = Fixtures.temporaryDirectory(), merged = Fixtures.temporaryDirectory()
    let rest = Array(quick.dropFirst(2))  // quick without its --ranks
    #expect(try CLIRunner.run(["extract", "-o", whole, catalog, "--all-ranks", "--no-report"] + quick).exitCode == 0)
    var blocks: [String] = []
    for (ranks, range) in [("2..2", "0..1"), ("2..2", "2..3"), ("3..3", "0..3")] {
      let dir = Fixtures.temporaryDirectory()
      let r = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", ranks, "--restarts-range", range] + rest)
      #expect(r.exitCode == 0, "\(r.stderr)")
      blocks.append(dir)
    }
    let m = try CLIRunner.run(["extract", "-o", merged, "--merge"] + blocks.reversed() + ["--all-ranks", "--no-report", "--cv-folds", "2", "--cv-restarts", "1"])
    #expect(m.exitCode == 0, "\(m.stderr)")
    let fw = try files(whole), fm = try files(merged)
    #expect(fw == fm, "merged outputs differ from the whole run: \(fw.keys.filter { fw[$0] != fm[$0] }.sorted())")
    // The blocks of rank 2 alone are a complete rank-2 run.
    let gap = try CLIRunner.run(["extract", "-o", Fixtures.temporaryDirectory(), "--merge", blocks[0], blocks[1], "--no-report"])
    #expect(gap.exitCode == 0, "rank 2 alone is complete: \(gap.stderr)")
  }

  @Test("an SBS1536 catalog (no COSMIC table ships) is extracted without matching, with a warning")
  func unmatchedClass() throws {
    let dir = Fixtures.temporaryDirectory("sigil-extract-1536")
    let sim = try CLIRunner.run(["simulate", "-q", "-o", dir + "/sim", "--samples", "6", "--burden-median", "800", "--seed", "5", "--vcf"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    let vcfs = try FileManager.default.contentsOfDirectory(atPath: dir + "/sim/vcf").filter { $0.hasSuffix(".vcf.gz") }.sorted()
    let count = try CLIRunner.run(["count", "-q", "-o", dir + "/counts", "--reference-fasta", dir + "/sim/reference.fa"]
                                  + vcfs.map { dir + "/sim/vcf/" + $0 })
    #expect(count.exitCode == 0, "\(count.stderr)")
    let r = try CLIRunner.run(["extract", "-o", dir + "/out", dir + "/counts/catalog.sbs1536.tsv", "--ranks", "2..3",
                               "--restarts", "4", "--cv-folds", "0", "--no-report"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("warning: no bundled reference signatures for SBS1536 catalogs: signatures are not matched"))
    #expect(try String(contentsOfFile: dir + "/out/signatures.tsv", encoding: .utf8).hasPrefix("MutationType\tSBS1536A\t"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/reference_match.tsv"))
    let run = try String(contentsOfFile: dir + "/out/run.json", encoding: .utf8)
    #expect(!run.contains("\"signatures\" :"))
  }

  @Test("resolving bleeding (the default) takes SBS1 out of the SBS13 it bled into (demo30 scenario, seed 7) and says so")
  func resolveBleeding() throws {
    // Docs/Methods-extract.md §5: at rank 5 this cohort's SBS13 signature is about 0.67·SBS13 + 0.33·SBS1.
    let dir = Fixtures.temporaryDirectory("sigil-extract-bleed")
    let sim = try CLIRunner.run(["simulate", "-q", "-o", dir + "/sim", "--seed", "7", "--samples", "30", "--active", "SBS1,SBS5",
                                 "--optional", "SBS2,SBS13,SBS3", "--burden-median", "2000"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    let common = [dir + "/sim/catalog.tsv", "--rank", "5", "--restarts", "20", "--cv-folds", "0", "--no-report"]
    let plain = try CLIRunner.run(["extract", "-o", dir + "/plain", "--no-resolve-bleeding"] + common)
    #expect(plain.exitCode == 0, "\(plain.stderr)")
    #expect(plain.stderr.contains("may be bleeding into it") && plain.stderr.contains("re-run without --no-resolve-bleeding"))
    let plainRun = try String(contentsOfFile: dir + "/plain/run.json", encoding: .utf8)
    #expect(plainRun.contains("\"resolve-bleeding\" : \"no\""))
    let r = try CLIRunner.run(["extract", "-o", dir + "/resolved", "--save-restarts"] + common)
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("resolved bleeding: took 3"), "\(r.stderr)")
    #expect(!r.stderr.contains("may be bleeding into it"))
    let matches = try String(contentsOfFile: dir + "/resolved/reference_match.tsv", encoding: .utf8).split(separator: "\n").dropFirst()
    let sbs13 = try #require(matches.first { $0.split(separator: "\t")[2] == "SBS13" })
    #expect(Double(sbs13.split(separator: "\t")[3])! > 0.99, "\(sbs13)")
    #expect(matches.allSatisfy { $0.hasSuffix("\tnone") })
    let run = try String(contentsOfFile: dir + "/resolved/run.json", encoding: .utf8)
    #expect(run.contains("\"resolve-bleeding\" : \"yes\"") && run.contains("\"bleeding-resolution\" : \"SBS96D: took 3"), "\(run)")
    // Only the flagged signature changes.
    let before = try SignatureSet.read(path: dir + "/plain/signatures.tsv"), after = try SignatureSet.read(path: dir + "/resolved/signatures.tsv")
    let changed = (0..<5).filter { before.matrix.column($0) != after.matrix.column($0) }
    #expect(changed.count == 1)
    // Restart blocks merged with --resolve-bleeding give the whole run's bytes.
    for (block, range) in [("b1", "0..11"), ("b2", "12..19")] {
      let b = try CLIRunner.run(["extract", "-o", dir + "/" + block, "--restarts-range", range] + common)
      #expect(b.exitCode == 0, "\(b.stderr)")
    }
    let m = try CLIRunner.run(["extract", "-o", dir + "/merged", "--merge", dir + "/b1", dir + "/b2", "--rank", "5", "--cv-folds", "0",
                               "--no-report"])
    #expect(m.exitCode == 0, "\(m.stderr)")
    let whole = try files(dir + "/resolved"), merged = try files(dir + "/merged")
    #expect(!whole.isEmpty && whole == merged, "merged differs: \(whole.keys.filter { whole[$0] != merged[$0] }.sorted())")
  }

  @Test("--rank with an explicit --ranks equal to the default still explores every rank")
  func rankWithExplicitDefaultRanks() throws {
    let catalog = try cohort()
    let dir = Fixtures.temporaryDirectory()
    let r = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "2..10", "--rank", "3", "--restarts", "2",
                               "--cv-folds", "0", "--max-iterations", "200", "--no-report"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let rows = try String(contentsOfFile: dir + "/rank_selection.tsv", encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.map { $0.split(separator: "\t")[0] } == ["2", "3", "4", "5", "6", "7", "8", "9", "10"])
    #expect(rows.filter { $0.hasSuffix("\tyes") }.map { $0.split(separator: "\t")[0] } == ["3"])
  }

  @Test("merge refuses incomplete or mismatched blocks")
  func mergeErrors() throws {
    let catalog = try cohort()
    let p1 = Fixtures.temporaryDirectory(), p3 = Fixtures.temporaryDirectory(), out = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", p1, catalog, "--restarts-range", "0..2"] + quick).exitCode == 0)
    let missing = try CLIRunner.run(["extract", "-o", out, "--merge", p1])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("cannot merge restart blocks: restarts 3..3 of rank 2 are in no block (the run has 4 restarts)"))
    #expect(try CLIRunner.run(["extract", "-o", p3, catalog, "--restarts-range", "3..3", "--seed", "99"] + quick).exitCode == 0)
    let seeds = try CLIRunner.run(["extract", "-o", out, "--merge", p1, p3])
    #expect(seeds.exitCode == 1)
    #expect(seeds.stderr.contains("the blocks were run with different settings: seed (20240229 in \(p1), 99 in \(p3))"))
    let notBlock = try CLIRunner.run(["extract", "-o", out + "-again", "--merge", out])
    #expect(notBlock.exitCode == 1)
    #expect(notBlock.stderr.contains("restarts/block.tsv: cannot open: no such file (is this a folder written with --save-restarts?)"))
  }

  @Test("--solver is part of a block's settings; a block.tsv without it (before #17) was plain MU")
  func mergeSolver() throws {
    let catalog = try cohort()
    let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory(), out = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", a, catalog, "--restarts-range", "0..1"] + quick).exitCode == 0)
    #expect(try CLIRunner.run(["extract", "-o", b, catalog, "--restarts-range", "2..3", "--solver", "mu"] + quick).exitCode == 0)
    let mixed = try CLIRunner.run(["extract", "-o", out, "--merge", a, b])
    #expect(mixed.exitCode == 1)
    #expect(mixed.stderr.contains("the blocks were run with different settings: solver (mu-extrapolated in \(a), mu in \(b))"))
    // Blocks of the opt-in schedule of Decision 0023 merge with each other, not with the default's.
    let x1 = Fixtures.temporaryDirectory(), x2 = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", x1, catalog, "--restarts-range", "0..1", "--solver", "mu-then-extrapolated"] + quick).exitCode == 0)
    #expect(try CLIRunner.run(["extract", "-o", x2, catalog, "--restarts-range", "2..3", "--solver", "mu-then-extrapolated"] + quick).exitCode == 0)
    let crossed = try CLIRunner.run(["extract", "-o", out + "-crossed", "--merge", a, x2])
    #expect(crossed.exitCode == 1)
    #expect(crossed.stderr.contains("solver (mu-extrapolated in \(a), mu-then-extrapolated in \(x2))"))
    let warm = try CLIRunner.run(["extract", "-o", out + "-warm", "--merge", x1, x2])
    #expect(warm.exitCode == 0, "\(warm.stderr)")
    // An older block: run with plain MU, its block.tsv written without the solver line.
    let old = Fixtures.temporaryDirectory()
    #expect(try CLIRunner.run(["extract", "-o", old, catalog, "--restarts-range", "0..1", "--solver", "mu"] + quick).exitCode == 0)
    let blockPath = old + "/restarts/block.tsv"
    let lines = try String(contentsOfFile: blockPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.contains("solver\tmu"))
    try lines.filter { $0 != "solver\tmu" }.joined(separator: "\n").write(toFile: blockPath, atomically: true, encoding: .utf8)
    let merged = try CLIRunner.run(["extract", "-o", out + "-old", "--merge", old, b])
    #expect(merged.exitCode == 0, "\(merged.stderr)")
  }

  @Test("bad input is explained: too few samples, ranks out of range, unreadable file, all-zero sample")
  func errors() throws {
    let catalog = try cohort(samples: 3)
    let dir = Fixtures.temporaryDirectory()
    let few = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "2..5", "--restarts", "2"])
    #expect(few.exitCode == 1)
    #expect(few.stderr.contains("rank 5 is larger than the catalog allows: it has 3 sample(s) with mutations and 96 channels, so ranks must be at most 3 (use e.g. --ranks 2..3)"))
    let zeroRank = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "0..3"])
    #expect(zeroRank.exitCode == 64)
    #expect(zeroRank.stderr.contains("--ranks must start at 1 or more (got 0..3)"))
    let reversed = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "4..2"])
    #expect(reversed.exitCode == 64)
    #expect(reversed.stderr.contains("The value '4..2' is invalid for '--ranks <ranks>'"))
    let garbage = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "two"])
    #expect(garbage.exitCode == 64)
    #expect(garbage.stderr.contains("The value 'two' is invalid for '--ranks <ranks>'"))
    let outside = try CLIRunner.run(["extract", "-o", dir, catalog, "--ranks", "2..3", "--rank", "5"])
    #expect(outside.exitCode == 64)
    #expect(outside.stderr.contains("--rank 5 is outside --ranks 2..3"))
    let range = try CLIRunner.run(["extract", "-o", dir, catalog, "--restarts", "10", "--restarts-range", "5..12"])
    #expect(range.exitCode == 64)
    #expect(range.stderr.contains("--restarts-range 5..12 goes past the 10 restarts (0..9)"))
    let missing = try CLIRunner.run(["extract", "-o", dir, "/nonexistent/catalog.tsv"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("/nonexistent/catalog.tsv: cannot open: no such file"))
    let selection = try CLIRunner.run(["extract", "-o", dir, catalog, "--rank-selection", "best"])
    #expect(selection.exitCode == 64)
    #expect(selection.stderr.contains("The value 'best' is invalid for '--rank-selection <rank-selection>'. Please provide one of 'auto', 'cophenetic', 'stability' or 'cv'."))

    // An all-zero sample is excluded with a warning and absent from the outputs.
    var table = try MutationCatalog.read(path: try cohort())
    var counts = table.counts
    for i in 0..<96 { counts[i, 4] = 0 }
    table = MutationCatalog(mutationClass: .sbs96, sampleNames: table.sampleNames, counts: counts)
    let zeroPath = dir + "/zero.tsv"
    try table.write(to: zeroPath)
    let out = Fixtures.temporaryDirectory()
    let z = try CLIRunner.run(["extract", "-o", out, zeroPath] + quick)
    #expect(z.exitCode == 0, "\(z.stderr)")
    #expect(z.stderr.contains("[sigil] warning: excluding 1 sample(s) with no mutations: S05"))
    #expect(try ExposureTable.read(path: out + "/exposures.tsv").sampleNames.contains("S05") == false)
  }
}
