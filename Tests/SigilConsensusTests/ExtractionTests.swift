import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilNMF
import SigilTestSupport
@testable import SigilConsensus

@Suite("Saved restarts round-trip exactly") struct RestartStoreTests {
  @Test("writing and reading a restart file gives identical doubles", arguments: 0..<3 as Range<UInt64>)
  func roundTrip(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let records = (0..<3).map { i in
      RestartRecord(rank: 2, index: 10 + i,
                    w: Matrix(rows: 96, columns: 2, values: (0..<192).map { _ in rng.nextUniform() * 1e-3 }),
                    h: Matrix(rows: 2, columns: 5, values: (0..<10).map { _ in rng.nextUniform() * 1e4 }),
                    objective: rng.nextUniform() * 1e5, iterations: 100 + i, converged: i != 1)
    }
    let dir = Fixtures.temporaryDirectory()
    let path = dir + "/" + RestartStore.fileName(rank: 2, range: 10..<13)
    #expect(RestartStore.fileName(rank: 2, range: 10..<13) == "k02_r0010-0012.tsv")
    try AtomicFile.write(RestartStore.text(records, rank: 2, channels: 96, samples: 5), to: path)
    #expect(try RestartStore.read(path: path) == records, "seed \(seed)")
  }

  @Test("a truncated restart line is reported with file and line")
  func malformed() throws {
    let dir = Fixtures.temporaryDirectory()
    let path = dir + "/k02.tsv"
    try AtomicFile.write("#sigil-restarts\t1\n#rank\t2\tchannels\t96\tsamples\t5\nrestart\tobjective\titerations\tconverged\tvalues\n0\t1\t2\t1\t0.5\n", to: path)
    #expect(throws: ConsensusError.malformedRestartFile(path: path, line: 4, reason: "expected 206 fields for rank 2, 96 channels, 5 samples; found 5")) {
      try RestartStore.read(path: path)
    }
  }
}

@Suite("Cross-validation folds") struct CrossValidationTests {
  @Test("held-out sets are disjoint, of the requested size, and depend on the seed only")
  func masks() throws {
    let cv = try CrossValidation(fraction: 0.1, folds: 3, restarts: 1)
    let masks = cv.heldOut(entries: 960, seed: 7)
    #expect(masks.count == 3)
    for m in masks { #expect(m.filter { $0 }.count == 96) }
    for i in 0..<960 { #expect(masks.map { $0[i] ? 1 : 0 }.reduce(0, +) <= 1) }
    #expect(masks == cv.heldOut(entries: 960, seed: 7))
    #expect(masks != cv.heldOut(entries: 960, seed: 8))
  }

  @Test("invalid plans are refused with the option name")
  func invalid() {
    #expect(throws: ConsensusError.invalidParameter("--cv-fraction must be in (0, 1/folds] so held-out sets are disjoint (got 0.5 with 3 folds)")) {
      try CrossValidation(fraction: 0.5, folds: 3, restarts: 1)
    }
  }
}

@Suite("Rank selection rules") struct RankSelectionTests {
  private func stats(_ k: Int, mean: Double?, min: Double?, coph: Double?, cv: Double?, se: Double? = 0) -> RankStatistics {
    RankStatistics(rank: k, restarts: 10, keptRestarts: 10, consensusRestarts: 10, convergedRestarts: 10, bestObjective: 1, cophenetic: coph,
                   dispersion: 1, meanStability: mean, minimumStability: min, signatureStabilities: nil,
                   kullbackLeibler: 1, relativeFrobenius: 0.1, meanCosine: 0.99, minimumCosine: 0.9,
                   crossValidationDeviance: cv, crossValidationStandardError: se)
  }

  @Test("stability: the largest rank with mean >= 0.8, min >= 0.2 and mean + min >= 1")
  func stability() {
    let s = [stats(2, mean: 0.99, min: 0.98, coph: 1, cv: 5), stats(3, mean: 0.95, min: 0.9, coph: 0.99, cv: 3),
             stats(4, mean: 0.85, min: 0.1, coph: 0.97, cv: 2.9), stats(5, mean: 0.7, min: 0.5, coph: 0.9, cv: 3.1)]
    #expect(RankSelection.select(s, method: .stability).rank == 3)
    // Cophenetic: drops 0.01, 0.02, 0.07 -> the rank before the largest drop is 4.
    #expect(RankSelection.select(s, method: .cophenetic).rank == 4)
    // CV: minimum 2.9 at k=4.
    #expect(RankSelection.select(s, method: .cv).rank == 4)
    // Auto: min(stability 3, cv 4) = 3; at low counts (0.5 per entry) stability alone (3).
    let auto = RankSelection.select(s, method: .auto, meanCount: 10)
    #expect(auto.rank == 3)
    #expect(auto.reason.contains("k=3: min stability 0.9, mean stability 0.95, cophenetic 0.99, CV deviance 3; k=4: min stability 0.1"))
    let cvFirst = [stats(2, mean: 1, min: 1, coph: 1, cv: 5), stats(3, mean: 1, min: 1, coph: 1, cv: 2),
                   stats(4, mean: 0.9, min: 0.8, coph: 1, cv: 4)]
    #expect(RankSelection.select(cvFirst, method: .auto, meanCount: 10).rank == 3)
    let sparse = RankSelection.select(cvFirst, method: .auto, meanCount: 0.5)
    #expect(sparse.rank == 4)
    #expect(sparse.reason.hasPrefix("0.5 mutations per catalog entry (< 2): held-out deviance is noise-dominated, rank by stability"))
  }

}

@Suite("Reference matching") struct ReferenceMatchingTests {
  @Test("a COSMIC signature matches itself; a 60/40 SBS2/SBS13 mixture decomposes into both")
  func decomposition() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let sbs1 = try cosmic.selecting(["SBS1"], path: "COSMIC").matrix.column(0)
    let m1 = ReferenceMatching.match(signature: sbs1, name: "X", reference: cosmic)
    #expect(m1.bestMatch == "SBS1" && m1.bestCosine > 0.9999999 && m1.decompositionText == "SBS1:1" && !m1.isNovel)
    let pair = try cosmic.selecting(["SBS2", "SBS13"], path: "COSMIC").matrix
    let mixture = (0..<96).map { 0.6 * pair[$0, 0] + 0.4 * pair[$0, 1] }
    let m2 = ReferenceMatching.match(signature: mixture, name: "Y", reference: cosmic)
    #expect(m2.components.map(\.name) == ["SBS2", "SBS13"])
    #expect(abs(m2.components[0].weight - 0.6) < 1e-6)
    #expect(m2.decompositionCosine > 0.999999)
    // A flat signature is far from every single COSMIC signature but SBS5/SBS40-like decompositions
    // can still reach it; a spiky one-channel signature cannot: novel.
    var spike = [Double](repeating: 0, count: 96); spike[17] = 1
    #expect(ReferenceMatching.match(signature: spike, name: "Z", reference: cosmic).isNovel)
  }

  @Test("shares_with: a decomposition component that another extracted signature represents")
  func sharedComponents() throws {
    // Signature D = 0.7·SBS13 + 0.3·SBS1 (SBS1 bled in), A = SBS1, B = 0.95·SBS5 + 0.05·SBS1 (below
    // the 0.1 weight floor), C = 0.6·SBS2 + 0.4·SBS13 (SBS13 is C's own second component and D's
    // best match: shared with D).
    let cosmic = try Fixtures.cosmicSBS96()
    func mix(_ parts: [(String, Double)]) throws -> [Double] {
      let m = try cosmic.selecting(parts.map(\.0), path: "COSMIC").matrix
      return (0..<96).map { i in parts.indices.reduce(0) { $0 + parts[$1].1 * m[i, $1] } }
    }
    let signatures: [(String, [Double])] = [
      ("A", try mix([("SBS1", 1)])), ("B", try mix([("SBS5", 0.95), ("SBS1", 0.05)])),
      ("C", try mix([("SBS2", 0.6), ("SBS13", 0.4)])), ("D", try mix([("SBS13", 0.7), ("SBS1", 0.3)])),
    ]
    let matches = signatures.map { ReferenceMatching.match(signature: $0.1, name: $0.0, reference: cosmic) }
    #expect(matches.map(\.bestMatch) == ["SBS1", "SBS5", "SBS2", "SBS13"])
    let shared = ReferenceMatching.sharedComponents(matches)
    #expect(shared[0].isEmpty && shared[1].isEmpty)
    #expect(shared[2].map(\.signature) == ["D"] && shared[2].map(\.reference) == ["SBS13"])
    #expect(shared[3].map(\.signature) == ["A"] && abs(shared[3][0].weight - 0.3) < 1e-6)
    let table = ExtractionOutput.referenceMatch(matches, stabilities: nil)
    #expect(table.hasPrefix("Signature\tstability\tbest_match\tbest_cosine\tdecomposition\tdecomposition_cosine\tnovel\tshares_with\n"))
    #expect(table.split(separator: "\n")[1].hasSuffix("\tnone"))
  }
}

@Suite("Extraction on planted cohorts") struct ExtractionRecoveryTests {
  @Test("a Poisson-noised 3-signature cohort: rank 3 chosen, every signature recovered, threads do not matter")
  func planted() throws {
    // Optional signatures (probability 0.6) leave samples without each signature, which makes the
    // factorisation identifiable (see Docs/Methods-extract.md, "failures": a signature present in
    // every sample can absorb part of another).
    let cosmic = try Fixtures.cosmicSBS96()
    let plan0 = try SimulationPlan(signatures: cosmic, alwaysActive: [], optional: ["SBS1", "SBS13", "SBS18"],
                                   optionalProbability: 0.6, sampleCount: 20, burdenMedian: 3000, burdenSpread: 0.3)
    var rng = SeededGenerator(seed: 11)
    let cohort = plan0.simulate(using: &rng)
    let plan = RestartPlan(ranks: [2, 3, 4], restarts: 6, seed: 5, configuration: try NMFConfiguration())
    let analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: try CrossValidation(folds: 2, restarts: 1),
                                selection: .auto, fixedRank: nil, reference: nil)
    var outputs: [String] = []
    for threads in [1, 3] {
      let restarts = try Extraction.runRestarts(catalog: cohort.catalog.counts, plan: plan, range: 0..<6, threads: threads)
      let result = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: plan, analysis: analysis, threads: threads)
      #expect(result.decision.rank == 3, "\(result.decision.reason)")
      let w = try #require(result.solutions[3]).signatures
      for t in 0..<3 {
        let best = (0..<3).map { cosineSimilarity(w.column($0), cohort.signatures.matrix.column(t)) }.max()!
        #expect(best >= Tolerance.noisyRecovery, "true signature \(cohort.signatures.names[t]): best cosine \(best)")
      }
      outputs.append(ExtractionOutput.rankSelection(result.statistics))
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test("a grown span reuses the smaller span's solutions and matches and gives what a fresh analysis gives")
  func grownSpan() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let simulation = try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS5"], optional: ["SBS1", "SBS13", "SBS18"],
                                        optionalProbability: 0.5, sampleCount: 16, burdenMedian: 2000, burdenSpread: 0.3)
    var rng = SeededGenerator(seed: 3)
    let cohort = simulation.simulate(using: &rng)
    let configuration = try NMFConfiguration()
    let analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: try CrossValidation(folds: 2, restarts: 1),
                                selection: .auto, fixedRank: nil, reference: cosmic, resolveBleeding: true)
    let small = RestartPlan(ranks: [2, 3], restarts: 4, seed: 9, configuration: configuration)
    let grown = RestartPlan(ranks: [2, 3, 4], restarts: 4, seed: 9, configuration: configuration)
    let restarts = try Extraction.runRestarts(catalog: cohort.catalog.counts, plan: grown, range: 0..<4, threads: 2)
    let first = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: small, analysis: analysis, threads: 2)
    var folds: [Int: [Double]] = [:], sizes: [Int: Double] = [:]
    for s in first.statistics { folds[s.rank] = s.crossValidationFoldDeviances; sizes[s.rank] = s.crossValidationSize }
    let reused = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: grown, analysis: analysis, threads: 2,
                                        knownFolds: folds, knownSizes: sizes, known: first)
    let fresh = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: grown, analysis: analysis, threads: 1)
    #expect(reused.analysed.keys.sorted() == [2, 3, 4])
    #expect(reused.statistics == fresh.statistics)
    #expect(reused.decision.rank == fresh.decision.rank && reused.decision.reason == fresh.decision.reason)
    for k in [2, 3, 4] {
      #expect(reused.solutions[k]?.signatures == fresh.solutions[k]?.signatures, "k=\(k)")
      #expect(reused.solutions[k]?.exposures == fresh.solutions[k]?.exposures, "k=\(k)")
      #expect(reused.matches[k] == fresh.matches[k], "k=\(k)")
      #expect(reused.bleedingResolutions[k] == fresh.bleedingResolutions[k], "k=\(k)")
    }
    #expect(ExtractionOutput.rankSelection(reused.statistics) == ExtractionOutput.rankSelection(fresh.statistics))
  }

  @Test("bad ranks and all-zero catalogs are explained")
  func errors() throws {
    #expect(throws: ConsensusError.rankTooLarge(rank: 5, samples: 3, channels: 96)) {
      try Extraction.validate(ranks: [2, 3, 4, 5], samples: 3, channels: 96)
    }
    #expect(ConsensusError.rankTooLarge(rank: 5, samples: 3, channels: 96).description
      == "rank 5 is larger than the catalog allows: it has 3 sample(s) with mutations and 96 channels, so ranks must be at most 3 (use e.g. --ranks 2..3)")
    let zero = MutationCatalog(mutationClass: .sbs96, sampleNames: ["A", "B"])
    #expect(throws: ConsensusError.noSamples) { try Extraction.excludingZeroSamples(zero) }
    var m = Matrix(rows: 96, columns: 3)
    m[0, 0] = 1; m[5, 2] = 2
    let (kept, excluded) = try Extraction.excludingZeroSamples(MutationCatalog(mutationClass: .sbs96, sampleNames: ["A", "B", "C"], counts: m))
    #expect(kept.sampleNames == ["A", "C"] && excluded == ["B"])
  }

  @Test("signature names run A..Z then AA")
  func names() {
    let n = RankAnalysis.signatureNames(prefix: "SBS96", count: 28)
    #expect(n.prefix(2) == ["SBS96A", "SBS96B"] && n[25] == "SBS96Z" && n[26] == "SBS96AA" && n[27] == "SBS96AB")
  }
}
