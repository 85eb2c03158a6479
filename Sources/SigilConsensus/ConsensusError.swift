/// Why a consensus statistic, rank selection or extraction could not be computed.
///
/// Each case says what was expected, so the CLI can print it as is (STYLE.md B4).
public enum ConsensusError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A rank is larger than the catalog allows.
  case rankTooLarge(rank: Int, samples: Int, channels: Int)
  /// A rank below 1, or an empty range.
  case invalidRanks(String)
  /// Restart results that do not fit together (shapes, ranks, counts).
  case inconsistentRestarts(String)
  /// A parameter outside its valid range.
  case invalidParameter(String)
  /// No samples left after excluding all-zero samples.
  case noSamples
  /// A saved restart file that cannot be parsed.
  case malformedRestartFile(path: String, line: Int, reason: String)
  /// Restart blocks given to a merge that do not fit together.
  case mergeMismatch(String)

  public var description: String {
    switch self {
    case let .rankTooLarge(rank, samples, channels):
      let limit = min(samples, channels)
      return "rank \(rank) is larger than the catalog allows: it has \(samples) sample(s) with mutations and \(channels) channels, so ranks must be at most \(limit) \(limit >= 2 ? "(use e.g. --ranks 2..\(limit))" : "(only --rank 1 is possible; extraction needs several samples with mutations)")"
    case let .invalidRanks(message): return message
    case let .inconsistentRestarts(message): return "inconsistent restarts: \(message)"
    case let .invalidParameter(message): return message
    case .noSamples:
      return "the catalog has no sample with any mutation; nothing to extract"
    case let .malformedRestartFile(path, line, reason):
      return "\(path):\(line): \(reason)"
    case let .mergeMismatch(message): return "cannot merge restart blocks: \(message)"
    }
  }
}
