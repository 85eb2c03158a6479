import Testing
import SigilCore
import SigilTestSupport
@testable import SigilLinearAlgebra

/// KKT checks: gradient components are sums of m·n products of O(1) values, so rounding is
/// ~1e-14; 1e-8 relative to ‖Aᵀb‖∞ leaves room for the solver's own stopping tolerance.
private let kktTolerance = 1e-8

private func randomMatrix(rows: Int, columns: Int, using rng: inout SeededGenerator) -> Matrix {
  Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in rng.nextStandardNormal() })
}

private func gradient(_ a: Matrix, _ b: [Double], _ x: [Double]) -> [Double] {
  let r = (0..<a.rows).map { i in b[i] - (0..<a.columns).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
  return (0..<a.columns).map { j in (0..<a.rows).reduce(0.0) { $0 + a[$1, j] * r[$1] } }
}

/// Unconstrained least squares by Gaussian elimination with partial pivoting on AᵀA (test oracle).
private func leastSquares(_ a: Matrix, _ b: [Double]) -> [Double] {
  let n = a.columns
  var g = NaiveKernels.multiply(a.transposed, a)
  var c = gradient(a, b, [Double](repeating: 0, count: n))
  for col in 0..<n {
    var p = col
    for r in col..<n where abs(g[r, col]) > abs(g[p, col]) { p = r }
    if p != col { for k in 0..<n { let t = g[col, k]; g[col, k] = g[p, k]; g[p, k] = t }; c.swapAt(col, p) }
    for r in (col + 1)..<n {
      let f = g[r, col] / g[col, col]
      for k in col..<n { g[r, k] -= f * g[col, k] }
      c[r] -= f * c[col]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for r in stride(from: n - 1, through: 0, by: -1) {
    var s = c[r]
    for k in (r + 1)..<n { s -= g[r, k] * x[k] }
    x[r] = s / g[r, r]
  }
  return x
}

@Suite("NNLS (Lawson–Hanson)") struct NNLSTests {
  @Test("hand-worked 2x2 with an active constraint")
  func handWorked() {
    // A = [[1, 1], [0, 1]] (columns (1,0) and (1,1)), b = (2, -1).
    // Unconstrained: x1 + x2 = 2, x2 = -1 -> x = (3, -1), infeasible.
    // With x2 = 0: min (x1 - 2)^2 + 1 -> x1 = 2, residual 1; gradient w = Aᵀ(b - Ax) = Aᵀ(0, -1)
    // = (0, -1): w2 < 0 so x2 = 0 is optimal. (With x1 = 0 instead: x2 = 0.5, residual² 4.5.)
    let a = Matrix(rows: 2, columns: 2, values: [1, 0, 1, 1])
    let (x, r) = NNLS.solve(a, [2, -1])
    #expect(approximatelyEqual(x[0], 2, relative: Tolerance.kernel))
    #expect(x[1] == 0)
    #expect(approximatelyEqual(r, 1, relative: Tolerance.kernel))
  }

  @Test("KKT conditions hold", arguments: 0..<48 as Range<UInt64>)
  func kkt(seed: UInt64) {
    var rng = SeededGenerator.stream(seed: 17, seed)
    let m = 4 + Int(seed % 7) * 5, n = 2 + Int(seed % 5) * 4   // includes n > m (rank-deficient)
    let a = randomMatrix(rows: m, columns: n, using: &rng)
    let b = (0..<m).map { _ in rng.nextStandardNormal() * 3 }
    let (x, r) = NNLS.solve(a, b)
    let w = gradient(a, b, x)
    let scale = max(1, w.map(abs).max()!, gradient(a, b, [Double](repeating: 0, count: n)).map(abs).max()!)
    for j in 0..<n {
      #expect(x[j] >= 0, "seed \(seed) x[\(j)] = \(x[j])")
      if x[j] == 0 {
        #expect(w[j] <= kktTolerance * scale, "seed \(seed) bound x[\(j)] has w = \(w[j])")
      } else {
        #expect(abs(w[j]) <= kktTolerance * scale, "seed \(seed) free x[\(j)] has w = \(w[j])")
      }
    }
    let res = (0..<m).map { i in b[i] - (0..<n).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
    // Zero-residual cases (n > m) compare at the rounding floor of ‖b‖.
    let bNorm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(approximatelyEqual(r, res.reduce(0) { $0 + $1 * $1 }.squareRoot(), relative: 1e-10, absolute: 1e-12 * bNorm), "seed \(seed)")
  }

  @Test("equals the unconstrained solution when that is non-negative", arguments: 0..<16 as Range<UInt64>)
  func unconstrained(seed: UInt64) {
    var rng = SeededGenerator.stream(seed: 23, seed)
    let m = 30, n = 6
    let a = randomMatrix(rows: m, columns: n, using: &rng)
    let truth = (0..<n).map { _ in 1 + rng.nextUnit() * 4 }
    let b = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * truth[$1] } + 0.1 * rng.nextStandardNormal() }
    let ls = leastSquares(a, b)
    #expect(ls.allSatisfy { $0 > 0 }, "seed \(seed): oracle solution should be positive")
    let (x, _) = NNLS.solve(a, b)
    for j in 0..<n { #expect(approximatelyEqual(x[j], ls[j], relative: 1e-9), "seed \(seed) j \(j): \(x[j]) vs \(ls[j])") }
  }

  @Test("recovers an exact COSMIC mixture among all 86 collinear signatures")
  func cosmicExact() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let picks = ["SBS1", "SBS5", "SBS13"]
    let idx = picks.map { cosmic.names.firstIndex(of: $0)! }
    let weights = [300.0, 1200, 500]
    let b = (0..<96).map { i in zip(idx, weights).reduce(0.0) { $0 + cosmic.matrix[i, $1.0] * $1.1 } }
    let (x, r) = NNLS.solve(cosmic.matrix, b)
    #expect(r < 1e-6, "residual \(r)")
    for (j, wt) in zip(idx, weights) { #expect(abs(x[j] - wt) < 1e-4, "\(cosmic.names[j]) \(x[j]) vs \(wt)") }
  }

  @Test("degenerate inputs: zero b, negative-only correlation, duplicate columns")
  func degenerate() {
    let a = Matrix(rows: 3, columns: 2, values: [1, 0, 0, 0, 1, 0])
    #expect(NNLS.solve(a, [0, 0, 0]).x == [0, 0])
    let neg = NNLS.solve(a, [-1, -2, 5])
    #expect(neg.x == [0, 0])
    #expect(approximatelyEqual(neg.residualNorm, 30.0.squareRoot(), relative: Tolerance.kernel))
    // Two identical columns: any split is optimal; the fit must still be exact and non-negative.
    let dup = Matrix(rows: 3, columns: 3, values: [1, 1, 0, 1, 1, 0, 0, 0, 1])
    let d = NNLS.solve(dup, [2, 2, 3])
    #expect(d.x.allSatisfy { $0 >= 0 })
    #expect(d.residualNorm < 1e-12)
  }

  @Test("Gram form honours the allowed mask")
  func allowedMask() {
    let a = Matrix(rows: 2, columns: 2, values: [1, 0, 0, 1])
    let s = NNLS.solve(gram: NaiveKernels.multiply(a.transposed, a), atb: [3, 4], allowed: [false, true])
    #expect(s.x == [0, 4])
    #expect(s.converged)
  }
}
