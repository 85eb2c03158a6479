import CBLAS
import SigilCore

/// Eigen-decomposition of a real symmetric matrix (LAPACK `dsyev`, bundled in OpenBLAS).
///
/// Used for the truncated SVD behind NNDSVD initialisation: the matrices are at most
/// min(channels, samples) square, so the Gram-matrix route is cheap.
///
/// ```swift
/// let (values, vectors) = try SymmetricEigen.decompose(gram)   // values descending
/// ```
public enum SymmetricEigen {
  /// Returns the eigenvalues in descending order and the matching unit eigenvectors as columns.
  ///
  /// Only the lower triangle of `a` is read. Returns `nil` if LAPACK reports non-convergence
  /// (`info > 0`), which for a symmetric matrix of finite values does not happen in practice.
  public static func decompose(_ a: Matrix) -> (values: [Double], vectors: Matrix)? {
    precondition(a.rows == a.columns, "symmetric eigen-decomposition needs a square matrix (got \(a.rows)x\(a.columns))")
    let n = a.rows
    if n == 0 { return ([], Matrix(rows: 0, columns: 0)) }
    var storage = a.values
    var values = [Double](repeating: 0, count: n)
    var info: Int32 = 0
    var dim = Int32(n), lda = Int32(n)
    let jobz: CChar = 86 /* "V": eigenvectors too */, uplo: CChar = 76 /* "L" */
    // Workspace query (lwork = -1), then the call.
    var query = 0.0
    var lwork: Int32 = -1
    withUnsafePointer(to: jobz) { pj in
      withUnsafePointer(to: uplo) { pu in
        dsyev_(pj, pu, &dim, &storage, &lda, &values, &query, &lwork, &info, 1, 1)
      }
    }
    guard info == 0 else { return nil }
    lwork = Int32(max(query, Double(3 * n)))
    var work = [Double](repeating: 0, count: Int(lwork))
    withUnsafePointer(to: jobz) { pj in
      withUnsafePointer(to: uplo) { pu in
        dsyev_(pj, pu, &dim, &storage, &lda, &values, &work, &lwork, &info, 1, 1)
      }
    }
    guard info == 0 else { return nil }
    // LAPACK returns ascending order; reverse to descending.
    var vectors = Matrix(rows: n, columns: n)
    for j in 0..<n {
      let src = n - 1 - j
      for i in 0..<n { vectors[i, j] = storage[i + src * n] }
    }
    return (Array(values.reversed()), vectors)
  }
}

/// The leading singular triplets of a matrix: `A ≈ Σⱼ sⱼ uⱼ vⱼᵀ` for j < rank.
public struct TruncatedSVD: Sendable, Equatable {
  /// Left singular vectors, rows x rank (unit columns, or zero where the singular value is 0).
  public let u: Matrix
  /// Singular values, descending, non-negative.
  public let singularValues: [Double]
  /// Right singular vectors, columns x rank.
  public let v: Matrix

  /// Computes the leading `rank` singular triplets of `a` via the eigen-decomposition of the
  /// smaller Gram matrix (`AAᵀ` or `AᵀA`).
  ///
  /// Squaring the matrix halves the relative accuracy of small singular values; that is harmless
  /// for initialisation (NNDSVD), the only use here. Singular values below
  /// `relativeCutoff · s₀` are reported as 0 with zero vectors, so rank-deficient inputs are exact.
  /// Returns `nil` only if LAPACK fails to converge.
  public init?(_ a: Matrix, rank: Int) {
    precondition(rank >= 0 && rank <= min(a.rows, a.columns), "rank \(rank) exceeds min(\(a.rows), \(a.columns))")
    let tall = a.rows >= a.columns  // Gram of the smaller side: AᵀA (columns²) when tall.
    let gram = tall ? BLAS.multiply(a, a, transposeA: true) : BLAS.multiply(a, a, transposeB: true)
    guard let (lambda, vectors) = SymmetricEigen.decompose(gram) else { return nil }
    // Eigenvalues of a Gram matrix below this fraction of the largest are rounding noise: the
    // Gram route resolves singular values only down to about sqrt(ulp)·s₀ ≈ 1.5e-8·s₀.
    let relativeCutoff = Double.ulpOfOne.squareRoot()
    let top = max(lambda.first ?? 0, 0).squareRoot()
    var u = Matrix(rows: a.rows, columns: rank), v = Matrix(rows: a.columns, columns: rank)
    var s = [Double](repeating: 0, count: rank)
    for j in 0..<rank {
      let sj = max(lambda[j], 0).squareRoot()
      guard sj > relativeCutoff * top, sj > 0 else { continue }
      s[j] = sj
      let small = vectors.column(j)             // eigenvector of the Gram matrix
      let smallMatrix = Matrix(rows: small.count, columns: 1, values: small)
      // The other side: A·v / s (tall) or Aᵀ·u / s (wide).
      let other = tall ? BLAS.multiply(a, smallMatrix) : BLAS.multiply(a, smallMatrix, transposeA: true)
      let otherValues = other.values.map { $0 / sj }
      if tall { v.setColumn(j, to: small); u.setColumn(j, to: otherValues) }
      else { u.setColumn(j, to: small); v.setColumn(j, to: otherValues) }
    }
    self.u = u; self.singularValues = s; self.v = v
  }
}
