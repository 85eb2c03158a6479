import Foundation
import SigilCore
import SigilFit
import SigilNMF

/// What `sigil extract` was asked for, every value typed and checked (`ExtractionSettings.init`
/// throws on a value no run could use, so the CLI rejects it before any work).
public struct ExtractionSettings: Sendable {
  /// The rank span explored first when neither `ranks` nor `fixedRank` is given; capped by the
  /// catalog, and grown upward until the chosen rank is `rankMargin` below its top.
  public static let defaultRanks = 2...10
  /// How many ranks past the chosen one the default span must reach: two, so the criterion is
  /// seen to have turned (Docs/Methods-extract.md §4). The span grows by whole ranks, never past
  /// min(samples, channels).
  public static let rankMargin = 2

  /// `--ranks`, or nil for the default span (capped by what the catalog allows, with a note).
  public var ranks: ClosedRange<Int>?
  public var restarts: Int
  /// `--restarts-range`: compute and save only these restarts.
  public var restartRange: Range<Int>?
  public var saveRestarts: Bool
  public var seed: UInt64
  public var nmf: NMFConfiguration
  public var selection: RankSelectionMethod
  public var fixedRank: Int?
  public var restartFilter: RestartFilter
  /// `--consensus-filter`; nil uses the default (`consensusFilter(resampled:)`).
  public var consensusTolerance: Double?
  public var crossValidation: CrossValidation?
  public var resolveBleeding: Bool
  /// `--nb-polish` (on), `--no-nb-polish` (off), neither (auto; `AnalysisPlan.negativeBinomialPolish`).
  public var negativeBinomialPolish: NegativeBinomialPolish.Mode = .auto
  /// `--min-volume` (on), `--no-min-volume` (off), neither (the default, `defaultMinimumVolume`; Decision 0022).
  public var minimumVolume: MinimumVolumeRefinement.Mode = ExtractionSettings.defaultMinimumVolume
  /// The minimum-volume refinement without `--min-volume` / `--no-min-volume` (Decision 0022).
  /// `.auto` since session 9's fresh seeds (Decision 0022, amended): refine the selected rank when the
  /// polish's gate opens (cohort negative-binomial size ≤ 15), never otherwise.
  public static let defaultMinimumVolume = MinimumVolumeRefinement.Mode.auto
  /// `--min-volume-weight`, λ̃ (`MinimumVolumeRefinement.refine(relativeWeight:)`).
  public var minimumVolumeWeight = MinimumVolumeRefinement.defaultRelativeWeight
  public var allRanks: Bool
  public var reference: ReferenceChoice
  public var threads: Int

  /// - Throws: `ConsensusError.invalidParameter` / `.invalidRanks` naming the option.
  public init(ranks: ClosedRange<Int>?, restarts: Int, restartRange: ClosedRange<Int>?, saveRestarts: Bool, seed: UInt64,
              nmf: NMFConfiguration, selection: RankSelectionMethod, fixedRank: Int?, restartFilter: Double?,
              consensusFilter: Double?, cvFolds: Int, cvFraction: Double, cvRestarts: Int, resolveBleeding: Bool,
              allRanks: Bool, reference: ReferenceChoice, threads: Int) throws {
    guard restarts >= 1 else { throw ConsensusError.invalidParameter("--restarts must be at least 1 (got \(restarts))") }
    guard cvFolds >= 0 else { throw ConsensusError.invalidParameter("--cv-folds must be >= 0 (got \(cvFolds))") }
    if let ranks, ranks.lowerBound < 1 { throw ConsensusError.invalidRanks("--ranks must start at 1 or more (got \(ranks.lowerBound)..\(ranks.upperBound))") }
    if let fixedRank {
      guard fixedRank >= 1 else { throw ConsensusError.invalidRanks("--rank must be at least 1 (got \(fixedRank))") }
      if let ranks, !ranks.contains(fixedRank) {
        throw ConsensusError.invalidRanks("--rank \(fixedRank) is outside --ranks \(ranks.lowerBound)..\(ranks.upperBound)")
      }
    }
    if let restartRange, restartRange.upperBound >= restarts {
      throw ConsensusError.invalidParameter("--restarts-range \(restartRange.lowerBound)..\(restartRange.upperBound) goes past the \(restarts) restarts (0..\(restarts - 1))")
    }
    self.ranks = ranks ?? fixedRank.map { $0...$0 }
    self.restarts = restarts
    self.restartRange = restartRange.map { $0.lowerBound..<($0.upperBound + 1) }
    self.saveRestarts = saveRestarts || restartRange != nil
    self.seed = seed; self.nmf = nmf; self.selection = selection; self.fixedRank = fixedRank
    self.restartFilter = try RestartFilter(tolerance: restartFilter)
    if let consensusFilter { _ = try RestartFilter(tolerance: consensusFilter, option: "--consensus-filter") }
    self.consensusTolerance = consensusFilter
    self.crossValidation = cvFolds == 0 ? nil : try CrossValidation(fraction: cvFraction, folds: cvFolds, restarts: cvRestarts)
    self.cvFolds = cvFolds; self.cvFraction = cvFraction; self.cvRestarts = cvRestarts
    self.resolveBleeding = resolveBleeding; self.allRanks = allRanks; self.reference = reference; self.threads = threads
  }

  let cvFolds: Int, cvFraction: Double, cvRestarts: Int

  /// `--consensus-filter`, or its default: 0.001, or every restart when the restarts were resampled
  /// (taken from the restart blocks at `--merge`, so a merge matches the whole run).
  public func consensusFilter(resampled: Bool) -> RestartFilter {
    if let consensusTolerance { return (try? RestartFilter(tolerance: consensusTolerance, option: "--consensus-filter")) ?? .consensusDefault }
    return resampled ? RestartFilter.keepAll : .consensusDefault
  }

  /// The ranks a span ending at `top` must add so it reaches `chosen + rankMargin`, never past
  /// `limit`; nil when none.
  public static func ranksToAdd(top: Int, chosen: Int, limit: Int) -> [Int]? {
    let wanted = min(limit, chosen + rankMargin)
    return wanted > top ? Array((top + 1)...wanted) : nil
  }

  /// Whether the rank span may grow after an analysis: no `--ranks`, no `--rank`, not a block of
  /// restarts (blocks must agree on their ranks before any is run).
  public var growsRanks: Bool { ranks == nil && fixedRank == nil && restartRange == nil }

  /// The ranks to explore for a catalog: `ranks`, or the default span capped at what the catalog
  /// allows (with a note in `messages`).
  /// - Throws: `ConsensusError.rankTooLarge` when the ranks asked for exceed the catalog.
  func ranks(samples: Int, channels: Int, messages: inout [RunMessage]) throws -> [Int] {
    if let ranks {
      try Extraction.validate(ranks: Array(ranks), samples: samples, channels: channels)
      return Array(ranks)
    }
    let d = Self.defaultRanks, limit = min(samples, channels)
    guard limit >= d.lowerBound else { throw ConsensusError.rankTooLarge(rank: d.lowerBound, samples: samples, channels: channels) }
    if limit < d.upperBound {
      messages.append(.info("ranks \(d.lowerBound)..\(limit): the default \(d.lowerBound)..\(d.upperBound) capped at the catalog's \(samples) sample(s) with mutations"))
    }
    return Array(d.lowerBound...min(d.upperBound, limit))
  }
}

extension RestartFilter {
  /// Every restart kept.
  static let keepAll = try! RestartFilter(tolerance: nil)
}

/// One `sigil extract` run: inputs read and checked (`init`), the NMF restarts (`runRestarts`),
/// the analysis (`analyse`), and the output folder (`write`).
public struct ExtractionJob: Sendable {
  public let settings: ExtractionSettings
  public let catalog: MutationCatalog
  public private(set) var plan: RestartPlan
  /// The catalog path recorded in run.json (the blocks' copy at `--merge`).
  public let catalogPath: String
  /// The reference set signatures are matched to, read before any work; nil when none ships.
  public let reference: SignatureSet?
  public let referenceTable: String?
  /// The opportunity files `--opportunity` read (the target's, then the reference's or the bundled
  /// one), checksummed into run.json with the other inputs.
  public let opportunityFiles: [String]
  /// Restarts loaded from `--merge` blocks; nil for a fresh run.
  public let loadedRestarts: [Int: [RestartRecord]]?
  /// What to print before the work starts (excluded samples, capped ranks, no reference).
  public private(set) var messages: [RunMessage] = []

  /// A fresh run on `catalogPath`.
  /// - Throws: read errors, `ConsensusError` (ranks the catalog cannot have), class mismatch.
  public init(settings: ExtractionSettings, catalogPath: String) throws {
    self.settings = settings
    let (cat, excluded) = try Extraction.excludingZeroSamples(try MutationCatalog.read(path: catalogPath))
    if !excluded.isEmpty {
      messages.append(.warning("excluding \(excluded.count) sample(s) with no mutations: \(RunLog.list(excluded))"))
    }
    let ranks = try settings.ranks(samples: cat.sampleCount, channels: cat.counts.rows, messages: &messages)
    if let fixed = settings.fixedRank, !ranks.contains(fixed) {
      throw ConsensusError.rankTooLarge(rank: fixed, samples: cat.sampleCount, channels: cat.counts.rows)
    }
    catalog = cat
    self.catalogPath = catalogPath
    plan = RestartPlan(ranks: ranks, restarts: settings.restarts, seed: settings.seed, configuration: settings.nmf)
    loadedRestarts = nil
    (referenceTable, reference, opportunityFiles) = try Self.reference(settings, cat.mutationClass, &messages)
  }

  /// A merge of restart blocks saved with `--save-restarts`.
  public init(settings: ExtractionSettings, merging directories: [String]) throws {
    self.settings = settings
    let loaded = try RestartBlocks.load(directories: directories)
    catalog = loaded.catalog; plan = loaded.plan; catalogPath = loaded.catalogPath; loadedRestarts = loaded.restarts
    messages.append(.info("merging \(directories.count) restart block(s): \(plan.restarts) restarts x ranks \(plan.ranks.first!)..\(plan.ranks.last!)"))
    (referenceTable, reference, opportunityFiles) = try Self.reference(settings, catalog.mutationClass, &messages)
  }

  private static func reference(_ s: ExtractionSettings, _ cls: MutationClass,
                                _ messages: inout [RunMessage]) throws -> (String?, SignatureSet?, [String]) {
    guard let table = try s.reference.matchingTable(for: cls) else {
      messages.append(.warning("no bundled reference signatures for \(cls.rawValue) catalogs: signatures are not matched (give --signatures FILE to match them)\(s.resolveBleeding ? "; bleeding is not resolved either (it needs the matches)" : "")"))
      return (nil, nil, [])
    }
    let (set, rescaled) = try SignatureSet.readNotingRescaled(path: table, expected: cls)
    if let warning = SignatureSet.rescaledWarning(path: table, rescaled) { messages.append(.warning(warning)) }
    // --opportunity: de novo signatures of a panel are matched to the reference renormalised to it (#18).
    if let moved = try OpportunityRenormalisation(signatures: set, reference: s.reference) {
      messages += moved.messages
      return (table, moved.renormalised, [moved.target.file, moved.reference.file].compactMap { $0 })
    }
    return (table, set, [])
  }

  /// The restarts to compute (`--restarts-range`, else all).
  public var restartRange: Range<Int> { settings.restartRange ?? 0..<settings.restarts }

  /// Runs the NMF restarts (or returns the merged blocks').
  public func runRestarts(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [Int: [RestartRecord]] {
    if let loadedRestarts { return loadedRestarts }
    return try PhaseProfile.shared.measure("restarts") {
      try Extraction.runRestarts(catalog: catalog.counts, plan: plan, range: restartRange, threads: settings.threads, progress: progress)
    }
  }

  /// The ranks to add when the default span ends too close to the chosen rank: up to
  /// `chosen + rankMargin`, capped by min(samples, channels); nil when the span is fixed, already
  /// reaches that far, or is at the cap.
  public func ranksToAdd(after result: ExtractionResult) -> [Int]? {
    guard settings.growsRanks, loadedRestarts == nil, let top = plan.ranks.last else { return nil }
    return ExtractionSettings.ranksToAdd(top: top, chosen: result.decision.rank,
                                         limit: min(catalog.sampleCount, catalog.counts.rows))
  }

  /// Runs every restart of `ranks` and adds them to the plan (the default span growing upward).
  public mutating func extend(with ranks: [Int], progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [Int: [RestartRecord]] {
    let added = RestartPlan(ranks: ranks, restarts: plan.restarts, seed: plan.seed, configuration: plan.configuration)
    let records = try PhaseProfile.shared.measure("restarts") {
      try Extraction.runRestarts(catalog: catalog.counts, plan: added, range: restartRange, threads: settings.threads, progress: progress)
    }
    plan.ranks += ranks
    return records
  }

  /// The note printed when the span grows.
  public func growthMessage(_ result: ExtractionResult, adding ranks: [Int]) -> RunMessage {
    .info("k=\(result.decision.rank) is within \(ExtractionSettings.rankMargin) of the top of ranks \(plan.ranks.first!)..\(plan.ranks.last!): exploring ranks \(ranks.first!)..\(ranks.last!) too")
  }

  /// The line printed after saving a block of restarts into `restartsFolder`.
  public func blockMessage(savedIn restartsFolder: String) -> RunMessage {
    let r = restartRange, k = plan.ranks
    return .info("saved restarts \(r.lowerBound)..\(r.upperBound - 1) of ranks \(k.first ?? 0)..\(k.last ?? 0) to \(restartsFolder)/; combine blocks with sigil extract --merge")
  }

  /// Whether this run only computes a block of restarts (no analysis).
  public var isBlock: Bool { settings.restartRange != nil && loadedRestarts == nil }

  /// Rank statistics, the chosen rank, consensus signatures and reference matches.
  /// - Parameter previous: The analysis of a smaller span (the span grew), whose cross-validation
  ///   scores, consensus solutions and reference matches are reused.
  public func analyse(_ restarts: [Int: [RestartRecord]], previous: ExtractionResult? = nil) throws -> ExtractionResult {
    var analysis = AnalysisPlan(
      filter: settings.restartFilter, consensusFilter: settings.consensusFilter(resampled: plan.configuration.resample),
      crossValidation: settings.crossValidation, selection: settings.selection, fixedRank: settings.fixedRank,
      reference: reference, resolveBleeding: settings.resolveBleeding, negativeBinomialPolish: settings.negativeBinomialPolish)
    analysis.minimumVolume = settings.minimumVolume
    analysis.minimumVolumeWeight = settings.minimumVolumeWeight
    var known: [Int: [Double]] = [:], sizes: [Int: Double] = [:]
    for s in previous?.statistics ?? [] { known[s.rank] = s.crossValidationFoldDeviances; sizes[s.rank] = s.crossValidationSize }
    return try Extraction.analyse(catalog: catalog, restarts: restarts, plan: plan, analysis: analysis, threads: settings.threads,
                                  knownFolds: known, knownSizes: sizes, known: previous)
  }

  /// Writes the folder: saved restarts (blocks), the chosen rank's tables and run.json.
  public func write(restarts: [Int: [RestartRecord]], result: ExtractionResult?, toDirectory directory: String,
                    libraries: [String: String], warnings: [String]) throws {
    if settings.saveRestarts && loadedRestarts == nil {
      try RestartBlocks.save(restarts, catalog: catalog, plan: plan, range: restartRange, directory: directory)
    }
    if let result {
      try PhaseProfile.shared.measure("write tables") { try ExtractionWriter.write(result, catalog: catalog, to: directory, allRanks: settings.allRanks) }
    }
    try PhaseProfile.shared.measure("run.json") {
      try RunManifest(command: "extract", seed: plan.seed, parameters: try manifestParameters(result),
                      inputs: [catalogPath] + (referenceTable.map { [$0] } ?? []) + opportunityFiles, libraries: libraries,
                      warnings: warnings).write(toDirectory: directory)
    }
  }

  /// What to print after the analysis: the criteria's ranks, the choice, bleeding.
  public func messages(for result: ExtractionResult) -> [RunMessage] {
    let k = result.decision.rank
    return [.info("rank by criterion: \(Self.alternatives(result))"),
            .info("selected k=\(k) (\(result.decision.method)): \(result.decision.reason)")]
      + polishMessages(result)
      + (result.minimumVolume == nil ? [] : [.info("minimum-volume refinement: " + Self.volumeDescription(result, mode: settings.minimumVolume, polish: settings.negativeBinomialPolish, objective: plan.configuration.objective))])
      + BleedingMessages.resolutions(result.bleedingResolutions[k] ?? [])
      + BleedingMessages.warnings(result.matches[k] ?? [], resolveBleeding: settings.resolveBleeding)
  }

  /// The polish line of the log: printed when the selected rank was polished or `--nb-polish` asked
  /// for it (the default on Poisson-like or mildly overdispersed counts stays quiet; run.json says why).
  func polishMessages(_ result: ExtractionResult) -> [RunMessage] {
    let polished = result.statistics.first { $0.rank == result.decision.rank }?.polishSize != nil
    guard polished || settings.negativeBinomialPolish == .on else { return [] }
    return [.info("negative-binomial polish: " + Self.polishDescription(result, mode: settings.negativeBinomialPolish, objective: plan.configuration.objective))]
  }

  /// run.json's `nb-polish` and the log line: whether the selected rank's consensus solution was
  /// polished and at what size (Decision 0020). `--nb-polish` keeps the wording it had before the
  /// gate (`yes (...)`); the default reads `auto: yes|no (...)` with the cohort's size the gate
  /// read (the largest r̂ over the ranks explored); `--no-nb-polish` is `no`. Sizes are printed to
  /// three decimals: they are estimates, and the full double only looked precise.
  static func polishDescription(_ result: ExtractionResult?, mode: NegativeBinomialPolish.Mode, objective: NMFObjective) -> String {
    if mode == .off { return "no" }
    let prefix = mode == .auto ? "auto: " : ""
    if objective != .kullbackLeibler { return prefix + "no (objective \(objective.rawValue))" }
    // A restart block (`--restarts-range`) has no analysis yet: record the mode the merge will apply.
    guard let result, let s = result.statistics.first(where: { $0.rank == result.decision.rank }) else { return mode == .on ? "yes" : "auto" }
    let bound = NumberFormatting.format(NegativeBinomialPolish.autoSizeBound)
    if mode == .on {
      return s.polishSize.map { "yes (negative-binomial size \(RankSelection.fmt($0)) at k=\(s.rank))" }
        ?? "yes (not applied at k=\(s.rank): counts not overdispersed)"
    }
    guard let cohort = NegativeBinomialPolish.cohortSize(result.statistics.map(\.consensusSize)) else { return "auto: no (negative-binomial size undefined)" }
    guard cohort.isFinite else { return "auto: no (counts not overdispersed: negative-binomial size infinite at a rank explored)" }
    let gate = "cohort negative-binomial size \(RankSelection.fmt(cohort))"
    guard let r = s.polishSize else { return "auto: no (\(gate) > \(bound))" }
    return "auto: yes (\(gate) <= \(bound); k=\(s.rank) polished at size \(RankSelection.fmt(r)))"
  }

  /// run.json's `min-volume` and the log line (Decision 0022): `no` (off), `auto: no (...)` with
  /// the gate's reason, `auto: yes (...)` / `yes (...)` with the rank, divergence and weights.
  /// `auto` follows the polish's gate, so with the polish off (`polish`) it never refines.
  static func volumeDescription(_ result: ExtractionResult?, mode: MinimumVolumeRefinement.Mode, polish: NegativeBinomialPolish.Mode,
                                objective: NMFObjective) -> String {
    if mode == .off { return "no" }
    let prefix = mode == .auto ? "auto: " : ""
    if objective != .kullbackLeibler { return prefix + "no (objective \(objective.rawValue))" }
    guard let result else { return mode == .on ? "yes" : "auto" }
    guard let m = result.minimumVolume else {
      if polish == .off { return prefix + "no (negative-binomial polish off; --min-volume refines without it)" }
      let cohort = NegativeBinomialPolish.cohortSize(result.statistics.map(\.consensusSize))
      if let cohort, !cohort.isFinite { return prefix + "no (counts not overdispersed: negative-binomial size infinite at a rank explored)" }
      return prefix + "no (cohort negative-binomial size " + (cohort.map { RankSelection.fmt($0) } ?? "undefined")
        + " > \(NumberFormatting.format(NegativeBinomialPolish.autoSizeBound)))"
    }
    let divergence = m.size.map { "negative-binomial size \(RankSelection.fmt($0))" } ?? "KL"
    return prefix + "yes (k=\(m.rank), \(divergence), relative weight \(NumberFormatting.format(m.relativeWeight)), "
      + "weight \(RankSelection.fmt(m.weight)), delta \(NumberFormatting.format(MinimumVolumeRefinement.delta)), \(m.iterations) iterations, \(m.converged ? "converged" : "iteration cap reached"))"
  }

  static func alternatives(_ result: ExtractionResult) -> String {
    result.alternatives.map { "\($0.method.rawValue) k=\($0.rank)" }.joined(separator: ", ")
  }

  /// run.json parameters: the restart settings, the analysis settings and the reference.
  func manifestParameters(_ result: ExtractionResult?) throws -> [String: String] {
    var settings = plan.blockSettings(catalogChecksum: "-")
    settings.removeValue(forKey: "catalog-fnv1a")
    let s = self.settings
    let p = ExtractionParameters(
      block: settings, rankSelection: s.selection.rawValue, rank: s.fixedRank.map(String.init) ?? "auto",
      restartFilter: s.restartFilter.tolerance.map(NumberFormatting.format) ?? "none",
      consensusFilter: s.consensusFilter(resampled: plan.configuration.resample).tolerance.map(NumberFormatting.format) ?? "none",
      resolveBleeding: s.resolveBleeding ? "yes" : "no", cvFolds: s.cvFolds, cvFraction: .init(s.cvFraction),
      cvRestarts: s.cvRestarts, reference: referenceTable.map { s.reference.parameters(table: $0) },
      selectedRank: result.map { String($0.decision.rank) }, selectionReason: result?.decision.reason,
      rankByCriterion: result.map(Self.alternatives),
      bleedingResolution: s.resolveBleeding ? result.map { r in
        let steps = r.bleedingResolutions[r.decision.rank] ?? []
        return steps.isEmpty ? "none" : steps.map(BleedingMessages.describe).joined(separator: "; ")
      } : nil,
      nbPolish: Self.polishDescription(result, mode: s.negativeBinomialPolish, objective: plan.configuration.objective),
      minVolume: Self.volumeDescription(result, mode: s.minimumVolume, polish: s.negativeBinomialPolish, objective: plan.configuration.objective))
    return try RunParameters.table(p)
  }
}

/// The run.json parameters of `sigil extract` (keys as written since sigil 0.x).
struct ExtractionParameters: Encodable {
  var block: [String: String]
  var rankSelection: String, rank: String, restartFilter: String, consensusFilter: String, resolveBleeding: String
  var cvFolds: Int, cvFraction: RunParameters.Number, cvRestarts: Int
  var reference: [String: String]?
  var selectedRank: String?, selectionReason: String?, rankByCriterion: String?, bleedingResolution: String?
  var nbPolish: String? = nil
  var minVolume: String? = nil

  enum CodingKeys: String, CodingKey {
    case block, rankSelection = "rank-selection", rank, restartFilter = "restart-filter", consensusFilter = "consensus-filter"
    case resolveBleeding = "resolve-bleeding", cvFolds = "cv-folds", cvFraction = "cv-fraction", cvRestarts = "cv-restarts"
    case reference, selectedRank = "selected-rank", selectionReason = "selection-reason"
    case rankByCriterion = "rank-by-criterion", bleedingResolution = "bleeding-resolution", nbPolish = "nb-polish"
    case minVolume = "min-volume"
  }
}
