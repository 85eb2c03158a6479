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
    let board = ResultBoard(count: restarts.count)
    let workers = min(threads, restarts.count)
    let work: @Sendable (Int) -> Void = { _ in
      while let slot = board.claim() {
        let restart = restarts.lowerBound + slot
        var rng = SeededGenerator.stream(seed: seed, UInt64(rank), UInt64(restart))
        let result = NMFEngine.restart(v, mask: nil, rank: rank, configuration: configuration, using: &rng)
        board.store(result, at: slot, progress: progress)
      }
    }
    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
    return board.results()
  }
}

/// Slots for results plus the next unclaimed restart, shared by the workers under a lock.
private final class ResultBoard: @unchecked Sendable {
  // @unchecked: every access to `slots`, `next` and `finished` happens while holding `lock`.
  private let lock = NSLock()
  private var slots: [NMFResult?]
  private var next = 0
  private var finished = 0

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func claim() -> Int? {
    lock.lock(); defer { lock.unlock() }
    guard next < slots.count else { return nil }
    next += 1
    return next - 1
  }

  func store(_ result: NMFResult, at slot: Int, progress: (@Sendable (Int) -> Void)?) {
    lock.lock(); defer { lock.unlock() }
    slots[slot] = result
    finished += 1
    progress?(finished)
  }

  func results() -> [NMFResult] {
    lock.lock(); defer { lock.unlock() }
    return slots.map { $0! }
  }
}
