import Foundation

/// Overdispersion of counts relative to the Poisson / multinomial model of a fit.
///
/// One implementation, shared by `sigil fit`'s selection rule and bootstrap and open to any
/// caller that has counts and a fitted mean (e.g. a rank rule of `extract`).
///
/// ```swift
/// let phi = Dispersion.pearson(counts: b, fitted: W_S · x_S, parameters: 3)   // ≈ 1 for Poisson
/// ```
public enum Dispersion {
  /// Default floor on fitted means in the estimators (see `pearson`).
  public static let meanFloor = 0.5

  /// Pearson estimate of the dispersion φ (variance = φ · mean) of one sample:
  /// `φ = X² / (C − p)`, `X² = Σ_c (b_c − μ_c)² / μ_c`, with the fitted means `μ = ŷ · Σb / Σŷ`
  /// (the reconstruction scaled to the observed total, as the multinomial model has it) and
  /// `C` the channels with `μ_c > 0` (McCullagh & Nelder 1989, §4.5.2 and §6.2).
  ///
  /// For Poisson or multinomial counts φ ≈ 1; for negative-binomial counts of dispersion r
  /// (variance μ + μ²/r) `E X² = Σ_c (μ_c + μ_c²/r)/μ_c = C + N/r`, so φ ≈ 1 + N/(C·r): it grows
  /// with the burden N.
  /// - Parameters:
  ///   - counts: Observed counts, ≥ 0.
  ///   - fitted: Fitted means, same length, ≥ 0 (any scale: rescaled to `Σ counts`).
  ///   - parameters: Parameters fitted (signatures with positive exposure).
  ///   - floor: Smallest fitted mean a channel may have, after rescaling: a channel the fit
  ///     gives almost no mass (COSMIC signatures have entries of 1e-6) but the sample has one
  ///     count in would otherwise dominate X² (one count at μ = 0.01 adds 98). Default 0.5: a single
  ///     count then contributes at most 2 (and a Poisson channel of mean μ < 0.5 only 2μ < 1 on average,
  ///     so the floor can bias φ down at very low burden, never up).
  /// - Returns: φ (not floored at 1), or nil when `Σ counts` or `Σ fitted` is 0 or no degrees of
  ///   freedom are left.
  /// - Complexity: O(channels).
  public static func pearson(counts: [Double], fitted: [Double], parameters: Int, floor: Double = meanFloor) -> Double? {
    pearsonStatistic(counts: counts, fitted: fitted, parameters: parameters, floor: floor).map { $0.x2 / Double($0.df) }
  }

  /// Pearson's `X²` and its degrees of freedom `C − p`, as in `pearson` (nil in the same cases).
  public static func pearsonStatistic(counts: [Double], fitted: [Double], parameters: Int,
                                      floor: Double = meanFloor) -> (x2: Double, df: Int)? {
    precondition(counts.count == fitted.count, "counts and fitted means differ in length")
    var n = 0.0, m = 0.0
    for i in 0..<counts.count { n += counts[i]; m += fitted[i] }
    guard n > 0, m > 0 else { return nil }
    let scale = n / m
    var x2 = 0.0
    var cells = 0
    for i in 0..<counts.count {
      let mu = fitted[i] * scale
      if mu <= 0 && counts[i] <= 0 { continue }
      cells += 1
      let d = counts[i] - mu
      x2 += d * d / max(mu, floor)
    }
    let df = cells - parameters
    guard df > 0 else { return nil }
    return (x2, df)
  }

  /// Moment estimate of the negative-binomial size r (variance μ + μ²/r) of one sample: the r
  /// with `Σ_c (b_c − μ_c)² / (μ_c + μ_c²/r) = C − p` (the Pearson equation of glm.nb's
  /// `theta.mm`), μ as in `pearson` (same floor). Returns `.infinity` when the Poisson X² is
  /// already ≤ C − p, nil when `pearson` is nil.
  public static func negativeBinomialSize(counts: [Double], fitted: [Double], parameters: Int,
                                          floor: Double = meanFloor) -> Double? {
    var n = 0.0, m = 0.0
    for i in 0..<counts.count { n += counts[i]; m += fitted[i] }
    guard n > 0, m > 0 else { return nil }
    var mu: [Double] = [], sq: [Double] = []
    for i in 0..<counts.count {
      let v = fitted[i] * n / m
      if v <= 0 && counts[i] <= 0 { continue }
      mu.append(max(v, floor)); sq.append((counts[i] - v) * (counts[i] - v))
    }
    let df = Double(mu.count - parameters)
    guard df > 0 else { return nil }
    func x2(_ r: Double) -> Double {
      var t = 0.0
      for c in 0..<mu.count { t += sq[c] / (mu[c] + mu[c] * mu[c] / r) }
      return t
    }
    if x2(.infinity) <= df { return .infinity }
    // X²(r) increases with r: bisection on log r over [1e-4, 1e9].
    var lo = log(1e-4), hi = log(1e9)
    if x2(exp(hi)) <= df { return .infinity }
    if x2(exp(lo)) >= df { return exp(lo) }
    for _ in 0..<80 {
      let mid = (lo + hi) / 2
      if x2(exp(mid)) < df { lo = mid } else { hi = mid }
    }
    return exp((lo + hi) / 2)
  }
}
