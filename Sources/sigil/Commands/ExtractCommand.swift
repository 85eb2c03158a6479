import ArgumentParser
import Foundation
import SigilConsensus
import SigilCore
import SigilLinearAlgebra
import SigilNMF
import SigilReport

/// `sigil extract`: de novo signatures by consensus NMF, with transparent rank selection.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract de novo signatures: consensus NMF over ranks, rank selection, COSMIC matching.",
    discussion: """
      Writes signatures.tsv, exposures.tsv, reconstruction.tsv, reference_match.tsv, \
      rank_selection.tsv, consensus_k<K>.tsv and run.json, plus per-rank files with \
      --all-ranks and restarts/ with --save-restarts. All-zero samples are excluded \
      with a warning. The chosen rank is printed with its reason (Docs/Methods.md).

      Examples:
        sigil extract -o out/ catalog.tsv
        sigil extract -o out/ catalog.tsv --ranks 2..8 --rank-selection stability
        sigil extract -o part1/ catalog.tsv --restarts 100 --restarts-range 0..49
        sigil extract -o part2/ catalog.tsv --restarts 100 --restarts-range 50..99
        sigil extract -o out/ --merge part1/ part2/
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var seed: SeedOptions
  @OptionGroup var log: LogOptions
  @OptionGroup var report: ReportFlag

  @Argument(help: "Catalog TSV (channels x samples), e.g. from sigil count; not with --merge.")
  var catalog: String?

  /// The rank span explored when neither --ranks nor --rank is given.
  static let defaultRanks = "2..10"
  @Option(help: "Ranks to explore, a..b (inclusive) or a single rank (default: 2..10, or --rank alone).")
  var ranks: String?
  @Option(help: "Restarts per rank.")
  var restarts = 100
  @Option(help: "Fix the rank instead of selecting it (must be within --ranks; --ranks defaults to it).")
  var rank: Int?
  @Option(help: "Rank criterion: auto, cophenetic, stability or cv.")
  var rankSelection = "auto"
  @Option(help: "NMF objective: kl (Poisson, default) or frobenius.")
  var objective = "kl"
  @Option(help: "NMF initialisation: random, nndsvd or nndsvda.")
  var initialization = "random"
  @Option(help: "NMF stopping rule: relative objective decrease per check interval below which a restart stops.")
  var tolerance = NMFConfiguration.defaultTolerance
  @Option(help: "NMF iteration cap per restart.")
  var maxIterations = NMFConfiguration.defaultMaxIterations
  @Flag(help: "Poisson-resample the catalog for each restart (SigProfilerExtractor's bootstrap).")
  var resample = false
  @Option(help: "Keep for signature clustering only restarts with objective <= best x (1 + X); default: keep all.")
  var restartFilter: Double?
  @Option(help: "Average into the consensus signatures only restarts with objective <= best x (1 + X); default: 0.001 (every restart with --resample, whose objectives are on different catalogs).")
  var consensusFilter: Double?
  @Option(help: "Cross-validation folds (0 turns cross-validation off).")
  var cvFolds = CrossValidation.defaultFolds
  @Option(help: "Fraction of catalog entries held out per fold.")
  var cvFraction = CrossValidation.defaultFraction
  @Option(help: "Masked fits per fold and rank (the best training objective is scored).")
  var cvRestarts = CrossValidation.defaultRestarts
  @OptionGroup var referenceOptions: ReferenceOptions
  @Flag(help: "Take other extracted signatures out of a signature the bleeding check flags, when the fit allows it (Docs/Methods-extract.md §5).")
  var resolveBleeding = false
  @Flag(help: "Also write signatures, exposures, matches and consensus of every rank (*_k<K>.tsv).")
  var allRanks = false
  @Flag(help: "Write every restart to restarts/ so blocks can be merged with --merge.")
  var saveRestarts = false
  @Option(help: "Compute only restarts a..b (inclusive) of --restarts and save them (implies --save-restarts).")
  var restartsRange: String?
  @Option(parsing: .upToNextOption, help: "Combine restart blocks saved with --save-restarts into one result.")
  var merge: [String] = []

  func validate() throws {
    guard RankSelectionMethod(rawValue: rankSelection) != nil else {
      throw ValidationError("--rank-selection must be auto, cophenetic, stability or cv (got '\(rankSelection)')")
    }
    guard NMFObjective(rawValue: objective) != nil else { throw ValidationError("--objective must be kl or frobenius (got '\(objective)')") }
    guard NMFInitialization(rawValue: initialization) != nil else {
      throw ValidationError("--initialization must be random, nndsvd or nndsvda (got '\(initialization)')")
    }
    guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1 (got \(restarts))") }
    guard cvFolds >= 0 else { throw ValidationError("--cv-folds must be >= 0 (got \(cvFolds))") }
    if merge.isEmpty {
      guard catalog != nil else { throw ValidationError("give a catalog file (or --merge DIR...)") }
      let r = try rankRange()
      if let rank, !r.contains(rank) { throw ValidationError("--rank \(rank) is outside --ranks \(ranks ?? Self.defaultRanks)") }
      if let range = try restartRange(), range.upperBound > restarts {
        throw ValidationError("--restarts-range \(restartsRange!) goes past the \(restarts) restarts (0..\(restarts - 1))")
      }
    } else if catalog != nil {
      throw ValidationError("--merge takes the catalog from the restart blocks; do not give a catalog file")
    }
  }

  func run() throws {
    Console.quiet = log.quiet
    BLASInfo.useSingleThreadedBLAS()
    let loaded: RestartBlocks.Loaded
    var inputs: [String]
    if !merge.isEmpty {
      loaded = try RestartBlocks.load(directories: merge)
      inputs = [loaded.catalogPath]
      Console.info("merging \(merge.count) restart block(s): \(loaded.plan.restarts) restarts x ranks \(loaded.plan.ranks.first!)..\(loaded.plan.ranks.last!)")
    } else {
      let (cat, excluded) = try Extraction.excludingZeroSamples(try MutationCatalog.read(path: catalog!))
      if !excluded.isEmpty {
        Console.warning("excluding \(excluded.count) sample(s) with no mutations: \(excluded.prefix(10).joined(separator: ", "))\(excluded.count > 10 ? ", ..." : "")")
      }
      let r = try rankRange()
      let plan = RestartPlan(ranks: Array(r), restarts: restarts, seed: seed.seed, configuration: try nmfConfiguration())
      try Extraction.validate(ranks: plan.ranks, samples: cat.sampleCount, channels: cat.counts.rows)
      let range = try restartRange() ?? 0..<restarts
      let progress = Progress(ranks: plan.ranks.count, restarts: range.count)
      let records = try Extraction.runRestarts(catalog: cat.counts, plan: plan, range: range, threads: threads.threads,
                                               progress: progress.map { p in { @Sendable k, done in p.update(rank: k, done: done) } })
      progress?.finish()
      try AtomicFile.makeDirectory(output.output)
      if saveRestarts || restartsRange != nil {
        try RestartBlocks.save(records, catalog: cat, plan: plan, range: range, directory: output.output)
      }
      inputs = [catalog!]
      if restartsRange != nil {
        try manifest(plan: plan, decision: nil, inputs: inputs, mutationClass: cat.mutationClass).write(toDirectory: output.output)
        Console.info("saved restarts \(range.lowerBound)..\(range.upperBound - 1) of ranks \(r.lowerBound)..\(r.upperBound) to \(output.output)/restarts/; combine blocks with sigil extract --merge")
        return
      }
      loaded = RestartBlocks.Loaded(catalog: cat, plan: plan, restarts: records, catalogPath: catalog!)
    }
    let result = try Extraction.analyse(catalog: loaded.catalog, restarts: loaded.restarts, plan: loaded.plan,
                                        analysis: try analysisPlan(loaded), threads: threads.threads)
    try ExtractionWriter.write(result, catalog: loaded.catalog, to: output.output, allRanks: allRanks)
    let alternatives = result.alternatives.map { "\($0.method.rawValue) k=\($0.rank)" }.joined(separator: ", ")
    Console.info("rank by criterion: \(alternatives)")
    Console.info("selected k=\(result.decision.rank) (\(result.decision.method)): \(result.decision.reason)")
    reportResolutions(result.bleedingResolutions[result.decision.rank] ?? [])
    warnAboutBleeding(result.matches[result.decision.rank] ?? [])
    var runManifest = try manifest(plan: loaded.plan, decision: result.decision, inputs: inputs,
                                       mutationClass: loaded.catalog.mutationClass)
    runManifest.parameters["rank-by-criterion"] = alternatives
    if resolveBleeding {
      let steps = result.bleedingResolutions[result.decision.rank] ?? []
      runManifest.parameters["bleeding-resolution"] = steps.isEmpty ? "none" : steps.map(Self.describe).joined(separator: "; ")
    }
    try runManifest.write(toDirectory: output.output)
    Console.info("wrote \(output.output)/signatures.tsv, exposures.tsv, rank_selection.tsv, reference_match.tsv")
    try report.writeReport(folder: output.output)
  }

  // MARK: - Parsing helpers

  private func rankRange() throws -> ClosedRange<Int> {
    if let rank, ranks == nil { return rank...rank }
    return try Self.parseRange(ranks ?? Self.defaultRanks, option: "--ranks", minimum: 1)
  }

  private func restartRange() throws -> Range<Int>? {
    guard let text = restartsRange else { return nil }
    let r = try Self.parseRange(text, option: "--restarts-range", minimum: 0)
    return r.lowerBound..<(r.upperBound + 1)
  }

  static func parseRange(_ text: String, option: String, minimum: Int) throws -> ClosedRange<Int> {
    let parts = text.components(separatedBy: "..")
    let numbers = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard (parts.count == 1 || parts.count == 2), numbers.allSatisfy({ $0 != nil }) else {
      throw ValidationError("\(option) must be a..b or a single number (got '\(text)')")
    }
    let lo = numbers.first!!, hi = numbers.last!!
    guard lo >= minimum, lo <= hi else {
      throw ValidationError("\(option) \(text) is out of range: need \(minimum) <= a <= b")
    }
    return lo...hi
  }

  private func nmfConfiguration() throws -> NMFConfiguration {
    try NMFConfiguration(objective: NMFObjective(rawValue: objective)!, initialization: NMFInitialization(rawValue: initialization)!,
                         tolerance: tolerance, maxIterations: maxIterations, resample: resample)
  }

  private func analysisPlan(_ loaded: RestartBlocks.Loaded) throws -> AnalysisPlan {
    let cls = loaded.catalog.mutationClass
    let table = try matchingTable(for: cls)
    if table == nil {
      Console.warning("no bundled reference signatures for \(cls.rawValue) catalogs: signatures are not matched (give --signatures FILE to match them)\(resolveBleeding ? "; --resolve-bleeding needs the matches and does nothing" : "")")
    }
    let referenceSet = try table.map { try SignatureSet.read(path: $0, expected: cls) }
    return AnalysisPlan(
      filter: try RestartFilter(tolerance: restartFilter),
      consensusFilter: try consensusRestartFilter(resampled: loaded.plan.configuration.resample),
      crossValidation: cvFolds == 0 ? nil : try CrossValidation(fraction: cvFraction, folds: cvFolds, restarts: cvRestarts),
      selection: RankSelectionMethod(rawValue: rankSelection)!, fixedRank: rank, reference: referenceSet,
      resolveBleeding: resolveBleeding)
  }

  /// One warning per consensus signature whose decomposition contains another extracted
  /// signature's reference match (`ReferenceMatching.sharedComponents`); recorded in run.json.
  private func warnAboutBleeding(_ matches: [ReferenceMatch]) {
    func percent(_ x: Double) -> String { NumberFormatting.format((x * 100).rounded()) + "%" }
    for (m, shared) in zip(matches, ReferenceMatching.sharedComponents(matches)) where !shared.isEmpty {
      let mix = m.components.map { "\(percent($0.weight)) \($0.name)" }.joined(separator: " + ")
      let sources = shared.map { "\($0.reference) (\($0.signature))" }.joined(separator: ", ")
      let advice = !resolveBleeding ? "read its decomposition, or re-run with --resolve-bleeding"
        : m.isNovel ? "it is called novel, so --resolve-bleeding leaves it as it is; read its decomposition"
        : "the fit does not allow taking it out; read its decomposition"
      Console.warning("\(m.name) (best match \(m.bestMatch), cosine \(NumberFormatting.format((m.bestCosine * 1000).rounded() / 1000))) is \(mix): \(sources) may be bleeding into it, as a signature present in most samples does (Docs/Methods-extract.md §6); \(advice)")
    }
  }

  /// `SBS96D: took 33% SBS96A out (deviance +10)` or `SBS96A: refused 26% SBS96C (deviance +630.7)`, for run.json.
  static func describe(_ step: BleedingResolution.Step) -> String {
    "\(step.signature): \(step.kept ? "took" : "refused") \(removedText(step))\(step.kept ? " out" : "") (\(costText(step)))"
  }

  private static func removedText(_ step: BleedingResolution.Step) -> String {
    step.removed.map { "\(NumberFormatting.format(($0.weight * 100).rounded()))% \($0.signature)" }.joined(separator: ", ")
  }

  private static func costText(_ step: BleedingResolution.Step) -> String {
    let change = (step.devianceIncrease * 10).rounded() / 10
    return "deviance \(change < 0 ? "" : "+")\(NumberFormatting.format(change))"
  }

  /// One line per signature `--resolve-bleeding` cleaned (or tried to) at the chosen rank.
  private func reportResolutions(_ steps: [BleedingResolution.Step]) {
    for step in steps {
      let removed = Self.removedText(step), cost = Self.costText(step)
      if step.kept {
        Console.info("resolved bleeding: took \(removed) out of \(step.signature) (\(cost), below \(NumberFormatting.format(BleedingResolution.maximumDevianceIncrease)))")
      } else {
        Console.warning("not resolving \(step.signature): taking out \(removed) costs \(cost), more than \(NumberFormatting.format(BleedingResolution.maximumDevianceIncrease)) allows")
      }
    }
  }

  /// The reference table signatures are matched to, or nil when none was given and none ships for
  /// this class (SBS1536, SBS288): extraction then runs without matching instead of failing.
  private func matchingTable(for cls: MutationClass) throws -> String? {
    do {
      return try referenceOptions.tablePath(for: cls)
    } catch ReferenceDataError.notShipped where referenceOptions.signatures == nil && !ReferenceData.publishes(cls) {
      return nil
    }
  }

  /// `--consensus-filter`, or its default: 0.001, or every restart when the restarts were resampled
  /// (taken from the restart blocks at `--merge`, so a merge matches the whole run).
  private func consensusRestartFilter(resampled: Bool) throws -> RestartFilter {
    if let consensusFilter { return try RestartFilter(tolerance: consensusFilter, option: "--consensus-filter") }
    return resampled ? try RestartFilter(tolerance: nil) : .consensusDefault
  }

  private func manifest(plan: RestartPlan, decision: RankDecision?, inputs: [String],
                        mutationClass: MutationClass) throws -> RunManifest {
    var parameters = plan.blockSettings(catalogChecksum: "-")
    parameters.removeValue(forKey: "catalog-fnv1a")
    parameters["rank-selection"] = rankSelection
    parameters["rank"] = rank.map(String.init) ?? "auto"
    parameters["restart-filter"] = restartFilter.map(NumberFormatting.format) ?? "none"
    parameters["consensus-filter"] = (try consensusRestartFilter(resampled: plan.configuration.resample)).tolerance.map(NumberFormatting.format) ?? "none"
    parameters["resolve-bleeding"] = resolveBleeding ? "yes" : "no"
    parameters["cv-folds"] = String(cvFolds)
    parameters["cv-fraction"] = NumberFormatting.format(cvFraction)
    parameters["cv-restarts"] = String(cvRestarts)
    if let table = try matchingTable(for: mutationClass) {
      parameters.merge(referenceOptions.manifestParameters(table: table)) { $1 }
    }
    if let decision {
      parameters["selected-rank"] = String(decision.rank)
      parameters["selection-reason"] = decision.reason
    }
    return try RunManifest(command: "extract", seed: plan.seed, parameters: parameters, inputs: inputs,
                           libraries: LinkedLibraries.all, warnings: Console.warnings)
  }
}

/// Restart progress on stderr (rank, restarts done, ETA), only when stderr is a terminal.
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private let perRank: Int
  private var finishedRanks = 0
  private var lastRank = -1
  private let start = Date()

  /// A reporter, or nil when stderr is not a TTY or --quiet is on.
  init?(ranks: Int, restarts: Int) {
    guard Console.stderrIsTTY, !Console.quiet else { return nil }
    total = ranks * restarts
    perRank = restarts
  }

  func update(rank: Int, done: Int) {
    lock.lock(); defer { lock.unlock() }
    if rank != lastRank { if lastRank >= 0 { finishedRanks += 1 }; lastRank = rank }
    let completed = finishedRanks * perRank + done
    let elapsed = Date().timeIntervalSince(start)
    let eta = completed > 0 ? elapsed / Double(completed) * Double(total - completed) : 0
    let line = "\r[sigil] rank \(rank): \(done)/\(perRank) restarts, \(completed)/\(total) overall, ETA \(Int(eta.rounded()))s   "
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
