import SigilCore
import SigilNMF

/// What the minimum-volume refinement did to the selected rank (run.json `min-volume`, the log).
public struct MinimumVolumeOutcome: Sendable, Equatable {
  /// The rank refined (the selected one).
  public let rank: Int
  /// Negative-binomial size of the divergence, nil for KL.
  public let size: Double?
  /// λ̃ and the absolute λ it gave.
  public let relativeWeight: Double, weight: Double
  /// Iterations run and whether the stopping rule fired.
  public let iterations: Int, converged: Bool
}

extension Extraction {
  /// Whether `mode` refines a cohort whose ranks have these statistics: `.on` always, `.auto` when
  /// the negative-binomial polish's default gate opens (cohort size ≤ 15, Decision 0020), under KL only.
  static func refinesVolume(_ mode: MinimumVolumeRefinement.Mode, statistics: [RankStatistics], objective: NMFObjective) -> Bool {
    guard objective == .kullbackLeibler else { return false }
    switch mode {
    case .off: return false
    case .on: return true
    case .auto: return NegativeBinomialPolish.autoPolishes(cohortSize: NegativeBinomialPolish.cohortSize(statistics.map(\.consensusSize)))
    }
  }

  /// Refines the selected rank's solution by `MinimumVolumeRefinement` (Decision 0022) under the
  /// negative-binomial divergence at the rank's r̂ (`refinementSize`; KL when the counts are not
  /// overdispersed), then fits the exposures and orders the signatures as `RankAnalysis` does.
  /// Other ranks, the rank decision and the statistics the rank rule reads are left as they are.
  /// - Returns: The outcome, or nil when `mode` does not refine this cohort.
  static func refineVolume(_ solutions: inout [Int: RankSolution], rank k: Int, catalog v: Matrix, mode: MinimumVolumeRefinement.Mode,
                           relativeWeight: Double = MinimumVolumeRefinement.defaultRelativeWeight, objective: NMFObjective) -> MinimumVolumeOutcome? {
    let statistics = solutions.values.map(\.statistics)
    guard refinesVolume(mode, statistics: statistics, objective: objective), let solution = solutions[k] else { return nil }
    let s = solution.statistics
    let size = refinementSize(solution, catalog: v)
    let refined = PhaseProfile.shared.measure("minimum-volume refinement") {
      MinimumVolumeRefinement.refine(v, signatures: solution.signatures, exposures: solution.exposures, size: size,
                                     relativeWeight: relativeWeight)
    }
    let (w, h, order) = RankAnalysis.orderedByExposure(refined.w, exposures: ConsensusExposures.fit(catalog: v, signatures: refined.w, objective: objective),
                                                       catalog: v, objective: objective)
    let reconstruction = Reconstruction(catalog: v, signatures: w, exposures: h)
    var updated = s
    updated.record(reconstruction)  // `overdispersion` stays the value the rank rule read (as after bleeding resolution)
    updated.signatureStabilities = s.signatureStabilities.map { st in order.map { st[$0] } }
    solutions[k] = RankSolution(statistics: updated, signatures: w, exposures: h, sampleCosines: reconstruction.sampleCosines,
                                consensus: solution.consensus, consensusSamples: solution.consensusSamples)
    return MinimumVolumeOutcome(rank: k, size: size, relativeWeight: relativeWeight,
                                weight: refined.weight, iterations: refined.iterations, converged: refined.converged)
  }

  /// The negative-binomial size the refinement runs under: r̂ of the catalog around the rank's
  /// consensus before any polish, the size the polish uses (`RankStatistics.consensusSize`). With
  /// the polish off (`--no-nb-polish`) that r̂ was not computed and is estimated here, so
  /// `--min-volume` means the same refinement whether or not the polish ran. Nil (KL) when r̂ is
  /// infinite or undefined: counts within Poisson variation.
  static func refinementSize(_ solution: RankSolution, catalog v: Matrix) -> Double? {
    let r = solution.statistics.consensusSize
      ?? solution.start.flatMap { CohortDispersion.negativeBinomialSize(catalog: v, signatures: $0.signatures, exposures: $0.exposures) }
    return r.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
  }
}
