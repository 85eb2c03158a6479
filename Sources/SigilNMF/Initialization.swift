import SigilCore
import SigilLinearAlgebra

/// Initial factors for one restart (internal; documented in Docs/Methods-nmf.md, "Initialisation").
enum NMFInitializer {
  /// Returns (W, H) for V under `method`. Random draws W column by column, then H, from `rng`;
  /// NNDSVD and NNDSVDa draw nothing (they are deterministic functions of V).
  static func factors(for v: Matrix, rank k: Int, method: NMFInitialization,
                      using rng: inout some RandomNumberGenerator) -> (w: Matrix, h: Matrix) {
    switch method {
    case .random: return random(for: v, rank: k, using: &rng)
    case .nndsvd, .nndsvda:
      if let factors = nndsvd(for: v, rank: k, fillZeros: method == .nndsvda) { return factors }
      // LAPACK did not converge (not seen in practice for finite input): fall back to random.
      return random(for: v, rank: k, using: &rng)
    }
  }

  /// Uniform entries on (0, 2a) with a = sqrt(mean(V)/k), so that E[(WH)ᵢⱼ] = k·a² = mean(V)
  /// (the scaling scikit-learn uses for its random init, with a uniform instead of a half-normal).
  static func random(for v: Matrix, rank k: Int, using rng: inout some RandomNumberGenerator) -> (w: Matrix, h: Matrix) {
    let mean = v.values.reduce(0, +) / Double(max(v.values.count, 1))
    let scale = 2 * (mean / Double(k)).squareRoot()
    var w = Matrix(rows: v.rows, columns: k), h = Matrix(rows: k, columns: v.columns)
    for i in w.values.indices { w.values[i] = scale * rng.nextOpenUnit() }
    for i in h.values.indices { h.values[i] = scale * rng.nextOpenUnit() }
    return (w, h)
  }

  /// Non-negative double SVD (Boutsidis & Gallopoulos 2008, Table 1).
  ///
  /// For each leading singular triplet (s, u, v): the first gives W₀ = √s·|u|, H₀ = √s·|v|; each
  /// later one is split into positive and negative parts, and the pair (u₊, v₊) or (u₋, v₋) with
  /// the larger ‖u±‖·‖v±‖ is kept, scaled by √(s·‖u±‖‖v±‖) after normalising. With `fillZeros`
  /// (NNDSVDa) every zero entry becomes mean(V) so multiplicative updates can move it.
  static func nndsvd(for v: Matrix, rank k: Int, fillZeros: Bool) -> (w: Matrix, h: Matrix)? {
    guard let svd = TruncatedSVD(v, rank: k) else { return nil }
    var w = Matrix(rows: v.rows, columns: k), h = Matrix(rows: k, columns: v.columns)
    func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    for j in 0..<k {
      let s = svd.singularValues[j]
      guard s > 0 else { continue }
      let x = svd.u.column(j), y = svd.v.column(j)
      if j == 0 {
        // The leading singular vectors of a non-negative matrix can be taken non-negative (Perron–Frobenius).
        w.setColumn(0, to: x.map { s.squareRoot() * abs($0) })
        for c in 0..<v.columns { h[0, c] = s.squareRoot() * abs(y[c]) }
        continue
      }
      let xp = x.map { max($0, 0) }, xn = x.map { max(-$0, 0) }
      let yp = y.map { max($0, 0) }, yn = y.map { max(-$0, 0) }
      let xpn = norm(xp), ypn = norm(yp), xnn = norm(xn), ynn = norm(yn)
      let mp = xpn * ypn, mn = xnn * ynn
      let (xs, ys, xsn, ysn, sigma) = mp >= mn ? (xp, yp, xpn, ypn, mp) : (xn, yn, xnn, ynn, mn)
      guard sigma > 0 else { continue }
      let factor = (s * sigma).squareRoot()
      w.setColumn(j, to: xs.map { factor * $0 / xsn })
      for c in 0..<v.columns { h[j, c] = factor * ys[c] / ysn }
    }
    if fillZeros {
      let mean = v.values.reduce(0, +) / Double(max(v.values.count, 1))
      for i in w.values.indices where w.values[i] == 0 { w.values[i] = mean }
      for i in h.values.indices where h.values[i] == 0 { h.values[i] = mean }
    }
    return (w, h)
  }
}
