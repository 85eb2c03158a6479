import Foundation
import SigilCore
import SigilLinearAlgebra

/// Refines a factorisation V ≈ W·H under a negative-binomial model of known size r (variance
/// μ + μ²/r) instead of the Poisson one of KL: `sigil extract --nb-polish` runs it on each rank's
/// consensus solution when the counts are overdispersed (Docs/Methods-extract.md §2).
///
/// Why: under negative-binomial noise the counts of large expectation (a signature's peaks) vary
/// most, and KL, which weighs every count as Poisson, spends components on that variation (on an
/// NB r = 10 cohort KL prefers a solution that splits SBS1 and loses SBS3 over the truth-started
/// optimum, by 480 nats). The negative-binomial divergence weighs those counts down.
///
/// Minimises the negative-binomial divergence (half the NB deviance, r fixed; → KL as r → ∞)
/// ```
/// D_r(V‖WH) = Σᵢⱼ Vᵢⱼ·log(Vᵢⱼ / μᵢⱼ) − (Vᵢⱼ + r)·log((Vᵢⱼ + r) / (μᵢⱼ + r)),   μ = WH
/// H ← H ∘ (Wᵀ(V ⊘ μ)) ⊘ (Wᵀ((V + r) ⊘ (μ + r)))     W ← W ∘ ((V ⊘ μ) Hᵀ) ⊘ (((V + r) ⊘ (μ + r)) Hᵀ)
/// ```
/// by the majorisation-minimisation updates of Gouvert, Oberlin & Févotte (2020), which never
/// increase D_r. At a fixed point the gradient `Σ r (μ − V) / (μ (μ + r)) ∂μ` vanishes: the
/// negative-binomial score equations, which the NB-weighted masked fits of cross-validation also
/// solve (`CohortDispersion.negativeBinomialWeights`). Entries stay ≥ `NMFNumerics.factorFloor`;
/// W's columns are scaled to sum 1 after each W update (W·H unchanged).
///
/// ```swift
/// let p = NegativeBinomialPolish.polish(v, signatures: w, exposures: h, size: 8.6)
/// ```
/// ## References
/// - Gouvert, Oberlin & Févotte (2020), Negative binomial matrix factorization, IEEE Signal
///   Processing Letters 27:815–819, doi:10.1109/LSP.2020.2991613.
public enum NegativeBinomialPolish {
  /// Which ranks `sigil extract` polishes: `--nb-polish` (on), `--no-nb-polish` (off), neither
  /// (auto, the default; Decision 0020).
  public enum Mode: String, Sendable, CaseIterable {
    /// One decision for the cohort: polish every rank when the cohort's size (`cohortSize`, the
    /// largest r̂ over the ranks explored) is at most `autoSizeBound`, none otherwise. Strong
    /// overdispersion is where the polish recovers what KL loses (SBS1 split on its CpG peaks,
    /// SBS3 given up); weaker overdispersion and Poisson counts are left alone, where it mostly
    /// moves flat signatures (Docs/Methods-extract.md §6). Inside `RankAnalysis.analyse`, which
    /// sees one rank, `.auto` only measures r̂; `Extraction.analyse` decides.
    case auto
    /// Polish every rank whose r̂ is finite (any overdispersion), as `--nb-polish` did before the gate.
    case on
    /// Never polish.
    case off
  }

  /// The size the default gate reads: the largest r̂ over the ranks explored (nil entries ignored;
  /// nil when every one is). Ranks below the cohort's structure leave signal in the residuals and
  /// read as overdispersed (r̂ 1-10 at ranks 2-4 of Poisson cohorts of 5 signatures), while ranks
  /// at and above it measure the noise; the largest is the least confounded estimate, and
  /// Poisson cohorts reach ∞ there.
  public static func cohortSize(_ sizes: [Double?]) -> Double? {
    sizes.compactMap { $0 }.filter { !$0.isNaN }.max()
  }

  /// Whether the default polishes a cohort of size `r` (`cohortSize`): finite, positive and at most `autoSizeBound`.
  public static func autoPolishes(cohortSize r: Double?) -> Bool {
    guard let r, r.isFinite, r > 0 else { return false }
    return r <= autoSizeBound
  }

  /// The gate of `Mode.auto` (Decision 0020, chosen on the held-out sweep of Docs/Methods-extract.md
  /// §6 "Session 8"): cohorts simulated with NB r = 10 reach r̂ 9.0-9.8 and gain (SBS1, SBS3, F1);
  /// r = 20 cohorts reach 18.7-20.9, r = 30 ones 27.7-29.2, r = 50 and 100 ones 48-105 and Poisson
  /// ones ∞, and are left alone.
  public static let autoSizeBound = 15.0

  /// Default stopping rule: relative decrease of D_r over `checkInterval` iterations.
  public static let defaultTolerance = 1e-8
  /// Default iteration cap. The updates converge slowly along the directions that trade mass
  /// between similar signatures: on a 300-sample NB r = 10 cohort of 10 signatures, SBS1 is
  /// recovered after 5,000 iterations but SBS3 only after ~15,000 (Docs/Methods-extract.md §6,
  /// session 7); ~0.3 ms per iteration there.
  public static let defaultMaxIterations = 20_000

  /// D_r(V‖μ) as above, written as the difference of two KL terms,
  /// `Σ KL(Vᵢⱼ‖μᵢⱼ) − KL(Vᵢⱼ + r‖μᵢⱼ + r)` (the −V + μ parts cancel), so that KL keeps its one
  /// home (`Divergence.term`: 0·log 0 = 0, μ floored at `Divergence.expectedCountFloor`, as KL,
  /// Methods-nmf.md §3).
  /// - Precondition: `r > 0` and finite; V and μ have the same length.
  public static func divergence(_ v: [Double], _ mu: [Double], size r: Double) -> Double {
    precondition(v.count == mu.count, "counts and means differ in length")
    precondition(r > 0 && r.isFinite, "negative-binomial size must be positive and finite")
    var d = 0.0
    for i in v.indices { d += Divergence.term(v[i], mu[i]) - Divergence.term(v[i] + r, mu[i] + r) }
    return d
  }

  /// μ = W·H, ratio = V ⊘ μ and shifted = (V + r) ⊘ (μ + r) (all ones for KL, `r` nil), μ floored
  /// at `NMFNumerics.denominatorFloor` in both: the ratios every update of the polish and of
  /// `MinimumVolumeRefinement` reads; the matrices are scratch of the catalog's shape.
  static func formRatios(_ v: Matrix, signatures w: Matrix, exposures h: Matrix, size r: Double?,
                         mu: inout Matrix, ratio: inout Matrix, shifted: inout Matrix) {
    BLAS.multiply(w, h, into: &mu)
    for i in v.values.indices {
      let m = max(mu.values[i], NMFNumerics.denominatorFloor)
      ratio.values[i] = v.values[i] / m
      shifted.values[i] = r.map { (v.values[i] + $0) / (m + $0) } ?? 1
    }
  }

  /// The H update above, `H ← max(H ⊙ Wᵀ(V ⊘ μ) ⊘ Wᵀ((V + r) ⊘ (μ + r)), floor)`, from the ratios
  /// at the current W·H (KL's update when `shifted` is all ones); `numerator` and `denominator`
  /// (k x samples) are scratch. Shared with `MinimumVolumeRefinement`, whose H step is this one.
  static func updateExposures(_ h: inout Matrix, signatures w: Matrix, ratio: Matrix, shifted: Matrix,
                              numerator: inout Matrix, denominator: inout Matrix) {
    BLAS.multiply(w, ratio, into: &numerator, transposeA: true)
    BLAS.multiply(w, shifted, into: &denominator, transposeA: true)
    let floor = NMFNumerics.factorFloor
    for i in h.values.indices {
      h.values[i] = max(h.values[i] * numerator.values[i] / max(denominator.values[i], NMFNumerics.denominatorFloor), floor)
    }
  }

  /// Runs the updates above from (W, H) until D_r decreases by at most `tolerance` (relative)
  /// over `checkInterval` iterations, or `maxIterations`. Deterministic (no randomness; BLAS
  /// products as in the NMF engine).
  /// - Parameters:
  ///   - v: Catalog, channels x samples, non-negative.
  ///   - w: Starting signatures, channels x k, non-negative.
  ///   - h: Starting exposures, k x samples, non-negative.
  ///   - r: Negative-binomial size, > 0 and finite.
  /// - Returns: W (columns summing to 1), H, the final D_r, iterations run, whether the stopping
  ///   rule fired (an `NMFResult`).
  /// - Complexity: O(iterations · channels · samples · k).
  public static func polish(_ v: Matrix, signatures w: Matrix, exposures h: Matrix, size r: Double,
                            tolerance: Double = defaultTolerance, checkInterval: Int = 10,
                            maxIterations: Int = defaultMaxIterations) -> NMFResult {
    precondition(w.rows == v.rows && h.columns == v.columns && w.columns == h.rows, "W·H does not match the catalog")
    precondition(r > 0 && r.isFinite, "negative-binomial size must be positive and finite")
    var w = w, h = h
    let floor = NMFNumerics.factorFloor
    var mu = Matrix(rows: v.rows, columns: v.columns)
    var ratio = Matrix(rows: v.rows, columns: v.columns), shifted = Matrix(rows: v.rows, columns: v.columns)
    var numH = Matrix(rows: h.rows, columns: h.columns), denH = numH
    var numW = Matrix(rows: w.rows, columns: w.columns), denW = numW
    func ratios() { formRatios(v, signatures: w, exposures: h, size: r, mu: &mu, ratio: &ratio, shifted: &shifted) }
    // D_r is checked at the top of an iteration, on the μ = W·H that `ratios()` has just formed
    // for the H update (the W rescaling leaves W·H unchanged), so a check costs no extra product.
    var previous: Double? = nil, objective = 0.0
    var iterations = 0, converged = false
    while true {
      ratios()
      if iterations % checkInterval == 0 || iterations == maxIterations {
        objective = divergence(v.values, mu.values, size: r)
        if iterations % checkInterval == 0 {
          if let previous, previous - objective <= tolerance * abs(previous) { converged = true; break }
          previous = objective
        }
      }
      if iterations >= maxIterations { break }
      updateExposures(&h, signatures: w, ratio: ratio, shifted: shifted, numerator: &numH, denominator: &denH)
      ratios()
      BLAS.multiply(ratio, h, into: &numW, transposeB: true)
      BLAS.multiply(shifted, h, into: &denW, transposeB: true)
      for i in w.values.indices { w.values[i] = max(w.values[i] * numW.values[i] / max(denW.values[i], NMFNumerics.denominatorFloor), floor) }
      NMFNumerics.scaleToUnitColumnSums(&w, &h)
      iterations += 1
    }
    return NMFResult(w: w, h: h, objective: objective, iterations: iterations, converged: converged)
  }
}
