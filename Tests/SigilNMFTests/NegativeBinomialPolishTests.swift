import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
@testable import SigilNMF

@Suite("Negative-binomial polish") struct NegativeBinomialPolishTests {
  @Test("divergence: hand-computed value, and KL in the limit r → ∞")
  func divergence() {
    // V = (0, 2, 5), μ = (1, 2, 3), r = 2:
    // 0 − 2·log(2/3) + 0 − 0 + 5·log(5/3) − 7·log(7/5) = 1.009752678697792.
    let d = NegativeBinomialPolish.divergence([0, 2, 5], [1, 2, 3], size: 2)
    #expect(approximatelyEqual(d, 1.009752678697792, relative: 1e-13))
    // KL of the same: (0 − 0 + 1) + 0 + (5·log(5/3) − 5 + 3).
    let kl = 1 + 5 * log(5.0 / 3) - 2
    #expect(approximatelyEqual(NegativeBinomialPolish.divergence([0, 2, 5], [1, 2, 3], size: 1e9), kl, relative: 1e-7))
    #expect(NegativeBinomialPolish.divergence([0, 2, 5], [0, 2, 5], size: 3) == 0)
  }

  @Test("the updates never increase the divergence, keep W's columns summing to 1 and W·H's scale")
  func monotone() throws {
    let v = try NMFTestData.overdispersedCatalog(seed: 4, dispersion: 5)
    let (w0, h0) = NMFTestData.randomStart(for: v, seed: 9)
    var previous = NegativeBinomialPolish.divergence(v.values, BLAS.multiply(w0, h0).values, size: 5)
    for t in [1, 2, 3, 5, 8, 13, 30, 60] {
      let p = NegativeBinomialPolish.polish(v, signatures: w0, exposures: h0, size: 5, tolerance: 0, checkInterval: 1, maxIterations: t)
      #expect(p.iterations == t && !p.converged)
      #expect(p.objective <= previous * (1 + 1e-12), "iteration \(t): \(p.objective) after \(previous)")
      #expect(approximatelyEqual(p.objective, NegativeBinomialPolish.divergence(v.values, BLAS.multiply(p.w, p.h).values, size: 5), relative: 1e-12))
      for c in 0..<3 { #expect(approximatelyEqual(p.w.column(c).reduce(0, +), 1, relative: 1e-12)) }
      previous = p.objective
    }
  }

  @Test("a noiseless catalog of the polish's rank is reproduced; the fixed point solves the NB score equations")
  func fixedPoint() throws {
    var rng = SeededGenerator(seed: 2)
    let planted = try Planted.cosmic(["SBS1", "SBS5", "SBS13"], samples: 12, burden: 800, using: &rng)
    let start = Matrix(rows: planted.w.rows, columns: 3, values: planted.w.values.map { $0 + 0.01 })
    let h0 = Matrix(rows: 3, columns: 12, values: Array(repeating: 300, count: 36))
    let p = NegativeBinomialPolish.polish(planted.catalog, signatures: start, exposures: h0, size: 4, tolerance: 1e-12, maxIterations: 5000)
    let start0 = NegativeBinomialPolish.divergence(planted.catalog.values, BLAS.multiply(start, h0).values, size: 4)
    #expect(p.objective < 1e-3 * start0, "divergence \(p.objective) from \(start0)")
    // The gradient of D_r in H is Wᵀ((V + r) ⊘ (μ + r)) − Wᵀ(V ⊘ μ) = −Wᵀ(r (V − μ) ⊘ (μ (μ + r))),
    // the NB score: at a fixed point it is 0 wherever H > 0 (Karush–Kuhn–Tucker; entries on their
    // way to 0 keep a positive gradient), so the complementarity H ∘ |gradient| ⊘ first term,
    // relative to each sample's total exposure, goes to 0.
    let v = try NMFTestData.overdispersedCatalog(seed: 7, dispersion: 10)
    let w0 = Matrix(rows: v.rows, columns: 2, values: (0..<(v.rows * 2)).map { 1 + Double($0 % 7) })
    let h1 = Matrix(rows: 2, columns: v.columns, values: Array(repeating: 700, count: 2 * v.columns))
    func relativeScore(_ q: NMFResult) -> Double {
      let mu = BLAS.multiply(q.w, q.h)
      var shifted = Matrix(rows: v.rows, columns: v.columns), ratio = shifted
      for i in v.values.indices { shifted.values[i] = (v.values[i] + 10) / (mu.values[i] + 10); ratio.values[i] = v.values[i] / mu.values[i] }
      let den = BLAS.multiply(q.w, shifted, transposeA: true), num = BLAS.multiply(q.w, ratio, transposeA: true)
      return q.h.values.indices.map { i in
        let total = (0..<q.h.rows).map { q.h[$0, i / q.h.rows] }.reduce(0, +)
        return q.h.values[i] * abs(den.values[i] - num.values[i]) / (den.values[i] * total)
      }.max()!
    }
    let early = relativeScore(NegativeBinomialPolish.polish(v, signatures: w0, exposures: h1, size: 10, tolerance: 0, maxIterations: 1))
    let late = relativeScore(NegativeBinomialPolish.polish(v, signatures: w0, exposures: h1, size: 10, tolerance: 0, maxIterations: 2000))
    #expect(late < 1e-4 && late < early / 100, "relative score \(late) after 2,000 iterations, \(early) after 1")
  }
}
