import SigilCore

extension NMFNumerics {
  /// Scales W's columns to sum 1 and H's rows by the same factors, so W·H is unchanged: the form
  /// factorisations are returned in (a signature is a distribution over channels, its exposure the
  /// number of mutations it explains). Used by every NMF restart (`NMFState.normalizedFactors`) and
  /// by the negative-binomial polish after each W update. A column summing to 0 is left as it is
  /// (cannot happen for factors floored at `factorFloor`).
  /// - Precondition: `w.columns == h.rows`.
  static func scaleToUnitColumnSums(_ w: inout Matrix, _ h: inout Matrix) {
    precondition(w.columns == h.rows, "W has \(w.columns) columns but H has \(h.rows) rows")
    for c in 0..<w.columns {
      var s = 0.0
      for i in 0..<w.rows { s += w[i, c] }
      guard s > 0 else { continue }
      for i in 0..<w.rows { w[i, c] /= s }
      for j in 0..<h.columns { h[c, j] *= s }
    }
  }
}
