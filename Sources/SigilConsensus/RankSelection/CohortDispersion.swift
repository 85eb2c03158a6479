import SigilCore
import SigilFit

/// Overdispersion of a catalog around a rank-k solution: the Pearson estimate φ̂ (variance =
/// φ · mean) pooled over samples, by SigilFit's `Dispersion` (the one implementation `sigil fit`
/// uses too).
///
/// `φ̂ = Σ_j X²_j / (Σ_j (C_j − k) − k (C − 1))`: each sample's X² and its `C_j − k` degrees of
/// freedom (k exposures) from `Dispersion.pearsonStatistic`, minus the k (C − 1) free entries of
/// the signatures shared by the cohort (McCullagh & Nelder 1989, §4.5.2). ≈ 1 for Poisson counts;
/// ≈ 1 + N/(C r) for negative-binomial counts of size r at burden N.
public enum CohortDispersion {
  /// φ̂ of V around W · H, or nil when no sample yields a statistic or no degree of freedom is left.
  public static func pearson(catalog v: Matrix, signatures w: Matrix, exposures h: Matrix) -> Double? {
    let wh = VectorMath.multiply(w, h)
    var x2 = 0.0, df = 0
    for j in 0..<v.columns {
      guard let s = Dispersion.pearsonStatistic(counts: v.column(j), fitted: wh.column(j), parameters: w.columns) else { continue }
      x2 += s.x2; df += s.df
    }
    df -= w.columns * (v.rows - 1)
    return df > 0 ? x2 / Double(df) : nil
  }

  /// Negative-binomial quasi-likelihood weights of the catalog entries around W · H:
  /// `w = 1 / (1 + max(μ, 0.5) / r̂)`, r̂ the cohort's negative-binomial size by SigilFit's
  /// `Dispersion.negativeBinomialSize` over every entry (parameters k (C − 1 + n)), μ = W · H
  /// floored as there (`Dispersion.meanFloor`).
  ///
  /// A KL fit with these weights solves the negative-binomial score equations at μ (the KL score
  /// `Σ w (V − μ)/μ ∂μ` equals the NB one `Σ (V − μ)/(μ (1 + μ/r)) ∂μ`; McCullagh & Nelder 1989
  /// §9.2, as the overdispersed fit of Decision 0008): counts of large expectation, which
  /// negative-binomial noise moves most, pull the fit less. Nil when r̂ is infinite (Poisson
  /// counts: weight 1) or undefined.
  public static func negativeBinomialWeights(catalog v: Matrix, signatures w: Matrix,
                                             exposures h: Matrix) -> (size: Double, weights: Matrix)? {
    let wh = VectorMath.multiply(w, h)
    guard let r = negativeBinomialSize(catalog: v, fitted: wh, parameters: w.columns), r.isFinite else { return nil }
    let scale = v.values.reduce(0, +) / max(wh.values.reduce(0, +), .leastNormalMagnitude)
    let weights = wh.values.map { 1 / (1 + max($0 * scale, Dispersion.meanFloor) / r) }
    return (r, Matrix(rows: v.rows, columns: v.columns, values: weights))
  }

  /// The cohort's negative-binomial size r̂ around W · H: SigilFit's `Dispersion.negativeBinomialSize`
  /// over every entry, parameters k (C − 1 + n) (`.infinity` for Poisson-like counts, nil when
  /// undefined). The size `negativeBinomialWeights` and `--nb-polish` use.
  public static func negativeBinomialSize(catalog v: Matrix, signatures w: Matrix, exposures h: Matrix) -> Double? {
    negativeBinomialSize(catalog: v, fitted: VectorMath.multiply(w, h), parameters: w.columns)
  }

  static func negativeBinomialSize(catalog v: Matrix, fitted wh: Matrix, parameters k: Int) -> Double? {
    Dispersion.negativeBinomialSize(counts: v.values, fitted: wh.values, parameters: k * (v.rows - 1 + v.columns))
  }
}
