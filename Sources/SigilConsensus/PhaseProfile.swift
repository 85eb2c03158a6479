import Foundation

/// CPU and wall seconds per phase of `sigil extract`, printed to stderr when the environment
/// variable `SIGIL_PROFILE` is set (used by `Tests/Benchmarks/bench_scale.sh`; issue #17).
///
/// Phases run on the calling thread (`measure`) record the whole process's CPU time, so a phase
/// that runs its own workers (restarts, cross-validation) is counted in full; parts of the
/// per-rank analysis run on several workers at once and record the CPU time of their own thread
/// (`measureOnWorker`), summed over ranks. Timing never changes a result: it is read, never used.
///
/// ```swift
/// let c = PhaseProfile.shared.measureOnWorker("consensus matrix") { ConsensusMatrix.consensus(hs) }
/// PhaseProfile.shared.report()   // no-op unless SIGIL_PROFILE is set
/// ```
public final class PhaseProfile: @unchecked Sendable {
  // @unchecked: `entries` is read and written only while holding `lock`.
  /// The profile of this process, on when `SIGIL_PROFILE` is set.
  public static let shared = PhaseProfile(enabled: ProcessInfo.processInfo.environment["SIGIL_PROFILE"] != nil)

  /// Whether timings are recorded.
  public let enabled: Bool
  private let lock = NSLock()
  private var entries: [(label: String, cpu: Double, wall: Double?, calls: Int)] = []

  init(enabled: Bool) { self.enabled = enabled }

  /// Runs `body` and records its process CPU and wall seconds under `label` (calls add up).
  public func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    guard enabled else { return try body() }
    let (cpu0, wall0) = (Self.seconds(CLOCK_PROCESS_CPUTIME_ID), Self.seconds(CLOCK_MONOTONIC))
    defer { add(label, cpu: Self.seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0, wall: Self.seconds(CLOCK_MONOTONIC) - wall0) }
    return try body()
  }

  /// Runs `body` and records the CPU seconds of the calling thread under `label` (summed over
  /// the workers that run it).
  public func measureOnWorker<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    guard enabled else { return try body() }
    let cpu0 = Self.seconds(CLOCK_THREAD_CPUTIME_ID)
    defer { add(label, cpu: Self.seconds(CLOCK_THREAD_CPUTIME_ID) - cpu0, wall: nil) }
    return try body()
  }

  private func add(_ label: String, cpu: Double, wall: Double?) {
    lock.lock(); defer { lock.unlock() }
    if let i = entries.firstIndex(where: { $0.label == label }) {
      entries[i].cpu += cpu; entries[i].calls += 1
      if let wall { entries[i].wall = (entries[i].wall ?? 0) + wall }
    } else {
      entries.append((label, cpu, wall, 1))
    }
  }

  /// Writes one line per phase, in order of first use, to stderr (nothing when off).
  public func report() {
    guard enabled else { return }
    lock.lock(); defer { lock.unlock() }
    var text = "[sigil profile] phase\tcpu_s\twall_s\tcalls\n"
    for e in entries {
      text += "[sigil profile] \(e.label)\t\(String(format: "%.2f", e.cpu))\t\(e.wall.map { String(format: "%.2f", $0) } ?? "-")\t\(e.calls)\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  private static func seconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}
