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
/// - `cv`: the smallest rank whose mean held-out deviance is within one standard error of the
///   minimum (the one-standard-error rule of Breiman et al. 1984), or the minimum without folds' SE.
/// - `auto`: the largest *stable* rank whose held-out deviance is not worse than `cvSlack` above
///   the best stable rank's deviance... see `auto(_:)`.
public enum RankSelection {
  /// Mean silhouette a stable rank needs (SigProfilerExtractor `stability=0.8`).
  public static let stableMean = 0.8
  /// Minimum per-signature silhouette a stable rank needs (SigProfilerExtractor `min_stability=0.2`).
  public static let stableMinimum = 0.2
  /// Mean + minimum silhouette a stable rank needs (SigProfilerExtractor `combined_stability=1.0`).
  public static let stableCombined = 1.0

  /// Whether a rank passes the stability thresholds (k = 1 counts as stable: one signature
  /// cannot be split).
  public static func isStable(_ s: RankStatistics) -> Bool {
    guard let mean = s.meanStability, let minimum = s.minimumStability else { return s.rank == 1 }
    return mean >= stableMean && minimum >= stableMinimum && mean + minimum >= stableCombined
  }

  /// Chooses a rank from the per-rank statistics (sorted by rank, at least one).
  public static func select(_ stats: [RankStatistics], method: RankSelectionMethod) -> RankDecision {
    precondition(!stats.isEmpty, "rank selection needs at least one rank")
    let sorted = stats.sorted { $0.rank < $1.rank }
    switch method {
    case .stability: return byStability(sorted)
    case .cophenetic: return byCophenetic(sorted)
    case .cv: return byCrossValidation(sorted)
    case .auto: return auto(sorted)
    }
  }

  /// The auto rule: see the type documentation and Docs/Methods-extract.md.
  static func auto(_ s: [RankStatistics]) -> RankDecision {
    let stable = s.filter(isStable)
    let withCV = s.filter { $0.crossValidationDeviance != nil }
    guard !withCV.isEmpty else {
      let d = byStability(s)
      return RankDecision(rank: d.rank, method: "auto", reason: d.reason + " (no cross-validation: stability only)")
    }
    let cvChoice = byCrossValidation(s).rank
    // The largest stable rank not above the cross-validation choice.
    if let pick = stable.last(where: { $0.rank <= cvChoice }) {
      return RankDecision(rank: pick.rank, method: "auto",
                          reason: "largest stable rank not above the cross-validation rank \(cvChoice): " + describe(pick, in: s))
    }
    let d = byStability(s)
    return RankDecision(rank: d.rank, method: "auto", reason: "no stable rank at or below the cross-validation rank \(cvChoice); " + d.reason)
  }

  static func byStability(_ s: [RankStatistics]) -> RankDecision {
    if let pick = s.last(where: isStable) {
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

  static func byCrossValidation(_ s: [RankStatistics]) -> RankDecision {
    let scored = s.filter { $0.crossValidationDeviance != nil }
    guard let minimum = scored.min(by: { $0.crossValidationDeviance! < $1.crossValidationDeviance! }) else {
      let d = byStability(s)
      return RankDecision(rank: d.rank, method: "cv", reason: "cross-validation was not run; " + d.reason)
    }
    let limit = minimum.crossValidationDeviance! + (minimum.crossValidationStandardError ?? 0)
    let pick = scored.first { $0.crossValidationDeviance! <= limit }!
    return RankDecision(rank: pick.rank, method: "cv",
                        reason: "smallest rank within one standard error of the minimal held-out deviance (k=\(minimum.rank)): " + describe(pick, in: s))
  }

  /// "k=5: min stability 0.91, mean 0.95, cophenetic 0.97, CV deviance 1.23; k=6: min stability 0.42 ..."
  static func describe(_ pick: RankStatistics, in s: [RankStatistics]) -> String {
    func line(_ x: RankStatistics) -> String {
      var parts: [String] = []
      parts.append("min stability \(x.minimumStability.map(fmt) ?? "NA")")
      parts.append("mean stability \(x.meanStability.map(fmt) ?? "NA")")
      parts.append("cophenetic \(x.cophenetic.map(fmt) ?? "NA")")
      if let d = x.crossValidationDeviance { parts.append("CV deviance \(fmt(d))") }
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
