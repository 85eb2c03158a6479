import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilNMF
import SigilTestSupport
@testable import SigilConsensus

@Suite("Extraction with --nb-polish") struct NegativeBinomialPolishExtractionTests {
  static func cohort(noise: SimulationPlan.Noise, seed: UInt64) throws -> SimulatedCohort {
    let plan = try SimulationPlan(signatures: try Fixtures.cosmicSBS96(), alwaysActive: ["SBS1"], optional: ["SBS13", "SBS18"],
                                  optionalProbability: 0.6, sampleCount: 20, burdenMedian: 3000, burdenSpread: 0.3, noise: noise)
    var rng = SeededGenerator(seed: seed)
    return plan.simulate(using: &rng)
  }

  @Test("overdispersed counts: the consensus is polished at r̂, lowers the NB divergence, and threads do not matter")
  func overdispersed() throws {
    let cohort = try Self.cohort(noise: .negativeBinomial(dispersion: 5), seed: 11)
    let v = cohort.catalog.counts
    let plan = RestartPlan(ranks: [3], restarts: 4, seed: 5, configuration: try NMFConfiguration())
    let restarts = try Extraction.runRestarts(catalog: v, plan: plan, range: 0..<4, threads: 2)
    let plain = try RankAnalysis.analyse(catalog: v, restarts: restarts[3]!, filter: RestartFilter(tolerance: nil), objective: .kullbackLeibler)
    let polished = try RankAnalysis.analyse(catalog: v, restarts: restarts[3]!, filter: RestartFilter(tolerance: nil),
                                            objective: .kullbackLeibler, negativeBinomialPolish: .on)
    #expect(plain.statistics.polishSize == nil)
    let r = try #require(polished.statistics.polishSize)
    // r̂ of the plain consensus; to the last bits only (OpenBLAS's kernels, chosen per CPU, may round differently).
    let plainSize = try #require(CohortDispersion.negativeBinomialSize(catalog: v, signatures: plain.signatures, exposures: plain.exposures))
    #expect(approximatelyEqual(r, plainSize, relative: Tolerance.kernel))
    #expect(r > 1 && r < 50, "estimated size \(r) for simulated r = 5")
    func nb(_ s: RankSolution) -> Double {
      NegativeBinomialPolish.divergence(v.values, BLAS.multiply(s.signatures, s.exposures).values, size: r)
    }
    #expect(nb(polished) < nb(plain))
    for c in 0..<3 { #expect(approximatelyEqual(polished.signatures.column(c).reduce(0, +), 1, relative: 1e-12)) }
    var tables: [String] = []
    for threads in [1, 3] {
      let analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: try CrossValidation(folds: 2, restarts: 1),
                                  selection: .auto, fixedRank: 3, reference: nil, negativeBinomialPolish: .on)
      let result = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: plan, analysis: analysis, threads: threads)
      #expect(result.solutions[3]!.signatures == polished.signatures)
      tables.append(ExtractionOutput.rankSelection(result.statistics))
    }
    #expect(tables[0] == tables[1])
  }

  @Test("the gate's re-finish from the consensus start is the fresh analysis, polish on or taken back, statistics included")
  func refinished() throws {
    let v = try Self.cohort(noise: .negativeBinomial(dispersion: 5), seed: 11).catalog.counts
    let plan = RestartPlan(ranks: [3], restarts: 4, seed: 5, configuration: try NMFConfiguration())
    let restarts = try Extraction.runRestarts(catalog: v, plan: plan, range: 0..<4, threads: 2)[3]!
    func analyse(_ mode: NegativeBinomialPolish.Mode) throws -> RankSolution {
      try RankAnalysis.analyse(catalog: v, restarts: restarts, filter: RestartFilter(tolerance: nil), objective: .kullbackLeibler, negativeBinomialPolish: mode)
    }
    let unpolished = try analyse(.auto), polished = try analyse(.on)
    #expect(polished.statistics.polishSize != nil && polished.signatures != unpolished.signatures)
    for (from, polishing, fresh) in [(unpolished, true, polished), (polished, false, unpolished)] {
      let again = RankAnalysis.refinished(from, polishing: polishing, catalog: v, objective: .kullbackLeibler)
      #expect(again.statistics == fresh.statistics, "polishing \(polishing)")
      #expect(again.signatures == fresh.signatures && again.exposures == fresh.exposures && again.sampleCosines == fresh.sampleCosines)
    }
  }

  static func extract(_ v: MutationCatalog, ranks: [Int], mode: NegativeBinomialPolish.Mode, threads: Int = 2) throws -> ExtractionResult {
    let plan = RestartPlan(ranks: ranks, restarts: 4, seed: 5, configuration: try NMFConfiguration())
    let restarts = try Extraction.runRestarts(catalog: v.counts, plan: plan, range: 0..<4, threads: threads)
    let analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: nil, selection: .auto,
                                fixedRank: ranks.last, reference: nil, negativeBinomialPolish: mode)
    return try Extraction.analyse(catalog: v, restarts: restarts, plan: plan, analysis: analysis, threads: threads)
  }

  @Test("the default gate: a cohort of size ≤ 15 is polished at every rank (as --nb-polish), a Poisson one at none")
  func autoGate() throws {
    let nb = try Self.cohort(noise: .negativeBinomial(dispersion: 5), seed: 11).catalog
    let on = try Self.extract(nb, ranks: [2, 3], mode: .on), auto = try Self.extract(nb, ranks: [2, 3], mode: .auto)
    let off = try Self.extract(nb, ranks: [2, 3], mode: .off)
    let sizes = auto.statistics.map(\.consensusSize)
    let cohort = try #require(NegativeBinomialPolish.cohortSize(sizes))
    #expect(cohort <= NegativeBinomialPolish.autoSizeBound, "simulated r = 5, estimated \(sizes)")
    for k in [2, 3] {
      #expect(auto.solutions[k]!.signatures == on.solutions[k]!.signatures && auto.solutions[k]!.exposures == on.solutions[k]!.exposures)
      #expect(auto.solutions[k]!.statistics.polishSize != nil && off.solutions[k]!.statistics.polishSize == nil)
      #expect(off.solutions[k]!.statistics.consensusSize == nil && off.solutions[k]!.signatures != auto.solutions[k]!.signatures)
    }
    #expect(ExtractionJob.polishDescription(auto, mode: .auto, objective: .kullbackLeibler).hasPrefix("auto: yes (cohort negative-binomial size "))

    // Poisson noise: rank 1 underfits three signatures and reads as overdispersed (r̂ small), but
    // the cohort's size is the largest over the ranks explored, so no rank is polished.
    let p = try Self.cohort(noise: .poisson, seed: 11).catalog
    let pAuto = try Self.extract(p, ranks: [1, 2, 3], mode: .auto), pOff = try Self.extract(p, ranks: [1, 2, 3], mode: .off)
    let low = try #require(pAuto.solutions[1]!.statistics.consensusSize)
    #expect(low <= NegativeBinomialPolish.autoSizeBound, "rank 1 of three signatures, r̂ \(low)")
    let pCohort = try #require(NegativeBinomialPolish.cohortSize(pAuto.statistics.map(\.consensusSize)))
    #expect(pCohort > 100, "Poisson counts, sizes \(pAuto.statistics.map(\.consensusSize))")
    for k in [1, 2, 3] {
      #expect(pAuto.solutions[k]!.statistics.polishSize == nil)
      #expect(pAuto.solutions[k]!.signatures == pOff.solutions[k]!.signatures && pAuto.solutions[k]!.exposures == pOff.solutions[k]!.exposures)
    }
    #expect(ExtractionJob.polishDescription(pAuto, mode: .auto, objective: .kullbackLeibler).hasPrefix("auto: no ("))
    // Threads do not change the gated result.
    let one = try Self.extract(nb, ranks: [2, 3], mode: .auto, threads: 1), three = try Self.extract(nb, ranks: [2, 3], mode: .auto, threads: 3)
    #expect(ExtractionOutput.rankSelection(one.statistics) == ExtractionOutput.rankSelection(three.statistics))
    #expect(one.solutions[3]!.signatures == three.solutions[3]!.signatures && one.solutions[3]!.exposures == three.solutions[3]!.exposures)
  }

  @Test("ranks reused from an analysis polished otherwise (a grown span) are analysed again, cross-validation too: as a fresh run")
  func reusedRanks() throws {
    let v = try Self.cohort(noise: .poisson, seed: 11).catalog
    let plan = RestartPlan(ranks: [1, 2, 3], restarts: 4, seed: 5, configuration: try NMFConfiguration())
    let restarts = try Extraction.runRestarts(catalog: v.counts, plan: plan, range: 0..<4, threads: 2)
    func analysis(_ mode: NegativeBinomialPolish.Mode) throws -> AnalysisPlan {
      AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: try CrossValidation(folds: 2, restarts: 1),
                   selection: .auto, fixedRank: nil, reference: nil, negativeBinomialPolish: mode)
    }
    let polished = try Extraction.analyse(catalog: v, restarts: restarts, plan: plan, analysis: analysis(.on), threads: 2)
    #expect(polished.solutions[1]!.statistics.polishSize != nil)
    var folds: [Int: [Double]] = [:], sizes: [Int: Double] = [:]
    for s in polished.statistics { folds[s.rank] = s.crossValidationFoldDeviances; sizes[s.rank] = s.crossValidationSize }
    let reused = try Extraction.analyse(catalog: v, restarts: restarts, plan: plan, analysis: analysis(.auto), threads: 2,
                                        knownFolds: folds, knownSizes: sizes, known: polished)
    let fresh = try Extraction.analyse(catalog: v, restarts: restarts, plan: plan, analysis: analysis(.auto), threads: 2)
    #expect(ExtractionOutput.rankSelection(reused.statistics) == ExtractionOutput.rankSelection(fresh.statistics))
    for k in [1, 2, 3] {
      #expect(reused.solutions[k]!.statistics.polishSize == nil)
      #expect(reused.solutions[k]!.signatures == fresh.solutions[k]!.signatures && reused.solutions[k]!.exposures == fresh.solutions[k]!.exposures)
    }
  }

  @Test("the cohort's size and the default's gate on given sizes")
  func gate() {
    let bound = NegativeBinomialPolish.autoSizeBound
    #expect(NegativeBinomialPolish.cohortSize([]) == nil && NegativeBinomialPolish.cohortSize([nil, nil]) == nil)
    #expect(NegativeBinomialPolish.cohortSize([3.5, nil, 9.6, 8.8]) == 9.6)
    #expect(NegativeBinomialPolish.cohortSize([1.2, .infinity, 40]) == .infinity)
    for r in [nil, .infinity, -1, 0, Double.nan, bound.nextUp, 18.7, 27.7, 102.9] as [Double?] {
      #expect(!NegativeBinomialPolish.autoPolishes(cohortSize: r), "\(String(describing: r))")
    }
    for r in [0.5, 8.6, 9.8, bound] { #expect(NegativeBinomialPolish.autoPolishes(cohortSize: r), "\(r)") }
  }

  @Test("counts within Poisson variation are left as they are")
  func poisson() throws {
    var rng = SeededGenerator(seed: 3)
    let planted = try Planted.cosmic(["SBS1", "SBS13", "SBS18"], samples: 12, burden: 2000, using: &rng)
    // Restarts at the planted solution: W·H = V exactly, X² = 0, r̂ = ∞.
    let record = RestartRecord(rank: 3, index: 0, w: planted.w, h: planted.h, objective: 0, iterations: 1, converged: true)
    let plain = try RankAnalysis.analyse(catalog: planted.catalog, restarts: [record], filter: RestartFilter(tolerance: nil), objective: .kullbackLeibler)
    let polished = try RankAnalysis.analyse(catalog: planted.catalog, restarts: [record], filter: RestartFilter(tolerance: nil),
                                            objective: .kullbackLeibler, negativeBinomialPolish: .on)
    #expect(polished.statistics.polishSize == nil)
    #expect(polished.signatures == plain.signatures && polished.exposures == plain.exposures)
  }
}
