import Foundation
#if canImport(FoundationXML)
import FoundationXML   // XMLParser lives here on Linux
#endif
import Testing
import SigilCore
@testable import SigilReport
import SigilTestSupport

/// Helpers for the report tests: fixture folders copied to a temporary place, XML checks and
/// golden files.
enum ReportTestSupport {
  /// A fresh copy of `Fixtures/report/<kind>` (tests never write into the source tree).
  static func fixtureFolder(_ kind: String) throws -> String {
    let destination = Fixtures.temporaryDirectory("sigil-report") + "/" + kind
    try FileManager.default.copyItem(atPath: Fixtures.fixture("report/" + kind), toPath: destination)
    return destination
  }

  /// The hand-made reference table used for comparison plots.
  static var referenceTable: String { Fixtures.fixture("report/reference.tsv") }

  /// Options pointing the comparison plots at the hand-made reference table.
  static var options: ReportOptions { ReportOptions(referenceTable: referenceTable) }

  /// Parses `text` as XML; returns the parser error, or nil when well-formed.
  static func xmlError(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    if parser.parse() { return nil }
    return parser.parserError.map { "\($0)" } ?? "unknown XML error"
  }

  /// Every inline `<svg ...>...</svg>` block of an HTML page.
  static func inlineSVGs(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
      out.append(String(rest[start.lowerBound..<end.upperBound]))
      rest = rest[end.upperBound...]
    }
    return out
  }

  /// Compares `text` with the golden file `Snapshots/<name>` next to this file.
  /// `SIGIL_RECORD_SNAPSHOTS=1` rewrites the file and fails the test, so recording is never silent.
  static func assertSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/" + name).path
    if ProcessInfo.processInfo.environment["SIGIL_RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("recorded snapshot \(name); rerun without SIGIL_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
      return
    }
    guard let golden = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record("missing snapshot \(name); record it with SIGIL_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    if golden != text {
      let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
      let b = text.split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<Swift.min(a.count, b.count)).first { a[$0] != b[$0] } ?? Swift.min(a.count, b.count)
      let expected = line < a.count ? String(a[line]) : "<end>"
      let actual = line < b.count ? String(b[line]) : "<end>"
      Issue.record("\(name) differs at line \(line + 1):\n  golden: \(expected)\n  actual: \(actual)", sourceLocation: sourceLocation)
    }
  }

  /// The report HTML for golden files: the run-specific folder path and version replaced, and
  /// each inline SVG replaced by a placeholder (the figures have golden files of their own).
  static func normalised(_ html: String, folder: String) -> String {
    var out = html.replacingOccurrences(of: folder, with: "FOLDER")
      .replacingOccurrences(of: "sigil \(SigilVersion.current) from", with: "sigil VERSION from")
    for (n, svg) in inlineSVGs(out).enumerated() {
      out = out.replacingOccurrences(of: svg, with: "<svg>figure \(n + 1)</svg>")
    }
    return out
  }
}
