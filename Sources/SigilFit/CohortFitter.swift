import SigilCore

/// A bootstrap summary of one signature's exposure in one sample.
public struct ExposureInterval: Sendable, Equatable {
  /// 2.5% quantile of the bootstrap exposures (mutations); 0 when the point exposure is 0.
  public var lower: Double
  /// 97.5% quantile of the bootstrap exposures (mutations). When the point exposure is 0, of the
  /// exposures the signature takes when added to each replicate's selection (its own exposure in
  /// a replicate that selected it): an upper bound for a signature the fit did not report.
  public var upper: Double
  /// Fraction of bootstrap replicates in which the signature was selected (exposure > 0); 0 for a
  /// signature the stability filter removed from the point fit (replicates leave it out).
  public var selectedFraction: Double
}

/// The fit of a whole catalog.
public struct CohortFit: Sendable, Equatable {
  /// One fit per sample, in catalog order.
  public var samples: [SampleFit]
  /// Per sample, per signature (set order): bootstrap intervals; empty when no bootstrap was run.
  public var intervals: [[ExposureInterval]]
  /// Bootstrap replicates per sample.
  public var bootstrap: Int

  /// How many signatures have a non-zero exposure in at least one sample.
  public var selectedSignatureCount: Int {
    guard let k = samples.first?.exposures.count else { return 0 }
    return (0..<k).filter { j in samples.contains { $0.exposures[j] > 0 } }.count
  }

  /// Exposures as a table, one row per sample.
  public func exposureTable(sampleNames: [String], signatureNames: [String]) -> ExposureTable {
    var m = Matrix(rows: samples.count, columns: signatureNames.count)
    for (s, fit) in samples.enumerated() { for (j, x) in fit.exposures.enumerated() { m[s, j] = x } }
    return ExposureTable(sampleNames: sampleNames, signatureNames: signatureNames, values: m)
  }
}

/// Fits every sample of a catalog, with bootstrap intervals, on several threads.
public enum CohortFitter {
  /// Lower and upper quantiles of the bootstrap interval.
  public static let quantiles = (lower: 0.025, upper: 0.975)

  /// Fits each sample and, when `bootstrap > 0`, refits `bootstrap` resamples of it.
  ///
  /// Replicate b of sample s resamples `round(Σ counts)` mutations from the sample's own channel
  /// proportions (multinomially, or gamma-multinomially for an overdispersed sample: `bootstrap`)
  /// with `SeededGenerator.stream(seed: seed, s, b)` only, so the output does not depend on
  /// `threads` or on which other samples are in the catalog at the same index. Interval bounds are
  /// 2.5% / 97.5% quantiles (linear interpolation between order statistics, Hyndman & Fan type 7)
  /// of the replicate exposures, zeros included; for a signature the point fit does not report,
  /// [0, upper bound] (`bootstrap`).
  /// - Parameters:
  ///   - catalog: Counts (channels must match the fitter's signatures; see `FitInputs.check`).
  ///   - fitter: The signature fitter.
  ///   - bootstrap: Replicates per sample, ≥ 0.
  ///   - seed: Master seed.
  ///   - threads: Worker threads, ≥ 1.
  ///   - progress: Called with the number of samples finished (from worker threads).
  /// - Returns: Fits in catalog order and, with bootstrap, intervals.
  /// - Complexity: O(samples · (bootstrap + 1) · fit).
  public static func fit(_ catalog: MutationCatalog, fitter: SignatureFitter, bootstrap: Int, seed: UInt64,
                         threads: Int, progress: (@Sendable (Int) -> Void)? = nil) -> CohortFit {
    precondition(bootstrap >= 0 && threads >= 1, "bootstrap must be >= 0 and threads >= 1")
    let n = catalog.sampleCount
    let counts = catalog.counts
    let results = ParallelMap.map(count: n, threads: threads, progress: progress) { s in
      let column = counts.column(s)
      let point = fitter.pointFit(column)
      let intervals = bootstrap > 0
        ? Self.bootstrap(column, fitter: fitter, replicates: bootstrap, seed: seed, sample: s, point: point)
        : []
      return (fit: point.fit, intervals: intervals)
    }
    let (fits, intervals) = (results.map(\.fit), results.map(\.intervals))
    return CohortFit(samples: fits, intervals: bootstrap > 0 ? intervals : [], bootstrap: bootstrap)
  }

  /// Bootstrap intervals of one sample.
  ///
  /// Without a noise model each replicate is multinomial from the sample's own proportions; with
  /// one (the sample's, `point.noise`) it is gamma-multinomial with the sample's negative-binomial
  /// size (`gammaMultinomial`: per-channel variance `b + b²/r̂`, as the data's), and is refitted
  /// under that same model (not re-estimated), leaving out the signatures the point fit's
  /// stability filter removed (`point.unstable`). A Dirichlet-multinomial with dispersion φ̂
  /// inflates every channel alike and measured too narrow (Methods-fit.md §3).
  ///
  /// A signature with point exposure > 0 gets the 2.5% / 97.5% quantiles of its replicate
  /// exposures (zeros included). One with point exposure 0 gets [0, u]: u is the 97.5% quantile,
  /// over replicates, of its exposure where the replicate selected it and otherwise of the exposure
  /// it takes when added to the replicate's selection (`SignatureFitter.augmentedExposures`), so a
  /// small signature the rule misses is not reported as certainly absent (Decision 0017).
  public static func bootstrap(_ counts: [Double], fitter: SignatureFitter, replicates: Int, seed: UInt64,
                               sample: Int, point: SignatureFitter.PointFit) -> [ExposureInterval] {
    let k = fitter.signatures.count
    let total = Int(counts.reduce(0, +).rounded())
    if total <= 0 {
      return Array(repeating: ExposureInterval(lower: 0, upper: 0, selectedFraction: 0), count: k)
    }
    var excluded: [Bool] = []
    if !point.unstable.isEmpty {
      excluded = [Bool](repeating: false, count: k)
      for j in point.unstable { excluded[j] = true }
    }
    var draws = [[Double]](repeating: [Double](repeating: 0, count: replicates), count: k)
    var reach = draws
    var selected = [Int](repeating: 0, count: k)
    for b in 0..<replicates {
      var rng = SeededGenerator.stream(seed: seed, UInt64(sample), UInt64(b))
      let resampled: [Double]
      if let noise = point.noise {
        resampled = gammaMultinomial(trials: total, proportions: counts, size: noise.size, using: &rng)
      } else {
        resampled = rng.nextMultinomial(trials: total, probabilities: counts).map(Double.init)
      }
      let (x, absent) = fitter.replicate(resampled, noise: point.noise, excluded: excluded)
      for j in 0..<k {
        draws[j][b] = x[j]
        reach[j][b] = x[j] > 0 ? x[j] : absent[j]
        if x[j] > 0 { selected[j] += 1 }
      }
    }
    return (0..<k).map { j in
      let fraction = Double(selected[j]) / Double(replicates)
      if point.fit.exposures[j] > 0 {
        let sorted = draws[j].sorted()
        return ExposureInterval(lower: quantile(sorted, quantiles.lower), upper: quantile(sorted, quantiles.upper),
                                selectedFraction: fraction)
      }
      return ExposureInterval(lower: 0, upper: quantile(reach[j].sorted(), quantiles.upper), selectedFraction: fraction)
    }
  }

  /// A negative-binomial-like draw of `n` trials: channel proportions `b_c · G_c` with
  /// `G_c ~ Gamma(r, 1/r)` (mean 1, variance 1/r), then Multinomial(n, ·). Each count then has mean
  /// ≈ `b_c` and variance ≈ `b_c + b_c²/r` (less the fixed-total correction), the negative-binomial
  /// variance of size r, channel by channel. Channels with `b_c = 0` stay 0.
  static func gammaMultinomial(trials n: Int, proportions: [Double], size r: Double,
                               using rng: inout SeededGenerator) -> [Double] {
    var p = [Double](repeating: 0, count: proportions.count)
    for (c, v) in proportions.enumerated() where v > 0 { p[c] = v * rng.nextGamma(shape: r, scale: 1 / r) }
    return rng.nextMultinomial(trials: n, probabilities: p).map(Double.init)
  }

  /// Type-7 quantile of sorted values: `x[h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`, `h = (n − 1)q`.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}
