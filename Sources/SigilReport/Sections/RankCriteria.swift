import SigilConsensus

/// Each rank-selection criterion's pick, read from `rank_selection.tsv` and decided by
/// `RankSelection` itself (its `.stability`, `.cophenetic` and `.cv` rules on the written
/// statistics), so the page can show neither a pick nor a threshold the rule does not make.
/// Nothing is estimated here; when the pick of the run's own criterion differs from the row
/// marked `selected`, the page says so rather than trusting either.
///
/// ```swift
/// let criteria = RankCriteria(table)      // nil without a rank column
/// criteria?.stabilityPick                 // (rank: 4, stable: true)
/// ```
struct RankCriteria {
  let ranks: [Int]
  let meanStability: [Double?]
  let minimumStability: [Double?]
  let cophenetic: [Double?]
  let deviance: [Double?]
  /// Per-fold held-out deviances (`cv_fold_deviances`), passed to the rule as written.
  let foldDeviances: [[Double]?]
  /// Per-signature stabilities (`signature_stabilities`), for the one-weak-signature waiver.
  let signatureStabilities: [[Double]?]

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
    /// A comma-separated list of numbers per row (nil when the column is absent or a cell is not one).
    func lists(_ name: String) -> [[Double]?] {
      guard let j = table.column(named: [name]) else { return Array(repeating: nil, count: ranks.count) }
      return table.strings(column: j).map { cell in
        let values = cell.split(separator: ",").map { Double($0) }
        return values.isEmpty || values.contains(nil) ? nil : values.map { $0! }
      }
    }
    foldDeviances = lists("cv_fold_deviances")
    signatureStabilities = lists("signature_stabilities")
  }

  /// The rows as the rank rule reads them.
  private var statistics: [RankStatistics] {
    ranks.indices.map {
      RankStatistics(rank: ranks[$0], cophenetic: cophenetic[$0], meanStability: meanStability[$0],
                     minimumStability: minimumStability[$0], crossValidationDeviance: deviance[$0],
                     foldDeviances: foldDeviances[$0], signatureStabilities: signatureStabilities[$0])
    }
  }

  /// The stability rule's rank, and whether any rank was stable (else it is the highest mean stability).
  var stabilityPick: (rank: Int, stable: Bool)? {
    guard meanStability.contains(where: { $0 != nil }) else { return nil }
    let rows = statistics
    return (RankSelection.select(rows, method: .stability).rank, rows.contains(where: RankSelection.isStable))
  }

  /// The cophenetic rule's rank (just before the largest drop); nil with fewer than two defined values.
  var copheneticPick: Int? {
    guard cophenetic.compactMap({ $0 }).count >= 2 else { return nil }
    return RankSelection.select(statistics, method: .cophenetic).rank
  }

  /// The cross-validation rule's rank (the smallest mean held-out deviance, Decision 0016); nil
  /// without cross-validation.
  var cvPick: Int? {
    guard deviance.contains(where: { $0 != nil }) else { return nil }
    return RankSelection.select(statistics, method: .cv).rank
  }
}
