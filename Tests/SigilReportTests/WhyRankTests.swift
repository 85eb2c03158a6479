import Foundation
import Testing
import SigilConsensus
@testable import SigilReport
import SigilTestSupport

@Suite("Why k: the rank choice explained")
struct WhyRankTests {
  /// An extract folder whose rank_selection.tsv has the columns sigil writes, picked by `auto`.
  static func folder(rankTable: String, reason: String = "stability rank 3 is not above the cross-validation rank 4: largest stable rank: k=3 ...") throws -> String {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    try rankTable.write(toFile: folder + "/rank_selection.tsv", atomically: true, encoding: .utf8)
    var json = try String(contentsOfFile: folder + "/run.json", encoding: .utf8)
    json = json.replacingOccurrences(of: "\"restarts\": \"10\"",
                                     with: "\"restarts\": \"10\", \"rank-selection\": \"auto\", \"rank\": \"auto\", \"selected-rank\": \"3\", \"selection-reason\": \"\(reason)\"")
    try json.write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
    return folder
  }

  // Hand-made: k=2 and k=3 are stable (mean ≥ 0.8, min ≥ 0.2, sum ≥ 1), k=4 is not (min 0.1);
  // cophenetic drops most after k=3 (0.97 -> 0.80); CV deviance is lowest at k=4, the top of 2..4.
  static let contested = """
    rank\tcophenetic\tmean_stability\tmin_stability\tcv_deviance\tselected
    2\t0.99\t0.95\t0.9\t300.5\tno
    3\t0.97\t0.9\t0.6\t250.25\tyes
    4\t0.80\t0.7\t0.1\t240.125\tno

    """

  @Test("the block names each criterion's pick, the rule's thresholds and sigil's sentence")
  func block() throws {
    let report = try ReportBuilder.build(folder: try Self.folder(rankTable: Self.contested), options: ReportTestSupport.options)
    let html = report.html
    #expect(html.contains("<div class=\"why\" id=\"why-k\">\n<h3>Why k = 3</h3>"))
    #expect(html.contains("<li><b>stability</b>: k = 3 (largest stable rank)</li>"))
    #expect(html.contains("<li><b>cophenetic</b>: k = 3 (rank before the largest drop of the cophenetic correlation)</li>"))
    #expect(html.contains("<li><b>cv</b>: k = 4 (smallest held-out (cross-validation) deviance)</li>"))
    #expect(html.contains("mean stability (silhouette) is ≥ \(SVGNumber.trimmed(RankSelection.stableMean, digits: 3))"))
    #expect(html.contains("minimum per-signature stability ≥ 0.2 and their sum ≥ 1;"))
    #expect(html.contains("all its signatures but 1 reach the minimum"))
    #expect(html.contains("<q>stability rank 3 is not above the cross-validation rank 4"))
    // The why block comes before the figure, the full table is kept (folded).
    let why = try #require(html.range(of: "id=\"why-k\""))
    let figure = try #require(html.range(of: "The deciding criteria against the rank k"))
    #expect(why.lowerBound < figure.lowerBound)
    #expect(html.contains("<h3>All rank-selection statistics (rank_selection.tsv, 3 ranks)</h3>"))
  }

  @Test("a polished solution is said under the signatures (run.json nb-polish, Decision 0020); an unpolished one is not")
  func polishNote() throws {
    let folder = try Self.folder(rankTable: Self.contested)
    let plain = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options).html
    #expect(!plain.contains("refined under a negative-binomial model"))
    var json = try String(contentsOfFile: folder + "/run.json", encoding: .utf8)
    json = json.replacingOccurrences(of: "\"restarts\": \"10\"",
                                     with: "\"restarts\": \"10\", \"nb-polish\": \"auto: yes (cohort negative-binomial size 9.409 <= 15; k=3 polished at size 8.508)\"")
    try json.write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
    let polished = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options).html
    #expect(polished.contains("refined under a negative-binomial model of the cohort&#39;s overdispersion")
            || polished.contains("refined under a negative-binomial model of the cohort's overdispersion"))
    #expect(polished.contains("nb-polish auto: yes (cohort negative-binomial size 9.409 &lt;= 15; k=3 polished at size 8.508)."))
    json = json.replacingOccurrences(of: "auto: yes (cohort negative-binomial size 9.409 <= 15; k=3 polished at size 8.508)", with: "auto: no (cohort negative-binomial size 29.084 > 15)")
    try json.write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
    #expect(!(try ReportBuilder.build(folder: folder, options: ReportTestSupport.options).html.contains("refined under a negative-binomial model")))
  }

  @Test("the page's cv pick is extract's: the smallest mean held-out deviance, with or without per-fold deviances (Decision 0016)")
  func foldAwareRule() throws {
    // k=4's mean held-out deviance (11.1) is above k=3's (11.0) but within one paired standard
    // error (fold differences 0.5, -0.5, 0.3): before Decision 0016 the cv rule took the larger
    // rank, 4; now it is the minimum, 3, and the fold column does not change that.
    let table = """
      rank\tcophenetic\tmean_stability\tmin_stability\tsignature_stabilities\tcv_deviance\tcv_fold_deviances\tselected
      2\t0.99\t0.95\t0.9\t0.9,1\t20\t19,21,20\tno
      3\t0.97\t0.9\t0.6\t0.6,0.95,1\t11\t10,12,11\tyes
      4\t0.96\t0.85\t0.1\t0.1,0.9,0.95,0.98\t11.1\t10.5,11.5,11.3\tno

      """
    let html = try ReportBuilder.build(folder: try Self.folder(rankTable: table), options: ReportTestSupport.options).html
    #expect(html.contains("<li><b>cv</b>: k = 3 "), "\(html)")
    let plain = table.replacingOccurrences(of: "\tcv_fold_deviances", with: "\tcv_fold_deviances_x")
    let html2 = try ReportBuilder.build(folder: try Self.folder(rankTable: plain), options: ReportTestSupport.options).html
    #expect(html2.contains("<li><b>cv</b>: k = 3 "))
  }

  @Test("contested and edge-of-range choices are warned about")
  func cautions() throws {
    let report = try ReportBuilder.build(folder: try Self.folder(rankTable: Self.contested), options: ReportTestSupport.options)
    #expect(report.warnings.contains("rank selection: The cross-validation deviance is still falling at the last rank explored (k = 4)."))
    #expect(report.warnings.contains("rank selection: The criteria disagree: stability k = 3, cv k = 4."))
    #expect(!report.warnings.contains { $0.contains("largest rank explored") })
    let edge = Self.contested.replacingOccurrences(of: "3\t0.97\t0.9\t0.6\t250.25\tyes", with: "3\t0.97\t0.9\t0.6\t250.25\tno")
      .replacingOccurrences(of: "240.125\tno", with: "240.125\tyes")
    let atTop = try ReportBuilder.build(folder: try Self.folder(rankTable: edge), options: ReportTestSupport.options)
    #expect(atTop.warnings.contains("rank selection: k = 4 is the largest rank explored (2..4): a larger rank was not tried; rerun with a wider --ranks to see whether the criteria turn."))
    // auto's own pick here is min(stability 3, cv 4) = 3, which the report cannot check (it needs
    // the catalog's mean count); a cv run marking 3 is flagged.
  }

  @Test("one criteria figure: stability thresholds, selected k, CV rescaled with written values in tooltips")
  func figure() throws {
    let report = try ReportBuilder.build(folder: try Self.folder(rankTable: Self.contested), options: ReportTestSupport.options)
    let svg = try #require(report.figures.first { $0.fileName == "rank_selection.svg" }).canvas.render(standalone: true)
    #expect(ReportTestSupport.xmlError(svg) == nil)
    #expect(svg.contains("<title>Rank selection criteria: selected k = 3</title>"))
    #expect(svg.contains(">mean stability ≥ 0.8</text>") && svg.contains(">min stability ≥ 0.2</text>"))
    #expect(svg.contains(">selected k = 3</text>"))
    #expect(svg.contains("<title>k=4 CV deviance (rescaled) 240.125</title>"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 12)   // 4 series x 3 ranks
  }

  @Test("list cells are rounded for reading; other text is left alone")
  func readableLists() {
    #expect(HTMLPage.readableList("SBS2:0.8123456789;SBS13:0.1876543211") == "SBS2:0.8123; SBS13:0.1877")
    #expect(HTMLPage.readableList("0.912345,0.8") == "0.9123, 0.8")
    #expect(HTMLPage.readableList("none") == "none")
    #expect(HTMLPage.readableList("T3, long name") == "T3, long name")
    #expect(HTMLPage.readableList("chr1:12345") == "chr1:12345")   // whole numbers stay as written
  }
}

@Suite("Consensus heatmap")
struct ConsensusHeatmapTests {
  @Test("consensus_k<K>.tsv of the selected rank is drawn in the clustering's leaf order")
  func heatmap() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    // T1 and "T3 long name" are together in 90% of restarts, T2 rarely with either: average
    // linkage merges T1 with T3 first (distance 0.1), so the order is T1, T3 long name, T2.
    try "Sample\tT1\tT2\tT3 long name\nT1\t1\t0.1\t0.9\nT2\t0.1\t1\t0.2\nT3 long name\t0.9\t0.2\t1\n"
      .write(toFile: folder + "/consensus_k2.tsv", atomically: true, encoding: .utf8)
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    let svg = try #require(report.figures.first { $0.fileName == "consensus_k2.svg" }).canvas.render(standalone: true)
    #expect(ReportTestSupport.xmlError(svg) == nil)
    let t1 = try #require(svg.range(of: ">T1</text>")), t3 = try #require(svg.range(of: ">T3 long name</text>"))
    let t2 = try #require(svg.range(of: ">T2</text>"))
    #expect(t1.lowerBound < t3.lowerBound && t3.lowerBound < t2.lowerBound)
    #expect(svg.contains("<title>T1 / T3 long name: 0.90</title>"))
    #expect(report.html.contains("<h2>Consensus matrix</h2>"))
    #expect(ConsensusHeatmapPlot.color(0) == "#FFFFFF" && ConsensusHeatmapPlot.color(1) == "#08306B")
  }
}
