import Testing
@testable import SigilCore
import SigilTestSupport

@Suite("Cohort simulation") struct SimulationTests {
  func plan(noise: SimulationPlan.Noise = .poisson) throws -> SimulationPlan {
    try SimulationPlan(signatures: Fixtures.cosmicSBS96(), alwaysActive: ["SBS1", "SBS5"],
                       optional: ["SBS2", "SBS13"], sampleCount: 25, burdenMedian: 3000, noise: noise)
  }

  @Test("same seed gives the same cohort; another seed does not")
  func deterministic() throws {
    var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3), c = SeededGenerator(seed: 4)
    let p = try plan()
    let x = p.simulate(using: &a), y = p.simulate(using: &b), z = p.simulate(using: &c)
    #expect(x.catalog == y.catalog && x.exposures == y.exposures)
    #expect(x.catalog != z.catalog)
  }

  @Test("noise-free catalog equals W·H rounded; Poisson totals track the burden")
  func consistency() throws {
    var rng = SeededGenerator(seed: 5)
    let cohort = try plan(noise: .none).simulate(using: &rng)
    let h = cohort.exposures.values.transposed
    let wh = NaiveKernels.multiply(cohort.signatures.matrix, h)
    for i in 0..<wh.values.count { #expect(cohort.catalog.counts.values[i] == wh.values[i].rounded()) }
    #expect(cohort.catalog.sampleNames.first == "S01")
    // Always-active signatures are present in every sample; exposures are non-negative.
    for s in 0..<25 {
      #expect(cohort.exposures.values[s, 0] > 0 && cohort.exposures.values[s, 1] > 0)
      for k in 0..<4 { #expect(cohort.exposures.values[s, k] >= 0) }
    }
  }

  @Test("invalid plans are explained")
  func invalid() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    #expect(throws: SimulationError.invalidParameter("samples must be at least 1 (got 0)")) {
      try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1"], sampleCount: 0)
    }
    #expect(throws: SimulationError.self) { try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS999"], sampleCount: 3) }
  }
}
