import Foundation
import SigilCore

/// Returns the cosine similarity `x·y / (‖x‖‖y‖)` of two equal-length vectors, clamped to at most
/// 1; 0 when either is all-zero: sigil's one cosine.
///
/// The signature-comparison measure used throughout sigil (Alexandrov et al. 2013). Plain loops
/// with a fixed summation order (index order), not `cblas_ddot`/`cblas_dnrm2`: OpenBLAS picks its
/// dot and norm kernels by CPU model, so their rounding (and sigil's output bytes) would depend on
/// the machine. When a sum of squares overflows or underflows (entries beyond about 1e154 or
/// below 1e-154), both vectors are first divided by their largest magnitude, so huge counts
/// still give the right cosine.
public func cosineSimilarity(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count, "cosine of vectors of lengths \(x.count) and \(y.count)")
  func sums(_ sx: Double, _ sy: Double) -> (xy: Double, xx: Double, yy: Double) {
    var xy = 0.0, xx = 0.0, yy = 0.0
    for i in 0..<x.count {
      let a = x[i] / sx, b = y[i] / sy
      xy += a * b; xx += a * a; yy += b * b
    }
    return (xy, xx, yy)
  }
  var s = sums(1, 1)
  if !(s.xx.isNormal && s.yy.isNormal && s.xy.isFinite) {
    let mx = x.reduce(0) { max($0, abs($1)) }, my = y.reduce(0) { max($0, abs($1)) }
    // An all-zero vector has no direction: report 0 similarity rather than NaN (STYLE.md B7).
    guard mx > 0, my > 0, mx.isFinite, my.isFinite else { return 0 }
    s = sums(mx, my)
  }
  guard s.xx > 0, s.yy > 0 else { return 0 }
  return min(1, s.xy / (s.xx.squareRoot() * s.yy.squareRoot()))
}

/// Returns `x / ‖x‖₂` (the zero vector stays zero): with `unitCosine(_:_:)`, the cosine for hot
/// loops that compare the same vectors many times (signature clustering across restarts), where
/// normalising once and taking dot products is k·R times cheaper than `cosineSimilarity`.
public func unitVector(_ x: [Double]) -> [Double] {
  let n = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
  return n > 0 ? x.map { $0 / n } : x
}

/// Returns the cosine of two vectors already scaled by `unitVector(_:)`: their dot product, summed
/// in index order (not clamped: callers that take `1 − cos` clamp the distance).
public func unitCosine(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count, "cosine of vectors of lengths \(x.count) and \(y.count)")
  var s = 0.0
  for i in 0..<x.count { s += x[i] * y[i] }
  return s
}

/// Returns `unitCosine(pᵢ, pⱼ)` of every pair of points (all of one length), n x n column-major,
/// bit for bit: each pair is computed once (the dot product is symmetric to the bit), and the
/// products of one point with all later ones are accumulated together, channel by channel, so
/// every dot product still sums in index order while the loop over points vectorises (the
/// silhouettes of signature clustering; issue #17).
public func pairwiseUnitCosines(_ points: [[Double]]) -> [Double] {
  let n = points.count, m = points.first?.count ?? 0
  precondition(points.allSatisfy { $0.count == m }, "cosines of vectors of different lengths")
  var byChannel = [Double](repeating: 0, count: n * m)  // byChannel[j + c·n] = points[j][c]
  for j in 0..<n { for c in 0..<m { byChannel[j + c * n] = points[j][c] } }
  var out = [Double](repeating: 0, count: n * n)
  var dot = [Double](repeating: 0, count: n)
  byChannel.withUnsafeBufferPointer { p in
    dot.withUnsafeMutableBufferPointer { dot in
      out.withUnsafeMutableBufferPointer { out in
        for i in 0..<n {
          for j in i..<n { dot[j] = 0 }
          for c in 0..<m {
            let x = p[i + c * n], row = c * n
            for j in i..<n { dot[j] += x * p[row + j] }
          }
          for j in i..<n { out[j + i * n] = dot[j]; out[i + j * n] = dot[j] }
        }
      }
    }
  }
  return out
}

/// Returns the generalised Kullback–Leibler divergence `D(V‖WH)` between a catalog and its reconstruction.
///
/// ```
/// D(V‖Λ) = Σᵢⱼ [ Vᵢⱼ·log(Vᵢⱼ / max(Λᵢⱼ, floor)) − Vᵢⱼ + Λᵢⱼ ],   with 0·log(0/Λ) = 0
/// ```
/// It is the Poisson deviance / 2 of counts V against means Λ = W·H, the objective of
/// Lee & Seung's (2001) KL updates. `floor` is `Divergence.expectedCountFloor`.
/// - Parameters:
///   - v: Non-negative catalog (channels x samples).
///   - wh: Non-negative reconstruction, same shape.
public func klDivergence(_ v: Matrix, _ wh: Matrix) -> Double {
  precondition(v.rows == wh.rows && v.columns == wh.columns,
               "shapes \(v.rows)x\(v.columns) and \(wh.rows)x\(wh.columns) differ")
  return Divergence.kullbackLeibler(v.values, wh.values)
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

/// The generalised KL divergence (sigil's one implementation: NMF objective, reconstruction
/// statistics, cross-validation deviance, fit statistics, exposure fits) and the Frobenius
/// objective, on arrays or on raw storage for hot loops that own their buffers (no allocation).
public enum Divergence {
  /// Floor on a mean Λ inside the logarithm. A cell with a count V > 0 and a mean of exactly 0
  /// would make D infinite (one impossible observation would swamp every comparison); with the
  /// floor it costs V·(log V + 27.6), finite and still enormous. 1e-12 is far below any mean a
  /// fitted model gives a channel with counts (1 mutation expected in 10¹² genomes), so the floor
  /// changes nothing else; the `+ Λ` term uses Λ itself.
  public static let expectedCountFloor = 1e-12

  /// One cell's term `V·log(V / max(Λ, floor)) − V + Λ`, or `Λ` when V = 0 (0·log 0 = 0).
  @inline(__always)
  public static func term(_ x: Double, _ y: Double) -> Double {
    x > 0 ? x * Foundation.log(x / max(y, expectedCountFloor)) - x + y : y
  }

  /// Returns `Σ V log(V/Λ) − V + Λ` over two equal-length arrays (see ``klDivergence(_:_:)``).
  public static func kullbackLeibler(_ v: [Double], _ wh: [Double]) -> Double {
    precondition(v.count == wh.count, "KL of arrays of lengths \(v.count) and \(wh.count)")
    return v.withUnsafeBufferPointer { pv in
      wh.withUnsafeBufferPointer { pw in kullbackLeibler(pv.baseAddress, pw.baseAddress, count: v.count) }
    }
  }

  /// Returns `Σ V log(V/Λ) − V + Λ` over `count` cells (see ``klDivergence(_:_:)``).
  public static func kullbackLeibler(_ v: UnsafePointer<Double>?, _ wh: UnsafePointer<Double>?, count: Int) -> Double {
    guard count > 0, let v, let wh else { return 0 }
    var total = 0.0
    for i in 0..<count { total += term(v[i], wh[i]) }
    return total
  }

  /// Returns `Σ M·(V log(V/Λ) − V + Λ)`: the KL divergence counting only cells with weight `M`.
  public static func maskedKullbackLeibler(_ v: UnsafePointer<Double>, _ wh: UnsafePointer<Double>,
                                           mask: UnsafePointer<Double>, count: Int) -> Double {
    var total = 0.0
    for i in 0..<count where mask[i] != 0 { total += mask[i] * term(v[i], wh[i]) }
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
