import Foundation
import Testing
import SigilCore
@testable import SigilReport
import SigilTestSupport

@Suite("Signature colours and the fit page's selected signatures")
struct SignatureColorTests {
  @Test("distinct signatures get distinct colours, well past the 20 categorical ones")
  func distinct() {
    // COSMIC v3.4 has 86 SBS signatures; 400 is the documented bound of Palette.signature.
    let colors = (0..<400).map(Palette.signature)
    #expect(Set(colors).count == 400)
    #expect(colors.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })
    let assigned = SignatureColors(["SBS1", "SBS5", "SBS1", "SBS18"])
    #expect(assigned.names == ["SBS1", "SBS5", "SBS18"])
    #expect(assigned["SBS18"] == Palette.signature(2))
    #expect(assigned["SBS40"] == "#AAAAAA")
  }

  /// A fit folder with 5 reference signatures of which 2 are fitted (RefX, RefY) and 3 are zero everywhere.
  static func fitFolderWithZeros() throws -> String {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    try "Sample\tRefW\tRefX\tRefZ\tRefY\tRefV\nT1\t0\t620\t0\t380\t0\nT2\t0\t40\t0\t1460\t0\n"
      .write(toFile: folder + "/exposures.tsv", atomically: true, encoding: .utf8)
    return folder
  }

  @Test("fit page: zero-exposure signatures are in no legend, table or strip; '2 of 5' selected; bars and strips agree")
  func fitShowsSelected() throws {
    let report = try ReportBuilder.build(folder: try Self.fitFolderWithZeros(), options: ReportTestSupport.options)
    #expect(report.html.contains("<b>2 of 5</b><span>signatures selected</span>"))
    for figure in report.figures where figure.fileName.hasPrefix("exposure") {
      let svg = figure.canvas.render(standalone: true)
      for zero in ["RefW", "RefZ", "RefV"] { #expect(!svg.contains(zero), "\(figure.fileName) mentions \(zero)") }
    }
    let tableStart = try #require(report.html.range(of: "<summary>Exposure table"))
    let table = report.html[tableStart.lowerBound...].prefix(600)
    #expect(table.contains("<th>RefX</th><th>RefY</th></tr>"))
    #expect(table.contains("exposures.tsv has all 5"))
    // RefX is the first shown signature in both the bars and the strips.
    let bars = try #require(report.figures.first { $0.fileName == "exposures_absolute.svg" }).canvas.render(standalone: true)
    let strips = try #require(report.figures.first { $0.fileName == "exposure_intervals.svg" }).canvas.render(standalone: true)
    #expect(bars.contains("fill=\"\(Palette.signature(0))\"><title>T1 RefX"))
    #expect(strips.contains(">RefX</text>") && strips.contains("fill=\"\(Palette.signature(0))\" font-weight=\"bold\">RefX"))
    #expect(strips.contains("fill=\"\(Palette.signature(1))\" font-weight=\"bold\">RefY"))
  }

  @Test("fit page: cohort summary counts carriers, median share and CI width")
  func cohortSummary() throws {
    let report = try ReportBuilder.build(folder: try Self.fitFolderWithZeros(), options: ReportTestSupport.options)
    #expect(report.html.contains("<h2>Signatures found</h2>"))
    // RefX: T1 620/1000 = 62%, T2 40/1500 = 2.67% -> median 32.3%; CI widths 130 and 95 -> 112.5.
    #expect(report.html.contains("RefX</td><td class=\"num\">2 of 2</td><td class=\"num\">32.3%</td><td class=\"num\">660</td><td class=\"num\">112.5</td>"))
  }

  @Test("the header names the reference set, genome build and table")
  func referenceHeader() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    var json = try String(contentsOfFile: folder + "/run.json", encoding: .utf8)
    json = json.replacingOccurrences(of: "\"bootstrap\": \"100\"",
                                     with: "\"bootstrap\": \"100\", \"reference\": \"cosmic-v3.4\", \"genome\": \"GRCh38\", \"exome\": \"false\", \"signatures\": \"ref.tsv\"")
    try json.write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(report.html.contains("<p>Reference signatures <b>cosmic-v3.4</b> · genome build <b>GRCh38</b> · whole genome · table <code>ref.tsv</code></p>"))
  }
}
