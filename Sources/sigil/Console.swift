import Foundation

/// Messages to stderr with the `[sigil]` prefix; stdout carries data only.
enum Console {
  nonisolated(unsafe) static var quiet = false

  /// An informational line, suppressed by `--quiet`.
  static func info(_ message: String) {
    guard !quiet else { return }
    FileHandle.standardError.write(Data("[sigil] \(message)\n".utf8))
  }

  /// Every warning printed so far, recorded in run.json (and so in report.html).
  nonisolated(unsafe) static var warnings: [String] = []

  /// A warning, always printed.
  static func warning(_ message: String) {
    warnings.append(message)
    FileHandle.standardError.write(Data("[sigil] warning: \(message)\n".utf8))
  }

  /// Whether stderr is a terminal (progress is shown only then).
  static var stderrIsTTY: Bool { isatty(2) == 1 }
}
