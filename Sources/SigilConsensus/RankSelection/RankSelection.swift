import SigilCore

/// The criterion `--rank-selection` names.
public enum RankSelectionMethod: String, Sendable, CaseIterable {
  case auto, cophenetic, stability, cv
}

/// The chosen rank and why, as printed and written to `run.json`.
public struct RankDecision: Sendable, Equatable {
  /// The chosen rank.
  public let rank: Int
  /// The criterion that chose it (`fixed` for `--rank`).
  public let method: String
  /// One line saying why, naming the statistics of the chosen rank and the next rank up.
  public let reason: String
}

/// Rank selection rules (the evidence for `auto` is in Docs/Methods-extract.md).
///
/// - `stability` (SigProfilerExtractor's thresholds): a rank is *stable* when its mean silhouette
///   is at least `stableMean` (0.8), its minimum per-signature silhouette at least `stableMinimum`
///   (0.2) and their sum at least `stableCombined` (1.0); the largest stable rank is chosen (the
///   rank with the highest mean silhouette when none is stable).
/// - `cophenetic` (Brunet 2004: "where the cophenetic correlation begins to fall"): the rank just
///   before the largest drop of the cophenetic correlation from one rank to the next; ranks with
///   undefined cophenetic correlation are skipped.
/// - `cv`: the rank with the smallest mean held-out Poisson deviance (first on ties); the reason
///   gives the next rank's paired excess and its standard error, so a near-tie is visible.
/// - `auto`: when the catalog has fewer than `lowCountThreshold` mutations per entry on average
///   (exome-like data), the `stability` rank; when the counts are overdispersed at every rank
///   explored (smallest φ̂ at least `overdispersedThreshold`), the `requiredRank` (Decision 0021:
///   restarts then split signatures by noise, and stability vetoed ranks the held-out data
///   need); otherwise the smaller of the `stability` and `cv` ranks, where up to `requiredRank` a
///   rank stable but for one signature counts as stable, unless the stability rank is more than
///   `maximumVetoedRanks` below the `requiredRank`: then the `requiredRank` (Decision 0024).
///   Chosen on simulated cohorts: stability alone over-splits large high-burden cohorts and
///   cross-validation alone under-fits sparse (exome) catalogs, where held-out deviance is
///   dominated by sampling noise.
public enum RankSelection {
  /// Mean count per catalog entry below which `auto` ignores cross-validation.
  public static let lowCountThreshold = 2.0
  /// Mean silhouette a stable rank needs (SigProfilerExtractor `stability=0.8`).
  public static let stableMean = 0.8
  /// Minimum per-signature silhouette a stable rank needs (SigProfilerExtractor `min_stability=0.2`).
  public static let stableMinimum = 0.2
  /// Mean + minimum silhouette a stable rank needs (SigProfilerExtractor `combined_stability=1.0`).
  public static let stableCombined = 1.0

  /// Paired standard errors of held-out deviance within which a smaller rank ties with the
  /// cross-validation minimum (`requiredRank`: the weak-signature waiver stops there).
  public static let cvStandardErrors = 1.0
  /// Overdispersion φ̂ that no rank explored brings the catalog below (`residualOverdispersion`)
  /// from which `auto` takes the `requiredRank` and stability no longer vetoes (Decision 0021).
  /// Between the 21 breast cancers (1.38-1.39, where stability keeps the rank at 4) and the
  /// negative-binomial r = 30 designs (2.05 and above, where stability vetoed the true rank);
  /// Poisson cohorts sit near 1 and r = 100 at 1.3-1.4 (Docs/Methods-extract.md §6, "Session 8").
  public static let overdispersedThreshold = 1.75
  /// A fold whose held-out deviance at a rank exceeds this multiple of the median over that rank's
  /// folds is a failed masked fit (its held-out predictions collapsed towards 0; Decision 0016 saw
  /// one at 56 against ~9): `requiredRank` leaves it out of the paired comparison (Decision 0021).
  public static let failedFoldFactor = 3.0
  /// Signatures of a rank the cross-validation requires that may fall below `stableMinimum`
  /// without making the rank unstable (the `auto` rule): one weak signature, typically a flat one
  /// under overdispersed counts, does not veto a rank whose other signatures are stable.
  public static let waivedWeakSignatures = 1
  /// Ranks below the `requiredRank` down to which stability may veto (`auto`, Decision 0024). A
  /// veto of one or two ranks is stability catching spurious signatures the held-out data tie
  /// on; a veto of more, every rank above failing the thresholds, is restarts splitting the
  /// catalog's signatures differently at every rank: on real high-burden cohorts (PCAWG
  /// Lymph-BNHL, Eso-AdenoCA) stability stopped at 5 where the held-out deviance requires 12
  /// (Docs/Methods-extract.md §6, "Session 10").
  public static let maximumVetoedRanks = 2

  /// Whether a rank passes the stability thresholds (k = 1 counts as stable: one signature
  /// cannot be split).
  public static func isStable(_ s: RankStatistics) -> Bool {
    guard let mean = s.meanStability, let minimum = s.minimumStability else { return s.rank == 1 }
    return mean >= stableMean && minimum >= stableMinimum && mean + minimum >= stableCombined
  }

  /// `isStable`, or stable but for `waivedWeakSignatures` signatures: mean stability at least
  /// `stableMean` and every other signature's at least `stableMinimum` (needs the per-signature
  /// stabilities).
  public static func isStableButForWeakest(_ s: RankStatistics) -> Bool {
    if isStable(s) { return true }
    guard let mean = s.meanStability, mean >= stableMean, let each = s.signatureStabilities,
          each.count > waivedWeakSignatures + 1 else { return false }
    return each.sorted()[waivedWeakSignatures] >= stableMinimum
  }

  /// Chooses a rank from the per-rank statistics (sorted by rank, at least one).
  /// - Parameters:
  ///   - stats: Statistics of every rank explored.
  ///   - method: The criterion.
  ///   - meanCount: Mean count per catalog entry (total / (channels · samples)), used by `auto`.
  public static func select(_ stats: [RankStatistics], method: RankSelectionMethod, meanCount: Double = .infinity) -> RankDecision {
    precondition(!stats.isEmpty, "rank selection needs at least one rank")
    let sorted = stats.sorted { $0.rank < $1.rank }
    switch method {
    case .stability: return byStability(sorted)
    case .cophenetic: return byCophenetic(sorted)
    case .cv: return byCrossValidation(sorted)
    case .auto: return auto(sorted, meanCount: meanCount)
    }
  }

  /// The auto rule: see the type documentation and Docs/Methods-extract.md.
  static func auto(_ s: [RankStatistics], meanCount: Double) -> RankDecision {
    let stability = byStability(s)
    guard s.contains(where: { $0.crossValidationDeviance != nil }) else {
      return RankDecision(rank: stability.rank, method: "auto", reason: "no cross-validation, rank by stability: " + stability.reason)
    }
    if meanCount < lowCountThreshold {
      return RankDecision(rank: stability.rank, method: "auto",
                          reason: "\(fmt(meanCount)) mutations per catalog entry (< \(NumberFormatting.format(lowCountThreshold))): held-out deviance is noise-dominated, rank by stability: " + stability.reason)
    }
    if let noisy = residualOverdispersion(s), let phi = noisy.overdispersion, phi >= overdispersedThreshold,
       let required = required(s), let pick = s.first(where: { $0.rank == required.rank }) {
      return RankDecision(rank: required.rank, method: "auto",
                          reason: "overdispersed counts (φ̂ at least \(fmt(phi)) at every rank explored, ≥ \(NumberFormatting.format(overdispersedThreshold))): "
                            + "stability does not veto; " + required.description + ": " + describe(pick, in: s))
    }
    let cv = byCrossValidation(s)
    let required = required(s)
    // Up to the rank the held-out data require, one weak signature does not make a rank unstable.
    let supported = byStability(s, waiving: required?.rank ?? cv.rank)
    if cv.rank < supported.rank {
      return RankDecision(rank: cv.rank, method: "auto",
                          reason: "cross-validation rank \(cv.rank) is below the largest stable rank \(supported.rank): " + cv.reason)
    }
    // A veto of many ranks is not stability catching one spurious signature (Decision 0024).
    if let required, required.rank - supported.rank > maximumVetoedRanks, let pick = s.first(where: { $0.rank == required.rank }) {
      return RankDecision(rank: required.rank, method: "auto",
                          reason: "stability rank \(supported.rank) is more than \(maximumVetoedRanks) ranks below the required rank: stability does not veto; "
                            + required.description + ": " + describe(pick, in: s))
    }
    return RankDecision(rank: supported.rank, method: "auto",
                        reason: "stability rank \(supported.rank) is not above the cross-validation rank \(cv.rank): " + supported.reason)
  }

  /// The largest stable rank; with `waiving`, ranks up to it may be stable but for their weakest
  /// signature (`isStableButForWeakest`).
  static func byStability(_ s: [RankStatistics], waiving limit: Int? = nil) -> RankDecision {
    let strict = s.last(where: isStable)
    if let limit, let pick = s.last(where: { $0.rank <= limit && isStableButForWeakest($0) }), pick.rank > (strict?.rank ?? 0) {
      return RankDecision(rank: pick.rank, method: "stability",
                          reason: "largest rank stable but for one signature (stability \(pick.minimumStability.map(fmt) ?? "NA")), up to rank \(limit), the smallest within \(NumberFormatting.format(cvStandardErrors)) paired standard error of the minimal held-out deviance: " + describe(pick, in: s))
    }
    if let pick = strict {
      return RankDecision(rank: pick.rank, method: "stability", reason: "largest stable rank: " + describe(pick, in: s))
    }
    let pick = s.max { ($0.meanStability ?? -2) < ($1.meanStability ?? -2) || (($0.meanStability ?? -2) == ($1.meanStability ?? -2) && $0.rank > $1.rank) }!
    return RankDecision(rank: pick.rank, method: "stability", reason: "no rank passes the stability thresholds; highest mean stability: " + describe(pick, in: s))
  }

  static func byCophenetic(_ s: [RankStatistics]) -> RankDecision {
    let defined = s.filter { $0.cophenetic != nil }
    guard defined.count >= 2 else {
      let pick = defined.first ?? s[0]
      return RankDecision(rank: pick.rank, method: "cophenetic", reason: "fewer than two ranks with a defined cophenetic correlation: " + describe(pick, in: s))
    }
    var best = 0, bestDrop = -Double.infinity
    for i in 0..<(defined.count - 1) {
      let drop = defined[i].cophenetic! - defined[i + 1].cophenetic!
      if drop > bestDrop { bestDrop = drop; best = i }
    }
    let pick = bestDrop > 0 ? defined[best] : defined.last!
    let why = bestDrop > 0 ? "largest cophenetic drop after it (\(fmt(bestDrop))): " : "cophenetic never drops; largest rank: "
    return RankDecision(rank: pick.rank, method: "cophenetic", reason: why + describe(pick, in: s))
  }

  /// The rank with the smallest mean held-out deviance (first on ties). Until Decision 0016 the
  /// rule walked up to the largest rank within one paired standard error of the minimum; on the
  /// session-5 cohorts that over-split (a rank one too large is as good on held-out entries as the
  /// true one and its extra signature passes the weak-signature waiver; Docs/Methods-extract.md
  /// §6). The minimum and the comparison leave failed folds out (`crossValidationMinimum`,
  /// `pairedExcessOfFittedFolds`). When the next rank has per-fold deviances on the same folds, the
  /// reason says how far above the minimum it is, paired fold by fold, so a near-tie is visible.
  static func byCrossValidation(_ s: [RankStatistics]) -> RankDecision {
    guard let (minimum, leftOut) = crossValidationMinimum(s) else {
      let d = byStability(s)
      return RankDecision(rank: d.rank, method: "cv", reason: "cross-validation was not run; " + d.reason)
    }
    let scored = s.filter { $0.crossValidationDeviance != nil }
    var why = "minimal held-out deviance" + leftOutNote(leftOut)
    if let base = minimum.crossValidationFoldDeviances, let next = scored.first(where: { $0.rank == minimum.rank + 1 }),
       let d = next.crossValidationFoldDeviances, let (excess, se) = pairedExcessOfFittedFolds(d, over: base) {
      let failed = failedFolds(d).union(failedFolds(base)).count
      why += " (k=\(next.rank) is \(fmt(excess)) above, paired standard error \(fmt(se))"
        + failedFoldsNote(failed) + ")"
    }
    return RankDecision(rank: minimum.rank, method: "cv", reason: why + ": " + describe(minimum, in: s))
  }

  /// The smallest rank that, with every rank between it and the cross-validation minimum, is within
  /// `cvStandardErrors` paired standard errors of the minimum: the fewest signatures the held-out
  /// data cannot do without. The weak-signature waiver stops here (Decision 0016): a rank that ties
  /// with the one below it on held-out entries is not required, and letting one weak signature
  /// through there chose one rank too many on 2 of the session-5 cohorts. Folds where either
  /// rank's masked fit failed are left out of each comparison (`pairedExcessOfFittedFolds`). Nil
  /// without per-fold deviances (fewer than 2 folds, or a table written before #16).
  static func requiredRank(_ s: [RankStatistics]) -> Int? { required(s)?.rank }

  /// The required rank (`requiredRank`) with the comparison that admitted it, for the printed reason.
  struct RequiredRank {
    /// The required rank.
    let rank: Int
    /// The rank with the minimal held-out deviance.
    let minimum: Int
    /// `rank`'s paired excess over the minimum, its standard error and the failed folds left out
    /// (nil when `rank` is the minimum).
    let comparison: (excess: Double, standardError: Double, failedFolds: Int)?
    /// Folds left out of the choice of the minimum (`crossValidationMinimum`), 0-based.
    var leftOutOfMinimum: [Int] = []

    /// "k=10 is the smallest rank within 1 paired standard error of the minimal held-out deviance (k=11;
    /// k=10 is 0.009 above, paired standard error 0.142)", with the failed folds left out when any, or
    /// "... (the minimum itself)" when the required rank is the minimum.
    var description: String {
      let what = "k=\(rank) is the smallest rank within \(NumberFormatting.format(cvStandardErrors)) paired standard error of the minimal held-out deviance" + leftOutNote(leftOutOfMinimum)
      guard let (excess, se, failed) = comparison else { return what + " (the minimum itself)" }
      return what + " (k=\(minimum); k=\(rank) is \(fmt(excess)) above, paired standard error \(fmt(se))"
        + failedFoldsNote(failed) + ")"
    }
  }

  /// `requiredRank` and the comparison that admitted it (one walk down from the minimum).
  static func required(_ s: [RankStatistics]) -> RequiredRank? {
    let scored = s.filter { $0.crossValidationDeviance != nil }
    guard let (minimum, leftOut) = crossValidationMinimum(s),
          let base = minimum.crossValidationFoldDeviances, base.count >= 2 else { return nil }
    var pick = minimum.rank
    var comparison: (excess: Double, standardError: Double, failedFolds: Int)? = nil
    for x in scored.reversed() where x.rank < minimum.rank {
      guard x.rank == pick - 1, let d = x.crossValidationFoldDeviances,
            let (excess, se) = pairedExcessOfFittedFolds(d, over: base), excess <= cvStandardErrors * se else { break }
      pick = x.rank
      comparison = (excess, se, failedFolds(d).union(failedFolds(base)).count)
    }
    return RequiredRank(rank: pick, minimum: minimum.rank, comparison: comparison, leftOutOfMinimum: leftOut)
  }

  /// The rank with the smallest mean held-out deviance, the mean taken over the folds on which no
  /// rank's masked fit failed (`failedFolds`) when any did, and the folds so left out (Decision
  /// 0028). The paired comparisons already leave a failed fold out; the choice of the minimum
  /// must too, or one failed fit (1,213 against ~9.5 at the true k = 15 of seed 37's k15 NB r = 10
  /// cohort) moves the minimum to another rank and the walk down starts from the wrong place. With
  /// no failed fold, or fewer than two folds left, or ranks scored on different folds, the plain
  /// mean (`crossValidationDeviance`). Ties go to the smaller rank. Nil when no rank was scored.
  static func crossValidationMinimum(_ s: [RankStatistics]) -> (minimum: RankStatistics, leftOut: [Int])? {
    let scored = s.filter { $0.crossValidationDeviance != nil }
    guard let plain = scored.min(by: { $0.crossValidationDeviance! < $1.crossValidationDeviance! }) else { return nil }
    let folds = scored.compactMap(\.crossValidationFoldDeviances)
    guard folds.count == scored.count, let n = folds.first?.count, folds.allSatisfy({ $0.count == n }) else { return (plain, []) }
    let failed = folds.reduce(into: Set<Int>()) { $0.formUnion(failedFolds($1)) }
    let kept = (0..<n).filter { !failed.contains($0) }
    guard !failed.isEmpty, kept.count >= 2 else { return (plain, []) }
    func mean(_ x: RankStatistics) -> Double { kept.reduce(0.0) { $0 + x.crossValidationFoldDeviances![$1] } / Double(kept.count) }
    let minimum = scored.min { mean($0) < mean($1) }!
    return (minimum, failed.sorted())
  }

  /// ", 2 failed folds left out" after a paired comparison in the printed reasons; "" when none.
  static func failedFoldsNote(_ count: Int) -> String {
    count > 0 ? ", \(count) failed fold\(count == 1 ? "" : "s") left out" : ""
  }

  /// " over the folds no rank's masked fit failed on (fold 4 left out)" for the printed reasons; "" when none.
  static func leftOutNote(_ leftOut: [Int]) -> String {
    guard !leftOut.isEmpty else { return "" }
    let names = leftOut.map { String($0 + 1) }.joined(separator: ", ")
    return " over the folds no rank's masked fit failed on (fold\(leftOut.count == 1 ? "" : "s") \(names) left out)"
  }

  /// The rank with the smallest overdispersion φ̂ among those that have one: the noise no rank
  /// explored explains (φ̂ falls as signatures are added and levels off at the count noise,
  /// ≈ 1 + mean count / r for negative-binomial counts of size r). Nil when no rank has φ̂.
  static func residualOverdispersion(_ s: [RankStatistics]) -> RankStatistics? {
    s.filter { $0.overdispersion != nil }.min { $0.overdispersion! < $1.overdispersion! }
  }

  /// Indices of the folds whose deviance exceeds `failedFoldFactor` times the median of `d`.
  static func failedFolds(_ d: [Double]) -> Set<Int> {
    guard !d.isEmpty else { return [] }
    let sorted = d.sorted(), n = sorted.count
    let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    return Set(d.indices.filter { d[$0] > failedFoldFactor * median })
  }

  /// `pairedExcess` over the folds where neither rank's masked fit failed (`failedFolds`). One
  /// failed fold dominates the differences, and then the excess is about one standard error
  /// whatever the ranks' real difference, so the one-standard-error comparison becomes a coin flip.
  static func pairedExcessOfFittedFolds(_ d: [Double], over base: [Double]) -> (excess: Double, standardError: Double)? {
    guard d.count == base.count else { return nil }
    let failed = failedFolds(d).union(failedFolds(base))
    let kept = d.indices.filter { !failed.contains($0) }
    return pairedExcess(kept.map { d[$0] }, over: kept.map { base[$0] })
  }

  /// Mean over folds of `d − base` and its standard error (folds paired); nil below 2 folds.
  public static func pairedExcess(_ d: [Double], over base: [Double]) -> (excess: Double, standardError: Double)? {
    guard d.count == base.count, d.count >= 2 else { return nil }
    let (mean, se) = CrossValidation.summary(zip(d, base).map { $0 - $1 })
    return (mean, se ?? 0)
  }

  /// "k=5: min stability 0.91, mean 0.95, cophenetic 0.97, CV deviance 1.23; k=6: min stability 0.42 ..."
  static func describe(_ pick: RankStatistics, in s: [RankStatistics]) -> String {
    func line(_ x: RankStatistics) -> String {
      var parts: [String] = []
      parts.append("min stability \(x.minimumStability.map(fmt) ?? "NA")")
      parts.append("mean stability \(x.meanStability.map(fmt) ?? "NA")")
      parts.append("cophenetic \(x.cophenetic.map(fmt) ?? "NA")")
      if let d = x.crossValidationDeviance { parts.append("CV deviance \(fmt(d))") }
      if let phi = x.overdispersion { parts.append("overdispersion \(fmt(phi))") }
      return "k=\(x.rank): " + parts.joined(separator: ", ")
    }
    var text = line(pick)
    if let next = s.first(where: { $0.rank == pick.rank + 1 }) { text += "; " + line(next) }
    return text
  }

  /// Two to three significant decimals for messages (never for TSV).
  static func fmt(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return NumberFormatting.format(r)
  }
}
