import ArgumentParser
import Foundation
import SigilReport

/// `sigil report`: rebuild report.html and figures/ from an output folder.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Rebuild report.html and figures/*.svg from a count, extract or fit output folder.",
    discussion: """
      Reads the files a sigil stage wrote (it computes nothing) and writes report.html, one
      self-contained page (inline SVG and CSS, no network, no JavaScript), plus each figure as an
      SVG file under figures/. extract and fit write the report themselves unless --no-report.
      A table that cannot be read (e.g. truncated) is skipped with a warning, the page is still
      written, and the exit code is 1.

      Examples:
        sigil report extract-out/
        sigil report fit-out/ --signatures my_reference.tsv
      """)

  @Argument(help: "The output folder of sigil count, extract or fit.")
  var folder: String
  @Option(help: "Signature table for the reference profiles in comparison plots (default: from run.json).")
  var signatures: String?
  @Option(parsing: .unconditional, help: "Most per-sample catalog profiles to draw (count folders; >= 0).")
  var maxProfiles = 50
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  func validate() throws {
    guard maxProfiles >= 0 else { throw ValidationError("--max-profiles must be at least 0 (got \(maxProfiles))") }
  }

  func run() throws {
    Console.quiet = log.quiet
    let options = ReportOptions(referenceTable: signatures, maxSampleProfiles: maxProfiles)
    let written = try ReportWriter.write(folder: folder, options: options)
    for warning in written.warnings { Console.warning(warning) }
    Console.info("report: \(written.reportPath) (\(written.figurePaths.count) figures in \((folder as NSString).appendingPathComponent("figures"))/)")
    if !written.unreadable.isEmpty {
      throw ReportError.unreadableFiles(folder: folder, count: written.unreadable.count)
    }
  }
}
