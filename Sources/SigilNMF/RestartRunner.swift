import Foundation
import SigilCore
import SigilLinearAlgebra

/// Runs many seeded NMF restarts of one rank in parallel, reproducibly.
///
/// Restart i of rank k draws all its randomness (resampling, initialisation) from
/// `SeededGenerator.stream(seed: seed, UInt64(k), UInt64(i))` and nothing else, runs on one worker
/// with single-threaded BLAS, and lands at position `i − restarts.lowerBound` of the result. So the
/// output has the same bits for any `threads`, and restarts 0..<50 on one machine plus 50..<100 on
/// another equal 0..<100 on one.
///
/// ```swift
/// let runs = try RestartRunner.run(catalog, rank: 5, restarts: 0..<100, seed: 1,
///                                  configuration: NMFConfiguration(), threads: 4)
/// ```
public enum RestartRunner {
  /// Runs restarts `restarts` of rank `rank` on `threads` workers and returns them in restart order.
  ///
  /// - Parameters:
  ///   - v: Catalog, channels x samples (checked as by `factorize`).
  ///   - rank: k, in `1...min(channels, samples)`.
  ///   - restarts: Restart numbers, e.g. `0..<100`; lower bound >= 0.
  ///   - seed: Master seed.
  ///   - configuration: Per-restart settings.
  ///   - threads: Workers, >= 1 (more than the restart count is fine).
  ///   - progress: Called once per finished restart with the number finished so far (1, 2, ...),
  ///     serialised under a lock (keep it short); may be called from any worker thread.
  /// - Returns: `result[j]` is restart `restarts.lowerBound + j`.
  /// - Throws: `NMFError.invalidParameter` (threads, restarts), and the `factorize` input errors.
  /// - Complexity: restarts x one `factorize`, divided over min(threads, cores) workers.
  public static func run(_ v: Matrix, rank: Int, restarts: Range<Int>, seed: UInt64,
                         configuration: NMFConfiguration, threads: Int,
                         progress: (@Sendable (Int) -> Void)? = nil) throws -> [NMFResult] {
    guard threads >= 1 else { throw NMFError.invalidParameter("threads must be >= 1 (got \(threads))") }
    guard restarts.lowerBound >= 0 else {
      throw NMFError.invalidParameter("restart numbers must be >= 0 (got \(restarts.lowerBound)..<\(restarts.upperBound))")
    }
    try configuration.validate()
    try NMFValidation.check(v, rank: rank)
    if restarts.isEmpty { return [] }
    // Restarts, not BLAS, use the cores; also makes each gemm's summation order fixed.
    BLASInfo.useSingleThreadedBLAS()
    return ParallelMap.map(count: restarts.count, threads: threads, progress: progress) { slot in
      let restart = restarts.lowerBound + slot
      var rng = SeededGenerator.stream(seed: seed, UInt64(rank), UInt64(restart))
      return NMFEngine.restart(v, mask: nil, rank: rank, configuration: configuration, using: &rng)
    }
  }
}
