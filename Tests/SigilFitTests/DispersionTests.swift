import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

@Suite("Dispersion and the overdispersion-aware rule") struct DispersionTests {
  static let cosmic = try! Fixtures.cosmicSBS96()

  @Test("Pearson dispersion by hand")
  func pearsonByHand() throws {
    // μ = (5, 1, 4, 10) (Σ = Σb = 20): X² = 1/5 + 1/1 + 4/4 + 0 = 2.2 over 4 − 1 = 3 df.
    let phi = try #require(Dispersion.pearson(counts: [4, 0, 6, 10], fitted: [5, 1, 4, 10], parameters: 1))
    #expect(approximatelyEqual(phi, 2.2 / 3, relative: Tolerance.kernel))
    // The fitted means are rescaled to the observed total: half the scale gives the same φ.
    let scaled = try #require(Dispersion.pearson(counts: [4, 0, 6, 10], fitted: [2.5, 0.5, 2, 5], parameters: 1))
    #expect(approximatelyEqual(scaled, 2.2 / 3, relative: Tolerance.kernel))
    // Floor: μ = (0.1, 9.9); the first channel divides by 0.5: X² = 0.81/0.5 + 0.81/9.9 over 1 df.
    let floored = try #require(Dispersion.pearson(counts: [1, 9], fitted: [0.1, 9.9], parameters: 1))
    #expect(approximatelyEqual(floored, 0.81 / 0.5 + 0.81 / 9.9, relative: Tolerance.kernel))
    // A channel with neither counts nor mass is not a cell.
    let skipped = try #require(Dispersion.pearson(counts: [4, 0, 6, 10, 0], fitted: [5, 1, 4, 10, 0], parameters: 1))
    #expect(approximatelyEqual(skipped, 2.2 / 3, relative: Tolerance.kernel))
    #expect(Dispersion.pearson(counts: [0, 0], fitted: [1, 1], parameters: 1) == nil)
    #expect(Dispersion.pearson(counts: [1, 2], fitted: [1, 2], parameters: 2) == nil)
  }

  static func cohort(noise: SimulationPlan.Noise, seed: UInt64, samples: Int = 10, burden: Double = 20_000) -> SimulatedCohort {
    var rng = SeededGenerator(seed: seed)
    let plan = try! SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13", "SBS18"],
                                   sampleCount: samples, burdenMedian: burden, burdenSpread: 0.2, noise: noise)
    return plan.simulate(using: &rng)
  }

  static func falsePositives(_ fitter: SignatureFitter, _ cohort: SimulatedCohort) -> Double {
    var fp = 0
    let truth = cohort.exposures
    for s in 0..<cohort.catalog.sampleCount {
      let x = fitter.fit(cohort.catalog.counts.column(s)).exposures
      for (j, name) in cosmic.names.enumerated() where x[j] > 0 {
        if (truth.signatureNames.firstIndex(of: name).map { truth.values[s, $0] } ?? 0) == 0 { fp += 1 }
      }
    }
    return Double(fp) / Double(cohort.catalog.sampleCount)
  }

  @Test("φ̂ is near 1 for Poisson counts and near 1 + N/(C·r) for negative-binomial counts")
  func estimates() throws {
    let fitter = SignatureFitter(signatures: Self.cosmic)
    let poisson = Self.cohort(noise: .poisson, seed: 21)
    for s in 0..<poisson.catalog.sampleCount {
      let phi = try #require(fitter.fit(poisson.catalog.counts.column(s)).dispersion)
      // X²/df with ~90 df has sd ≈ √(2/90) ≈ 0.15: 0.6–1.5 is beyond 3 sd.
      #expect(phi > 0.6 && phi < 1.5, "Poisson sample \(s): φ̂ = \(phi)")
    }
    let r = 30.0
    let nb = Self.cohort(noise: .negativeBinomial(dispersion: r), seed: 22)
    let w = nb.signatures.matrix
    var ratios: [Double] = []
    for s in 0..<nb.catalog.sampleCount {
      var mu = [Double](repeating: 0, count: 96)
      for a in 0..<w.columns { for i in 0..<96 { mu[i] += w[i, a] * nb.exposures.values[s, a] } }
      // E X² = Σ_c (μ_c + μ_c²/r)/μ_c = C + N/r over ≈ C degrees of freedom.
      let expected = 1 + mu.reduce(0, +) / (r * 96)
      let phi = try #require(fitter.fit(nb.catalog.counts.column(s)).dispersion)
      ratios.append(phi / expected)
      // One sample's X² is dominated by its few heaviest channels (NB tails): each within a
      // factor 3; all clearly above Poisson's 1.5 (expected ≈ 8 here).
      #expect(phi > expected / 3 && phi < expected * 3 && phi > 1.5, "NB sample \(s): φ̂ = \(phi), expected ≈ \(expected)")
    }
    // The median of 10 samples is much steadier: within 35% of the expectation.
    let median = ratios.sorted()[ratios.count / 2]
    #expect(abs(median - 1) < 0.35, "median φ̂ / expected = \(median); ratios \(ratios)")
  }

  @Test("on negative-binomial samples the estimated rule adds no false signatures; the φ = 1 rule does")
  func overdispersedSelection() throws {
    let nb = Self.cohort(noise: .negativeBinomial(dispersion: 10), seed: 23)
    let old = Self.falsePositives(SignatureFitter(signatures: Self.cosmic, configuration: try FitConfiguration(overdispersion: .off)), nb)
    let new = Self.falsePositives(SignatureFitter(signatures: Self.cosmic), nb)
    #expect(old > 1, "φ = 1 rule, false positives per sample: \(old)")
    #expect(new <= 0.2, "estimated-φ rule, false positives per sample: \(new)")
  }

  @Test("the noise model by hand: weights 1 / (1 + μ/r), none when φ̂ ≤ 1")
  func noiseModel() throws {
    // μ = (10, 20, 70) (Σ = Σb = 100), X² = 100/10 + 100/20 + 0 = 15 over 3 − 1 = 2 df: φ̂ = 7.5,
    // above the gate 2 + 3·√4 = 8 for X².
    let counts = [20.0, 10, 70], fitted = [10.0, 20, 70]
    let model = try #require(NoiseModel(counts: counts, fitted: fitted, parameters: 1))
    #expect(approximatelyEqual(model.dispersion, 7.5, relative: Tolerance.kernel))
    // r̂ solves 100/(10 + 100/r) + 100/(20 + 400/r) = 2.
    let r = model.size
    #expect(abs(100 / (10 + 100 / r) + 100 / (20 + 400 / r) - 2) < 1e-9, "r̂ = \(r)")
    for (wc, mu) in zip(model.weights, fitted) { #expect(approximatelyEqual(wc, 1 / (1 + mu / r), relative: Tolerance.kernel)) }
    #expect(approximatelyEqual(model.scale, pow(7.5, NoiseModel.thresholdExponent), relative: Tolerance.kernel))
    // X² = 25/10 + 25/20 = 3.75: φ̂ = 1.875 > 1 but X² < 8, not significant: no model.
    #expect(NoiseModel(counts: [15, 15, 70], fitted: fitted, parameters: 1) == nil)
    // Exactly Poisson-like (X² = 0.2 + 0.05 = 0.25 < 2 df): no model, the φ = 1 rule stands.
    #expect(NoiseModel(counts: [11, 19, 70], fitted: fitted, parameters: 1) == nil)
  }

  @Test("overdispersed cohorts fit byte-identically for 1, 2 and 3 threads")
  func threadsInvariant() throws {
    let nb = Self.cohort(noise: .negativeBinomial(dispersion: 10), seed: 25, samples: 9, burden: 3000)
    let fitter = SignatureFitter(signatures: Self.cosmic)
    let one = CohortFitter.fit(nb.catalog, fitter: fitter, bootstrap: 8, seed: 2, threads: 1)
    #expect(one.samples.allSatisfy { ($0.dispersion ?? 0) > 1 }, "these samples should be overdispersed")
    for t in [2, 3] { #expect(CohortFitter.fit(nb.catalog, fitter: fitter, bootstrap: 8, seed: 2, threads: t) == one, "threads \(t)") }
    let names = nb.catalog.sampleNames
    #expect(FitTables.statistics(one, sampleNames: names).hasPrefix("sample\tmutations\tcosine\tkl\tl2\tsignatures\tdispersion\n"))
  }

  @Test("gamma-multinomial draws keep the total and have about the negative-binomial variance per channel")
  func gammaMultinomialMoments() {
    var rng = SeededGenerator(seed: 9)
    let b = [500.0, 300, 200, 0], n = 1000, r = 20.0, draws = 4000
    var sum = [Double](repeating: 0, count: 4), sq = [Double](repeating: 0, count: 4)
    for _ in 0..<draws {
      let x = CohortFitter.gammaMultinomial(trials: n, proportions: b, size: r, using: &rng)
      #expect(x.reduce(0, +) == Double(n))
      for c in 0..<4 { sum[c] += x[c]; sq[c] += x[c] * x[c] }
    }
    #expect(sum[3] == 0, "a channel with no counts stays empty")
    for c in 0..<3 {
      let mean = sum[c] / Double(draws), variance = sq[c] / Double(draws) - mean * mean
      // Fixed total: with π = b/n, Var ≈ nπ(1 − π) + n²·Var(π̃) where the normalised gamma
      // proportions have Var(π̃) ≈ π²(1 − π)²/r + π²Σ_{d≠c}π_d²/r (delta method).
      let pi = b[c] / Double(n)
      let others = (0..<3).filter { $0 != c }.reduce(0.0) { $0 + pow(b[$1] / Double(n), 2) }
      let target = Double(n) * pi * (1 - pi) + pow(Double(n) * pi, 2) * (pow(1 - pi, 2) + others) / r
      // 4,000 draws: the sample variance has sd ≈ 2–3%; the delta method is good to a few % at r = 20.
      #expect(abs(mean - b[c]) < 0.03 * b[c], "mean \(c): \(mean)")
      #expect(abs(variance / target - 1) < 0.15, "variance \(c): \(variance) vs \(target)")
    }
  }
}
