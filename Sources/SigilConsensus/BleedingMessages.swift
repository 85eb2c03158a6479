import Foundation
import SigilCore

/// The lines `sigil extract` prints about bleeding (Docs/Methods-extract.md §5–6): one warning per
/// consensus signature whose decomposition contains another extracted signature's reference
/// match, and one line per signature `--resolve-bleeding` cleaned or refused to clean.
public enum BleedingMessages {
  /// One warning per signature another extracted signature may be bleeding into
  /// (`ReferenceMatching.sharedComponents`); recorded in run.json.
  public static func warnings(_ matches: [ReferenceMatch], resolveBleeding: Bool) -> [RunMessage] {
    func percent(_ x: Double) -> String { NumberFormatting.format((x * 100).rounded()) + "%" }
    var out: [RunMessage] = []
    for (m, shared) in zip(matches, ReferenceMatching.sharedComponents(matches)) where !shared.isEmpty {
      let mix = m.components.map { "\(percent($0.weight)) \($0.name)" }.joined(separator: " + ")
      let sources = shared.map { "\($0.reference) (\($0.signature))" }.joined(separator: ", ")
      let advice = !resolveBleeding ? "read its decomposition, or re-run without --no-resolve-bleeding"
        : m.isNovel ? "it is called novel, so --resolve-bleeding leaves it as it is; read its decomposition"
        : "the fit does not allow taking it out; read its decomposition"
      out.append(.warning("\(m.name) (best match \(m.bestMatch), cosine \(NumberFormatting.format((m.bestCosine * 1000).rounded() / 1000))) is \(mix): \(sources) may be bleeding into it, as a signature present in most samples does (Docs/Methods-extract.md §5); \(advice)"))
    }
    return out
  }

  /// One line per signature `--resolve-bleeding` cleaned (or tried to) at the chosen rank.
  public static func resolutions(_ steps: [BleedingResolution.Step]) -> [RunMessage] {
    let limit = NumberFormatting.format(BleedingResolution.maximumDevianceIncrease)
    return steps.map { step in
      let removed = removedText(step), cost = costText(step)
      return step.kept
        ? .info("resolved bleeding: took \(removed) out of \(step.signature) (\(cost), below \(limit))")
        : .warning("not resolving \(step.signature): taking out \(removed) costs \(cost), more than \(limit) allows")
    }
  }

  /// `SBS96D: took 33% SBS96A out (deviance +10)` or `SBS96A: refused 26% SBS96C (deviance +630.7)`, for run.json.
  public static func describe(_ step: BleedingResolution.Step) -> String {
    "\(step.signature): \(step.kept ? "took" : "refused") \(removedText(step))\(step.kept ? " out" : "") (\(costText(step)))"
  }

  static func removedText(_ step: BleedingResolution.Step) -> String {
    step.removed.map { "\(NumberFormatting.format(($0.weight * 100).rounded()))% \($0.signature)" }.joined(separator: ", ")
  }

  static func costText(_ step: BleedingResolution.Step) -> String {
    let change = (step.devianceIncrease * 10).rounded() / 10
    return "deviance \(change < 0 ? "" : "+")\(NumberFormatting.format(change))"
  }
}

/// Restart progress on stderr (ranks done, restarts done, ETA), only when stderr is a terminal.
///
/// The ETA weighs each restart by its rank: an iteration costs O(channels · samples · k), so with
/// ranks 10..20 a restart at k = 20 costs about twice one at k = 10, and a count-based ETA taken
/// while the low ranks run would be far too short.
public final class RestartProgress: @unchecked Sendable {
  private let lock = NSLock()
  private let ranks: [Int]
  private let perRank: Int
  private var finishedRanks = 0
  private var finishedWork = 0
  private var lastRank = -1
  private let start = Date()

  /// A reporter for ranks `ranks` (in the order they run), or nil when stderr is not a TTY or
  /// `RunLog.quiet` is on.
  public init?(ranks: [Int], restarts: Int) {
    guard RunLog.stderrIsTTY, !RunLog.quiet else { return nil }
    self.ranks = ranks
    perRank = restarts
  }

  /// The callback `ExtractionJob.runRestarts` takes.
  public var callback: @Sendable (Int, Int) -> Void { { [self] k, done in update(rank: k, done: done) } }

  public func update(rank: Int, done: Int) {
    lock.lock(); defer { lock.unlock() }
    if rank != lastRank {
      if lastRank >= 0 { finishedRanks += 1; finishedWork += lastRank * perRank }
      lastRank = rank
    }
    let completed = finishedRanks * perRank + done
    let total = ranks.count * perRank
    let eta = Self.remaining(elapsed: Date().timeIntervalSince(start), done: finishedWork + rank * done,
                             total: ranks.reduce(0, +) * perRank)
    let ranksDone = finishedRanks + (done == perRank ? 1 : 0)
    let line = "\r[sigil] rank \(rank): \(done)/\(perRank) restarts, \(ranksDone)/\(ranks.count) ranks done, "
      + "\(completed)/\(total) restarts overall, ETA \(Self.duration(eta))   "
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Seconds left if the remaining work goes at the rate so far (0 before any work is done).
  static func remaining(elapsed: Double, done: Int, total: Int) -> Double {
    done > 0 ? elapsed / Double(done) * Double(max(total - done, 0)) : 0
  }

  /// `45s`, `12m05s` or `2h03m`: an ETA of hours is readable at a glance. (Linear in restarts
  /// done, so an underestimate while the cheaper low ranks run.)
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
    if s < 3600 { return "\(s / 60)m\(two(s % 60))s" }
    return "\(s / 3600)h\(two(s % 3600 / 60))m"
  }

  public func finish() {
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
