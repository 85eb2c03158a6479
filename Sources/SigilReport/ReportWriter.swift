import Foundation
import SigilCore

/// Writes `report.html` and `figures/*.svg` into a sigil output folder.
///
/// This is the one call `extract` and `fit` make at their end (unless `--no-report`), and what
/// `sigil report DIR` runs. Every file is written atomically (temporary name, then rename); the
/// figures go first and `report.html` last, so the page never links a figure not yet written.
/// SVG files left in `figures/` by an earlier report that this one no longer draws are removed,
/// so the folder always matches the page.
///
/// ```swift
/// let written = try ReportWriter.write(folder: "out")
/// for w in written.warnings { Console.warning(w) }
/// print(written.reportPath)        // out/report.html
/// ```
public enum ReportWriter {
  /// What was written.
  public struct Written: Sendable {
    /// Path of `report.html`.
    public let reportPath: String
    /// Paths of the SVG files, in report order.
    public let figurePaths: [String]
    /// The report's warnings (also shown in the page), for the caller to print.
    public let warnings: [String]
    /// The warnings about files that could not be read (truncated or malformed tables).
    public var unreadable: [String] = []
  }

  /// Builds the report of `folder` and writes it there.
  /// - Throws: `ReportError` when the folder is not a sigil output folder; `TableFormatError.cannotWrite`
  ///   when a file cannot be written.
  @discardableResult
  public static func write(folder: String, options: ReportOptions = ReportOptions()) throws -> Written {
    let report = try ReportBuilder.build(folder: folder, options: options)
    let figuresDirectory = (folder as NSString).appendingPathComponent("figures")
    try AtomicFile.makeDirectory(figuresDirectory)
    var paths: [String] = []
    for figure in report.figures {
      let path = (figuresDirectory as NSString).appendingPathComponent(figure.fileName)
      try AtomicFile.write(figure.canvas.render(standalone: true), to: path)
      paths.append(path)
    }
    let current = Set(report.figures.map(\.fileName))
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: figuresDirectory)) ?? []
    for name in existing where name.hasSuffix(".svg") && !current.contains(name) {
      try? FileManager.default.removeItem(atPath: (figuresDirectory as NSString).appendingPathComponent(name))
    }
    let reportPath = (folder as NSString).appendingPathComponent("report.html")
    try AtomicFile.write(report.html, to: reportPath)
    var written = Written(reportPath: reportPath, figurePaths: paths, warnings: report.warnings)
    written.unreadable = report.unreadable
    return written
  }
}
