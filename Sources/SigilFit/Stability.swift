import SigilCore

/// Stability filter of the overdispersed rule (Methods-fit.md §2.1; Meinshausen & Bühlmann 2010).
///
/// A signature the weighted quasi-likelihood rule selects for an overdispersed sample is kept only
/// if the same rule also selects it in at least `stabilityThreshold` of `stabilityReplicates`
/// gamma-multinomial resamples of the sample (size r̂, as the bootstrap of §3); otherwise it is
/// dropped and the rest refitted. The resamples are seeded by the sample's counts alone
/// (`stabilitySeed`), so the point estimate is deterministic and does not depend on `--seed`,
/// `--bootstrap`, `--threads` or the sample's position in the catalog.
extension SignatureFitter {
  /// Resamples per overdispersed sample for the stability filter (about a fifth of the cost of
  /// the default 100-replicate bootstrap for those samples; Poisson samples are not resampled).
  public static let stabilityReplicates = 20

  /// Minimum fraction of resamples that must select a signature. 0.3 removed most of the false
  /// signatures left by the weighted rule for a small rise in missed ones; 0.5 and above cost
  /// more true signatures than false ones they removed (Methods-fit.md §2.1, tuning table).
  public static let stabilityThreshold = 0.3

  /// FNV-1a over the counts' bit patterns: the resamples' seed, a function of the sample only.
  static func stabilitySeed(_ counts: [Double]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for v in counts {
      var bits = v.bitPattern
      for _ in 0..<8 { h = (h ^ (bits & 0xff)) &* 0x100_0000_01b3; bits >>= 8 }
    }
    return h
  }

  /// Per signature (set order), how many of `stabilityReplicates` resamples select it under `noise`.
  func stabilityCounts(_ counts: [Double], noise: NoiseModel) -> [Int] {
    var hits = [Int](repeating: 0, count: k)
    let total = Int(counts.reduce(0, +).rounded())
    if total <= 0 { return hits }
    let seed = Self.stabilitySeed(counts)
    for b in 0..<Self.stabilityReplicates {
      var rng = SeededGenerator.stream(seed: seed, UInt64(b))
      let resampled = CohortFitter.gammaMultinomial(trials: total, proportions: counts, size: noise.size, using: &rng)
      var p = problem(resampled)
      if p.bb <= 0 { continue }
      p.noise = noise
      for j in select(p).indices { hits[j] += 1 }
    }
    return hits
  }

  /// `chosen` without the signatures selected in fewer than `stabilityThreshold` of the
  /// resamples, refitted (NNLS then weighted EM) when any was dropped; never empties a non-empty set
  /// (the most often selected signature stays).
  func stabilityFiltered(_ chosen: Subset, _ p: Problem) -> Subset {
    guard let noise = p.noise, !chosen.indices.isEmpty else { return chosen }
    let hits = stabilityCounts(p.counts, noise: noise)
    let need = Self.stabilityThreshold * Double(Self.stabilityReplicates)
    var keep = chosen.indices.filter { Double(hits[$0]) >= need }
    if keep.count == chosen.indices.count { return chosen }
    if keep.isEmpty, let best = chosen.indices.max(by: { hits[$0] < hits[$1] }) { keep = [best] }
    var s = solve(keep, p)
    refine(&s, p)
    return s
  }
}
