import Foundation
import Testing
import SigilCore

/// `ParallelMap`: sigil's one parallel loop (count, NMF restarts, cross-validation, fit).
@Suite("ParallelMap") struct ParallelMapTests {
  struct Failure: Error, Equatable { let task: Int }

  @Test("results come back in task order for any number of threads", arguments: [1, 2, 3, 8, 100])
  func order(threads: Int) {
    let out = ParallelMap.map(count: 37, threads: threads) { t in t * t }
    #expect(out == (0..<37).map { $0 * $0 })
    #expect(ParallelMap.map(count: 0, threads: threads) { $0 }.isEmpty)
  }

  @Test("the error of the lowest-numbered failing task is rethrown, whatever the scheduling")
  func lowestError() {
    for threads in [1, 4] {
      #expect(throws: Failure(task: 5)) {
        _ = try ParallelMap.map(count: 20, threads: threads) { (t: Int) throws(Failure) -> Int in
          if t == 5 || t == 13 { throw Failure(task: t) }
          return t
        }
      }
    }
  }

  @Test("progress is called once per task, counting up to the task count")
  func progress() {
    final class Seen: @unchecked Sendable { var values: [Int] = [] }   // appended under ParallelMap's lock
    let seen = Seen()
    _ = ParallelMap.map(count: 12, threads: 3, progress: { seen.values.append($0) }) { $0 }
    #expect(seen.values == Array(1...12))
  }
}
