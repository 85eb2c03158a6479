import SigilCore

/// Non-negative least squares: `min ‖A·x − b‖₂` subject to `x ≥ 0`, by the Lawson–Hanson active-set
/// method.
///
/// ```swift
/// let a = Matrix(rows: 2, columns: 2, values: [1, 0, 1, 1])   // columns (1,0) and (1,1)
/// let (x, r) = NNLS.solve(a, [2, -1])                          // x = [2, 0], r = 1
/// ```
/// The inner unconstrained subproblems are solved on the normal equations (`AᵀA`, `Aᵀb`) by
/// Cholesky factorisation, as in Bro & de Jong's "fast NNLS"; this is the same active-set path
/// as Lawson–Hanson, and lets callers that solve many right-hand sides against one `A` (fitting
/// thousands of samples to one signature set) compute `AᵀA` once (`solve(gram:atb:)`).
public enum NNLS {
  /// Result of a solve on the normal equations.
  public struct Solution: Sendable, Equatable {
    /// The minimiser, length n, all entries ≥ 0 (exact zeros outside the passive set).
    public var x: [Double]
    /// Outer iterations (signatures added to the passive set).
    public var iterations: Int
    /// False when the iteration guard stopped the solve before the KKT conditions held.
    public var converged: Bool
  }

  /// Outer iterations allowed, as a multiple of the number of unknowns (scipy uses 3n too).
  public static let iterationFactor = 3

  /// Returns the non-negative least-squares solution of `A·x ≈ b` and its residual norm.
  ///
  /// Minimises `‖A·x − b‖₂` over `x ≥ 0`. Active-set method: start with every variable at its
  /// bound (x = 0); repeatedly free the variable with the largest gradient component
  /// `wⱼ = [Aᵀ(b − A·x)]ⱼ`, solve the unconstrained problem on the free ("passive") set, and step
  /// back along the segment to the first variable that would turn negative, moving it to the
  /// bound. Stops when every bound variable has `wⱼ ≤ tol` (the KKT conditions), or after
  /// `iterationFactor · n` additions.
  /// - Parameters:
  ///   - a: Design matrix, m × n (e.g. 96 channels × n signatures), finite.
  ///   - b: Right-hand side, length m, finite.
  /// - Returns: `x` (length n, ≥ 0) and `‖A·x − b‖₂`.
  /// - Complexity: O(m·n²) for `AᵀA`, then O(n³) per active-set change.
  /// ## References
  /// - Lawson & Hanson (1974), Solving Least Squares Problems, Prentice-Hall, ch. 23.
  /// - Bro & de Jong (1997), A fast non-negativity-constrained least squares algorithm,
  ///   J. Chemometrics 11:393, doi:10.1002/(SICI)1099-128X(199709/10)11:5<393::AID-CEM483>3.0.CO;2-L.
  public static func solve(_ a: Matrix, _ b: [Double]) -> (x: [Double], residualNorm: Double) {
    precondition(b.count == a.rows, "NNLS: b has \(b.count) values, A has \(a.rows) rows")
    let n = a.columns, m = a.rows
    var gram = Matrix(rows: n, columns: n)
    var atb = [Double](repeating: 0, count: n)
    a.values.withUnsafeBufferPointer { av in
      for j in 0..<n {
        var s = 0.0
        for i in 0..<m { s += av[i + j * m] * b[i] }
        atb[j] = s
        for k in 0...j {
          var g = 0.0
          for i in 0..<m { g += av[i + j * m] * av[i + k * m] }
          gram[j, k] = g
          gram[k, j] = g
        }
      }
    }
    let x = solve(gram: gram, atb: atb).x
    var r2 = 0.0
    for i in 0..<m {
      var r = -b[i]
      for j in 0..<n where x[j] != 0 { r += a[i, j] * x[j] }
      r2 += r * r
    }
    return (x, r2.squareRoot())
  }

  /// Returns the NNLS solution given the normal equations `G = AᵀA` (n × n, symmetric positive
  /// semi-definite) and `c = Aᵀb` (length n); see `solve(_:_:)` for the method.
  ///
  /// The KKT tolerance is `tol = n · 1e4 · ε · max(|c|, max Gᵢᵢ·max x)`: gradient components within
  /// rounding of zero count as zero. A candidate whose column is numerically dependent on the
  /// passive set (Cholesky pivot ≤ `dependencePivot` × its diagonal) is skipped, as in
  /// Lawson–Hanson's step 6 test.
  /// - Parameters:
  ///   - gram: `AᵀA`, n × n.
  ///   - atb: `Aᵀb`, length n.
  ///   - allowed: Optional mask of variables that may be non-zero (others are fixed at 0), length n.
  /// - Returns: `x ≥ 0`, outer iterations and whether the KKT conditions were reached.
  /// - Complexity: O(n³) per active-set change, at most `iterationFactor · n` changes.
  public static func solve(gram: Matrix, atb: [Double], allowed: [Bool]? = nil) -> Solution {
    let n = atb.count
    precondition(gram.rows == n && gram.columns == n, "NNLS: Gram is \(gram.rows)x\(gram.columns), need \(n)x\(n)")
    var x = [Double](repeating: 0, count: n)
    var passive = [Bool](repeating: false, count: n)
    var blocked = allowed.map { $0.map { !$0 } } ?? [Bool](repeating: false, count: n)
    var maxDiag = 0.0, maxC = 0.0
    for j in 0..<n { maxDiag = max(maxDiag, gram[j, j]); maxC = max(maxC, abs(atb[j])) }
    if maxC == 0 || maxDiag == 0 { return Solution(x: x, iterations: 0, converged: true) }
    // Rounding in w = c − G·x is about n·ε·(|c| + |G|·|x|); 1e4 of slack keeps the loop from
    // chasing noise (scipy's nnls uses a similar 10·max(m,n)·ε·‖A‖₁ scale).
    let toleranceScale = Double(n) * 1e4 * Double.ulpOfOne
    var w = atb
    var iterations = 0
    let maxIterations = iterationFactor * max(n, 1)
    var converged = false
    var s = [Double](repeating: 0, count: n)

    outer: while true {
      var xMax = 0.0
      for j in 0..<n { xMax = max(xMax, x[j]) }
      let tol = toleranceScale * max(maxC, maxDiag * xMax)
      var best = -1
      var bestW = tol
      for j in 0..<n where !passive[j] && !blocked[j] && w[j] > bestW { best = j; bestW = w[j] }
      if best < 0 { converged = true; break }
      if iterations >= maxIterations { break }
      iterations += 1
      passive[best] = true

      var inner = 0
      while true {
        inner += 1
        let indices = (0..<n).filter { passive[$0] }
        guard let z = choleskySolve(gram: gram, atb: atb, indices: indices) else {
          // The new column is (numerically) in the span of the passive ones: skip it until the
          // passive set changes again.
          passive[best] = false
          blocked[best] = true
          continue outer
        }
        for j in 0..<n { s[j] = 0 }
        var minZ = Double.infinity
        for (r, j) in indices.enumerated() { s[j] = z[r]; minZ = min(minZ, z[r]) }
        if minZ > 0 || inner > n + 1 {
          for j in 0..<n { x[j] = passive[j] ? max(s[j], 0) : 0 }
          break
        }
        // Step from x towards s, stopping where the first passive variable reaches zero.
        var alpha = 1.0
        for j in indices where s[j] <= 0 {
          let denom = x[j] - s[j]
          if denom > 0 { alpha = min(alpha, x[j] / denom) }
        }
        for j in 0..<n { x[j] += alpha * (s[j] - x[j]) }
        var removed = false
        for j in indices where x[j] <= 0 || s[j] <= 0 && x[j] <= Double.ulpOfOne * max(1, xMax) {
          x[j] = 0; passive[j] = false; removed = true
        }
        if !removed {
          // Degenerate step (alpha rounded away): drop the most negative component.
          var worst = indices[0]
          for j in indices where s[j] < s[worst] { worst = j }
          x[worst] = 0; passive[worst] = false
        }
        if !passive.contains(true) { break }
      }
      // The passive set changed: earlier dependence verdicts may no longer hold.
      for j in 0..<n where blocked[j] && (allowed?[j] ?? true) { blocked[j] = false }
      if let allowed { for j in 0..<n where !allowed[j] { blocked[j] = true } }
      for j in 0..<n {
        var g = 0.0
        for k in 0..<n where x[k] != 0 { g += gram[j, k] * x[k] }
        w[j] = atb[j] - g
      }
    }
    return Solution(x: x, iterations: iterations, converged: converged)
  }

  /// A Cholesky pivot at or below this fraction of its diagonal entry means the column is
  /// numerically dependent on the earlier ones (`Cholesky.dependencePivot`).
  public static let dependencePivot = Cholesky.dependencePivot

  /// Solves G[idx, idx]·z = c[idx] by Cholesky; nil when G[idx, idx] is numerically singular.
  static func choleskySolve(gram: Matrix, atb: [Double], indices: [Int]) -> [Double]? {
    if indices.isEmpty { return [] }
    guard let l = Cholesky.factor(gram: gram.values, order: gram.rows, indices: indices) else { return nil }
    return Cholesky.solve(factor: l, indices.map { atb[$0] })
  }
}
