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
}
