import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
@testable import SigilNMF

@Suite("Minimum-volume refinement") struct MinimumVolumeRefinementTests {
  @Test("log det(WᵀW + δI) and its inverse: hand-computed on a 2 x 2 W")
  func volume() {
    // W = [0.5 0.25; 0.5 0.75]: WᵀW = [0.5 0.5; 0.5 0.625], + I → [1.5 0.5; 0.5 1.625], det 2.1875.
    let w = Matrix(rows: 2, columns: [[0.5, 0.5], [0.25, 0.75]])
    let (value, inverse) = MinimumVolumeRefinement.logVolume(w, delta: 1)
    #expect(approximatelyEqual(value, log(2.1875), relative: 1e-14))
    let expected = [1.625, -0.5, -0.5, 1.5].map { $0 / 2.1875 }
    for i in 0..<4 { #expect(approximatelyEqual(inverse[i], expected[i], relative: 1e-13)) }
    // δ = 0.5: det([1 0.5; 0.5 1.125]) = 0.875.
    #expect(approximatelyEqual(MinimumVolumeRefinement.logVolume(w, delta: 0.5).value, log(0.875), relative: 1e-13))
    // The objective is the divergence plus λ times it.
    let v = Matrix(rows: 2, columns: [[3, 1], [0, 4]]), h = Matrix(rows: 2, columns: [[2, 1], [1, 3]])
    let mu = BLAS.multiply(w, h).values
    let kl = zip(v.values, mu).reduce(0.0) { $0 + Divergence.term($1.0, $1.1) }
    #expect(approximatelyEqual(MinimumVolumeRefinement.objective(v, signatures: w, exposures: h, size: nil, weight: 3, delta: 1),
                               kl + 3 * log(2.1875), relative: 1e-13))
  }

  @Test("one W step with no weight under KL is Lee-Seung's update followed by column normalisation")
  func noWeight() {
    // a = 0: each entry is c / (b + ν); under KL b = Σⱼ Hₖⱼ is the same down a column, so the
    // multiplier only rescales the column.
    let b = [4.0, 4, 4], c = [1.0, 2, 5]
    var w = [Double](repeating: 0, count: 3)
    MinimumVolumeRefinement.solveColumn(a: [0, 0, 0], b: b, c: c, into: &w)
    for i in 0..<3 { #expect(approximatelyEqual(w[i], c[i] / 8, relative: 1e-12)) }
    // With a > 0 each entry solves 2a·w² + (b + ν)·w − c = 0 for the same ν, and the column sums to 1.
    let a = [0.5, 2, 0.1], b2 = [1.0, -0.5, 3]
    MinimumVolumeRefinement.solveColumn(a: a, b: b2, c: c, into: &w)
    #expect(approximatelyEqual(w.reduce(0, +), 1, relative: 1e-14))
    let nu = (c[0] - 2 * a[0] * w[0] * w[0]) / w[0] - b2[0]
    for i in 0..<3 { #expect(abs(2 * a[i] * w[i] * w[i] + (b2[i] + nu) * w[i] - c[i]) < 1e-9 * max(1, c[i])) }
  }

  @Test("the objective with its penalty never increases (NB and KL); W's columns sum to 1; the penalty lowers the volume")
  func monotone() throws {
    let v = try NMFTestData.overdispersedCatalog(seed: 4, dispersion: 5)
    let (w0, h0) = NMFTestData.randomStart(for: v, seed: 9)
    for size in [5.0, nil] as [Double?] {
      var previous = Double.infinity, weight = 0.0
      for t in [1, 2, 3, 5, 8, 13, 30, 60] {
        let m = MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: size, relativeWeight: 0.3,
                                               tolerance: 0, checkInterval: 1, maxIterations: t)
        #expect(m.iterations == t && !m.converged && m.weight > 0)
        if t == 1 { weight = m.weight; #expect(m.objective <= m.startObjective) }
        #expect(m.weight == weight, "λ depends on the start only")
        #expect(m.objective <= previous * (1 + 1e-12), "size \(String(describing: size)), iteration \(t): \(m.objective) after \(previous)")
        #expect(approximatelyEqual(m.objective, MinimumVolumeRefinement.objective(v, signatures: m.w, exposures: m.h, size: size, weight: weight),
                                   relative: 1e-12))
        for c in 0..<3 { #expect(approximatelyEqual(m.w.column(c).reduce(0, +), 1, relative: 1e-12)) }
        previous = m.objective
      }
      let none = MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: size, relativeWeight: 0, maxIterations: 300)
      let some = MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: size, relativeWeight: 0.3, maxIterations: 300)
      #expect(none.weight == 0)
      #expect(MinimumVolumeRefinement.logVolume(some.w).value < MinimumVolumeRefinement.logVolume(none.w).value)
      // Deterministic.
      #expect(some == MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: size, relativeWeight: 0.3, maxIterations: 300))
    }
  }

  @Test("with the defaults the stopping rule ends the refinement, not the cap (Decision 0027); more iterations only lower F")
  func convergesBeforeTheCap() throws {
    let v = try NMFTestData.overdispersedCatalog(seed: 4, dispersion: 5)
    let (w0, h0) = NMFTestData.randomStart(for: v, seed: 11)
    let m = MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: 5)
    #expect(m.converged && m.iterations < MinimumVolumeRefinement.defaultMaxIterations, "\(m.iterations) iterations")
    // Session 9's cap would have stopped this refinement early, at a higher F.
    let capped = MinimumVolumeRefinement.refine(v, signatures: w0, exposures: h0, size: 5, maxIterations: m.iterations / 2)
    #expect(!capped.converged && m.objective < capped.objective)
  }
}
