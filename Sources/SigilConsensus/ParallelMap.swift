import Dispatch
import Foundation

/// Runs independent numbered tasks on a fixed number of workers and returns the results in task
/// order, so the output cannot depend on scheduling.
enum ParallelMap {
  /// `[body(0), body(1), ..., body(count - 1)]`, computed on `threads` workers (task t on worker
  /// t mod threads). The first error thrown (lowest task number) is rethrown.
  static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let box = ResultBox<T>(count: count)
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var t = worker
      while t < count {
        let r = Result { try body(t) }
        box.set(t, r)
        t += workers
      }
    }
    return try box.results().map { try $0.get() }
  }
}

/// Results written by workers under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  private var slots: [Result<T, Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
  func results() -> [Result<T, Error>] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
