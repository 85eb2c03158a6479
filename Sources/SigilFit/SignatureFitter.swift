import Foundation
import SigilCore
import SigilLinearAlgebra

/// The fit of a signature set to one sample: exposures and how well they reconstruct it.
public struct SampleFit: Sendable, Equatable {
  /// Mutations attributed to each signature (same order as the set); 0 = not selected.
  public var exposures: [Double]
  /// Total mutations in the sample.
  public var mutations: Double
  /// Cosine similarity of the sample and its reconstruction `W·x`; nil for an empty sample.
  public var cosine: Double?
  /// Generalised KL divergence `Σ b·log(b/ŷ) − b + ŷ` of the sample from its reconstruction; nil
  /// for an empty sample.
  public var kl: Double?
  /// Euclidean norm of the residual `b − W·x`.
  public var l2: Double
  /// Pearson dispersion φ̂ of the sample (`Dispersion.pearson`; ≈ 1 for Poisson counts): for the
  /// likelihood rule, of its φ = 1 fit (the reported fit unless a noise model was used); for
  /// cosine / NNLS, of the reported fit; nil for an empty sample or one with no degrees of freedom left.
  public var dispersion: Double? = nil
  /// Number of signatures with a positive exposure.
  public var signatureCount: Int { exposures.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}

/// Fits a fixed signature set to samples: NNLS plus sparse forward/backward signature selection.
///
/// ```swift
/// let fitter = SignatureFitter(signatures: cosmic)                    // sparse default
/// let fit = fitter.fit(catalog.counts.column(0))
/// print(zip(cosmic.names, fit.exposures).filter { $0.1 > 0 }, fit.cosine!)
/// ```
/// `AᵀA` of the signatures is computed once, so fitting many samples (and bootstrap replicates)
/// costs one `Aᵀb` (channels × signatures) plus small NNLS solves per sample. The type is
/// immutable and `Sendable`: share one fitter across threads.
public struct SignatureFitter: Sendable {
  /// The signatures fitted (channels × k, columns sum to 1).
  public let signatures: SignatureSet
  /// Selection rule and thresholds.
  public let configuration: FitConfiguration
  let channels: Int
  let k: Int
  /// Signature matrix, column-major channels × k.
  let w: [Double]
  /// `WᵀW`, column-major k × k.
  let gram: [Double]

  /// Candidates evaluated exactly per likelihood step (ranked by the least-squares bound).
  static let likelihoodScreen = 8
  /// Probability floor in the multinomial log-likelihood: a channel the reconstruction gives no
  /// mass but the sample has counts in costs log(1e-9) ≈ −21 per mutation instead of −∞.
  public static let probabilityFloor = 1e-9
  /// Reconstruction floor in the KL statistic (`Divergence.expectedCountFloor`).
  public static let klFloor = Divergence.expectedCountFloor

  /// Creates a fitter for a signature set.
  public init(signatures: SignatureSet, configuration: FitConfiguration = .default) {
    self.signatures = signatures
    self.configuration = configuration
    channels = signatures.matrix.rows
    k = signatures.matrix.columns
    w = signatures.matrix.values
    gram = Self.gram(w, channels: channels, k: k)
  }

  /// Fits one sample and computes its reconstruction statistics.
  ///
  /// Exposures are the NNLS solution on the selected signatures (see `FitMethod`); an all-zero
  /// sample gets all-zero exposures and nil cosine/KL.
  /// - Parameter counts: Mutation counts, length = channels, finite and ≥ 0.
  /// - Returns: Exposures in mutations and cosine / KL / L2 of the reconstruction.
  /// - Complexity: O(channels · k) plus the selection's NNLS solves on small subsets.
  public func fit(_ counts: [Double]) -> SampleFit {
    precondition(counts.count == channels, "sample has \(counts.count) channels, signatures have \(channels)")
    let (x, phi, _) = estimate(counts)
    return statistics(counts, x, phi)
  }

  func statistics(_ counts: [Double], _ x: [Double], _ phi: Double?) -> SampleFit {
    let yhat = reconstruction(x)
    let total = counts.reduce(0, +)
    var l2 = 0.0
    for i in 0..<channels { l2 += (counts[i] - yhat[i]) * (counts[i] - yhat[i]) }
    if total <= 0 { return SampleFit(exposures: x, mutations: total, cosine: nil, kl: nil, l2: l2.squareRoot()) }
    return SampleFit(exposures: x, mutations: total, cosine: cosineSimilarity(counts, yhat),
                     kl: max(0, Divergence.kullbackLeibler(counts, yhat)), l2: l2.squareRoot(), dispersion: phi)
  }

  /// `fit(_:)` plus the noise model the rule used (nil for the φ = 1 rule), for the bootstrap.
  public func fitWithNoise(_ counts: [Double]) -> (SampleFit, NoiseModel?) {
    let point = pointFit(counts)
    return (point.fit, point.noise)
  }

  /// A sample's point fit and what its bootstrap replicates keep from it.
  public struct PointFit: Sendable, Equatable {
    /// The fit, as `fit(_:)` returns it.
    public var fit: SampleFit
    /// The sample's noise model (nil: the φ = 1 rule); replicates are drawn and refitted under it.
    public var noise: NoiseModel?
    /// Signatures (set indices, ascending) the rule selected but the stability filter removed.
    /// Replicates leave them out, so they are never selected there (`selected_fraction` 0) and only
    /// their upper bound is reported, as for any signature the point fit does not report.
    public var unstable: [Int]
  }

  /// `fit(_:)` with the noise model and the signatures the stability filter removed.
  public func pointFit(_ counts: [Double]) -> PointFit {
    precondition(counts.count == channels, "sample has \(counts.count) channels, signatures have \(channels)")
    let e = estimateDetailed(counts)
    return PointFit(fit: statistics(counts, e.exposures, e.dispersion), noise: e.noise, unstable: e.unstable)
  }

  /// Returns the exposures of one sample (length k, mutations), without statistics.
  public func exposures(_ counts: [Double]) -> [Double] { estimate(counts).exposures }

  /// Returns the exposures of one sample under a given noise model (nil: the φ = 1 rule), without
  /// estimating one: bootstrap replicates keep their sample's model.
  public func exposures(_ counts: [Double], noise: NoiseModel?) -> [Double] {
    if configuration.method == .kl { return Self.poissonExposures(counts, w: w, channels: channels, k: k) }
    var p = problem(counts)
    var out = [Double](repeating: 0, count: k)
    if p.bb <= 0 { return out }
    if configuration.method == .likelihood, let noise { p.noise = noise }
    var chosen = select(p)
    if configuration.method == .likelihood { refine(&chosen, p) }
    for (r, j) in chosen.indices.enumerated() { out[j] = chosen.x[r] }
    return out
  }

  /// Exposures, the Pearson dispersion φ̂ (`SampleFit.dispersion`) and the noise model the
  /// likelihood rule used (nil for the φ = 1 rule: overdispersion off, a sample not significantly
  /// overdispersed, cosine or NNLS).
  ///
  /// Likelihood rule with `Overdispersion.estimated`: select with φ = 1, estimate φ̂ and the
  /// negative-binomial size r̂ from that fit, and when X² passes `NoiseModel.significance` select
  /// again on the weighted quasi-likelihood of `NoiseModel`, then keep only the signatures that
  /// rule also selects in enough resamples of the sample (`stabilityFiltered`; Methods-fit.md §2.1).
  /// Deterministic: the resamples are seeded by the counts alone.
  public func estimate(_ counts: [Double]) -> (exposures: [Double], dispersion: Double?, noise: NoiseModel?) {
    let e = estimateDetailed(counts)
    return (e.exposures, e.dispersion, e.noise)
  }

  /// `estimate(_:)` plus the signatures the stability filter removed (`PointFit.unstable`).
  func estimateDetailed(_ counts: [Double]) -> (exposures: [Double], dispersion: Double?, noise: NoiseModel?, unstable: [Int]) {
    if configuration.method == .kl {
      // extract's estimator: every signature, Poisson maximum likelihood, no selection.
      let x = Self.poissonExposures(counts, w: w, channels: channels, k: k)
      return (x, Dispersion.pearson(counts: counts, fitted: reconstruction(x), parameters: x.filter { $0 > 0 }.count), nil, [])
    }
    var out = [Double](repeating: 0, count: k)
    var p = problem(counts)
    if p.bb <= 0 { return (out, nil, nil, []) }
    var chosen = select(p)
    if configuration.method == .likelihood { refine(&chosen, p) }
    let yhat = reconstruction(chosen)
    let phiHat = Dispersion.pearson(counts: counts, fitted: yhat, parameters: chosen.indices.count)
    var noise: NoiseModel? = nil
    var unstable: [Int] = []
    if configuration.method == .likelihood, configuration.overdispersion == .estimated,
       let model = NoiseModel(counts: counts, fitted: yhat, parameters: chosen.indices.count) {
      noise = model
      p.noise = model
      chosen = select(p)
      refine(&chosen, p)
      let selected = chosen.indices
      chosen = stabilityFiltered(chosen, p)
      unstable = selected.filter { !chosen.indices.contains($0) }
    }
    for (r, j) in chosen.indices.enumerated() { out[j] = chosen.x[r] }
    return (out, phiHat, noise, unstable)
  }

  /// `W · x` for exposures `x` of the whole set (zero exposures skipped).
  func reconstruction(_ x: [Double]) -> [Double] {
    var yhat = [Double](repeating: 0, count: channels)
    for j in 0..<k where x[j] > 0 { for i in 0..<channels { yhat[i] += w[i + j * channels] * x[j] } }
    return yhat
  }

  /// `W_S · x_S` of a subset.
  func reconstruction(_ s: Subset) -> [Double] {
    var yhat = [Double](repeating: 0, count: channels)
    for (r, j) in s.indices.enumerated() { for i in 0..<channels { yhat[i] += w[i + j * channels] * s.x[r] } }
    return yhat
  }

  /// EM iterations refining the selected signatures' exposures to their Poisson maximum
  /// likelihood; from the NNLS start 50 reach the measured accuracy of 300 (Methods-fit.md).
  public static let refineIterations = 50

  /// Poisson maximum-likelihood exposures on the selected signatures by EM (multiplicative KL
  /// updates for h with W fixed): x_s ← x_s · Σ_c W_cs b_c / ŷ_c (columns of W sum to 1); under a
  /// noise model, of the weighted quasi-likelihood: x_s ← x_s · Σ_c W_cs w_c b_c / ŷ_c / Σ_c W_cs w_c.
  func refine(_ s: inout Subset, _ p: Problem) {
    let n = s.indices.count
    if n == 0 { return }
    var yhat = [Double](repeating: 0, count: channels)
    var ratio = [Double](repeating: 0, count: channels)
    let idx = s.indices
    var x = s.x
    w.withUnsafeBufferPointer { wp in
      for _ in 0..<Self.refineIterations {
        for i in 0..<channels { yhat[i] = 0 }
        for r in 0..<n {
          let base = idx[r] * channels, xr = x[r]
          for i in 0..<channels { yhat[i] += wp[base + i] * xr }
        }
        // ŷ_c > 0 wherever b_c > 0 for a selected fit; the floor only guards 0/0.
        for i in 0..<channels { ratio[i] = p.counts[i] > 0 ? p.counts[i] / max(yhat[i], .leastNormalMagnitude) : 0 }
        var change = 0.0
        for r in 0..<n {
          let base = idx[r] * channels
          var g = 0.0
          if let wt = p.noise?.weights {
            var d = 0.0
            for i in 0..<channels { g += wp[base + i] * wt[i] * ratio[i]; d += wp[base + i] * wt[i] }
            g /= d
          } else {
            for i in 0..<channels { g += wp[base + i] * ratio[i] }
          }
          x[r] *= g
          change = max(change, abs(g - 1))
        }
        if change < Self.refineTolerance { break }
      }
    }
    s.x = x
  }

  /// EM stops early once every exposure changes by less than this factor in an iteration.
  public static let refineTolerance = 1e-6


  // MARK: - Per-sample problem

  struct Problem {
    let counts: [Double]
    let atb: [Double]
    let bb: Double
    /// Overdispersion model of the likelihood rule (nil: multinomial likelihood, φ = 1).
    var noise: NoiseModel? = nil
    /// Per signature, true when it may not be selected (bootstrap replicates of a sample whose
    /// stability filter removed it); empty: every signature may be.
    var excluded: [Bool] = []
    /// The likelihood rule compares 2Δℓ / scale with its thresholds.
    var scale: Double { noise?.scale ?? 1 }
  }

  /// An accepted selection step: the new subset and its log-likelihood (0 for the cosine rule).
  struct Step {
    var subset: Subset
    var logLikelihood: Double
  }

  /// A solved subset: support `indices` (ascending), its positive coefficients, residual ‖b − Ax‖².
  struct Subset {
    var indices: [Int]
    var x: [Double]
    var rss: Double
  }

  func problem(_ counts: [Double]) -> Problem {
    var atb = [Double](repeating: 0, count: k)
    var bb = 0.0
    for i in 0..<channels { bb += counts[i] * counts[i] }
    w.withUnsafeBufferPointer { wp in
      counts.withUnsafeBufferPointer { cp in
        for j in 0..<k {
          var s = 0.0
          let base = j * channels
          for i in 0..<channels { s += wp[base + i] * cp[i] }
          atb[j] = s
        }
      }
    }
    return Problem(counts: counts, atb: atb, bb: bb)
  }

  /// NNLS restricted to `indices`, with zero coefficients dropped from the support.
  func solve(_ indices: [Int], _ p: Problem) -> Subset {
    let n = indices.count
    if n == 0 { return Subset(indices: [], x: [], rss: p.bb) }
    var g = Matrix(rows: n, columns: n)
    var c = [Double](repeating: 0, count: n)
    for (r, a) in indices.enumerated() {
      c[r] = p.atb[a]
      for (s, b) in indices.enumerated() { g.values[r + s * n] = gram[a + b * k] }
    }
    let x = NNLS.solve(gram: g, atb: c).x
    var keep: [Int] = [], kx: [Double] = []
    var xc = 0.0
    for r in 0..<n where x[r] > 0 { keep.append(indices[r]); kx.append(x[r]); xc += x[r] * c[r] }
    var xgx = 0.0
    for a in 0..<keep.count { for b in 0..<keep.count { xgx += kx[a] * kx[b] * gram[keep[a] + keep[b] * k] } }
    // Rounding can push a perfect fit's residual a hair below zero.
    return Subset(indices: keep, x: kx, rss: max(0, p.bb - 2 * xc + xgx))
  }

  // MARK: - Selection

  func select(_ p: Problem) -> Subset {
    if configuration.method == .nnls { return solve(Array(0..<k), p) }
    // Forward from the empty set, with a backward pass after every addition. Starting instead
    // from the NNLS support (all signatures) measured far worse: backward elimination then drops
    // a true flat signature (SBS5) whose shape a handful of false ones jointly imitate, and can
    // never get back (Docs/Methods-fit.md, "Calibration").
    var current = Subset(indices: [], x: [], rss: p.bb)
    var ll = -Double.infinity
    // Each accepted step changes the criterion by more than a threshold in a fixed direction per
    // kind of step; the guard only protects against pathological rounding.
    let maxSteps = 4 * k + 8
    var steps = 0
    while steps < maxSteps {
      steps += 1
      if let step = removal(current, ll, p) ?? addition(current, ll, p) {
        current = step.subset; ll = step.logLikelihood; continue
      }
      break
    }
    return current
  }

  func cosineOf(_ s: Subset, _ p: Problem) -> Double { max(0, 1 - s.rss / p.bb).squareRoot() }

  /// The best signature to drop, if dropping it passes the remove threshold.
  func removal(_ current: Subset, _ currentLL: Double, _ p: Problem) -> Step? {
    let n = current.indices.count
    if n <= 1 { return nil }
    // Lower bound on the residual increase of dropping s: the unconstrained least-squares
    // increase x_s² / (G_SS⁻¹)_ss (the NNLS refit can only do worse).
    var bounds = [Double](repeating: 0, count: n)
    let inv = Cholesky.factor(gram: gram, order: k, indices: current.indices).map { Cholesky.inverse(factor: $0, order: n) }
    if let inv {
      for r in 0..<n { bounds[r] = -(current.x[r] * current.x[r] / inv[r + r * n]) }
    }
    var order = CandidateOrder(bounds: bounds)   // negated: smallest increase first
    var best: Step? = nil
    var bestScore = Double.infinity
    var evaluated = 0
    while let (negBound, r) = order.next() {
      if configuration.method == .cosine && -negBound >= bestScore { break }
      if configuration.method == .likelihood && evaluated >= Self.likelihoodScreen { break }
      evaluated += 1
      let trial: Subset
      if let inv, let updated = removing(r, from: current, inverse: inv) {
        trial = updated
      } else {
        var idx = current.indices
        idx.remove(at: r)
        trial = solve(idx, p)
      }
      if trial.indices.isEmpty { continue }
      switch configuration.method {
      case .cosine:
        let increase = trial.rss - current.rss
        if increase < bestScore { bestScore = increase; best = Step(subset: trial, logLikelihood: 0) }
      default:
        let tll = candidateLogLikelihood(trial, p)
        let loss = currentLL - tll
        if loss < bestScore { bestScore = loss; best = Step(subset: trial, logLikelihood: tll) }
      }
    }
    guard let best else { return nil }
    let trial = best.subset, tll = best.logLikelihood
    switch configuration.method {
    case .cosine:
      return cosineOf(current, p) - cosineOf(trial, p) < configuration.removeThreshold ? best : nil
    default:
      return 2 * (currentLL - tll) / p.scale < configuration.removeThreshold ? best : nil
    }
  }

  /// The best signature to add, if adding it passes the add threshold.
  func addition(_ current: Subset, _ currentLL: Double, _ p: Problem) -> Step? {
    let n = current.indices.count
    let factor = Cholesky.factor(gram: gram, order: k, indices: current.indices)
    var inSet = [Bool](repeating: false, count: k)
    for j in current.indices { inSet[j] = true }
    let tol = 1e-12 * (p.atb.map(abs).max() ?? 0)
    // Upper bound on the residual decrease of adding j: the unconstrained least-squares decrease
    // w_j² / (G_jj − g_jᵀ G_SS⁻¹ g_j), with w_j = [Aᵀ(b − Ax)]_j (NNLS can only do worse).
    var bounds = [Double](repeating: -.infinity, count: k)
    var gradient = [Double](repeating: 0, count: k)
    var v = [Double](repeating: 0, count: n)
    for j in 0..<k where !inSet[j] && (p.excluded.isEmpty || !p.excluded[j]) {
      var wj = p.atb[j]
      for (r, s) in current.indices.enumerated() { wj -= gram[j + s * k] * current.x[r] }
      gradient[j] = wj
      if wj <= tol { continue }   // KKT already holds for j: adding it cannot change the fit
      if let l = factor {
        let schur = Self.appendedPivot(j, basis: current.indices, factor: l, gram: gram, k: k, v: &v)
        if schur <= NNLS.dependencePivot * gram[j + j * k] { continue }
        bounds[j] = wj * wj / schur
      } else {
        bounds[j] = .infinity
      }
    }
    var order = CandidateOrder(bounds: bounds)
    var best: Step? = nil
    var bestScore = -Double.infinity
    var evaluated = 0
    while let (bound, j) = order.next() {
      if configuration.method == .cosine && bound <= bestScore { break }
      // From the empty set take the best least-squares signature: ranking the first signature by
      // likelihood favoured flat signatures at low burden and measured worse (Methods-fit.md).
      if configuration.method == .likelihood && evaluated >= (n == 0 ? 1 : Self.likelihoodScreen) { break }
      evaluated += 1
      let trial: Subset
      if let l = factor, let updated = adding(j, to: current, factor: l, gradient: gradient[j], p) {
        trial = updated
      } else {
        var idx = current.indices
        idx.insert(j, at: idx.firstIndex { $0 > j } ?? idx.count)
        trial = solve(idx, p)
      }
      switch configuration.method {
      case .cosine:
        let decrease = current.rss - trial.rss
        if decrease > bestScore { bestScore = decrease; best = Step(subset: trial, logLikelihood: 0) }
      default:
        let tll = candidateLogLikelihood(trial, p)
        let gain = tll - currentLL
        if gain > bestScore { bestScore = gain; best = Step(subset: trial, logLikelihood: tll) }
      }
    }
    guard let best else { return nil }
    let trial = best.subset, tll = best.logLikelihood
    switch configuration.method {
    case .cosine:
      return cosineOf(trial, p) - cosineOf(current, p) > configuration.addThreshold ? best : nil
    default:
      return 2 * (tll - currentLL) / p.scale > configuration.addThreshold ? best : nil
    }
  }

  /// The NNLS fit on S ∪ {j} by a rank-one update of the least-squares fit on S, when that update
  /// keeps every coefficient positive (then it is the NNLS solution); nil otherwise.
  ///
  /// With `G_SS = LLᵀ`, `v = L⁻¹g_Sj`, `σ = G_jj − vᵀv`: `x_j = w_j/σ`, `x_S ← x_S − L⁻ᵀv·x_j`, and
  /// the residual drops by `w_j²/σ` (block elimination). O(|S|²) instead of a fresh solve.
  func adding(_ j: Int, to current: Subset, factor l: [Double], gradient wj: Double, _ p: Problem) -> Subset? {
    let n = current.indices.count
    var v = [Double](repeating: 0, count: n)
    var schur = gram[j + j * k]
    for r in 0..<n {
      var s = gram[current.indices[r] + j * k]
      for q in 0..<r { s -= l[r * n + q] * v[q] }
      v[r] = s / l[r * n + r]
      schur -= v[r] * v[r]
    }
    if schur <= NNLS.dependencePivot * gram[j + j * k] { return nil }
    let xj = wj / schur
    if !(xj > 0) { return nil }
    var x = current.x
    for r in stride(from: n - 1, through: 0, by: -1) {
      var t = v[r]
      for q in (r + 1)..<n { t -= l[q * n + r] * v[q] }
      v[r] = t / l[r * n + r]          // v now holds u = L⁻ᵀ(L⁻¹g), reused in place
      x[r] -= v[r] * xj
      if !(x[r] > 0) { return nil }
    }
    var idx = current.indices
    let at = idx.firstIndex { $0 > j } ?? idx.count
    idx.insert(j, at: at)
    x.insert(xj, at: at)
    return Subset(indices: idx, x: x, rss: max(0, current.rss - wj * wj / schur))
  }

  /// Visits candidates by decreasing bound (ties: lower index first), skipping −∞ (not eligible).
  /// A selection scan per step instead of a sort: only a few candidates are ever visited.
  struct CandidateOrder {
    var bounds: [Double]
    mutating func next() -> (Double, Int)? {
      var best = -1
      var value = -Double.infinity
      for i in 0..<bounds.count where bounds[i] > value { best = i; value = bounds[i] }
      if best < 0 { return nil }
      bounds[best] = -.infinity
      return (value, best)
    }
  }

  /// The log-likelihood a candidate subset is judged by: under a noise model, at its weighted
  /// maximum-likelihood exposures (EM from the least-squares fit), since least squares weights
  /// the heavy channels the model trusts least; otherwise at the least-squares fit itself.
  func candidateLogLikelihood(_ s: Subset, _ p: Problem) -> Double {
    guard p.noise != nil else { return logLikelihood(s, p) }
    var ml = s
    refine(&ml, p)
    return logLikelihood(ml, p)
  }

  /// Multinomial log-likelihood `Σ_c b_c · log(ŷ_c / Σŷ)` of the sample under the reconstruction.
  func logLikelihood(_ s: Subset, _ p: Problem) -> Double {
    var total = 0.0
    for x in s.x { total += x }
    if total <= 0 { return -.infinity }
    var yhat = [Double](repeating: 0, count: channels)
    w.withUnsafeBufferPointer { wp in
      yhat.withUnsafeMutableBufferPointer { yp in
        for (r, j) in s.indices.enumerated() {
          let base = j * channels, xr = s.x[r] / total
          for i in 0..<channels { yp[i] += wp[base + i] * xr }
        }
      }
    }
    var ll = 0.0
    if let wt = p.noise?.weights {
      // Weighted Poisson quasi-log-likelihood with means μ = N·ŷ: Σ_c w_c (b_c log μ_c − μ_c).
      var n = 0.0
      for i in 0..<channels { n += p.counts[i] }
      for i in 0..<channels {
        let mu = n * max(yhat[i], Self.probabilityFloor), b = p.counts[i]
        ll += wt[i] * ((b > 0 ? b * log(mu) : 0) - mu)
      }
      return ll
    }
    p.counts.withUnsafeBufferPointer { cp in
      for i in 0..<channels where cp[i] > 0 { ll += cp[i] * log(max(yhat[i], Self.probabilityFloor)) }
    }
    return ll
  }

  /// The NNLS fit on S ∖ {s} (s at `position`) by downdating the least-squares fit on S, when
  /// every remaining coefficient stays positive; nil otherwise.
  ///
  /// `x ← x − (x_s / (G⁻¹)_ss)·G⁻¹e_s`, residual up by `x_s² / (G⁻¹)_ss`.
  func removing(_ position: Int, from current: Subset, inverse inv: [Double]) -> Subset? {
    let n = current.indices.count
    let d = inv[position + position * n]
    if !(d > 0) { return nil }
    let step = current.x[position] / d
    var idx: [Int] = [], x: [Double] = []
    idx.reserveCapacity(n - 1); x.reserveCapacity(n - 1)
    for r in 0..<n where r != position {
      let v = current.x[r] - step * inv[r + position * n]
      if !(v > 0) { return nil }
      idx.append(current.indices[r]); x.append(v)
    }
    return Subset(indices: idx, x: x, rss: current.rss + current.x[position] * step)
  }
}
