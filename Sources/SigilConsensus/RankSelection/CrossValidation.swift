import Foundation
import SigilCore
import SigilLinearAlgebra
import SigilNMF

/// Masked-entry cross-validation of the rank: how well a rank-k model predicts catalog entries it
/// was not fitted on.
///
/// The catalog's entries are shuffled once (a generator seeded from `seed` only, so every rank
/// sees the same folds) and fold f holds out the f-th block of `fraction · entries` entries, so
/// held-out sets are disjoint. For each rank and fold the model is fitted on the remaining
/// entries by weighted KL multiplicative updates (`factorizeMasked`, mask 0 on held-out entries),
/// keeping the best of `restarts` fits by training objective, and scored by the Poisson deviance
/// of the held-out entries per entry:
/// ```
/// D = (2/|O|) Σ_{(i,j)∈O} [ Vᵢⱼ log(Vᵢⱼ / μᵢⱼ) − Vᵢⱼ + μᵢⱼ ],   μ = W·H,  0·log 0 = 0
/// ```
/// Too small a k underfits (high D); too large a k fits noise in the observed entries and
/// predicts the held-out ones worse, so D has a minimum near the true rank.
/// ## References
/// - Wold (1978), Cross-validatory estimation of the number of components in factor and principal
///   components models, Technometrics 20(4):397-405.
/// - Owen & Perry (2009), Bi-cross-validation of the SVD and the nonnegative matrix factorization,
///   Ann. Appl. Stat. 3(2):564-594.
/// - Kanagal & Sindhwani (2010), Rank selection in low-rank matrix approximations: a study of
///   cross-validation for NMFs, NIPS workshop on low-rank methods.
public struct CrossValidation: Sendable {
  /// Default fraction of entries held out per fold.
  public static let defaultFraction = 0.1
  /// Default number of folds: with `defaultFraction` 0.1 every entry is held out exactly once,
  /// and the 9 degrees of freedom of the fold-by-fold differences give the `cv` rule a usable
  /// paired standard error (3 folds gave 2; Docs/Methods-extract.md §3).
  public static let defaultFolds = 10
  /// Default restarts per fold and rank (the best training objective is scored); one, so ten
  /// folds cost 10 masked fits per rank against the 6 of the former 3 folds x 2 restarts.
  public static let defaultRestarts = 1
  /// Stream tag separating cross-validation randomness from restart randomness.
  static let streamTag: UInt64 = 0xC0055_7A11D
  /// Floor on a predicted count inside the logarithm (`Divergence.expectedCountFloor`).
  public static let predictionFloor = Divergence.expectedCountFloor

  /// Fraction of entries held out per fold, in (0, 1/folds].
  public let fraction: Double
  /// Number of folds (>= 1).
  public let folds: Int
  /// Restarts per fold and rank (>= 1).
  public let restarts: Int

  /// Creates a plan.
  /// - Throws: `ConsensusError.invalidParameter` when the folds do not fit in the catalog.
  public init(fraction: Double = CrossValidation.defaultFraction, folds: Int = CrossValidation.defaultFolds,
              restarts: Int = CrossValidation.defaultRestarts) throws {
    guard folds >= 1 else { throw ConsensusError.invalidParameter("--cv-folds must be at least 1 (got \(folds))") }
    guard fraction > 0, fraction * Double(folds) <= 1 else {
      throw ConsensusError.invalidParameter("--cv-fraction must be in (0, 1/folds] so held-out sets are disjoint (got \(fraction) with \(folds) folds)")
    }
    guard restarts >= 1 else { throw ConsensusError.invalidParameter("--cv-restarts must be at least 1 (got \(restarts))") }
    self.fraction = fraction; self.folds = folds; self.restarts = restarts
  }

  /// Returns the held-out mask of each fold (1 = held out), entries in column-major order.
  public func heldOut(entries: Int, seed: UInt64) -> [[Bool]] {
    var rng = SeededGenerator.stream(seed: seed, Self.streamTag)
    var order = Array(0..<entries)
    // Fisher–Yates with our own draws (Array.shuffle's algorithm is not specified across versions).
    if entries > 1 {
      for i in stride(from: entries - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
    }
    let size = max(1, Int((fraction * Double(entries)).rounded()))
    return (0..<folds).map { f in
      var mask = [Bool](repeating: false, count: entries)
      for p in (f * size)..<min((f + 1) * size, entries) { mask[order[p]] = true }
      return mask
    }
  }

  /// Returns the mean held-out deviance per entry and its standard error over folds, per rank.
  /// - Parameters:
  ///   - catalog: V, channels x samples.
  ///   - ranks: Ranks to score.
  ///   - seed: Master seed; fold masks use `(seed, tag)`, fits `(seed, tag, k, fold, restart)`.
  ///   - configuration: NMF settings for the masked fits.
  ///   - threads: Workers; results do not depend on it.
  /// - Throws: `NMFError` from the masked fits.
  /// - Complexity: ranks · folds · restarts masked NMF fits.
  public func score(catalog v: Matrix, ranks: [Int], seed: UInt64, configuration: NMFConfiguration,
                    threads: Int) throws -> [Int: (deviance: Double, standardError: Double?)] {
    let perFold = try foldDeviances(catalog: v, ranks: ranks, seed: seed, configuration: configuration, threads: threads)
    return perFold.mapValues { Self.summary($0) }
  }

  /// Mean and standard error over folds of per-fold deviances (nil standard error below 2 folds).
  public static func summary(_ d: [Double]) -> (deviance: Double, standardError: Double?) {
    let mean = d.reduce(0, +) / Double(d.count)
    guard d.count >= 2 else { return (mean, nil) }
    let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count - 1)
    return (mean, (variance / Double(d.count)).squareRoot())
  }

  /// The held-out deviance per entry of every fold, per rank (fold order). Every rank is scored
  /// on the same folds, so differences between ranks can be taken fold by fold (paired), which
  /// removes the fold-to-fold spread the ranks share (`RankSelection`).
  /// - Parameter fitWeights: Per rank, weights of the catalog entries in the masked fits (times
  ///   the 0/1 mask; `CohortDispersion.negativeBinomialWeights` for overdispersed counts); ranks
  ///   without an entry are fitted unweighted. The held-out entries are always scored by the
  ///   plain Poisson deviance, so ranks stay comparable.
  /// - Throws: `NMFError` from the masked fits.
  public func foldDeviances(catalog v: Matrix, ranks: [Int], seed: UInt64, configuration: NMFConfiguration,
                            threads: Int, fitWeights: [Int: Matrix] = [:]) throws -> [Int: [Double]] {
    let masks = heldOut(entries: v.values.count, seed: seed)
    let folds = self.folds, restarts = self.restarts
    // Largest rank first (a masked fit's cost grows with k): the small ranks fill the workers at
    // the end. Wall time only: every fit depends on (seed, k, fold, restart), never on the order.
    let byCost = ranks.sorted(by: >)
    let tasks = byCost.flatMap { k in (0..<folds).map { (k, $0) } }
    let deviances: [Double] = try ParallelMap.map(count: tasks.count, threads: threads) { t in
      let (k, f) = tasks[t]
      let held = masks[f]
      var weights = Matrix(rows: v.rows, columns: v.columns, values: held.map { $0 ? 0 : 1 })
      if let w = fitWeights[k] { for i in 0..<weights.values.count { weights.values[i] *= w.values[i] } }
      var best: NMFResult? = nil
      for r in 0..<restarts {
        var rng = SeededGenerator.stream(seed: seed, Self.streamTag, UInt64(k), UInt64(f), UInt64(r))
        let fit = try factorizeMasked(v, mask: weights, rank: k, configuration: configuration, using: &rng)
        if best == nil || fit.objective < best!.objective { best = fit }
      }
      let wh = VectorMath.multiply(best!.w, best!.h)
      var total = 0.0, count = 0
      for idx in 0..<held.count where held[idx] {
        total += 2 * Divergence.term(v.values[idx], wh.values[idx])
        count += 1
      }
      return count > 0 ? total / Double(count) : 0
    }
    var out: [Int: [Double]] = [:]
    for (ri, k) in byCost.enumerated() { out[k] = Array(deviances[(ri * folds)..<((ri + 1) * folds)]) }
    return out
  }
}
