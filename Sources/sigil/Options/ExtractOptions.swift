import ArgumentParser
import SigilConsensus
import SigilCore
import SigilNMF

extension RankSelectionMethod: ExpressibleByArgument {}
extension NMFObjective: ExpressibleByArgument {}
extension NMFInitialization: ExpressibleByArgument {}
extension NMFSolver: ExpressibleByArgument {}

/// The options of `sigil extract` that shape the computation, checked together by `settings`.
struct ExtractOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Ranks to explore, a..b (inclusive) or a single rank (default: 2..10, grown until two ranks past the chosen one, capped by the catalog; or --rank alone).")
  var ranks: IntSpan?
  @Option(parsing: .unconditional, help: "Restarts per rank.")
  var restarts = 100
  @Option(parsing: .unconditional, help: "Fix the rank instead of selecting it (must be within --ranks; --ranks defaults to it).")
  var rank: Int?
  @Option(help: "Rank criterion.")
  var rankSelection = RankSelectionMethod.auto
  @Option(help: "NMF objective: kl (Poisson) or frobenius.")
  var objective = NMFObjective.kullbackLeibler
  @Option(help: "NMF initialisation.")
  var initialization = NMFInitialization.random
  @Option(parsing: .unconditional, help: "NMF stopping rule: relative objective decrease per check interval below which a restart stops (>= 0).")
  var tolerance = NMFConfiguration.defaultTolerance
  @Option(parsing: .unconditional, help: "NMF iteration cap per restart (>= 1).")
  var maxIterations = NMFConfiguration.defaultMaxIterations
  @Option(help: "NMF updates: mu-extrapolated (multiplicative updates with safeguarded extrapolation), mu-then-extrapolated (200 plain multiplicative updates first: plain MU's restart optima at about mu-extrapolated's cost), mu (plain multiplicative updates) or ccd (coordinate descent with Newton steps, KL only: lower KL, more CPU; Docs/Methods-nmf.md §2).")
  var solver = NMFSolver.extrapolated
  @Flag(help: "Poisson-resample the catalog for each restart (SigProfilerExtractor's bootstrap).")
  var resample = false
  @Option(parsing: .unconditional, help: "Keep for signature clustering only restarts with objective <= best x (1 + X); default: keep all.")
  var restartFilter: Double?
  @Option(parsing: .unconditional, help: "Average into the consensus signatures only restarts with objective <= best x (1 + X); default: 0.001 (every restart with --resample, whose objectives are on different catalogs).")
  var consensusFilter: Double?
  @Option(parsing: .unconditional, help: "Cross-validation folds (0 turns cross-validation off; the cv rule compares ranks fold by fold).")
  var cvFolds = CrossValidation.defaultFolds
  @Option(parsing: .unconditional, help: "Fraction of catalog entries held out per fold (0 < X <= 1/folds).")
  var cvFraction = CrossValidation.defaultFraction
  @Option(parsing: .unconditional, help: "Masked fits per fold and rank (the best training objective is scored).")
  var cvRestarts = CrossValidation.defaultRestarts
  @Flag(inversion: .prefixedNo, help: "Take other extracted signatures out of a signature the bleeding check flags, when the fit allows it (Docs/Methods-extract.md §5); on by default, --no-resolve-bleeding keeps the consensus signatures as they are.")
  var resolveBleeding = true
  @Flag(inversion: .prefixedNo, help: "Polish each rank's consensus signatures under a negative-binomial model of the cohort's estimated size r (Docs/Methods-extract.md §2). Default: every rank when the cohort is strongly overdispersed (the largest r over the ranks explored <= 15; Decision 0020), none otherwise; --nb-polish polishes every rank that is overdispersed at all, --no-nb-polish none.")
  var nbPolish: Bool?
  @Flag(inversion: .prefixedNo, help: "Refine the selected rank's signatures with a minimum-volume penalty λ·log det(WᵀW + I) (Leplat et al. 2020, as MuSiCal's mvNMF) under the negative-binomial divergence at the estimated size r (KL when the counts are not overdispersed; r is estimated even with --no-nb-polish) (Docs/Methods-extract.md §2). Default: the selected rank when the negative-binomial polish's gate opens (cohort size <= 15; Decision 0022), never otherwise (never with --no-nb-polish); --min-volume refines whatever the dispersion, --no-min-volume never.")
  var minVolume: Bool?
  @Option(parsing: .unconditional, help: "Relative weight of the minimum-volume penalty (λ̃: the penalty's weight is λ̃ times the divergence over |log det| at the start; MuSiCal's lambda_tilde).")
  var minVolumeWeight = MinimumVolumeRefinement.defaultRelativeWeight
  @Flag(help: "Also write signatures, exposures, matches and consensus of every rank (*_k<K>.tsv).")
  var allRanks = false
  @Flag(help: "Write every restart to restarts/ so blocks can be merged with --merge.")
  var saveRestarts = false
  @Option(parsing: .unconditional, help: "Compute only restarts a..b (inclusive) of --restarts and save them (implies --save-restarts).")
  var restartsRange: IntSpan?

  /// The checked settings.
  /// - Throws: `ValidationError` naming the option (exit 64).
  func settings(seed: UInt64, threads: Int, reference: ReferenceChoice) throws -> ExtractionSettings {
    try require(tolerance.isFinite && tolerance >= 0, "--tolerance must be a finite number >= 0 (got \(tolerance))")
    try require(nbPolish != true || objective == .kullbackLeibler, "--nb-polish refines a KL (Poisson) solution; it cannot be used with --objective frobenius")
    try require(minVolume != true || objective == .kullbackLeibler, "--min-volume refines a KL (Poisson) solution; it cannot be used with --objective frobenius")
    try require(minVolumeWeight.isFinite && minVolumeWeight >= 0, "--min-volume-weight must be a finite number >= 0 (got \(minVolumeWeight))")
    try require(maxIterations >= 1, "--max-iterations must be at least 1 (got \(maxIterations))")
    try require((restartsRange?.range.lowerBound ?? 0) >= 0, "--restarts-range must start at 0 or more (got \(restartsRange?.text ?? ""))")
    return try usage {
      let nmf = try NMFConfiguration(objective: objective, initialization: initialization, tolerance: tolerance,
                                     maxIterations: maxIterations, resample: resample, solver: solver)
      var settings = try ExtractionSettings(
        ranks: ranks?.range, restarts: restarts, restartRange: restartsRange?.range, saveRestarts: saveRestarts, seed: seed,
        nmf: nmf, selection: rankSelection, fixedRank: rank, restartFilter: restartFilter, consensusFilter: consensusFilter,
        cvFolds: cvFolds, cvFraction: cvFraction, cvRestarts: cvRestarts, resolveBleeding: resolveBleeding,
        allRanks: allRanks, reference: reference, threads: threads)
      settings.negativeBinomialPolish = nbPolish.map { $0 ? .on : .off } ?? .auto
      settings.minimumVolume = minVolume.map { $0 ? .on : .off } ?? ExtractionSettings.defaultMinimumVolume
      settings.minimumVolumeWeight = minVolumeWeight
      return settings
    }
  }
}
