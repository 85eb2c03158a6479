import ArgumentParser
import SigilCore
import SigilLinearAlgebra
import SigilReport
import SigilVCF

/// `--no-report`: extract and fit write report.html unless asked not to.
struct ReportFlag: ParsableArguments {
  @Flag(help: "Do not write report.html and figures/.")
  var noReport = false

  /// Writes the folder's HTML report (unless --no-report) into the folder being written, and
  /// prints where it will be, with the report's own warnings (those of run.json were printed
  /// by this run already).
  func writeReport(_ folder: OutputFolder) throws {
    guard !noReport else { return }
    let written = try ReportWriter.write(folder: folder.stagingPath, options: ReportOptions(shownPath: folder.path))
    let printed = Set(Console.warnings)
    for warning in written.warnings where !printed.contains(warning) { Console.warning(warning) }
    Console.info("report: \(folder.finalFile("report.html"))")
  }
}

/// The linked C libraries, recorded in every run.json.
enum LinkedLibraries {
  static var all: [String: String] {
    ["htslib": HTSLibInfo.version, "blas": BLASInfo.configuration]
  }
}
