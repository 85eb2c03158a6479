import SigilCore
import SigilLinearAlgebra

/// Upper bounds for signatures a fit leaves out (Methods-fit.md §3, Decision 0017).
///
/// A signature the rule does not select has exposure 0, and so does every bootstrap replicate
/// that does not select it either: its interval used to be [0, 0] even when a few percent of the
/// mutations were its own (most of the coverage misses measured for issue #15). Each replicate
/// therefore also records, for every signature it did not select, the exposure that signature
/// takes when it is added alone to the replicate's selected set; `CohortFitter.bootstrap` reports
/// the 97.5% quantile of those as the signature's upper bound.
extension SignatureFitter {
  /// Per signature (set order): for j outside `chosen`, its coefficient in the NNLS fit on
  /// `chosen ∪ {j}`; 0 for j in `chosen`, and when adding j cannot lower the residual (gradient
  /// `w_j = [Aᵀ(b − A·x_S)]_j ≤ 0` at the least-squares fit x_S on S: KKT) or j is numerically in
  /// the span of S.
  ///
  /// From the least-squares fit on S (`G_SS = LLᵀ`, the chosen exposures may be ML-refined, so it
  /// is recomputed): `v = L⁻¹g_Sj`, `σ = G_jj − vᵀv`, `x_j = w_j/σ` and `x_S ← x_S − L⁻ᵀv·x_j` (block
  /// elimination, as `adding`); when that would make a coefficient of S non-positive, a fresh NNLS
  /// solve on S ∪ {j}. Least squares, not the Poisson ML of the selected exposures: an EM refit per
  /// candidate would cost about 80 refits per replicate.
  /// - Complexity: O(k·|S|²) plus one small NNLS solve per candidate that needs one.
  func augmentedExposures(_ chosen: [Int], _ p: Problem) -> [Double] {
    var out = [Double](repeating: 0, count: k)
    var atbMax = 0.0
    for v in p.atb { atbMax = max(atbMax, abs(v)) }
    let tol = 1e-12 * atbMax
    // The least-squares fit on S by its Cholesky factor when every coefficient is positive (then it
    // is the NNLS fit); otherwise NNLS, which drops the non-positive ones.
    var base = Subset(indices: chosen, x: [], rss: 0)
    var factor = Cholesky.factor(gram: gram, order: k, indices: chosen)
    if let l = factor {
      base.x = Cholesky.solve(factor: l, chosen.map { p.atb[$0] })
    }
    if factor == nil || base.x.contains(where: { !($0 > 0) }) {
      base = solve(chosen, p)
      factor = Cholesky.factor(gram: gram, order: k, indices: base.indices)
    }
    let n = base.indices.count
    var inSet = [Bool](repeating: false, count: k)
    for j in chosen { inSet[j] = true }
    var v = [Double](repeating: 0, count: n)
    for j in 0..<k where !inSet[j] {
      var wj = p.atb[j]
      for (r, s) in base.indices.enumerated() { wj -= gram[j + s * k] * base.x[r] }
      if wj <= tol { continue }
      if let l = factor {
        let schur = Self.appendedPivot(j, basis: base.indices, factor: l, gram: gram, k: k, v: &v)
        if schur <= NNLS.dependencePivot * gram[j + j * k] { continue }
        let xj = wj / schur
        var positive = true
        for r in stride(from: n - 1, through: 0, by: -1) {
          var t = v[r]
          for q in (r + 1)..<n { t -= l[q * n + r] * v[q] }
          v[r] = t / l[r * n + r]
          if !(base.x[r] - v[r] * xj > 0) { positive = false; break }
        }
        if positive { out[j] = xj; continue }
      }
      out[j] = augmentedBySmallSolves(j, base.indices, p, tol: tol)
    }
    return out
  }

  /// x_j of the NNLS fit on `base ∪ {j}` when the rank-one update turned a coefficient of `base`
  /// non-positive: least squares on the set, dropping the most negative coefficient of `base` until
  /// all are positive, accepted when the dropped signatures satisfy the KKT condition (gradient
  /// ≤ `tol`; then it is the NNLS solution of this convex problem); otherwise a fresh NNLS solve.
  /// Cheaper than NNLS's general active-set loop in the common case of one or two dropped.
  func augmentedBySmallSolves(_ j: Int, _ base: [Int], _ p: Problem, tol: Double) -> Double {
    var set = base
    set.insert(j, at: set.firstIndex { $0 > j } ?? set.count)
    while !set.isEmpty {
      guard let l = Cholesky.factor(gram: gram, order: k, indices: set) else { break }
      let z = Cholesky.solve(factor: l, set.map { p.atb[$0] })
      var worst = -1
      for r in set.indices where set[r] != j && !(z[r] > 0) && (worst < 0 || z[r] < z[worst]) { worst = r }
      if worst >= 0 { set.remove(at: worst); continue }
      guard let pj = set.firstIndex(of: j), z[pj] > 0 else { break }
      var kkt = true
      for r in base where !set.contains(r) {
        var g = p.atb[r]
        for (q, t) in set.enumerated() { g -= gram[r + t * k] * z[q] }
        if g > tol { kkt = false; break }
      }
      if kkt { return z[pj] }
      break
    }
    var idx = base
    idx.insert(j, at: idx.firstIndex { $0 > j } ?? idx.count)
    let trial = solve(idx, p)
    return trial.indices.firstIndex(of: j).map { trial.x[$0] } ?? 0
  }

  /// One bootstrap replicate: its exposures under the sample's rule (`noise`; signatures in
  /// `excluded` are never selected) and, per signature it did not select, the exposure that
  /// signature takes when added to its selection (`augmentedExposures`; 0 for selected ones and
  /// for the estimators without selection, where every signature was already offered).
  func replicate(_ counts: [Double], noise: NoiseModel?, excluded: [Bool]) -> (exposures: [Double], absent: [Double]) {
    var out = [Double](repeating: 0, count: k)
    if configuration.method == .kl || configuration.method == .nnls {
      return (exposures(counts, noise: noise), out)
    }
    var p = problem(counts)
    if p.bb <= 0 { return (out, out) }
    if configuration.method == .likelihood, let noise { p.noise = noise }
    p.excluded = excluded
    var chosen = select(p)
    if configuration.method == .likelihood { refine(&chosen, p) }
    for (r, j) in chosen.indices.enumerated() { out[j] = chosen.x[r] }
    return (out, augmentedExposures(chosen.indices, p))
  }

  /// Adding column `j` to a least-squares basis whose Gram matrix has the Cholesky factor `l`
  /// (n x n, row-major): solves L·v = G[basis, j] into `v` and returns the Schur complement
  /// G[j, j] − v·v, the pivot the enlarged factor would get (tiny: j is nearly a combination of
  /// the basis). Shared by the candidate screen and the absence bound.
  static func appendedPivot(_ j: Int, basis: [Int], factor l: [Double], gram: [Double], k: Int, v: inout [Double]) -> Double {
    let n = basis.count
    var schur = gram[j + j * k]
    for r in 0..<n {
      var s = gram[basis[r] + j * k]
      for q in 0..<r { s -= l[r * n + q] * v[q] }
      v[r] = s / l[r * n + r]
      schur -= v[r] * v[r]
    }
    return schur
  }
}
