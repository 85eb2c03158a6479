import Foundation

/// The overdispersion model the likelihood rule uses for one sample whose counts are more
/// variable than Poisson (Methods-fit.md §2.1, Decision 0008).
///
/// Estimated once per sample from its φ = 1 fit `μ̂`: the Pearson dispersion φ̂ and the
/// negative-binomial size r̂ (variance μ + μ²/r). Selection then uses the weighted quasi-log-
/// likelihood `Σ_c w_c (b_c log μ_c − μ_c)` with `w_c = 1 / (1 + μ̂_c / r̂)` (the inverse of the
/// channel's variance inflation), and compares `2Δℓ / φ̂^0.25` with the usual thresholds.
public struct NoiseModel: Sendable, Equatable {
  /// Pearson dispersion φ̂ (> 1) of the φ = 1 fit.
  public var dispersion: Double
  /// Negative-binomial size r̂ (finite) of the same fit.
  public var size: Double
  /// Per-channel quasi-likelihood weights `1 / (1 + max(μ̂_c, 0.5) / r̂)`, in (0, 1].
  public var weights: [Double]

  /// Exponent of φ̂ in the divisor of 2Δℓ. The weights alone left 0.25 false signatures per
  /// sample at r = 30 and 50,000 mutations; 0.25 halves that at a small cost in missed ones,
  /// 0.5 over-corrects at r = 10 (Methods-fit.md §2.1, tuning table).
  public static let thresholdExponent = 0.25

  /// Divisor of 2Δℓ in the rule: `φ̂^thresholdExponent`.
  public var scale: Double { pow(dispersion, Self.thresholdExponent) }

  /// A sample is treated as overdispersed when its Pearson `X² > df + z·√(2·df)` with this `z`:
  /// X² exceeds its Poisson expectation by 3 standard deviations (normal approximation to χ²_df,
  /// one-sided p ≈ 0.001; φ̂ > 1.45 at 90 df). Poisson samples then keep the rule of Decision 0003
  /// unchanged (and its speed: the weighted rule costs about 9 times more per fit).
  public static let significance = 3.0

  /// The model of a sample with counts `counts` and φ = 1 fit `fitted` (any scale), or nil when
  /// the counts are not significantly overdispersed (see `significance`) or φ̂ is undefined.
  public init?(counts: [Double], fitted: [Double], parameters: Int) {
    guard let (x2, df) = Dispersion.pearsonStatistic(counts: counts, fitted: fitted, parameters: parameters),
          x2 > Double(df) + Self.significance * (2 * Double(df)).squareRoot(),
          let r = Dispersion.negativeBinomialSize(counts: counts, fitted: fitted, parameters: parameters),
          r.isFinite else { return nil }
    let phi = x2 / Double(df)
    let n = counts.reduce(0, +), m = fitted.reduce(0, +)
    dispersion = phi
    size = r
    weights = fitted.map { 1 / (1 + max($0 * n / m, Dispersion.meanFloor) / r) }
  }

  /// A model with the given parameters (tests).
  init(dispersion: Double, size: Double, weights: [Double]) {
    self.dispersion = dispersion
    self.size = size
    self.weights = weights
  }
}
