import Foundation
import Testing
@testable import SigilReport
import SigilTestSupport

@Suite("ReportWriter") struct ReportWriterTests {
  @Test("writes report.html and figures/*.svg, removes stale figures, leaves no temporary files")
  func write() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    try FileManager.default.createDirectory(atPath: folder + "/figures", withIntermediateDirectories: true)
    try "<svg/>".write(toFile: folder + "/figures/signature_Old.svg", atomically: true, encoding: .utf8)
    try "keep".write(toFile: folder + "/figures/notes.txt", atomically: true, encoding: .utf8)
    let written = try ReportWriter.write(folder: folder, options: ReportTestSupport.options)
    #expect(written.reportPath == folder + "/report.html")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/figures").sorted()
    #expect(files == ["exposures_absolute.svg", "exposures_relative.svg", "notes.txt", "rank_selection.svg",
                      "reconstruction_cosine.svg", "signature_SigA.svg", "signature_SigA_vs_RefX.svg", "signature_SigB.svg", "signature_SigB_vs_RefY.svg"])
    #expect(written.figurePaths.count == 8)
    for path in written.figurePaths {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(ReportTestSupport.xmlError(text) == nil, "\(path)")
    }
    let first = try Data(contentsOf: URL(fileURLWithPath: written.reportPath))
    try ReportWriter.write(folder: folder, options: ReportTestSupport.options)
    #expect(try Data(contentsOf: URL(fileURLWithPath: written.reportPath)) == first, "rewriting must give the same bytes")
    let hidden = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
    #expect(hidden.isEmpty, "temporary files left: \(hidden)")
  }
}
