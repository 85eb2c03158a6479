import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilConsensus

@Suite("Cohort overdispersion") struct CohortDispersionTests {
  @Test("3 channels x 2 samples by hand: X² = 1.5556 + 2.6667 over 4 - 2 degrees of freedom")
  func byHand() throws {
    // W = (0.5, 0.3, 0.2), H = (6, 6): μ = (3, 1.8, 1.2) in both samples (totals already match).
    // Sample 1 (4, 2, 0): 1/3 + 0.04/1.8 + 1.44/1.2 = 1.5556; sample 2 (1, 3, 2): 4/3 + 1.44/1.8 + 0.64/1.2 = 2.6667.
    // df = 2 samples x (3 channels - 1 exposure) - 1 signature x (3 - 1) free entries = 2.
    let v = Matrix(rows: 3, columns: 2, values: [4, 2, 0, 1, 3, 2])
    let w = Matrix(rows: 3, columns: 1, values: [0.5, 0.3, 0.2])
    let h = Matrix(rows: 1, columns: 2, values: [6, 6])
    let phi = try #require(CohortDispersion.pearson(catalog: v, signatures: w, exposures: h))
    #expect(abs(phi - (1.0 / 3 + 0.04 / 1.8 + 1.2 + 4.0 / 3 + 0.8 + 0.64 / 1.2) / 2) < 1e-12)
  }

  @Test("no degree of freedom left gives nil")
  func undefined() {
    let v = Matrix(rows: 2, columns: 1, values: [3, 1])
    #expect(CohortDispersion.pearson(catalog: v, signatures: Matrix(rows: 2, columns: 1, values: [0.5, 0.5]),
                                     exposures: Matrix(rows: 1, columns: 1, values: [4])) == nil)
  }

  @Test("around the true W·H: ≈ 1 for Poisson counts, ≈ 1 + N/(C r) for negative binomial")
  func simulated() throws {
    // 200 samples at 2,000 mutations: the estimate's relative sd is about sqrt(2 / (200 · 93)) ≈ 1%,
    // so 5% bounds cannot fail by chance; N/(C r) uses each sample's burden (burden spread 0).
    let cosmic = try Fixtures.cosmicSBS96()
    for (noise, expected) in [(SimulationPlan.Noise.poisson, 1.0), (.negativeBinomial(dispersion: 50), 1 + 2000.0 / (96 * 50))] {
      let plan = try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13"],
                                    sampleCount: 200, burdenMedian: 2000, burdenSpread: 0, noise: noise)
      var rng = SeededGenerator(seed: 3)
      let cohort = plan.simulate(using: &rng)
      let phi = try #require(CohortDispersion.pearson(catalog: cohort.catalog.counts, signatures: cohort.signatures.matrix,
                                                      exposures: cohort.exposures.values.transposed))
      #expect(abs(phi / expected - 1) < 0.05, "\(noise): φ̂ \(phi), expected \(expected)")
    }
  }
}

@Suite("Negative-binomial weights of the masked fits") struct NegativeBinomialWeightsTests {
  @Test("an exact fit (X² = 0) is not overdispersed: no weights")
  func exact() {
    let w = Matrix(rows: 3, columns: 1, values: [0.5, 0.3, 0.2])
    let h = Matrix(rows: 1, columns: 4, values: [10, 20, 30, 40])
    let v = Matrix(rows: 3, columns: 4, values: [5, 3, 2, 10, 6, 4, 15, 9, 6, 20, 12, 8])
    #expect(CohortDispersion.negativeBinomialWeights(catalog: v, signatures: w, exposures: h) == nil)
  }

  @Test("negative-binomial counts of size 20 around the true W·H: r̂ near 20, w = 1/(1 + max(μ, 0.5)/r̂)")
  func simulated() throws {
    // 300 samples x 96 channels: r̂'s relative error is a few percent, so 15% cannot fail by chance.
    let cosmic = try Fixtures.cosmicSBS96()
    let plan = try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13"],
                                  sampleCount: 300, burdenMedian: 2000, burdenSpread: 0, noise: .negativeBinomial(dispersion: 20))
    var rng = SeededGenerator(seed: 4)
    let cohort = plan.simulate(using: &rng)
    let w = cohort.signatures.matrix, h = cohort.exposures.values.transposed, v = cohort.catalog.counts
    let nb = try #require(CohortDispersion.negativeBinomialWeights(catalog: v, signatures: w, exposures: h))
    #expect(abs(nb.size / 20 - 1) < 0.15, "r̂ \(nb.size)")
    let wh = VectorMath.multiply(w, h)
    let scale = v.values.reduce(0, +) / wh.values.reduce(0, +)
    for i in [0, 17, 95, 4000, 28_799] {
      #expect(abs(nb.weights.values[i] - 1 / (1 + max(wh.values[i] * scale, 0.5) / nb.size)) < 1e-12)
    }
  }
}
