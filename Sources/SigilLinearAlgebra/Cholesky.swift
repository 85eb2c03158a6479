/// Cholesky factorisation of principal submatrices of a Gram matrix, with solves and inverses:
/// sigil's one Cholesky (NNLS's passive-set solves, the fitter's rank-one updates and downdates).
///
/// ```swift
/// // gram: column-major n x n (e.g. WᵀW); factor the block of rows/columns 0 and 2
/// if let l = Cholesky.factor(gram: gram, order: n, indices: [0, 2]) {
///   let z = Cholesky.solve(factor: l, [c0, c2])       // G[S,S]·z = c
/// }
/// ```
/// The factor is stored row-major, lower triangle: `L[r][c] = l[r * p + c]`, `G[S,S] = L·Lᵀ`.
public enum Cholesky {
  /// A pivot at or below this fraction of its diagonal entry means the column is numerically
  /// dependent on the earlier ones (a squared system keeps about half of double precision).
  public static let dependencePivot = 1e-10

  /// The lower factor L of `G[S,S]` (S = `indices`), or nil when a pivot is at or below
  /// `dependencePivot` × its diagonal entry (G[S,S] numerically singular or not positive definite).
  /// - Parameters:
  ///   - gram: G, column-major `order` × `order`, symmetric.
  ///   - order: n, the size of G.
  ///   - indices: S, distinct indices into 0..<n.
  /// - Complexity: O(|S|³).
  public static func factor(gram: [Double], order n: Int, indices: [Int]) -> [Double]? {
    let p = indices.count
    var l = [Double](repeating: 0, count: p * p)
    for r in 0..<p {
      for c in 0...r {
        var sum = gram[indices[r] + indices[c] * n]
        for k in 0..<c { sum -= l[r * p + k] * l[c * p + k] }
        if r == c {
          // A diagonal ≤ 0 also fails here: sum ≤ diag ≤ dependencePivot · diag.
          if !(sum > dependencePivot * gram[indices[r] + indices[r] * n]) { return nil }
          l[r * p + r] = sum.squareRoot()
        } else {
          l[r * p + c] = sum / l[c * p + c]
        }
      }
    }
    return l
  }

  /// Solves `L·Lᵀ·z = b` by forward then back substitution.
  /// - Parameters:
  ///   - l: A factor from `factor(gram:order:indices:)`, p × p.
  ///   - b: Right-hand side, length p.
  public static func solve(factor l: [Double], _ b: [Double]) -> [Double] {
    let p = b.count
    precondition(l.count == p * p, "factor is \(l.count) values, right-hand side \(p)")
    var y = [Double](repeating: 0, count: p)
    for r in 0..<p {
      var sum = b[r]
      for k in 0..<r { sum -= l[r * p + k] * y[k] }
      y[r] = sum / l[r * p + r]
    }
    var z = [Double](repeating: 0, count: p)
    for r in stride(from: p - 1, through: 0, by: -1) {
      var sum = y[r]
      for k in (r + 1)..<p { sum -= l[k * p + r] * z[k] }
      z[r] = sum / l[r * p + r]
    }
    return z
  }

  /// `(L·Lᵀ)⁻¹`, column-major p × p: L⁻¹ column by column (forward substitution), then L⁻ᵀL⁻¹.
  /// - Parameters:
  ///   - l: A factor from `factor(gram:order:indices:)`.
  ///   - order: p.
  public static func inverse(factor l: [Double], order n: Int) -> [Double] {
    precondition(l.count == n * n, "factor is \(l.count) values, expected \(n)x\(n)")
    var linv = [Double](repeating: 0, count: n * n)   // row-major lower triangle
    for c in 0..<n {
      for r in c..<n {
        var t = r == c ? 1.0 : 0.0
        for q in c..<r { t -= l[r * n + q] * linv[q * n + c] }
        linv[r * n + c] = t / l[r * n + r]
      }
    }
    var inv = [Double](repeating: 0, count: n * n)
    for a in 0..<n {
      for b in 0...a {
        var t = 0.0
        for r in a..<n { t += linv[r * n + a] * linv[r * n + b] }
        inv[a + b * n] = t
        inv[b + a * n] = t
      }
    }
    return inv
  }
}
