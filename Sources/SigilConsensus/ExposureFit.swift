import Foundation
import SigilCore
import SigilLinearAlgebra

/// Non-negative exposures of a catalog on fixed signatures, by multiplicative updates of H with W
/// held fixed.
///
/// For the KL objective (the Poisson likelihood of counts, the default):
/// ```
/// H ← H ∘ (Wᵀ (V ⊘ WH)) ⊘ (Wᵀ 1)
/// ```
/// and for the Frobenius objective `H ← H ∘ (Wᵀ V) ⊘ (Wᵀ W H)` (Lee & Seung 2001). Samples are
/// independent given W, so each column is fitted on its own, starting from its total count spread
/// evenly over the signatures. Stops when the objective's relative decrease over
/// `checkInterval` iterations is below `tolerance`, or after `maxIterations`.
///
/// ```swift
/// let h = ExposureFit.fit(catalog: v, signatures: w)    // k x samples
/// ```
/// ## References
/// - Lee & Seung (2001), Algorithms for non-negative matrix factorization, NIPS 13:556-562.
public enum ExposureFit {
  /// Which objective the exposures minimise.
  public enum Objective: String, Sendable { case kullbackLeibler = "kl", frobenius }

  /// Relative objective decrease below which a sample's fit stops.
  public static let tolerance = 1e-10
  /// Iterations between objective checks.
  public static let checkInterval = 10
  /// Iteration cap per sample.
  public static let maxIterations = 20_000
  /// Floor on a denominator: a reconstructed count or W-weighted sum of 0 would divide by zero;
  /// with the floor the update leaves that exposure where it is (its numerator is 0 too).
  public static let denominatorFloor = 1e-300
  /// Exposures below this fraction of the sample's total are set to exactly 0 after fitting
  /// (multiplicative updates approach 0 only asymptotically).
  public static let relativeZero = 1e-12

  /// Returns the non-negative exposures H (k x samples) of V on W.
  /// - Parameters:
  ///   - catalog: V, channels x samples, non-negative.
  ///   - signatures: W, channels x k, non-negative, columns summing to 1.
  ///   - objective: KL (default) or Frobenius.
  /// - Complexity: O(iterations · channels · k) per sample.
  public static func fit(catalog v: Matrix, signatures w: Matrix, objective: Objective = .kullbackLeibler) -> Matrix {
    precondition(w.rows == v.rows, "signatures have \(w.rows) channels, the catalog \(v.rows)")
    var h = Matrix(rows: w.columns, columns: v.columns)
    for j in 0..<v.columns {
      h.setColumn(j, to: fitSample(v.column(j), w, objective))
    }
    return h
  }

  static func fitSample(_ x: [Double], _ w: Matrix, _ objective: Objective) -> [Double] {
    let m = x.count, k = w.columns
    let total = x.reduce(0, +)
    guard total > 0, k > 0 else { return [Double](repeating: 0, count: k) }
    var h = [Double](repeating: total / Double(k), count: k)
    var wh = [Double](repeating: 0, count: m)
    let colSums = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + w[$1, c] } }
    let wtx = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + w[$1, c] * x[$1] } }
    var gram = [Double](repeating: 0, count: k * k)
    if objective == .frobenius {
      for a in 0..<k { for b in 0..<k { gram[a + b * k] = (0..<m).reduce(0.0) { $0 + w[$1, a] * w[$1, b] } } }
    }
    func reconstruct() {
      for i in 0..<m { wh[i] = 0 }
      for c in 0..<k where h[c] != 0 { for i in 0..<m { wh[i] += w[i, c] * h[c] } }
    }
    func loss() -> Double {
      reconstruct()
      if objective == .kullbackLeibler { return Divergence.kullbackLeibler(x, wh) }
      var s = 0.0
      for i in 0..<m { s += 0.5 * (x[i] - wh[i]) * (x[i] - wh[i]) }
      return s
    }
    var previous = loss()
    var iteration = 0
    while iteration < maxIterations {
      iteration += 1
      if objective == .kullbackLeibler {
        reconstruct()
        var next = h
        for c in 0..<k where h[c] > 0 {
          var num = 0.0
          for i in 0..<m where x[i] > 0 { num += w[i, c] * x[i] / max(wh[i], denominatorFloor) }
          next[c] = h[c] * num / max(colSums[c], denominatorFloor)
        }
        h = next
      } else {
        var next = h
        for c in 0..<k where h[c] > 0 {
          var den = 0.0
          for b in 0..<k { den += gram[c + b * k] * h[b] }
          next[c] = h[c] * wtx[c] / max(den, denominatorFloor)
        }
        h = next
      }
      if iteration % checkInterval == 0 {
        let current = loss()
        let scale = max(Swift.abs(previous), denominatorFloor)
        if (previous - current) / scale < tolerance { break }
        previous = current
      }
    }
    return h.map { $0 < relativeZero * total ? 0 : $0 }
  }
}
