import Testing
import SigilCore
@testable import SigilConsensus

/// Decision 0021: when no rank explored brings φ̂ below `overdispersedThreshold`, `auto` takes the
/// required rank and stability does not veto. Hand-built statistics, one test per branch.
@Suite("Rank rule under overdispersed counts (Decision 0021)") struct OverdispersedRankRuleTests {
  private func rank(_ k: Int, folds: [Double]?, mean: Double, each: [Double], phi: Double?) -> RankStatistics {
    var s = RankStatistics(rank: k, cophenetic: 0.99, meanStability: mean, minimumStability: each.min(),
                           crossValidationDeviance: folds.map { $0.reduce(0, +) / Double($0.count) },
                           foldDeviances: folds, signatureStabilities: each)
    s.crossValidationStandardError = folds.flatMap { CrossValidation.summary($0).standardError }
    s.overdispersion = phi
    return s
  }

  /// The k10 NB r = 30 seed-13 pattern (Methods-extract §6, "Session 8"): the truth k=4 ties with
  /// the cv minimum k=5 (0.017 above, paired standard error 0.033) and is stable but for one
  /// signature; k=5 is strictly stable, so Decision 0016 takes 5.
  private func tie(phis: [Double?]) -> [RankStatistics] {
    [rank(3, folds: [4.0, 4.2, 3.9], mean: 0.98, each: [0.92, 0.99, 0.99], phi: phis[0]),
     rank(4, folds: [3.05, 3.15, 2.95], mean: 0.83, each: [-0.43, 0.92, 0.95, 0.99], phi: phis[1]),
     rank(5, folds: [3.0, 3.2, 2.9], mean: 0.88, each: [0.39, 0.54, 0.94, 0.99, 0.99], phi: phis[2]),
     rank(6, folds: [3.3, 3.4, 3.2], mean: 0.74, each: [-0.62, 0.17, 0.88, 0.9, 0.95, 0.99], phi: phis[3])]
  }

  @Test("residual overdispersion: the rank with the smallest φ̂, ranks without one skipped")
  func residual() {
    let s = tie(phis: [3.0, nil, 1.9, 2.2])
    #expect(RankSelection.residualOverdispersion(s)?.rank == 5)
    #expect(RankSelection.residualOverdispersion(tie(phis: [nil, nil, nil, nil])) == nil)
  }

  @Test("φ̂ ≥ 1.75 at every rank: the required rank 4, not the strictly stable minimum 5; the reason names φ̂ and the paired excess")
  func overdispersedTakesRequiredRank() {
    let d = RankSelection.select(tie(phis: [3.0, 2.4, 2.3, 2.2]), method: .auto, meanCount: 45)
    #expect(d.rank == 4, "\(d.reason)")
    #expect(d.reason.hasPrefix("overdispersed counts (φ̂ at least 2.2 at every rank explored, ≥ 1.75): stability does not veto; "
      + "k=4 is the smallest rank within 1 paired standard error of the minimal held-out deviance (k=5; k=4 is 0.017 above, paired standard error 0.033): k=4: min stability -0.43"))
  }

  @Test("one rank below 1.75 (here the top): Decision 0016 as before, the strictly stable minimum 5")
  func belowThresholdKeeps0016() {
    let d = RankSelection.select(tie(phis: [3.0, 2.4, 2.3, 1.7]), method: .auto, meanCount: 45)
    #expect(d.rank == 5, "\(d.reason)")
    #expect(d.reason.hasPrefix("stability rank 5 is not above the cross-validation rank 5: largest stable rank: k=5"))
    // No φ̂ at all (a table written before φ̂ existed): 0016.
    #expect(RankSelection.select(tie(phis: [nil, nil, nil, nil]), method: .auto, meanCount: 45).rank == 5)
  }

  @Test("overdispersed: an unstable true rank that is the held-out minimum is not vetoed (the k12 NB r = 30 seed-13 pattern)")
  func unstableMinimumNotVetoed() {
    // k=4: the minimum, two weak signatures and mean 0.77 (neither stable nor stable but for one);
    // k=3 strictly stable but 1.0 above it on every fold; k=5 0.07 above on every fold (standard error 0).
    let s = [rank(3, folds: [4.0, 4.2, 3.9], mean: 0.98, each: [0.91, 0.98, 0.99], phi: 2.6),
             rank(4, folds: [3.0, 3.2, 2.9], mean: 0.77, each: [-0.31, -0.22, 0.93, 0.95], phi: 2.25),
             rank(5, folds: [3.07, 3.27, 2.97], mean: 0.77, each: [-0.59, 0.34, 0.58, 0.95, 0.99], phi: 2.18),
             rank(6, folds: [3.3, 3.4, 3.2], mean: 0.75, each: [-0.04, -0.01, 0.44, 0.9, 0.95, 0.99], phi: 2.11)]
    let d = RankSelection.select(s, method: .auto, meanCount: 45)
    #expect(d.rank == 4, "\(d.reason)")
    #expect(d.reason.contains("k=4 is the smallest rank within 1 paired standard error of the minimal held-out deviance (the minimum itself): k=4:"))
    // The same statistics at Poisson-like φ̂: stability vetoes, 3.
    let poisson = s.map { x -> RankStatistics in var y = x; y.overdispersion = 1.0; return y }
    #expect(RankSelection.select(poisson, method: .auto, meanCount: 45).rank == 3)
  }

  @Test("φ̂ high at the minimum but falling below 1.75 at larger ranks (the 21-breast-cancer pattern): 0016's stable 4, not the one-SE 3")
  func fallingOverdispersionKeepsStabilityRank() {
    // k=3 − k=4 fold by fold: (0.5, −0.3, 0.2), mean 0.133, standard error 0.233: within one.
    func cohort(topPhi: Double) -> [RankStatistics] {
      [rank(2, folds: [17.0, 17.5, 16.6], mean: 0.999, each: [0.997, 1.0], phi: 4.35),
       rank(3, folds: [3.5, 2.9, 3.1], mean: 0.98, each: [0.96, 0.97, 1.0], phi: 2.48),
       rank(4, folds: [3.0, 3.2, 2.9], mean: 0.87, each: [0.65, 0.89, 0.95, 0.98], phi: 2.04),
       rank(5, folds: [3.3, 3.4, 3.2], mean: 0.74, each: [0.32, 0.7, 0.78, 0.9, 0.99], phi: 1.81),
       rank(6, folds: [3.5, 3.6, 3.4], mean: 0.65, each: [0.01, 0.4, 0.78, 0.8, 0.9, 0.99], phi: topPhi)]
    }
    #expect(RankSelection.requiredRank(cohort(topPhi: 1.39)) == 3)
    let d = RankSelection.select(cohort(topPhi: 1.39), method: .auto, meanCount: 91)
    #expect(d.rank == 4, "\(d.reason)")
    #expect(d.reason.hasPrefix("stability rank 4 is not above the cross-validation rank 4"))
    // Were the counts overdispersed at every rank, the required rank would be taken.
    #expect(RankSelection.select(cohort(topPhi: 1.76), method: .auto, meanCount: 91).rank == 3)
  }

  @Test("failed folds: deviance above 3x the median of the rank's folds (odd and even fold counts)")
  func failedFolds() {
    #expect(RankSelection.failedFolds([9, 9.4, 8.9, 56, 9.8]) == [3])  // median 9.4, limit 28.2
    #expect(RankSelection.failedFolds([1, 2, 3, 100]) == [3])          // median 2.5, limit 7.5
    #expect(RankSelection.failedFolds([1, 2, 3, 7.4]).isEmpty)
  }

  @Test("a failed fold at the truth is left out of the walk down (the k12 NB r = 10 seed-11 pattern): required rank 4, not 5")
  func failedFoldLeftOut() throws {
    // k=4's fold 3 failed (56 against ~9.5). With it, k=4 − k=5 is 9.48 with standard error 9.455
    // (just outside one: a failed fold makes the excess about one standard error whatever the
    // ranks); without it, (−0.1, 0.1, 0, 0.1): 0.025 with standard error 0.048. k=3 is 1.0 above on every fold.
    let s = [rank(3, folds: [10.5, 10.6, 10.0, 9.7, 11.0], mean: 0.96, each: [0.65, 0.96, 0.98], phi: 5.15),
             rank(4, folds: [9.4, 9.7, 9.0, 56.0, 10.1], mean: 0.87, each: [-0.21, 0.87, 0.91, 0.95], phi: 4.86),
             rank(5, folds: [9.5, 9.6, 9.0, 8.7, 10.0], mean: 0.79, each: [-0.43, 0.2, 0.84, 0.9, 0.95], phi: 4.65)]
    let (raw, rawSE) = try #require(RankSelection.pairedExcess(s[1].crossValidationFoldDeviances!, over: s[2].crossValidationFoldDeviances!))
    #expect(abs(raw - 9.48) < 1e-9 && raw > rawSE && rawSE > 9.4)
    let (kept, keptSE) = try #require(RankSelection.pairedExcessOfFittedFolds(s[1].crossValidationFoldDeviances!, over: s[2].crossValidationFoldDeviances!))
    #expect(abs(kept - 0.025) < 1e-9 && abs(keptSE - (0.0275 / 3).squareRoot() / 2) < 1e-9)
    #expect(RankSelection.requiredRank(s) == 4)
    let d = RankSelection.select(s, method: .auto, meanCount: 47)
    #expect(d.rank == 4, "\(d.reason)")
    #expect(d.reason.contains("(k=5; k=4 is 0.025 above, paired standard error 0.048, 1 failed fold left out): k=4:"), "\(d.reason)")
  }

  @Test("a failed fold at the truth is left out of the choice of the minimum too (seed 37 k15 NB r = 10): required rank 15, not 14 (Decision 0028)")
  func failedFoldLeftOutOfMinimum() throws {
    // Seed 37's fold deviances (rounded): k=15's fold 4 failed (1,213 against ~9.4), so by plain means
    // k=17 is the minimum and the walk down, failed fold left out of each comparison, stops at 14.
    // Over the nine folds no rank failed on, k=15 is the minimum and 14 is 0.686 above it.
    let folds: [[Double]] = [
      [9.735, 9.326, 11.344, 9.015, 10.242, 10.515, 9.300, 11.823, 9.936, 10.537],
      [9.592, 9.169, 11.212, 8.723, 9.635, 10.309, 9.125, 11.618, 9.015, 10.559],
      [9.097, 8.641, 9.956, 1213.131, 9.498, 9.331, 9.147, 9.559, 9.075, 9.752],
      [8.948, 9.030, 10.046, 11.249, 9.420, 9.568, 9.139, 10.340, 9.501, 10.527],
      [9.020, 8.764, 10.138, 10.797, 9.461, 9.814, 9.370, 11.181, 9.266, 9.514]]
    let s = folds.enumerated().map { i, f in
      rank(13 + i, folds: f, mean: 0.85, each: [-0.1] + Array(repeating: 0.9, count: 12 + i), phi: 5.2 - 0.2 * Double(i))
    }
    let (minimum, leftOut) = try #require(RankSelection.crossValidationMinimum(s))
    #expect(minimum.rank == 15 && leftOut == [3])
    #expect(RankSelection.requiredRank(s) == 15)
    let d = RankSelection.select(s, method: .auto, meanCount: 47)
    #expect(d.rank == 15, "\(d.reason)")
    #expect(d.reason.contains("minimal held-out deviance over the folds no rank's masked fit failed on (fold 4 left out) (the minimum itself)"), "\(d.reason)")
    #expect(RankSelection.select(s, method: .cv, meanCount: 47).rank == 15)
    // Without the failed fold nothing changes: the plain minimum, nothing left out.
    var healthy = s
    healthy[2] = rank(15, folds: folds[2].enumerated().map { $0.offset == 3 ? 9.3 : $0.element }, mean: 0.85, each: [0.9], phi: 4.8)
    let (plain, none) = try #require(RankSelection.crossValidationMinimum(healthy))
    #expect(plain.rank == 15 && none.isEmpty)
  }

  @Test("overdispersed but no per-fold deviances, or exome-like counts: the branch does not apply")
  func branchPreconditions() {
    let noFolds = tie(phis: [3.0, 2.4, 2.3, 2.2]).enumerated().map { i, x -> RankStatistics in
      var y = x; y.crossValidationFoldDeviances = nil; y.crossValidationDeviance = [3.9, 3.05, 3.0, 3.3][i]; return y
    }
    #expect(RankSelection.requiredRank(noFolds) == nil)
    #expect(RankSelection.select(noFolds, method: .auto, meanCount: 45).rank == 5)
    let sparse = RankSelection.select(tie(phis: [3.0, 2.4, 2.3, 2.2]), method: .auto, meanCount: 0.5)
    #expect(sparse.rank == 5)
    #expect(sparse.reason.hasPrefix("0.5 mutations per catalog entry (< 2)"))
  }
}
