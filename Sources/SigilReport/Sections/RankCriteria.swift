import SigilConsensus

/// Each rank-selection criterion's pick, read from `rank_selection.tsv`, with the thresholds of
/// the rule taken from `RankSelection` (so the page cannot show thresholds the rule does not use).
///
/// The picks restate the documented rule of `RankSelection` on the written statistics: the
/// largest *stable* rank (mean silhouette ≥ `RankSelection.stableMean`, minimum ≥
/// `stableMinimum`, their sum ≥ `stableCombined`; the highest mean when none is), the rank
/// before the largest drop of the cophenetic correlation, the rank of the smallest CV deviance.
/// Nothing is estimated here; when the restated pick of the run's own criterion differs from the
/// row marked `selected`, the page says so rather than trusting either.
///
/// ```swift
/// let criteria = RankCriteria(table)      // nil without a rank column
/// criteria?.stabilityPick                 // 4
/// ```
struct RankCriteria {
  let ranks: [Int]
  let meanStability: [Double?]
  let minimumStability: [Double?]
  let cophenetic: [Double?]
  let deviance: [Double?]

  init?(_ table: TextTable) {
    guard let r = table.column(named: ["rank", "k"]) else { return nil }
    let ranks = table.numbers(column: r)
    guard !ranks.isEmpty, ranks.allSatisfy({ $0 != nil && $0! == $0!.rounded() }) else { return nil }
    self.ranks = ranks.map { Int($0!) }
    func column(_ names: [String]) -> [Double?] {
      table.column(named: names).map { table.numbers(column: $0) } ?? Array(repeating: nil, count: ranks.count)
    }
    meanStability = column(["mean_stability"])
    minimumStability = column(["min_stability"])
    cophenetic = column(["cophenetic"])
    deviance = column(["cv_deviance"])
  }

  /// Whether rank index `i` passes the stability thresholds (k = 1 counts as stable).
  func isStable(_ i: Int) -> Bool {
    guard let mean = meanStability[i], let minimum = minimumStability[i] else { return ranks[i] == 1 }
    return mean >= RankSelection.stableMean && minimum >= RankSelection.stableMinimum
      && mean + minimum >= RankSelection.stableCombined
  }

  /// The largest stable rank, and whether any rank was stable (else the highest mean stability).
  var stabilityPick: (rank: Int, stable: Bool)? {
    guard meanStability.contains(where: { $0 != nil }) else { return nil }
    if let i = ranks.indices.last(where: isStable) { return (ranks[i], true) }
    let i = ranks.indices.max { (meanStability[$0] ?? -2, -ranks[$0]) < (meanStability[$1] ?? -2, -ranks[$1]) }!
    return (ranks[i], false)
  }

  /// The rank just before the largest drop of the cophenetic correlation (the largest rank when it never drops).
  var copheneticPick: Int? {
    let defined = ranks.indices.filter { cophenetic[$0] != nil }
    guard defined.count >= 2 else { return nil }
    var best = defined[0], bestDrop = -Double.infinity
    for (a, b) in zip(defined, defined.dropFirst()) {
      let drop = cophenetic[a]! - cophenetic[b]!
      if drop > bestDrop { (best, bestDrop) = (a, drop) }
    }
    return bestDrop > 0 ? ranks[best] : ranks[defined.last!]
  }

  /// The rank with the smallest held-out deviance (first on ties); nil without cross-validation.
  var cvPick: Int? {
    let scored = ranks.indices.filter { deviance[$0] != nil }
    return scored.min { deviance[$0]! < deviance[$1]! }.map { ranks[$0] }
  }
}
