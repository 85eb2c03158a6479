import CBLAS
import SigilCore

/// Dense matrix products on OpenBLAS (`cblas_dgemm`, column-major), the only way sigil calls BLAS.
///
/// `multiply(_:_:)` is the clear form for setup code; the pointer form `gemm` is for hot loops
/// that own preallocated buffers (the NMF iterations), so no array is allocated per call.
///
/// ```swift
/// let wh = BLAS.multiply(w, h)                      // (96 x k)·(k x n)
/// let gram = BLAS.multiply(w, w, transposeA: true)  // Wᵀ·W, k x k
/// ```
public enum BLAS {
  /// Returns `op(A)·op(B)` where `op` transposes when asked (`cblas_dgemm`, `CblasColMajor`).
  public static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
    let m = transposeA ? a.columns : a.rows
    let inner = transposeA ? a.rows : a.columns
    let innerB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(inner == innerB, "shapes \(a.rows)x\(a.columns)\(transposeA ? "ᵀ" : "") and \(b.rows)x\(b.columns)\(transposeB ? "ᵀ" : "") do not chain")
    var c = Matrix(rows: m, columns: n)
    multiply(a, b, into: &c, transposeA: transposeA, transposeB: transposeB)
    return c
  }

  /// Computes `C = alpha·op(A)·op(B) + beta·C` into an existing matrix of the right shape.
  public static func multiply(_ a: Matrix, _ b: Matrix, into c: inout Matrix, transposeA: Bool = false,
                              transposeB: Bool = false, alpha: Double = 1, beta: Double = 0) {
    let m = transposeA ? a.columns : a.rows
    let inner = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    precondition((transposeB ? b.columns : b.rows) == inner, "inner dimensions differ")
    precondition(c.rows == m && c.columns == n, "output is \(c.rows)x\(c.columns), expected \(m)x\(n)")
    if m == 0 || n == 0 { return }
    if inner == 0 {
      // BLAS would scale C by beta; do the same without calling it on empty operands.
      for i in c.values.indices { c.values[i] = beta == 0 ? 0 : beta * c.values[i] }
      return
    }
    let rowsA = a.rows, rowsB = b.rows, rowsC = c.rows
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: inner, alpha: alpha,
               a: pa.baseAddress!, lda: rowsA, b: pb.baseAddress!, ldb: rowsB, beta: beta,
               c: pc.baseAddress!, ldc: rowsC)
        }
      }
    }
  }

  /// Computes `C = alpha·op(A)·op(B) + beta·C` on raw column-major storage (`cblas_dgemm`).
  ///
  /// `op(A)` is m x k, `op(B)` is k x n, `C` is m x n; `lda`, `ldb`, `ldc` are the stored row counts
  /// (leading dimensions) of A, B, C. For hot loops: no allocation, no copy.
  @inline(__always)
  public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                          a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                          beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
    cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }

  /// Returns the dot product of two equal-length vectors (`cblas_ddot`).
  public static func dot(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "vectors of lengths \(x.count) and \(y.count)")
    if x.isEmpty { return 0 }
    return x.withUnsafeBufferPointer { px in
      y.withUnsafeBufferPointer { py in cblas_ddot(blasint(x.count), px.baseAddress!, 1, py.baseAddress!, 1) }
    }
  }

  /// Returns the Euclidean norm of a vector (`cblas_dnrm2`, which scales to avoid overflow).
  public static func norm(_ x: [Double]) -> Double {
    if x.isEmpty { return 0 }
    return x.withUnsafeBufferPointer { cblas_dnrm2(blasint(x.count), $0.baseAddress!, 1) }
  }
}
