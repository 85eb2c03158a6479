import SigilCore

/// The outcome of one NMF restart: signatures W, exposures H and how the iterations ended.
///
/// `W` columns sum to 1 (the scaling ambiguity is removed, W·H unchanged). `objective` is
/// measured against the catalog that was fitted: the Poisson resample when
/// `NMFConfiguration.resample` is set.
///
/// ```swift
/// let r = try factorize(catalog, rank: 5, configuration: NMFConfiguration(), using: &rng)
/// print(r.objective, r.iterations, r.converged)
/// ```
public struct NMFResult: Sendable, Equatable {
  /// Signatures, channels x k; each column sums to 1.
  public let w: Matrix
  /// Exposures, k x samples, rescaled so that W·H is the fitted reconstruction.
  public let h: Matrix
  /// Final objective: KL divergence, or ½‖V − WH‖² for Frobenius, against the fitted V.
  public let objective: Double
  /// Iterations run.
  public let iterations: Int
  /// Whether the stopping rule (relative decrease below tolerance) fired before `maxIterations`.
  public let converged: Bool

  /// Creates a result (used by the solvers and by code that merges saved restarts).
  public init(w: Matrix, h: Matrix, objective: Double, iterations: Int, converged: Bool) {
    self.w = w; self.h = h; self.objective = objective; self.iterations = iterations; self.converged = converged
  }
}
