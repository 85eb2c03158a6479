import Dispatch
import Foundation

/// Runs independent numbered tasks on a fixed number of workers and returns the results in task
/// order, so the output cannot depend on scheduling: sigil's one parallel loop (count's input
/// files, NMF restarts, cross-validation folds and ranks, fit's samples).
///
/// Workers claim the next unclaimed task under a lock (so a slow task does not hold up a fixed
/// share of the others) and write its result to the task's own slot; the results are read only
/// after every worker has returned. Reproducibility therefore rests on each task drawing its
/// randomness from its own index (e.g. `SeededGenerator.stream(seed: seed, k, i)`), never on
/// which worker ran it or when.
///
/// ```swift
/// let squares = ParallelMap.map(count: 4, threads: 2) { $0 * $0 }   // [0, 1, 4, 9]
/// ```
public enum ParallelMap {
  /// `[body(0), body(1), ..., body(count - 1)]`, computed on `min(threads, count)` workers.
  ///
  /// Every task runs even when one throws; the error of the lowest-numbered failing task is
  /// rethrown. `progress`, when given, is called once per finished task with the number finished
  /// so far (1, 2, ...), serialised under the lock (keep it short), from any worker thread.
  /// - Parameters:
  ///   - count: Number of tasks, >= 0.
  ///   - threads: Workers, >= 1 (more than `count` is fine).
  /// - Complexity: `count` calls of `body`, divided over the workers; one lock per task.
  public static func map<T: Sendable, E: Error>(count: Int, threads: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                                _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
    precondition(count >= 0 && threads >= 1, "ParallelMap needs count >= 0 and threads >= 1 (got \(count), \(threads))")
    if count == 0 { return [] }
    let board = ResultBoard<T, E>(count: count)
    let workers = min(threads, count)
    @Sendable func work() {
      while let t = board.claim() {
        let result: Result<T, E>
        do throws(E) { result = .success(try body(t)) } catch { result = .failure(error) }
        board.store(result, at: t, progress: progress)
      }
    }
    if workers == 1 { work() } else { DispatchQueue.concurrentPerform(iterations: workers) { _ in work() } }
    return try board.results()
  }
}

/// Result slots plus the next unclaimed task, shared by the workers.
private final class ResultBoard<T: Sendable, E: Error>: @unchecked Sendable {
  // @unchecked: every access to `slots`, `next` and `finished` happens while holding `lock`.
  private let lock = NSLock()
  private var slots: [Result<T, E>?]
  private var next = 0
  private var finished = 0

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func claim() -> Int? {
    lock.lock(); defer { lock.unlock() }
    guard next < slots.count else { return nil }
    next += 1
    return next - 1
  }

  func store(_ result: Result<T, E>, at slot: Int, progress: (@Sendable (Int) -> Void)?) {
    lock.lock(); defer { lock.unlock() }
    slots[slot] = result
    finished += 1
    progress?(finished)
  }

  func results() throws(E) -> [T] {
    lock.lock(); defer { lock.unlock() }
    var out: [T] = []
    out.reserveCapacity(slots.count)
    for slot in slots { out.append(try slot!.get()) }
    return out
  }
}
