import SigilCore
import SigilNMF

/// Every statistic of one rank: one row of `rank_selection.tsv`.
public struct RankStatistics: Sendable, Equatable {
  /// The rank k.
  public var rank: Int
  /// Restarts run.
  public var restarts: Int
  /// Restarts kept by the restart filter for the signature clustering.
  public var keptRestarts: Int
  /// Restarts (among the kept ones) whose signatures are averaged into the consensus signatures.
  public var consensusRestarts: Int
  /// Restarts whose stopping rule was met before the iteration cap.
  public var convergedRestarts: Int
  /// Smallest final objective among the restarts.
  public var bestObjective: Double
  /// Cophenetic correlation of the consensus matrix (nil when undefined).
  public var cophenetic: Double?
  /// Dispersion of the consensus matrix (Kim & Park 2007).
  public var dispersion: Double?
  /// Mean cosine silhouette over all clustered restart signatures.
  public var meanStability: Double?
  /// Smallest per-cluster mean silhouette.
  public var minimumStability: Double?
  /// Per-signature mean silhouette, in the order of the consensus signatures.
  public var signatureStabilities: [Double]?
  /// KL divergence of the consensus solution.
  public var kullbackLeibler: Double
  /// Relative Frobenius error of the consensus solution.
  public var relativeFrobenius: Double
  /// Mean per-sample reconstruction cosine.
  public var meanCosine: Double?
  /// Minimum per-sample reconstruction cosine.
  public var minimumCosine: Double?
  /// Mean held-out Poisson deviance per entry over the cross-validation folds (nil when not run).
  public var crossValidationDeviance: Double?
  /// Standard error of that mean over folds (nil with fewer than 2 folds).
  public var crossValidationStandardError: Double?
  /// Held-out deviance per entry of each fold, in fold order (nil when not run). Every rank uses
  /// the same folds, so ranks are compared fold by fold (`RankSelection`).
  public var crossValidationFoldDeviances: [Double]? = nil
  /// Negative-binomial size r̂ this rank's masked cross-validation fits were weighted with
  /// (`CohortDispersion.negativeBinomialWeights`); nil when unweighted (Poisson counts) or not run.
  public var crossValidationSize: Double? = nil
  /// Pearson overdispersion φ̂ of the catalog around this rank's solution (`CohortDispersion`;
  /// ≈ 1 for Poisson counts), nil when undefined.
  public var overdispersion: Double? = nil
  /// Negative-binomial size r̂ the consensus solution was polished with (`--nb-polish`,
  /// `NegativeBinomialPolish`); nil when not polished (off, gated out, or Poisson counts).
  public var polishSize: Double? = nil
  /// Negative-binomial size r̂ of the catalog around the consensus solution before any polish,
  /// which `NegativeBinomialPolish.Mode` gates on; nil when the polish is off (not computed).
  public var consensusSize: Double? = nil
  /// Whether the rank selection chose this rank.
  public var selected: Bool = false

  /// Copies the reconstruction statistics of the solution these statistics describe.
  mutating func record(_ r: Reconstruction) {
    kullbackLeibler = r.kullbackLeibler; relativeFrobenius = r.relativeFrobenius
    meanCosine = r.meanCosine; minimumCosine = r.minimumCosine
  }
}

/// The consensus solution of one rank: signatures, exposures and the statistics.
public struct RankSolution: Sendable {
  /// Statistics of the rank (the `selected` flag is set by rank selection).
  public var statistics: RankStatistics
  /// Consensus signatures, channels x k: normalised cluster centroids, ordered by decreasing total
  /// exposure in the cohort.
  public let signatures: Matrix
  /// Exposures, k x samples, fitted to the catalog with the signatures fixed.
  public let exposures: Matrix
  /// Per-sample cosine of the catalog with W · H.
  public let sampleCosines: [Double]
  /// Consensus matrix over `consensusSamples` (every sample up to `ConsensusMatrix.sampleLimit`).
  public let consensus: Matrix
  /// The catalog columns the consensus matrix covers, in its order; empty means every sample.
  public var consensusSamples: [Int] = []
  /// The consensus before any polish, which the solution was finished from (`RankAnalysis`); lets
  /// `Extraction.gatePolish` polish an analysed rank, or take its polish back, without clustering
  /// its restarts again. Nil for solutions made elsewhere (refined, bleeding-resolved).
  var start: ConsensusStart? = nil
}

/// A rank's consensus before the polish and the exposure ordering: what `RankAnalysis` finishes a
/// solution from.
struct ConsensusStart: Sendable {
  /// Cluster centroids normalised to sum 1, channels x k, in cluster order.
  let signatures: Matrix
  /// Their exposures (`ConsensusExposures`), k x samples.
  let exposures: Matrix
  /// Per-cluster mean silhouettes, in cluster order.
  let stabilities: [Double]?
}

/// Computes the consensus solution and statistics of one rank from its restarts.
public enum RankAnalysis {
  /// Analyses the restarts of one rank.
  ///
  /// 1. Consensus matrix from every restart's H; its cophenetic correlation and dispersion.
  /// 2. Restarts kept by `filter`; their W clustered (`SignatureClustering`), seeded by the kept
  ///    restart with the smallest objective (the first on ties).
  /// 3. Signatures = centroids of the members from restarts kept by `consensusFilter` as well
  ///    (the clustering's assignment is kept; the silhouettes use every clustered restart),
  ///    normalised to sum 1; exposures = `ConsensusExposures` of the catalog on
  ///    them for the same objective (SigilFit's `.kl` or `.nnls`); signatures ordered by decreasing total exposure (ties keep cluster
  ///    order); reconstruction statistics of W · H.
  /// - Parameters:
  ///   - catalog: V, channels x samples, the matrix the restarts factorised.
  ///   - restarts: Every restart of the rank, in restart order (the result depends on this order
  ///     only through ties, never on threads).
  ///   - filter: Which restarts enter the clustering.
  ///   - consensusFilter: Which clustered restarts are averaged into the consensus signatures.
  ///     Restarts far from the best objective sit in other local optima whose signatures split a
  ///     cluster differently; averaging them in blurs the centroid (Docs/Methods-extract.md §2).
  ///   - objective: The objective of the exposure fit.
  ///   - negativeBinomialPolish: Before step 3's exposures, refine the centroids and their
  ///     exposures under the negative-binomial divergence of size r̂, the catalog's size around
  ///     them (`CohortDispersion.negativeBinomialSize`; `NegativeBinomialPolish`), with `.on` when
  ///     r̂ is finite and the objective is KL (`.auto` only records r̂ for the cohort's gate in
  ///     `Extraction.analyse`); the exposures are then fitted to the polished signatures
  ///     as before (Docs/Methods-extract.md §2, `--nb-polish`, Decision 0020).
  /// - Throws: `ConsensusError.inconsistentRestarts` for an empty list or mixed shapes.
  public static func analyse(catalog v: Matrix, restarts: [RestartRecord], filter: RestartFilter,
                             consensusFilter: RestartFilter = .consensusDefault,
                             objective: NMFObjective, negativeBinomialPolish: NegativeBinomialPolish.Mode = .off) throws -> RankSolution {
    guard let first = restarts.first else { throw ConsensusError.inconsistentRestarts("no restarts for this rank") }
    let k = first.rank
    for r in restarts where r.rank != k || r.w.rows != v.rows || r.h.columns != v.columns {
      throw ConsensusError.inconsistentRestarts("restart \(r.index) of rank \(r.rank) has W \(r.w.rows)x\(r.w.columns), H \(r.h.rows)x\(r.h.columns); the catalog is \(v.rows)x\(v.columns) at rank \(k)")
    }
    let consensusSamples = ConsensusMatrix.sampleIndices(count: v.columns)
    let consensus = PhaseProfile.shared.measureOnWorker("rank: consensus matrix") { ConsensusMatrix.consensus(restarts.map(\.h), samples: consensusSamples) }
    let kept = filter.kept(restarts)
    var initial = 0
    for (position, index) in kept.enumerated() where restarts[index].objective < restarts[kept[initial]].objective {
      initial = position
    }
    let clustered = kept.map { restarts[$0].w }
    let clustering = PhaseProfile.shared.measureOnWorker("rank: clustering + silhouettes") { SignatureClustering(signatures: clustered, initial: initial) }
    let averaged = Set(consensusFilter.kept(restarts))
    let members = kept.indices.filter { averaged.contains(kept[$0]) }
    let centroids = clustering.centroids(of: clustered, members: members)
    let exposures = PhaseProfile.shared.measureOnWorker("rank: exposures") { ConsensusExposures.fit(catalog: v, signatures: centroids, objective: objective) }
    var statistics = RankStatistics(
      rank: k, restarts: restarts.count, keptRestarts: kept.count,
      consensusRestarts: members.count,
      convergedRestarts: restarts.filter(\.converged).count,
      bestObjective: restarts.map(\.objective).min()!,
      cophenetic: PhaseProfile.shared.measureOnWorker("rank: cophenetic") { ConsensusMatrix.cophenetic(consensus) }, dispersion: ConsensusMatrix.dispersion(consensus),
      meanStability: clustering.meanSilhouette, minimumStability: clustering.minimumSilhouette,
      signatureStabilities: nil, kullbackLeibler: 0, relativeFrobenius: 0)
    statistics.consensusSize = negativeBinomialPolish == .off || objective != .kullbackLeibler ? nil
      : CohortDispersion.negativeBinomialSize(catalog: v, signatures: centroids, exposures: exposures)
    let start = ConsensusStart(signatures: centroids, exposures: exposures, stabilities: clustering.clusterSilhouettes)
    return finish(start, statistics: statistics, polishing: negativeBinomialPolish == .on, consensus: consensus,
                  consensusSamples: consensusSamples, catalog: v, objective: objective)
  }

  /// The same rank's solution finished again from its consensus start with the polish on or off
  /// (`Extraction.gatePolish`): only what the polish changes is recomputed (W, H, their order and
  /// reconstruction statistics); the consensus matrix, clustering and their statistics are kept.
  /// Byte-identical to `analyse` with `.on` (`polishing`) or `.auto`.
  static func refinished(_ solution: RankSolution, polishing: Bool, catalog v: Matrix, objective: NMFObjective) -> RankSolution {
    // Every solution `analyse` returns has its start; the gate only re-finishes those.
    finish(solution.start!, statistics: solution.statistics, polishing: polishing, consensus: solution.consensus,
           consensusSamples: solution.consensusSamples, catalog: v, objective: objective)
  }

  /// Step 3's end: the polish when `polishing` and the rank's r̂ (`statistics.consensusSize`) is
  /// finite, then the exposures, the order by exposure and the reconstruction statistics of W · H.
  /// `statistics` holds those of the restarts and the clustering.
  private static func finish(_ start: ConsensusStart, statistics base: RankStatistics, polishing: Bool, consensus: Matrix,
                             consensusSamples: [Int], catalog v: Matrix, objective: NMFObjective) -> RankSolution {
    var (unordered, hUnordered, polishSize) = (start.signatures, start.exposures, nil as Double?)
    if polishing, let r = base.consensusSize, r.isFinite, r > 0 {
      let polished = PhaseProfile.shared.measureOnWorker("rank: negative-binomial polish") {
        NegativeBinomialPolish.polish(v, signatures: unordered, exposures: hUnordered, size: r)
      }
      unordered = polished.w
      hUnordered = PhaseProfile.shared.measureOnWorker("rank: exposures") { ConsensusExposures.fit(catalog: v, signatures: unordered, objective: objective) }
      polishSize = r
    }
    let (w, h, order) = orderedByExposure(unordered, exposures: hUnordered, catalog: v, objective: objective)
    let reconstruction = PhaseProfile.shared.measureOnWorker("rank: reconstruction") { Reconstruction(catalog: v, signatures: w, exposures: h) }
    var statistics = base
    statistics.signatureStabilities = start.stabilities.map { s in order.map { s[$0] } }
    statistics.record(reconstruction)
    statistics.overdispersion = PhaseProfile.shared.measureOnWorker("rank: overdispersion") { CohortDispersion.pearson(catalog: v, signatures: w, exposures: h) }
    statistics.polishSize = polishSize
    return RankSolution(statistics: statistics, signatures: w, exposures: h, sampleCosines: reconstruction.sampleCosines,
                        consensus: consensus, consensusSamples: consensusSamples, start: start)
  }

  /// Signatures ordered by decreasing total exposure in the cohort (ties keep column order), with
  /// exposures in that order and `order[j]` the input column of output column j. Refit in the
  /// written order when the order changed: the fit's sums run over signatures in column order, so
  /// only then are the exposures exactly those of `sigil fit` on signatures.tsv.
  static func orderedByExposure(_ signatures: Matrix, exposures: Matrix, catalog v: Matrix,
                                objective: NMFObjective) -> (signatures: Matrix, exposures: Matrix, order: [Int]) {
    let k = signatures.columns
    let totals = (0..<k).map { c in exposures.row(c).reduce(0, +) }
    let order = (0..<k).sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
    guard order != Array(0..<k) else { return (signatures, exposures, order) }
    let w = signatures.selectingColumns(order)
    let h = PhaseProfile.shared.measureOnWorker("rank: exposures refit") { ConsensusExposures.fit(catalog: v, signatures: w, objective: objective) }
    return (w, h, order)
  }

  /// Names of the consensus signatures of a rank: `SBS96A`, `SBS96B`, ... (`SBS96AA` after `Z`).
  public static func signatureNames(prefix: String, count: Int) -> [String] {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return (0..<count).map { i in
      var n = i, s = ""
      repeat { s = String(letters[n % 26]) + s; n = n / 26 - 1 } while n >= 0
      return prefix + s
    }
  }
}

extension RankStatistics {
  /// The statistics the rank rule reads, as `rank_selection.tsv` holds them (every other field 0
  /// or nil), so a reader of the table (the report) asks `RankSelection` for each criterion's pick
  /// instead of restating the rule.
  /// `foldDeviances` (`cv_fold_deviances`) and `signatureStabilities` (`signature_stabilities`)
  /// let the rule apply its paired-fold and weak-signature steps; without them it falls back to
  /// the smallest deviance and the strict thresholds.
  public init(rank: Int, cophenetic: Double?, meanStability: Double?, minimumStability: Double?,
              crossValidationDeviance: Double?, foldDeviances: [Double]? = nil, signatureStabilities: [Double]? = nil) {
    self.init(rank: rank, restarts: 0, keptRestarts: 0, consensusRestarts: 0, convergedRestarts: 0, bestObjective: 0,
              cophenetic: cophenetic, dispersion: nil, meanStability: meanStability, minimumStability: minimumStability,
              signatureStabilities: signatureStabilities, kullbackLeibler: 0, relativeFrobenius: 0, meanCosine: nil, minimumCosine: nil,
              crossValidationDeviance: crossValidationDeviance, crossValidationStandardError: nil,
              crossValidationFoldDeviances: foldDeviances)
  }
}
