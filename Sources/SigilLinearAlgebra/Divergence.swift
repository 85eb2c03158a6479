import Foundation
import SigilCore

/// Returns the cosine similarity `x·y / (‖x‖‖y‖)` of two equal-length vectors; 0 when either is all-zero.
///
/// The signature-comparison measure used throughout sigil (Alexandrov et al. 2013). Norms are
/// computed with `cblas_dnrm2`, which scales internally, so huge counts cannot overflow.
public func cosineSimilarity(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count, "vectors of lengths \(x.count) and \(y.count)")
  let nx = BLAS.norm(x), ny = BLAS.norm(y)
  // An all-zero vector has no direction: report 0 similarity rather than NaN (STYLE.md B7).
  guard nx > 0, ny > 0 else { return 0 }
  return BLAS.dot(x, y) / nx / ny
}

/// Returns the generalised Kullback–Leibler divergence `D(V‖WH)` between a catalog and its reconstruction.
///
/// ```
/// D(V‖Λ) = Σᵢⱼ [ Vᵢⱼ·log(Vᵢⱼ / Λᵢⱼ) − Vᵢⱼ + Λᵢⱼ ],   with 0·log(0/Λ) = 0
/// ```
/// It is the Poisson deviance / 2 of counts V against means Λ = W·H, the objective of
/// Lee & Seung's (2001) KL updates. A cell with `Vᵢⱼ > 0` and `Λᵢⱼ = 0` makes it `+infinity`.
/// - Parameters:
///   - v: Non-negative catalog (channels x samples).
///   - wh: Non-negative reconstruction, same shape.
public func klDivergence(_ v: Matrix, _ wh: Matrix) -> Double {
  precondition(v.rows == wh.rows && v.columns == wh.columns,
               "shapes \(v.rows)x\(v.columns) and \(wh.rows)x\(wh.columns) differ")
  return v.values.withUnsafeBufferPointer { pv in
    wh.values.withUnsafeBufferPointer { pw in
      Divergence.kullbackLeibler(pv.baseAddress, pw.baseAddress, count: v.values.count)
    }
  }
}

/// Returns the Frobenius norm `‖A‖_F = sqrt(Σ Aᵢⱼ²)` of a matrix.
public func frobeniusNorm(_ a: Matrix) -> Double { BLAS.norm(a.values) }

/// Returns `‖V − WH‖_F`, the Frobenius distance between two matrices of the same shape.
public func frobeniusDistance(_ v: Matrix, _ wh: Matrix) -> Double {
  precondition(v.rows == wh.rows && v.columns == wh.columns, "shapes differ")
  return v.values.withUnsafeBufferPointer { pv in
    wh.values.withUnsafeBufferPointer { pw in
      (2 * Divergence.halfSquaredDistance(pv.baseAddress, pw.baseAddress, count: v.values.count)).squareRoot()
    }
  }
}

/// Divergences on raw storage, for hot loops that own their buffers (no allocation).
public enum Divergence {
  /// Returns `Σ V log(V/Λ) − V + Λ` over `count` cells (see ``klDivergence(_:_:)``).
  public static func kullbackLeibler(_ v: UnsafePointer<Double>?, _ wh: UnsafePointer<Double>?, count: Int) -> Double {
    guard count > 0, let v, let wh else { return 0 }
    var total = 0.0
    for i in 0..<count {
      let x = v[i], y = wh[i]
      // 0·log(0/y) = 0 by continuity: a zero count contributes only its mean y.
      total += x > 0 ? x * Foundation.log(x / y) - x + y : y
    }
    return total
  }

  /// Returns `Σ M·(V log(V/Λ) − V + Λ)`: the KL divergence counting only cells with weight `M`.
  public static func maskedKullbackLeibler(_ v: UnsafePointer<Double>, _ wh: UnsafePointer<Double>,
                                           mask: UnsafePointer<Double>, count: Int) -> Double {
    var total = 0.0
    for i in 0..<count where mask[i] != 0 {
      let x = v[i], y = wh[i]
      total += mask[i] * (x > 0 ? x * Foundation.log(x / y) - x + y : y)
    }
    return total
  }

  /// Returns `½ Σ (V − Λ)²` over `count` cells, the Frobenius NMF objective.
  public static func halfSquaredDistance(_ v: UnsafePointer<Double>?, _ wh: UnsafePointer<Double>?, count: Int) -> Double {
    guard count > 0, let v, let wh else { return 0 }
    var total = 0.0
    for i in 0..<count { let d = v[i] - wh[i]; total += d * d }
    return 0.5 * total
  }
}
