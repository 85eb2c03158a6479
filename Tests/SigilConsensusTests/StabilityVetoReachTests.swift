import Testing
import SigilCore
@testable import SigilConsensus

/// Decision 0024: below φ̂ 1.75 stability still vetoes ranks the held-out data require, but by at
/// most `maximumVetoedRanks` ranks; further below the required rank, the required rank is taken.
/// Hand-built statistics after the PCAWG Lymph-BNHL pattern (stable at 5, every rank above failing,
/// the held-out deviance falling to 12).
@Suite("Reach of the stability veto (Decision 0024)") struct StabilityVetoReachTests {
  private func rank(_ k: Int, folds: [Double], stable: Bool) -> RankStatistics {
    let each = (0..<k).map { i in stable ? 0.95 : (i == 0 ? -0.1 : 0.7) }
    var s = RankStatistics(rank: k, cophenetic: 0.99, meanStability: each.reduce(0, +) / Double(k), minimumStability: each.min(),
                           crossValidationDeviance: folds.reduce(0, +) / Double(folds.count),
                           foldDeviances: folds, signatureStabilities: each)
    s.crossValidationStandardError = CrossValidation.summary(folds).standardError
    s.overdispersion = 1.6
    return s
  }

  /// Ranks 3..top+1: 3 and `stableUpTo` and below stable, the rest not; held-out deviance falling by
  /// 1.0 per rank (on every fold) down to `top`, the rank above it 0.05 worse (not required).
  private func cohort(stableUpTo: Int, top: Int) -> [RankStatistics] {
    (3...(top + 1)).map { k in
      let level = k <= top ? Double(top - k) : 0.05
      return rank(k, folds: [4.0, 4.3, 3.8, 4.1].map { $0 + level + ($0 == 4.3 ? 0.01 * Double(k) : 0) }, stable: k <= stableUpTo)
    }
  }

  @Test("stability rank 5, required rank 12 (seven ranks below): the required rank, and the reason says why")
  func longVetoOverruled() {
    let s = cohort(stableUpTo: 5, top: 12)
    #expect(RankSelection.requiredRank(s) == 12)
    #expect(RankSelection.select(s, method: .stability).rank == 5)
    let d = RankSelection.select(s, method: .auto, meanCount: 124)
    #expect(d.rank == 12, "\(d.reason)")
    #expect(d.reason.hasPrefix("stability rank 5 is more than 2 ranks below the required rank: stability does not veto; "
      + "k=12 is the smallest rank within 1 paired standard error of the minimal held-out deviance (the minimum itself): k=12:"), "\(d.reason)")
  }

  @Test("the reach is exactly maximumVetoedRanks: two ranks below the required rank vetoed, three overruled")
  func reachBoundary() {
    #expect(RankSelection.maximumVetoedRanks == 2)
    let two = RankSelection.select(cohort(stableUpTo: 5, top: 7), method: .auto, meanCount: 124)
    #expect(two.rank == 5, "\(two.reason)")
    #expect(two.reason.hasPrefix("stability rank 5 is not above the cross-validation rank 7"))
    #expect(RankSelection.select(cohort(stableUpTo: 5, top: 8), method: .auto, meanCount: 124).rank == 8)
  }

  @Test("exome-like counts still rank by stability alone, however far below the held-out minimum")
  func sparseCountsUnchanged() {
    #expect(RankSelection.select(cohort(stableUpTo: 5, top: 12), method: .auto, meanCount: 1.5).rank == 5)
  }
}
