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
                                            objective: .kullbackLeibler, negativeBinomialPolish: true)
    #expect(plain.statistics.polishSize == nil)
    let r = try #require(polished.statistics.polishSize)
    #expect(r == CohortDispersion.negativeBinomialSize(catalog: v, signatures: plain.signatures, exposures: plain.exposures))
    #expect(r > 1 && r < 50, "estimated size \(r) for simulated r = 5")
    func nb(_ s: RankSolution) -> Double {
      NegativeBinomialPolish.divergence(v.values, BLAS.multiply(s.signatures, s.exposures).values, size: r)
    }
    #expect(nb(polished) < nb(plain))
    for c in 0..<3 { #expect(approximatelyEqual(polished.signatures.column(c).reduce(0, +), 1, relative: 1e-12)) }
    var tables: [String] = []
    for threads in [1, 3] {
      let analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: try CrossValidation(folds: 2, restarts: 1),
                                  selection: .auto, fixedRank: 3, reference: nil, negativeBinomialPolish: true)
      let result = try Extraction.analyse(catalog: cohort.catalog, restarts: restarts, plan: plan, analysis: analysis, threads: threads)
      #expect(result.solutions[3]!.signatures == polished.signatures)
      tables.append(ExtractionOutput.rankSelection(result.statistics))
    }
    #expect(tables[0] == tables[1])
  }

  @Test("counts within Poisson variation are left as they are")
  func poisson() throws {
    var rng = SeededGenerator(seed: 3)
    let planted = try Planted.cosmic(["SBS1", "SBS13", "SBS18"], samples: 12, burden: 2000, using: &rng)
    // Restarts at the planted solution: W·H = V exactly, X² = 0, r̂ = ∞.
    let record = RestartRecord(rank: 3, index: 0, w: planted.w, h: planted.h, objective: 0, iterations: 1, converged: true)
    let plain = try RankAnalysis.analyse(catalog: planted.catalog, restarts: [record], filter: RestartFilter(tolerance: nil), objective: .kullbackLeibler)
    let polished = try RankAnalysis.analyse(catalog: planted.catalog, restarts: [record], filter: RestartFilter(tolerance: nil),
                                            objective: .kullbackLeibler, negativeBinomialPolish: true)
    #expect(polished.statistics.polishSize == nil)
    #expect(polished.signatures == plain.signatures && polished.exposures == plain.exposures)
  }
}
