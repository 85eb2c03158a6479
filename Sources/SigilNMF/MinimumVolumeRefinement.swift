import Foundation
import SigilCore
import SigilLinearAlgebra

/// Refines a factorisation V ≈ W·H under the negative-binomial divergence of the polish (KL when
/// the size is nil) plus a minimum-volume penalty on the signatures: `sigil extract --min-volume`
/// runs it on the selected rank's consensus solution (Decision 0022, Docs/Methods-extract.md §2).
///
/// Why: at NB r = 10 MuSiCal's mvNMF recovers flat signatures (SBS5, SBS40a) that sigil's
/// likelihood optimum blurs, and its solution is *less* likely than sigil's under the NB and KL
/// divergences (by 500-1,500 nats on the seed-13 and seed-17 cohorts, Methods-extract.md §6
/// "Session 9"): no likelihood refinement can reach it, only a prior. This is that prior, applied
/// as a refinement of sigil's solution.
///
/// Minimises, with every column of W summing to 1 (the penalty is not scale-invariant),
/// ```
/// F(W, H) = D_r(V‖WH) + λ·log det(WᵀW + δI)          (Leplat, Gillis & Ang 2020; δ = 1 as MuSiCal)
/// λ = λ̃ · D_r(V‖W₀H₀) / |log det(W₀ᵀW₀ + δI)|        (MuSiCal's scale-free weight, at the start W₀, H₀)
/// ```
/// by majorisation-minimisation, so F never increases:
/// - H: the negative-binomial updates of `NegativeBinomialPolish` (the penalty does not involve H).
/// - W: log det is concave in WᵀW, so it lies below its tangent `tr(Z·WᵀW) + c`, Z = (W̃ᵀW̃ + δI)⁻¹;
///   with Z = Z⁺ − Z⁻ (positive and negative parts) the Z⁺ quadratic is majorised entry by entry
///   (`(W̃Z⁺)ᵢₖ/W̃ᵢₖ · Wᵢₖ²`) and the −Z⁻ one by its tangent; D_r is majorised as in the polish
///   (Jensen on −V·log μ, tangent on (V + r)·log(μ + r)). Each entry then minimises
///   `a·w² + (b + νₖ)·w − c·log w` with a = λ(W̃Z⁺)ᵢₖ/W̃ᵢₖ, b = (((V + r) ⊘ (μ + r))Hᵀ)ᵢₖ − 2λ(W̃Z⁻)ᵢₖ,
///   c = W̃ᵢₖ((V ⊘ μ)Hᵀ)ᵢₖ: w = 2c / (b + νₖ + √((b + νₖ)² + 8ac)), the positive root; νₖ, the
///   multiplier of the column-sum constraint, is found by bisection (Σᵢ w is decreasing in νₖ).
///   This is Leplat et al.'s β = 1 update with KL's all-ones matrix replaced by (V + r) ⊘ (μ + r).
///
/// ```swift
/// let m = MinimumVolumeRefinement.refine(v, signatures: w, exposures: h, size: 8.6, relativeWeight: 0.1)
/// ```
/// ## References
/// - Leplat, Gillis & Ang (2020), Blind audio source separation with minimum-volume beta-divergence
///   NMF, IEEE Transactions on Signal Processing 68:3400–3410, doi:10.1109/TSP.2020.2991801.
/// - Jin et al. (2024), Accurate and sensitive mutational signature analysis with MuSiCal, Nature
///   Genetics 56:541–552, doi:10.1038/s41588-024-01659-0 (mvNMF for signatures; the weight's scale).
public enum MinimumVolumeRefinement {
  /// Whether `sigil extract` refines the selected rank: `--min-volume` (on), `--no-min-volume`
  /// (off), neither (auto; Decision 0022).
  public enum Mode: String, Sendable, CaseIterable {
    /// Refine when the negative-binomial polish's default gate opened (`NegativeBinomialPolish.autoPolishes`).
    case auto
    /// Refine the selected rank whatever the dispersion (at its polish size, else its r̂, else under KL).
    case on
    /// Never refine.
    case off
  }

  /// δ in log det(WᵀW + δI): MuSiCal's default. With columns summing to 1, WᵀW ≤ 1 entrywise, so
  /// δ = 1 keeps the penalty finite and smooth whatever the rank and close to Σₖ‖wₖ‖² − ½Σₖₗ(wₖᵀwₗ)².
  public static let delta = 1.0
  /// λ̃, the default relative weight (chosen on seed 13, Decision 0022).
  public static let defaultRelativeWeight = 0.1
  /// Default stopping rule: relative decrease of F over `checkInterval` iterations.
  public static let defaultTolerance = 1e-8
  /// Default iteration cap, a guard rather than a stopping rule: the MM updates move slowly along
  /// the flat directions and need 10,000-30,000 iterations to meet `defaultTolerance` on 300-600
  /// sample cohorts; stopped at 5,000 (session 9's cap) the refinement left distinct signatures
  /// 0.01-0.03 short of the converged point (Decision 0027, Methods-extract.md §6 "Session 11").
  public static let defaultMaxIterations = 50_000

  /// What `refine` returns.
  public struct Result: Sendable, Equatable {
    /// Signatures, channels x k, columns summing to 1.
    public let w: Matrix
    /// Exposures, k x samples.
    public let h: Matrix
    /// λ, the absolute weight used.
    public let weight: Double
    /// F at the start and at the end.
    public let startObjective: Double, objective: Double
    /// Iterations run.
    public let iterations: Int
    /// Whether the stopping rule fired before the cap.
    public let converged: Bool
  }

  /// log det(WᵀW + δI) and (WᵀW + δI)⁻¹ (column-major k x k), by Cholesky.
  /// - Precondition: δ > 0 (the matrix is then positive definite).
  public static func logVolume(_ w: Matrix, delta: Double = delta) -> (value: Double, inverse: [Double]) {
    precondition(delta > 0, "δ must be positive")
    let k = w.columns
    var g = BLAS.multiply(w, w, transposeA: true).values
    for c in 0..<k { g[c + c * k] += delta }
    guard let l = Cholesky.factor(gram: g, order: k, indices: Array(0..<k)) else {
      preconditionFailure("WᵀW + δI is positive definite for δ > 0")
    }
    let value = (0..<k).reduce(0.0) { $0 + 2 * log(l[$1 * k + $1]) }
    return (value, Cholesky.inverse(factor: l, order: k))
  }

  /// D_r(V‖μ) (`NegativeBinomialPolish.divergence`), or KL (`Divergence`) when `r` is nil.
  static func divergence(_ v: [Double], _ mu: [Double], size r: Double?) -> Double {
    if let r { return NegativeBinomialPolish.divergence(v, mu, size: r) }
    return Divergence.kullbackLeibler(v, mu)
  }

  /// F(W, H) above for a given absolute weight λ.
  public static func objective(_ v: Matrix, signatures w: Matrix, exposures h: Matrix, size r: Double?, weight: Double,
                               delta: Double = delta) -> Double {
    divergence(v.values, BLAS.multiply(w, h).values, size: r) + weight * logVolume(w, delta: delta).value
  }

  /// Runs the updates above from (W, H) until F decreases by at most `tolerance` (relative) over
  /// `checkInterval` iterations, or `maxIterations`. Deterministic (no randomness; BLAS products
  /// as in the NMF engine; a fixed bisection).
  /// - Parameters:
  ///   - v: Catalog, channels x samples, non-negative.
  ///   - w: Starting signatures, channels x k, non-negative (rescaled to unit column sums, H with them).
  ///   - h: Starting exposures, k x samples, non-negative.
  ///   - r: Negative-binomial size (> 0, finite), or nil for KL.
  ///   - relativeWeight: λ̃ ≥ 0; λ = λ̃·D(start)/|log det(start)| (0 when log det is 0).
  /// - Complexity: O(iterations · channels · samples · k).
  public static func refine(_ v: Matrix, signatures w: Matrix, exposures h: Matrix, size r: Double?,
                            relativeWeight: Double = defaultRelativeWeight, delta: Double = delta,
                            tolerance: Double = defaultTolerance, checkInterval: Int = 10,
                            maxIterations: Int = defaultMaxIterations) -> Result {
    precondition(w.rows == v.rows && h.columns == v.columns && w.columns == h.rows, "W·H does not match the catalog")
    precondition(r.map { $0 > 0 && $0.isFinite } ?? true, "negative-binomial size must be positive and finite")
    precondition(relativeWeight >= 0 && checkInterval > 0, "weight and check interval must be non-negative / positive")
    let floor = NMFNumerics.factorFloor
    var w = w, h = h
    for i in w.values.indices { w.values[i] = max(w.values[i], floor) }
    for i in h.values.indices { h.values[i] = max(h.values[i], floor) }
    NMFNumerics.scaleToUnitColumnSums(&w, &h)
    let k = w.columns, m = w.rows
    var mu = Matrix(rows: v.rows, columns: v.columns)
    var ratio = mu, shifted = mu
    var numH = Matrix(rows: h.rows, columns: h.columns), denH = numH
    var numW = Matrix(rows: m, columns: k), denW = numW
    func ratios() { NegativeBinomialPolish.formRatios(v, signatures: w, exposures: h, size: r, mu: &mu, ratio: &ratio, shifted: &shifted) }
    func total() -> Double { divergence(v.values, mu.values, size: r) + weight * logVolume(w, delta: delta).value }
    ratios()
    let startDivergence = divergence(v.values, mu.values, size: r), startVolume = logVolume(w, delta: delta).value
    let weight = startVolume == 0 ? 0 : relativeWeight * startDivergence / abs(startVolume)
    let start = startDivergence + weight * startVolume
    var previous = start, objective = start, iterations = 0, converged = false
    var a = [Double](repeating: 0, count: m), b = a, c = a, column = a
    while iterations < maxIterations {
      // H: the polish's update (ratios are current).
      NegativeBinomialPolish.updateExposures(&h, signatures: w, ratio: ratio, shifted: shifted, numerator: &numH, denominator: &denH)
      ratios()
      // W: the majoriser's minimiser, one column (one multiplier) at a time.
      BLAS.multiply(ratio, h, into: &numW, transposeB: true)
      BLAS.multiply(shifted, h, into: &denW, transposeB: true)
      let z = logVolume(w, delta: delta).inverse
      var next = w
      for col in 0..<k {
        for i in 0..<m {
          var plus = 0.0, minus = 0.0
          for l in 0..<k {
            let zl = z[l + col * k]
            if zl > 0 { plus += w[i, l] * zl } else { minus -= w[i, l] * zl }
          }
          a[i] = weight * plus / w[i, col]
          b[i] = denW[i, col] - 2 * weight * minus
          c[i] = w[i, col] * numW[i, col]
        }
        solveColumn(a: a, b: b, c: c, into: &column)
        for i in 0..<m { next[i, col] = max(column[i], floor) }
      }
      w = next
      iterations += 1
      ratios()
      if iterations % checkInterval == 0 || iterations == maxIterations {
        objective = total()
        if iterations % checkInterval == 0 {
          if previous - objective <= tolerance * abs(previous) { converged = true; break }
          previous = objective
        }
      }
    }
    if iterations == 0 { objective = start }
    return Result(w: w, h: h, weight: weight, startObjective: start, objective: objective, iterations: iterations, converged: converged)
  }

  /// The entries wᵢ(ν) = argmin a·w² + (b + ν)·w − c·log w, with ν such that Σᵢ wᵢ = 1.
  /// Σᵢ wᵢ(ν) is continuous and strictly decreasing (→ 0 as ν → ∞, → ∞ as ν → −∞ when some
  /// cᵢ > 0), so the bracket doubles outwards and bisection closes it to double precision.
  static func solveColumn(a: [Double], b: [Double], c: [Double], into w: inout [Double]) {
    func entries(_ nu: Double) -> Double {
      var s = 0.0
      for i in a.indices {
        let bi = b[i] + nu, d = (bi * bi + 8 * a[i] * c[i]).squareRoot()
        // The cancellation-free form of the positive root on each side of b + ν = 0.
        let x = bi >= 0 ? (bi + d > 0 ? 2 * c[i] / (bi + d) : 0) : (a[i] > 0 ? (d - bi) / (4 * a[i]) : .infinity)
        w[i] = x; s += x
      }
      return s
    }
    let scale = max(b.map(abs).max() ?? 1, 1)
    var lo = -scale, hi = scale
    while !(entries(lo) > 1) && lo > -1e300 { lo *= 2 }
    while entries(hi) > 1 && hi < 1e300 { hi *= 2 }
    for _ in 0..<200 {
      let mid = 0.5 * (lo + hi)
      guard mid > lo && mid < hi else { break }
      if entries(mid) > 1 { lo = mid } else { hi = mid }
    }
    _ = entries(hi)
    let s = w.reduce(0, +)
    if s > 0 && s.isFinite { for i in w.indices { w[i] /= s } }
  }
}
