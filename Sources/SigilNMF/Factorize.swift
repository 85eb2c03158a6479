import SigilCore

/// Factorises a catalog into signatures and exposures, V ≈ W·H, from one initialisation (one restart).
///
/// With the default configuration this minimises the generalised Kullback–Leibler divergence
/// ```
/// D(V‖WH) = Σᵢⱼ Vᵢⱼ·log(Vᵢⱼ / (WH)ᵢⱼ) − Vᵢⱼ + (WH)ᵢⱼ
/// ```
/// over non-negative W (channels x k) and H (k x samples) by Lee & Seung's multiplicative updates
/// in Brunet's order (H, then W); `.frobenius` minimises ½‖V − WH‖² instead. Every entry of W and H is kept
/// >= `NMFNumerics.factorFloor`. Stops when the relative decrease of D over
/// `configuration.checkInterval` iterations is <= `configuration.tolerance` (after
/// `minIterations`), or after `maxIterations`. Finally W's columns are scaled to sum 1 and H's rows
/// inversely, so W·H is unchanged.
///
/// Randomness, in order: the Poisson resample of V (if `configuration.resample`, cell by cell in
/// column-major order), then the random initialisation (W column-major, then H).
/// - Parameters:
///   - v: Catalog, channels x samples; finite, non-negative, no all-zero column (all-zero rows are fine).
///   - rank: Number of signatures k, in `1...min(channels, samples)`.
///   - configuration: Objective, initialisation, stopping rule, resampling.
///   - rng: Randomness for resampling and initialisation; pass a seeded generator for reproducible output.
/// - Returns: normalised W, H, final objective (against the fitted V), iterations, converged.
/// - Throws: `NMFError.invalidCatalog`, `NMFError.invalidRank`, `NMFError.zeroSample`.
/// - Complexity: O(iterations · channels · samples · k) time, O(channels · samples + (channels + samples) · k) memory.
/// ## References
/// - Lee & Seung (2001), Algorithms for non-negative matrix factorization, NIPS 13, 556–562.
/// - Brunet, Tamayo, Golub & Mesirov (2004), Metagenes and molecular pattern discovery using matrix
///   factorization, PNAS 101(12):4164–4169, doi:10.1073/pnas.0308531101.
public func factorize(_ v: Matrix, rank: Int, configuration: NMFConfiguration,
                      using rng: inout some RandomNumberGenerator) throws -> NMFResult {
  try configuration.validate()
  try NMFValidation.check(v, rank: rank)
  return NMFEngine.restart(v, mask: nil, rank: rank, configuration: configuration, using: &rng)
}

/// Factorises a catalog counting only the cells with weight 1 in `mask` (weighted multiplicative updates).
///
/// Minimises the weighted objective (KL shown; Frobenius likewise with weights on the squares)
/// ```
/// D_M(V‖WH) = Σᵢⱼ Mᵢⱼ·[Vᵢⱼ·log(Vᵢⱼ / (WH)ᵢⱼ) − Vᵢⱼ + (WH)ᵢⱼ]
/// H ← H ∘ (Wᵀ(M∘V ⊘ WH)) ⊘ (Wᵀ M)      W ← W ∘ ((M∘V ⊘ WH) Hᵀ) ⊘ (M Hᵀ)
/// ```
/// so held-out cells (M = 0) do not influence the fit: the basis of masked-entry cross-validation
/// (hold out cells, fit on the rest, score the held-out cells with `W·H`). The stopping rule and
/// normalisation are as in ``factorize(_:rank:configuration:using:)``; the objective reported is D_M.
/// - Parameters:
///   - v: Catalog, channels x samples; finite, non-negative, no all-zero column.
///   - mask: Same shape as `v`, entries 0 or 1 (any finite non-negative weights are accepted).
///   - rank: Number of signatures k, in `1...min(channels, samples)`.
///   - configuration: As for `factorize`.
///   - rng: Randomness for resampling and initialisation (initialisation sees M∘V).
/// - Returns: normalised W, H, final weighted objective, iterations, converged.
/// - Throws: `NMFError.invalidCatalog` (also for a bad mask), `.invalidRank`, `.zeroSample`, `.invalidParameter`.
/// - Complexity: O(iterations · channels · samples · k), twice the gemms of the unmasked update.
public func factorizeMasked(_ v: Matrix, mask: Matrix, rank: Int, configuration: NMFConfiguration,
                            using rng: inout some RandomNumberGenerator) throws -> NMFResult {
  try configuration.validate()
  try NMFValidation.check(v, rank: rank)
  guard mask.rows == v.rows, mask.columns == v.columns else {
    throw NMFError.invalidCatalog("mask is \(mask.rows) x \(mask.columns), expected the catalog's shape \(v.rows) x \(v.columns)")
  }
  if let bad = mask.values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
    throw NMFError.invalidCatalog("mask value \(mask.values[bad]) at channel \(bad % v.rows + 1), sample \(bad / v.rows + 1): expected 0 or 1")
  }
  return NMFEngine.restart(v, mask: mask, rank: rank, configuration: configuration, using: &rng)
}

/// Input checks at the API boundary (STYLE.md B7: reject non-finite or negative counts).
enum NMFValidation {
  static func check(_ v: Matrix, rank: Int) throws {
    guard v.rows > 0, v.columns > 0 else {
      throw NMFError.invalidCatalog("the catalog is empty (\(v.rows) channels x \(v.columns) samples)")
    }
    if let bad = v.values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw NMFError.invalidCatalog(
        "value \(v.values[bad]) at channel \(bad % v.rows + 1), sample \(bad / v.rows + 1): counts must be finite and >= 0")
    }
    guard rank >= 1, rank <= min(v.rows, v.columns) else {
      throw NMFError.invalidRank(rank: rank, channels: v.rows, samples: v.columns)
    }
    for j in 0..<v.columns {
      var total = 0.0
      for i in 0..<v.rows { total += v.values[i + j * v.rows] }
      if total == 0 { throw NMFError.zeroSample(index: j) }
    }
  }
}

/// One restart on validated input (internal; shared by `factorize`, `factorizeMasked` and `RestartRunner`).
enum NMFEngine {
  static func restart(_ v: Matrix, mask: Matrix?, rank: Int, configuration: NMFConfiguration,
                      using rng: inout some RandomNumberGenerator) -> NMFResult {
    var fitted = v
    if configuration.resample {
      // SigProfilerExtractor-style bootstrap: each cell redrawn as Poisson(Vᵢⱼ). A resampled
      // column can be all zero; the floors keep the updates finite and its exposures go to ~0.
      for i in fitted.values.indices { fitted.values[i] = Double(rng.nextPoisson(mean: v.values[i])) }
    }
    var seen = fitted
    if let mask { for i in seen.values.indices { seen.values[i] *= mask.values[i] } }
    let (w0, h0) = NMFInitializer.factors(for: seen, rank: rank, method: configuration.initialization, using: &rng)
    // Coordinate descent is implemented for KL; for Frobenius `.coordinateDescent` runs `.extrapolated`.
    var run = configuration
    if run.solver == .coordinateDescent && run.objective != .kullbackLeibler { run.solver = .extrapolated }
    let state = NMFState(v: fitted, mask: mask, w: w0, h: h0, objective: run.objective,
                         extrapolation: run.solver.extrapolates, coordinateDescent: run.solver == .coordinateDescent)
    let outcome = state.iterate(run)
    let (w, h) = state.normalizedFactors()
    return NMFResult(w: w, h: h, objective: outcome.objective, iterations: outcome.iterations,
                     converged: outcome.converged)
  }
}
