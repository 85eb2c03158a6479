import ArgumentParser
import Foundation
import SigilReport

/// `sigil report`: rebuild report.html and figures/ from an output folder.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Rebuild report.html and figures/*.svg from a count, extract, fit or attribute output folder.",
    discussion: """
      Reads the files a sigil stage wrote (it computes nothing) and writes report.html, one
      self-contained page (inline SVG and CSS, no network, no JavaScript), plus each figure as an
      SVG file under figures/. extract and fit write the report themselves unless --no-report.
      A table that cannot be read (e.g. truncated) is skipped with a warning, the page is still
      written, and the exit code is 1.

      Extract and fit pages draw per-sample panels (observed catalog against its reconstruction,
      residual, top signatures) for the worst-fitting samples; --sample adds any other sample
      (count pages: its profiles). An extract folder's panels need the catalog it was extracted
      from: the input run.json records, or --catalog.

      Examples:
        sigil report extract-out/
        sigil report fit-out/ --signatures my_reference.tsv
        sigil report fit-out/ --sample PD4120a --sample PD4116a
      """)

  @Argument(help: "The output folder of sigil count, extract, fit or attribute.")
  var folder: String
  @Option(help: "Signature table for the reference profiles in comparison plots (default: from run.json).")
  var signatures: String?
  @Option(parsing: .unconditional, help: "Most per-sample catalog profiles to draw (count folders; >= 0).")
  var maxProfiles = 50
  @Option(name: .customLong("sample"), help: ArgumentHelp("Also draw this sample's panels (repeatable).", valueName: "sample"))
  var samples: [String] = []
  @Option(help: "The catalog an extract folder was computed from, for its per-sample panels (default: the input in run.json).")
  var catalog: String?
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  func validate() throws {
    guard maxProfiles >= 0 else { throw ValidationError("--max-profiles must be at least 0 (got \(maxProfiles))") }
    if let catalog, !FileManager.default.fileExists(atPath: catalog) {
      throw ValidationError("--catalog: \(catalog): no such file")
    }
    if let empty = samples.first(where: { $0.isEmpty }) { throw ValidationError("--sample: empty name '\(empty)'") }
  }

  func run() throws {
    Console.quiet = log.quiet
    var seen = Set<String>()
    let options = ReportOptions(referenceTable: signatures, maxSampleProfiles: maxProfiles,
                                samples: samples.filter { seen.insert($0).inserted }, catalog: catalog)
    let written: ReportWriter.Written
    do {
      written = try ReportWriter.write(folder: folder, options: options)
    } catch let error as ReportError {
      // A --sample the folder does not have is a usage error (exit 64), found once the folder is
      // read; the message lists the folder's samples, so no usage line follows it.
      if case .unknownSamples = error {
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        throw ExitCode(64)
      }
      throw error
    }
    for warning in written.warnings { Console.warning(warning) }
    Console.info("report: \(written.reportPath) (\(written.figurePaths.count) figures in \((folder as NSString).appendingPathComponent("figures"))/)")
    if !written.unreadable.isEmpty {
      throw ReportError.unreadableFiles(folder: folder, count: written.unreadable.count)
    }
  }
}
