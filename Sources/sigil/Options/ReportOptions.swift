import ArgumentParser
import SigilLinearAlgebra
import SigilReport
import SigilVCF

/// `--no-report`: extract and fit write report.html unless asked not to.
struct ReportFlag: ParsableArguments {
  @Flag(help: "Do not write report.html and figures/.")
  var noReport = false

  /// Writes the folder's HTML report (unless --no-report) and prints where it is, with the
  /// report's own warnings (those of run.json were printed by this run already).
  func writeReport(folder: String) throws {
    guard !noReport else { return }
    let written = try ReportWriter.write(folder: folder)
    let printed = Set(Console.warnings)
    for warning in written.warnings where !printed.contains(warning) { Console.warning(warning) }
    Console.info("report: \(written.reportPath)")
  }
}

/// The linked C libraries, recorded in every run.json.
enum LinkedLibraries {
  static var all: [String: String] {
    ["htslib": HTSLibInfo.version, "blas": BLASInfo.configuration]
  }
}
