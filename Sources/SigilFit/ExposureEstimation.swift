import Foundation
import SigilCore
import SigilLinearAlgebra

/// The exposure estimators without selection, shared by `sigil fit --method kl|nnls` and by
/// `sigil extract`'s `exposures.tsv` (SigilConsensus calls `exposures(catalog:signatures:method:)`),
/// so the two give the same numbers for the same catalog and signatures.
///
/// - `.kl`: Poisson maximum likelihood (minimum generalised KL divergence) of each sample's counts
///   on every signature, by the multiplicative (EM) update with W fixed (Lee & Seung 2001):
///   ```
///   h ← h ∘ (Wᵀ (x ⊘ W h)) ⊘ (Wᵀ 1)
///   ```
///   from the sample's total spread evenly over the signatures; every `poissonCheckInterval`
///   iterations the KL divergence (`Divergence`) is evaluated and the fit stops once its relative
///   decrease is below `poissonTolerance`, or after `poissonMaxIterations`. Exposures below
///   `poissonRelativeZero` of the sample's total are set to 0 (the updates reach 0 only
///   asymptotically). The estimator of the KL objective `extract` uses by default.
/// - `.nnls`: least squares under x ≥ 0 (`NNLS`), the estimator of the Frobenius objective.
/// ## References
/// - Lee & Seung (2001), Algorithms for non-negative matrix factorization, NIPS 13:556-562.
extension SignatureFitter {
  /// Relative decrease of the KL divergence below which a `.kl` fit stops.
  public static let poissonTolerance = 1e-10
  /// Iterations between KL evaluations in a `.kl` fit.
  public static let poissonCheckInterval = 10
  /// Iteration cap of a `.kl` fit, per sample.
  public static let poissonMaxIterations = 20_000
  /// Exposures below this fraction of the sample's total are set to exactly 0 after a `.kl` fit.
  public static let poissonRelativeZero = 1e-12
  /// Floor on the denominators of the `.kl` update: a reconstructed count of 0 would divide by
  /// zero; with the floor the update leaves that exposure where it is (its numerator is 0 too).
  public static let poissonDenominatorFloor = 1e-300

  /// Exposures (k × samples) of every column of `catalog` on `signatures` by `.kl` or `.nnls`.
  /// - Parameters:
  ///   - catalog: V, channels × samples, finite and ≥ 0.
  ///   - signatures: W, channels × k, ≥ 0, columns summing to 1.
  ///   - method: `.kl` or `.nnls` (the estimators without selection).
  /// - Complexity: `.kl`: O(iterations · channels · k) per sample; `.nnls`: O(channels · k²) once
  ///   plus small active-set solves per sample.
  public static func exposures(catalog v: Matrix, signatures w: Matrix, method: FitMethod) -> Matrix {
    precondition(w.rows == v.rows, "signatures have \(w.rows) channels, the catalog \(v.rows)")
    precondition(method == .kl || method == .nnls, "exposures(catalog:signatures:method:) takes .kl or .nnls (got \(method))")
    let gram = method == .nnls ? Self.gram(w.values, channels: w.rows, k: w.columns) : []
    var h = Matrix(rows: w.columns, columns: v.columns)
    for j in 0..<v.columns {
      let x = v.column(j)
      let column = method == .kl
        ? poissonExposures(x, w: w.values, channels: w.rows, k: w.columns)
        : leastSquaresExposures(x, w: w.values, gram: gram, channels: w.rows, k: w.columns)
      h.setColumn(j, to: column)
    }
    return h
  }

  /// `WᵀW` (column-major k × k) of a column-major channels × k matrix.
  static func gram(_ w: [Double], channels: Int, k: Int) -> [Double] {
    var g = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for b in 0...a {
        var s = 0.0
        for i in 0..<channels { s += w[i + a * channels] * w[i + b * channels] }
        g[a + b * k] = s
        g[b + a * k] = s
      }
    }
    return g
  }

  /// `.nnls` exposures of one sample on every signature.
  static func leastSquaresExposures(_ x: [Double], w: [Double], gram: [Double], channels: Int, k: Int) -> [Double] {
    var atb = [Double](repeating: 0, count: k)
    for j in 0..<k {
      var s = 0.0
      for i in 0..<channels { s += w[i + j * channels] * x[i] }
      atb[j] = s
    }
    return NNLS.solve(gram: Matrix(rows: k, columns: k, values: gram), atb: atb).x
  }

  /// `.kl` exposures of one sample on every signature (see the type's documentation).
  ///
  /// The update's sums `Σᵢ W[i, c] · xᵢ / (Wh)ᵢ` run over the channels with counts in channel
  /// order for four signatures at once (a SIMD vector; the divisions are most of the cost): each
  /// sum still adds the same terms, each rounded the same way, in the same order, so the result
  /// is bit for bit that of the signature-by-signature loop it replaced (issue #17).
  static func poissonExposures(_ x: [Double], w: [Double], channels m: Int, k: Int) -> [Double] {
    let total = x.reduce(0, +)
    guard total > 0, k > 0 else { return [Double](repeating: 0, count: k) }
    let floor = poissonDenominatorFloor
    var h = [Double](repeating: total / Double(k), count: k)
    var wh = [Double](repeating: 0, count: m)
    let colSums = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + w[$1 + c * m] } }
    // The channels with counts, and W's rows of them side by side, four signatures to a vector
    // (padded with zero columns, whose sums are discarded).
    let observed = (0..<m).filter { x[$0] > 0 }
    let blocks = (k + 3) / 4
    var rows = [SIMD4<Double>](repeating: .zero, count: observed.count * blocks)  // [b + p·blocks] = W[observed[p], 4b..<4b+4]
    for (p, i) in observed.enumerated() { for c in 0..<k { rows[c / 4 + p * blocks][c % 4] = w[i + c * m] } }
    let observedCounts = observed.map { x[$0] }
    var ratioDenominators = [Double](repeating: 0, count: observed.count)
    var num = [Double](repeating: 0, count: blocks * 4)
    func reconstruct() {
      for i in 0..<m { wh[i] = 0 }
      for c in 0..<k where h[c] != 0 { for i in 0..<m { wh[i] += w[i + c * m] * h[c] } }
    }
    func loss() -> Double {
      reconstruct()
      return Divergence.kullbackLeibler(x, wh)
    }
    var previous = loss()
    var reconstructed = true  // wh is W·h of the current h (loss() leaves it so)
    var iteration = 0
    while iteration < poissonMaxIterations {
      iteration += 1
      if !reconstructed { reconstruct() }
      reconstructed = false
      for (p, i) in observed.enumerated() { ratioDenominators[p] = max(wh[i], floor) }
      rows.withUnsafeBufferPointer { rows in
        observedCounts.withUnsafeBufferPointer { counts in
          ratioDenominators.withUnsafeBufferPointer { d in
            for b in 0..<blocks {
              var sum = SIMD4<Double>.zero
              for p in 0..<counts.count { sum += rows[b + p * blocks] * counts[p] / d[p] }
              for lane in 0..<4 { num[4 * b + lane] = sum[lane] }
            }
          }
        }
      }
      for c in 0..<k where h[c] > 0 { h[c] = h[c] * num[c] / max(colSums[c], floor) }
      if iteration % poissonCheckInterval == 0 {
        let current = loss()
        reconstructed = true
        let scale = max(Swift.abs(previous), floor)
        if (previous - current) / scale < poissonTolerance { break }
        previous = current
      }
    }
    return h.map { $0 < poissonRelativeZero * total ? 0 : $0 }
  }
}
