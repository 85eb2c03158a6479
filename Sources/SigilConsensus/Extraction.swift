import Foundation
import SigilCore
import SigilNMF

/// What determines the restarts of an extraction (and so must agree between restart blocks).
public struct RestartPlan: Sendable {
  /// Ranks to explore, increasing.
  public var ranks: [Int]
  /// Restarts per rank, R (restarts are numbered 0..<R).
  public var restarts: Int
  /// Master seed: restart i of rank k uses `SeededGenerator.stream(seed:, k, i)`.
  public var seed: UInt64
  /// NMF settings.
  public var configuration: NMFConfiguration

  /// Creates a plan.
  public init(ranks: [Int], restarts: Int, seed: UInt64, configuration: NMFConfiguration) {
    self.ranks = ranks; self.restarts = restarts; self.seed = seed; self.configuration = configuration
  }

  /// The settings a restart block records (`block.tsv`), with the catalog checksum.
  public func blockSettings(catalogChecksum: String) -> [String: String] {
    let c = configuration
    return ["format": String(RestartStore.formatVersion), "seed": String(seed),
            "ranks": "\(ranks.first!)..\(ranks.last!)", "restarts": String(restarts),
            "objective": c.objective.rawValue, "initialization": c.initialization.rawValue,
            "tolerance": NumberFormatting.format(c.tolerance), "check-interval": String(c.checkInterval),
            "min-iterations": String(c.minIterations), "max-iterations": String(c.maxIterations),
            "resample": c.resample ? "yes" : "no", "solver": c.solver.rawValue, "catalog-fnv1a": catalogChecksum]
  }
}

/// What is computed from the restarts (may be chosen again at `--merge`).
public struct AnalysisPlan: Sendable {
  /// Which restarts enter the signature clustering.
  public var filter: RestartFilter
  /// Which clustered restarts are averaged into the consensus signatures.
  public var consensusFilter: RestartFilter
  /// Cross-validation plan, or nil to skip it.
  public var crossValidation: CrossValidation?
  /// The rank criterion.
  public var selection: RankSelectionMethod
  /// A fixed rank (`--rank`), overriding the criterion.
  public var fixedRank: Int?
  /// Reference set for matching, or nil to skip matching.
  public var reference: SignatureSet?
  /// Take bleeding signatures out of the ones they bleed into (`BleedingResolution`; needs `reference`).
  public var resolveBleeding: Bool
  /// Which ranks' consensus solutions are polished under the negative-binomial divergence
  /// (`RankAnalysis.analyse(negativeBinomialPolish:)`; `--nb-polish`, `--no-nb-polish`, auto).
  public var negativeBinomialPolish: NegativeBinomialPolish.Mode
  /// Whether the selected rank's solution is refined by a minimum-volume penalty
  /// (`Extraction.refineVolume`; `--min-volume`, `--no-min-volume`, auto; Decision 0022).
  public var minimumVolume: MinimumVolumeRefinement.Mode = .off
  /// λ̃ of that refinement (`--min-volume-weight`).
  public var minimumVolumeWeight = MinimumVolumeRefinement.defaultRelativeWeight

  /// Creates a plan.
  public init(filter: RestartFilter, consensusFilter: RestartFilter = .consensusDefault,
              crossValidation: CrossValidation?, selection: RankSelectionMethod,
              fixedRank: Int?, reference: SignatureSet?, resolveBleeding: Bool = false,
              negativeBinomialPolish: NegativeBinomialPolish.Mode = .off) {
    self.filter = filter; self.consensusFilter = consensusFilter; self.crossValidation = crossValidation; self.selection = selection
    self.fixedRank = fixedRank; self.reference = reference; self.resolveBleeding = resolveBleeding
    self.negativeBinomialPolish = negativeBinomialPolish
  }
}

/// The result of an extraction: statistics of every rank, the chosen rank and its solution.
public struct ExtractionResult: Sendable {
  /// One entry per rank, increasing, `selected` set on the chosen rank.
  public let statistics: [RankStatistics]
  /// The chosen rank and why.
  public let decision: RankDecision
  /// Consensus solutions by rank (every rank explored).
  public let solutions: [Int: RankSolution]
  /// Reference matches of each rank's signatures (empty without a reference).
  public let matches: [Int: [ReferenceMatch]]
  /// The rank each criterion would choose (for the log and run.json; transparency).
  public let alternatives: [(method: RankSelectionMethod, rank: Int)]
  /// Per rank, the bleeding resolutions tried (`AnalysisPlan.resolveBleeding`; empty otherwise).
  public var bleedingResolutions: [Int: [BleedingResolution.Step]] = [:]
  /// Per rank, the consensus solution as `RankAnalysis` made it (before cross-validation, the rank
  /// rule and bleeding resolution), and its reference matches: reused when the span grows
  /// (`Extraction.analyse(known:)`) instead of being computed again.
  var analysed: [Int: RankSolution] = [:]
  var analysedMatches: [Int: [ReferenceMatch]] = [:]
  /// The minimum-volume refinement of the selected rank (`AnalysisPlan.minimumVolume`), nil when not run.
  public var minimumVolume: MinimumVolumeOutcome? = nil
}

/// De novo extraction: restarts per rank, consensus statistics, rank selection, matching.
///
/// ```swift
/// let restarts = try Extraction.runRestarts(catalog: v, plan: plan, range: 0..<100, threads: 4)
/// let result = try Extraction.analyse(catalog: catalog, restarts: restarts, plan: plan, analysis: a, threads: 4)
/// ```
/// Everything after the restarts is a pure function of (catalog, restarts in restart order,
/// plans), which is what makes split-and-merged runs byte-identical to whole ones.
public enum Extraction {
  /// Checks that every rank fits the catalog.
  /// - Throws: `ConsensusError.invalidRanks` (rank < 1 or empty), `.rankTooLarge`.
  public static func validate(ranks: [Int], samples: Int, channels: Int) throws {
    guard let lo = ranks.min(), let hi = ranks.max() else { throw ConsensusError.invalidRanks("no ranks to explore") }
    guard lo >= 1 else { throw ConsensusError.invalidRanks("ranks must be at least 1 (got \(lo))") }
    if hi > min(samples, channels) { throw ConsensusError.rankTooLarge(rank: hi, samples: samples, channels: channels) }
  }

  /// Removes all-zero samples (they carry no information and would make every exposure of them 0
  /// and the per-sample cosine undefined).
  /// - Returns: The catalog without them and their names, in catalog order.
  /// - Throws: `ConsensusError.noSamples` when every sample is all-zero.
  public static func excludingZeroSamples(_ catalog: MutationCatalog) throws -> (catalog: MutationCatalog, excluded: [String]) {
    let totals = catalog.totals
    let keep = totals.indices.filter { totals[$0] > 0 }
    guard !keep.isEmpty else { throw ConsensusError.noSamples }
    let excluded = totals.indices.filter { totals[$0] <= 0 }.map { catalog.sampleNames[$0] }
    return (excluded.isEmpty ? catalog : catalog.selectingSamples(keep), excluded)
  }

  /// Runs restarts `range` of every rank of the plan.
  /// - Parameter progress: Called with (rank, restarts of that rank finished so far).
  /// - Throws: `NMFError` from the engine.
  public static func runRestarts(catalog v: Matrix, plan: RestartPlan, range: Range<Int>, threads: Int,
                                 progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [Int: [RestartRecord]] {
    var out: [Int: [RestartRecord]] = [:]
    for k in plan.ranks {
      var report: (@Sendable (Int) -> Void)? = nil
      if let progress { report = { @Sendable done in progress(k, done) } }
      let results = try RestartRunner.run(v, rank: k, restarts: range, seed: plan.seed, configuration: plan.configuration,
                                          threads: threads, progress: report)
      out[k] = results.enumerated().map { RestartRecord(rank: k, index: range.lowerBound + $0.offset, result: $0.element) }
    }
    return out
  }

  /// Computes every rank's statistics and solution, cross-validation, the chosen rank and the
  /// reference matches.
  /// - Parameters:
  ///   - catalog: The catalog the restarts factorised.
  ///   - restarts: Every restart of every rank, each list in restart order.
  /// - Throws: `ConsensusError`, `NMFError` (cross-validation fits).
  ///   - knownFolds: Cross-validation fold deviances already computed for some ranks (a previous
  ///     analysis of a span that grew); only the other ranks are scored. They are the same numbers
  ///     a fresh scoring gives (folds and fits depend on the seed and rank only).
  ///   - knownSizes: The negative-binomial sizes those ranks' masked fits were weighted with.
  ///   - known: That previous analysis (`ExtractionResult.analysed`, `.analysedMatches`): its
  ///     ranks' consensus solutions and reference matches are reused, not recomputed. They are
  ///     what a fresh analysis gives (a function of the rank's restarts and `analysis` only);
  ///     cross-validation, the rank rule and bleeding resolution are applied to them again.
  public static func analyse(catalog: MutationCatalog, restarts: [Int: [RestartRecord]], plan: RestartPlan,
                             analysis: AnalysisPlan, threads: Int, knownFolds: [Int: [Double]] = [:],
                             knownSizes: [Int: Double] = [:], known: ExtractionResult? = nil) throws -> ExtractionResult {
    let v = catalog.counts
    let objective = plan.configuration.objective
    let ranks = plan.ranks
    let fresh = ranks.filter { known?.analysed[$0] == nil }
    let computed: [RankSolution] = try PhaseProfile.shared.measure("rank analysis (all ranks)") { try largestRankFirst(fresh, threads: threads) { i in
      guard let records = restarts[fresh[i]] else {
        throw ConsensusError.inconsistentRestarts("no restarts for rank \(fresh[i])")
      }
      return try RankAnalysis.analyse(catalog: v, restarts: records, filter: analysis.filter,
                                       consensusFilter: analysis.consensusFilter, objective: objective,
                                       negativeBinomialPolish: analysis.negativeBinomialPolish)
    } }
    var merged = (known?.analysed ?? [:]).merging(zip(fresh, computed)) { _, new in new }
    let repolished = gatePolish(&merged, catalog: v, ranks: ranks, analysis: analysis, objective: objective, threads: threads)
    let analysed = merged
    // Ranks the gate finished again get fresh cross-validation (their NB weights come from the solution).
    let knownFolds = knownFolds.filter { !repolished.contains($0.key) }, knownSizes = knownSizes.filter { !repolished.contains($0.key) }
    let solved = ranks.map { analysed[$0]! }
    var stats = solved.map(\.statistics)
    if let cv = analysis.crossValidation {
      let missing = ranks.filter { knownFolds[$0]?.count != cv.folds }
      // Overdispersed counts: each rank's masked fits are weighted as a negative-binomial
      // quasi-likelihood (Methods-extract.md §3); Poisson counts keep weight 1.
      var fitWeights: [Int: Matrix] = [:], sizes: [Int: Double] = [:]
      PhaseProfile.shared.measure("cross-validation weights") {
      for (i, k) in ranks.enumerated() where missing.contains(k) {
        guard let nb = CohortDispersion.negativeBinomialWeights(catalog: v, signatures: solved[i].signatures,
                                                                exposures: solved[i].exposures) else { continue }
        fitWeights[k] = nb.weights; sizes[k] = nb.size
      }
      }
      var folds = try PhaseProfile.shared.measure("cross-validation") { try cv.foldDeviances(catalog: v, ranks: missing, seed: plan.seed, configuration: plan.configuration, threads: threads,
                                       fitWeights: fitWeights) }
      for k in ranks where folds[k] == nil { folds[k] = knownFolds[k] }
      for i in stats.indices {
        guard let d = folds[stats[i].rank] else { continue }
        let summary = CrossValidation.summary(d)
        stats[i].crossValidationDeviance = summary.deviance
        stats[i].crossValidationStandardError = summary.standardError
        stats[i].crossValidationFoldDeviances = d
        stats[i].crossValidationSize = sizes[stats[i].rank] ?? knownSizes[stats[i].rank]
      }
    }
    let meanCount = v.values.reduce(0, +) / Double(max(v.values.count, 1))
    let decision: RankDecision
    if let k = analysis.fixedRank {
      guard ranks.contains(k) else { throw ConsensusError.invalidRanks("--rank \(k) is not among the ranks explored (\(ranks.first!)..\(ranks.last!))") }
      decision = RankDecision(rank: k, method: "fixed", reason: "fixed by --rank: " + RankSelection.describe(stats.first { $0.rank == k }!, in: stats))
    } else {
      decision = RankSelection.select(stats, method: analysis.selection, meanCount: meanCount)
    }
    for i in stats.indices { stats[i].selected = stats[i].rank == decision.rank }
    var solutions: [Int: RankSolution] = [:]
    for (i, var s) in solved.enumerated() { s.statistics = stats[i]; solutions[s.statistics.rank] = s }
    let volume = refineVolume(&solutions, rank: decision.rank, catalog: v, mode: analysis.minimumVolume,
                              relativeWeight: analysis.minimumVolumeWeight, objective: objective)
    if volume != nil, let i = ranks.firstIndex(of: decision.rank) { stats[i] = solutions[decision.rank]!.statistics }
    // Each rank is matched once: a rank matched by the earlier analysis keeps its matches, unless the
    // gate polished it again or the refinement changed its signatures. The refined rank's matches
    // describe the refined signatures, so they are not kept for a later analysis (`analysedMatches`).
    var matches: [Int: [ReferenceMatch]] = [:], analysedMatches: [Int: [ReferenceMatch]] = [:]
    if let reference = analysis.reference {
      let reusable = ranks.filter { known?.analysedMatches[$0] != nil && !repolished.contains($0) }
      let unmatched = ranks.filter { !reusable.contains($0) || $0 == volume?.rank }
      let signatures = solutions
      let perRank: [[ReferenceMatch]] = PhaseProfile.shared.measure("reference matching") { largestRankFirst(unmatched, threads: threads) { i in
        let k = unmatched[i], w = signatures[k]!.signatures, names = signatureNames(catalog.mutationClass, count: k)
        return (0..<w.columns).map { ReferenceMatching.match(signature: w.column($0), name: names[$0], reference: reference) }
      } }
      for k in reusable { matches[k] = known?.analysedMatches[k]; analysedMatches[k] = matches[k] }
      for (i, k) in unmatched.enumerated() {
        matches[k] = perRank[i]
        if k != volume?.rank { analysedMatches[k] = perRank[i] }
      }
    }
    var resolutions: [Int: [BleedingResolution.Step]] = [:]
    if analysis.resolveBleeding, let reference = analysis.reference {
      let (unresolved, unresolvedMatches) = (solutions, matches)
      let resolved: [(RankSolution, [ReferenceMatch], [BleedingResolution.Step])?] = PhaseProfile.shared.measure("bleeding resolution") { largestRankFirst(ranks, threads: threads) { i in
        let k = ranks[i]
        return resolveBleeding(unresolved[k]!, matches: unresolvedMatches[k]!, catalog: v, reference: reference,
                               names: signatureNames(catalog.mutationClass, count: k), objective: objective)
      } }
      for (i, k) in ranks.enumerated() {
        guard let (solution, rankMatches, steps) = resolved[i] else { continue }
        solutions[k] = solution; matches[k] = rankMatches; resolutions[k] = steps
      }
      stats = ranks.map { solutions[$0]!.statistics }
    }
    let alternatives = RankSelectionMethod.allCases.map { (method: $0, rank: RankSelection.select(stats, method: $0, meanCount: meanCount).rank) }
    var result = ExtractionResult(statistics: stats, decision: decision, solutions: solutions, matches: matches, alternatives: alternatives)
    result.bleedingResolutions = resolutions
    result.analysed = analysed
    result.analysedMatches = analysedMatches
    result.minimumVolume = volume
    return result
  }

  /// `ParallelMap.map` over rank indices with the largest rank started first: a rank's work grows
  /// with k, so the small ranks fill the workers at the end instead of the largest one running
  /// alone (wall time only; results are returned in `ranks` order and do not depend on it).
  static func largestRankFirst<T: Sendable, E: Error>(_ ranks: [Int], threads: Int,
                                                      _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
    let order = ranks.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] > ranks[$1] : $0 < $1 }
    let results = try ParallelMap.map(count: order.count, threads: threads) { (t: Int) throws(E) -> T in try body(order[t]) }
    var out = [T?](repeating: nil, count: order.count)
    for (t, i) in order.enumerated() { out[i] = results[t] }
    return out.map { $0! }
  }

  /// The default negative-binomial polish (`NegativeBinomialPolish.Mode.auto`, Decision 0020): one
  /// decision for the cohort from the largest r̂ over the ranks explored; the ranks whose polish
  /// differs from it (all of them when it opens; known ranks of an earlier range) are finished
  /// again from their consensus (`RankAnalysis.refinished`: polished W and H and their statistics;
  /// consensus and clustering are kept). Returns those ranks.
  @discardableResult
  static func gatePolish(_ analysed: inout [Int: RankSolution], catalog v: Matrix, ranks: [Int],
                         analysis: AnalysisPlan, objective: NMFObjective, threads: Int) -> [Int] {
    guard analysis.negativeBinomialPolish == .auto else { return [] }
    let polish = NegativeBinomialPolish.autoPolishes(cohortSize: NegativeBinomialPolish.cohortSize(ranks.map { analysed[$0]?.statistics.consensusSize }))
    let redo = ranks.filter { (analysed[$0]?.statistics.polishSize != nil) != polish }
    guard !redo.isEmpty else { return [] }
    let unpolished = redo.map { analysed[$0]! }
    let again: [RankSolution] = PhaseProfile.shared.measure("rank analysis (negative-binomial polish)") { largestRankFirst(redo, threads: threads) { i in
      RankAnalysis.refinished(unpolished[i], polishing: polish, catalog: v, objective: objective)
    } }
    for (k, s) in zip(redo, again) { analysed[k] = s }
    return redo
  }

  /// One rank's solution after `BleedingResolution`, with its reconstruction statistics and the
  /// resolved signatures' matches recomputed; nil when no signature is flagged. Signatures keep
  /// their columns (and names), so the steps' names stay valid.
  static func resolveBleeding(_ solution: RankSolution, matches: [ReferenceMatch], catalog v: Matrix, reference: SignatureSet,
                              names: [String], objective: NMFObjective)
    -> (RankSolution, [ReferenceMatch], [BleedingResolution.Step])? {
    let baseline = BleedingResolution.deviance(catalog: v, signatures: solution.signatures, exposures: solution.exposures)
    var (w, h, newMatches) = (solution.signatures, solution.exposures, matches)
    var kept: [BleedingResolution.Step] = [], refused: [String: BleedingResolution.Step] = [:]
    for _ in 0..<names.count {  // each pass that keeps a step can reveal another flag; at most k passes
      let r = BleedingResolution.resolve(catalog: v, signatures: w, exposures: h, names: names, matches: newMatches,
                                         objective: objective, baselineDeviance: baseline)
      for step in r.steps where !step.kept { refused[step.signature] = step }
      let newlyKept = r.steps.filter(\.kept)
      guard !newlyKept.isEmpty else { break }
      (w, h) = (r.signatures, r.exposures)
      for step in newlyKept {
        let c = names.firstIndex(of: step.signature)!
        newMatches[c] = ReferenceMatching.match(signature: w.column(c), name: step.signature, reference: reference)
        kept.append(step)
      }
    }
    // A signature refused in one pass but cleaned in a later one is reported by its kept steps only.
    let steps = kept + names.compactMap { name in kept.contains { $0.signature == name } ? nil : refused[name] }
    guard !steps.isEmpty else { return nil }
    let reconstruction = Reconstruction(catalog: v, signatures: w, exposures: h)
    var statistics = solution.statistics
    // The reconstruction columns describe the written (resolved) solution; `overdispersion` keeps
    // the consensus value, the one the rank rule read (Decision 0021), so the table and a replay of
    // it agree with sigil's own pick (they differed by up to 0.012 on PCAWG cohorts near 1.75).
    statistics.record(reconstruction)
    let resolved = RankSolution(statistics: statistics, signatures: w, exposures: h,
                                sampleCosines: reconstruction.sampleCosines, consensus: solution.consensus,
                                consensusSamples: solution.consensusSamples)
    return (resolved, newMatches, steps)
  }

  /// Names of k consensus signatures for a channel class: `SBS96A`, `SBS96B`, ...
  public static func signatureNames(_ cls: MutationClass, count: Int) -> [String] {
    RankAnalysis.signatureNames(prefix: cls.rawValue, count: count)
  }
}
