import Foundation

/// Messages to stderr with the `[sigil]` prefix; stdout carries data only. Warnings are kept so
/// the run can record them in run.json (and so in report.html).
public enum RunLog {
  nonisolated(unsafe) public static var quiet = false

  /// Every warning printed so far.
  nonisolated(unsafe) public private(set) static var warnings: [String] = []

  /// An informational line, suppressed by `--quiet`.
  public static func info(_ message: String) {
    guard !quiet else { return }
    FileHandle.standardError.write(Data("[sigil] \(message)\n".utf8))
  }

  /// A warning, always printed and recorded.
  public static func warning(_ message: String) {
    warnings.append(message)
    FileHandle.standardError.write(Data("[sigil] warning: \(message)\n".utf8))
  }

  /// Whether stderr is a terminal (progress is shown only then).
  public static var stderrIsTTY: Bool { isatty(2) == 1 }

  /// `a, b, c, ...`: at most `limit` names, for messages.
  public static func list(_ names: [String], limit: Int = 10) -> String {
    names.prefix(limit).joined(separator: ", ") + (names.count > limit ? ", ..." : "")
  }
}

/// A line for the log that a library step returns instead of printing.
public enum RunMessage: Sendable, Equatable {
  case info(String)
  case warning(String)

  /// Prints it through `RunLog`.
  public func log() {
    switch self {
    case let .info(text): RunLog.info(text)
    case let .warning(text): RunLog.warning(text)
    }
  }
}
