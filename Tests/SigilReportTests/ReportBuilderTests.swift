import Foundation
import Testing
import SigilCore
@testable import SigilReport
import SigilTestSupport

/// Reports of the hand-made folders in Fixtures/report: content, self-containment, golden files.
@Suite("ReportBuilder") struct ReportBuilderTests {
  @Test("extract report: every section, matches in titles, warnings, no URL, no script")
  func extract() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(report.kind == .extract)
    let html = report.html
    for id in ["warnings", "rank", "signatures", "matches", "exposures", "fit-quality", "run"] {
      #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
    }
    #expect(html.range(of: "http", options: .caseInsensitive) == nil, "the page must not reference any URL")
    #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"))
    #expect(html.contains(">best match RefX (cosine 0.988)</text>"))
    #expect(html.contains(">cosine similarity 0.988</text>"))
    #expect(report.figures.map(\.fileName) == [
      "rank_selection.svg", "signature_SigA.svg", "signature_SigA_vs_RefX.svg", "signature_SigB.svg",
      "signature_SigB_vs_RefY.svg", "exposures_absolute.svg", "exposures_relative.svg", "reconstruction_cosine.svg"])
    #expect(report.warnings == ["fixture warning from run.json",
                                "SigB: best reference match RefY has cosine 0.750 < 0.8; possibly a novel signature",
                                "1 of 3 samples are reconstructed with cosine < 0.9: T3 long name (0.820)"])
    // reconstruction.tsv: sorted worst first, the flagged sample listed and highlighted.
    #expect(html.contains("Below 0.9, worst first: T3 long name (0.820)."))
    #expect(html.contains("<tr class=\"flag\"><td>T3 long name</td>"))
    #expect(html.contains("<b>1</b><span>samples with cosine &lt; 0.9</span>"))
    #expect(html.contains("<tr class=\"selected\"><td class=\"num\">2</td>"))
    #expect(html.contains("<b>2</b><span>selected rank k</span>"))
    #expect(html.contains("<td><code>restarts</code></td><td><code>10</code></td>"))
    for svg in ReportTestSupport.inlineSVGs(html) {
      #expect(ReportTestSupport.xmlError(svg) == nil, "inline SVG is not well-formed")
    }
    #expect(ReportTestSupport.inlineSVGs(html).count == report.figures.count)
  }

  @Test("fit report: intervals, flagged low-cosine sample, cosine strip, its residual profile")
  func fit() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(report.kind == .fit)
    #expect(report.figures.map(\.fileName) == ["exposure_intervals.svg", "exposures_absolute.svg", "exposures_relative.svg",
                                               "reconstruction_cosine.svg", "sample_T2.svg", "residuals_T2.svg"])
    // The per-sample panel of the flagged sample: observed vs reconstruction, residual, top contributions
    // (T2: RefY 1460 of 1500 attributed = 97.3%, RefX 40 = 2.7%).
    #expect(report.html.contains("<h3 id=\"sample-T2\">T2 (cosine 0.850)</h3>"))
    #expect(report.html.contains("Jump to: <a href=\"#sample-T2\">T2</a>"))
    #expect(report.html.contains("RefY</td><td class=\"num\">1,460</td><td class=\"num\">97.3%</td>"))
    #expect(report.html.contains("<title>T2 (observed, up) vs W·h (reconstructed, down): cosine 0.850</title>"))
    #expect(report.html.contains(">T2: residual (catalog − reconstruction)</text>"))
    #expect(report.html.contains(">cosine 0.850</text>"))
    #expect(report.warnings.contains("1 of 2 samples are reconstructed with cosine < 0.9: T2 (0.850)"))
    #expect(report.html.contains("<tr class=\"flag\"><td>T2</td>"))
    #expect(report.html.contains("<section id=\"samples\">"))
    #expect(report.html.range(of: "http", options: .caseInsensitive) == nil)
  }

  @Test("count report: summary table, SBS96, DBS78 and ID83 profiles, empty samples skipped")
  func count() throws {
    let folder = try ReportTestSupport.fixtureFolder("count")
    let report = try ReportBuilder.build(folder: folder)
    #expect(report.kind == .count)
    #expect(report.figures.map(\.fileName) == ["catalog_sbs96_T1.svg", "catalog_dbs78_T1.svg", "catalog_id83_T1.svg"])
    #expect(report.html.contains("<section id=\"id83\">"))
    #expect(report.html.contains(">T1 (184 mutations)</text>"))   // ID83: 1:Del:T:4 and :5 x 12 + 81 channels of 1 + i % 3 (160)
    #expect(report.html.contains(">Homopolymer length</text>"))
    #expect(report.html.contains("1 sample(s) with no SBS96 mutations are not drawn."))
    #expect(report.html.contains(">T1 (252 mutations)</text>"))   // 4 CpG C>T channels x 40 + 92 x 1
    #expect(report.html.contains(">T1 (150 mutations)</text>"))   // DBS78: 9 CC>NN x 9 + 69 channels of i % 3
  }

  @Test("count folders without catalog.id83.tsv (written before ID83 counting) still report; ID83 alone is a count folder")
  func countWithoutID83() throws {
    let folder = try ReportTestSupport.fixtureFolder("count")
    try FileManager.default.removeItem(atPath: folder + "/catalog.id83.tsv")
    let report = try ReportBuilder.build(folder: folder)
    #expect(report.figures.map(\.fileName) == ["catalog_sbs96_T1.svg", "catalog_dbs78_T1.svg"])
    #expect(!report.html.contains("<section id=\"id83\">"))
    #expect(report.warnings == ["fixture warning from run.json"])
    let only = try ReportTestSupport.fixtureFolder("count")
    for name in ["catalog.sbs96.tsv", "catalog.dbs78.tsv", "count_summary.tsv", "run.json"] {
      try FileManager.default.removeItem(atPath: only + "/" + name)
    }
    let idOnly = try ReportBuilder.build(folder: only)
    #expect(idOnly.kind == .count)
    #expect(idOnly.figures.map(\.fileName) == ["catalog_id83_T1.svg"])
  }

  @Test("interval strips only for signatures fitted in some sample; the caption counts the others")
  func intervalStripsOmitUnfitted() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    let ci = "sample\tsignature\texposure\tlower\tupper\tselected_fraction\n"
      + "T1\tRefX\t620\t560\t690\t1\nT1\tRefY\t0\t0\t45\t0.1\nT1\tRefZ\t0\t0\t12\t0.02\n"
      + "T2\tRefX\t40\t0\t95\t0.41\nT2\tRefY\t1460\t1380\t1530\t1\nT2\tRefZ\t0\t0\t0\t0\n"
      + "T1\tRefW\t0\t0\t300\t0\n"   // only the upper bound of an unreported signature: not drawn, not counted
    try ci.write(toFile: folder + "/exposures_ci.tsv", atomically: true, encoding: .utf8)
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    let svg = try #require(report.figures.first { $0.fileName == "exposure_intervals.svg" }).canvas.render(standalone: true)
    #expect(svg.contains(">RefX<") && svg.contains(">RefY<") && !svg.contains("RefZ") && !svg.contains("RefW"))
    #expect(report.html.contains("1 signature(s) fitted at 0 in every sample are not drawn (their intervals are in exposures_ci.tsv)."))
  }

  @Test("residuals.tsv: unknown labels and non-numbers become warnings; no flagged sample shows the worst one")
  func residualEdgeCases() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    try "sample\tcosine\nT1\t0.97\nT2\t0.95\n".write(toFile: folder + "/fit_stats.tsv", atomically: true, encoding: .utf8)
    let good = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(good.figures.map(\.fileName).filter { $0.hasPrefix("residuals_") } == ["residuals_T2.svg"])
    #expect(good.html.contains("No sample is below cosine 0.9; the worst-fitted sample is shown."))
    try "MutationType\tT1\nfoo\t1\n".write(toFile: folder + "/residuals.tsv", atomically: true, encoding: .utf8)
    let bad = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(bad.warnings.contains("\(folder)/residuals.tsv: the first column does not hold SBS96, DBS78 or ID83 channel labels; residuals not shown"))
    #expect(!bad.figures.contains { $0.fileName.hasPrefix("residuals_") })
    let rows = MutationClass.id83.channels.enumerated().map { "\($0.element)\t\($0.offset == 5 ? "x" : "1")" }
    try (["MutationType\tT2"] + rows).joined(separator: "\n").write(toFile: folder + "/residuals.tsv", atomically: true, encoding: .utf8)
    let text = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(text.warnings.contains("\(folder)/residuals.tsv: row 6, column 'T2' is not a number; residuals not shown"))
  }

  @Test("the same folder gives the same bytes")
  func deterministic() throws {
    for kind in ["extract", "fit", "count"] {
      let a = try ReportBuilder.build(folder: try ReportTestSupport.fixtureFolder(kind), options: ReportTestSupport.options)
      let folder = try ReportTestSupport.fixtureFolder(kind)
      let b = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
      #expect(a.figures.map { $0.canvas.render(standalone: true) } == b.figures.map { $0.canvas.render(standalone: true) }, "\(kind)")
      #expect(a.html.count == b.html.count, "\(kind)")   // paths differ only in the random temp name, same length
    }
  }

  @Test("golden files: figures and page of the hand-made folders")
  func golden() throws {
    for kind in ["extract", "fit", "count"] {
      let folder = try ReportTestSupport.fixtureFolder(kind)
      let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
      for figure in report.figures {
        try ReportTestSupport.assertSnapshot(figure.canvas.render(standalone: true), "\(kind)/\(figure.fileName)")
      }
      try ReportTestSupport.assertSnapshot(ReportTestSupport.normalised(report.html, folder: folder), "\(kind)/report.html")
    }
  }

  @Test("the novel warning is reference_match.tsv's novel column, not the best cosine re-derived")
  func novelColumn() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    // sigil's layout: SigA has a poor best match but a good decomposition (not novel); SigB a good
    // best match yet the table calls it novel. The page must follow the table both ways.
    let table = "Signature\tstability\tbest_match\tbest_cosine\tdecomposition\tdecomposition_cosine\tnovel\tshares_with\n"
      + "SigA\t0.99\tRefX\t0.7\tRefX:0.6;RefY:0.4\t0.95\tno\tnone\n"
      + "SigB\t0.98\tRefY\t0.9\tRefY:1\t0.75\tyes\tnone\n"
    try table.write(toFile: folder + "/reference_match.tsv", atomically: true, encoding: .utf8)
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    let novel = report.warnings.filter { $0.contains("novel") }
    #expect(novel == ["SigB: reference_match.tsv calls it novel (no mix of reference signatures reproduces it; decomposition cosine 0.750)"])
  }

  @Test("missing optional files are skipped; an unparsable one becomes a warning")
  func missingAndBroken() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    try FileManager.default.removeItem(atPath: folder + "/reference_match.tsv")
    try FileManager.default.removeItem(atPath: folder + "/exposures.tsv")
    try "rank\tcophenetic\n2\t0.9\t1\n".write(toFile: folder + "/rank_selection.tsv", atomically: true, encoding: .utf8)
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(report.figures.map(\.fileName) == ["signature_SigA.svg", "signature_SigB.svg", "reconstruction_cosine.svg"])
    #expect(report.warnings.contains("\(folder)/rank_selection.tsv:2: expected 2 tab-separated fields like the header, found 3; skipped"))
    #expect(!report.html.contains("<section id=\"exposures\">"))
    #expect(!report.html.contains("<section id=\"rank\">"))
  }

  @Test("a missing reference table skips comparison plots with a note")
  func noReference() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    let report = try ReportBuilder.build(folder: folder, options: ReportOptions(referenceTable: "/nonexistent/ref.tsv"))
    #expect(!report.figures.contains { $0.fileName.contains("_vs_") })
    #expect(report.html.contains("reference signatures unavailable: /nonexistent/ref.tsv: cannot open: no such file; comparison plots skipped."))
  }

  @Test("kind detection: run.json command first, then files; error messages")
  func detection() throws {
    let dir = Fixtures.temporaryDirectory("sigil-report-kind")
    #expect(throws: ReportError.unrecognisedFolder(path: dir)) { try ReportFolder(path: dir) }
    #expect(ReportError.unrecognisedFolder(path: "x").description
      == "x: no sigil outputs found; expected signatures.tsv (extract), fit_stats.tsv or exposures_ci.tsv (fit), or catalog.sbs96.tsv (count)")
    #expect(throws: ReportError.notAFolder(path: dir + "/none")) { try ReportFolder(path: dir + "/none") }
    #expect(ReportError.notAFolder(path: "x").description == "x: not a folder; pass the output folder of sigil count, extract or fit")
    try "Sample\tA\nT1\t1\n".write(toFile: dir + "/exposures.tsv", atomically: true, encoding: .utf8)
    try "sample\tmutations\nT1\t1\n".write(toFile: dir + "/fit_stats.tsv", atomically: true, encoding: .utf8)
    #expect(try ReportFolder(path: dir).kind == .fit)
    try "{\"command\": \"extract\", \"argv\": [], \"seed\": null}".write(toFile: dir + "/run.json", atomically: true, encoding: .utf8)
    #expect(try ReportFolder(path: dir).kind == .extract)
    #expect(try ReportFolder(path: dir).manifest?.seed == nil)
  }

  @Test("reference_match.tsv columns are found by name")
  func matchColumns() throws {
    let t = try TextTable.parse("de_novo\tcos_sim\tclosest_match\nX\t0.91234\tSBS5\n", path: "m.tsv")
    let m = ReferenceMatches(t).match(for: "X")
    #expect(m?.reference == "SBS5")
    #expect(m?.cosineText == "0.912")
    #expect(ReferenceMatches(t).match(for: "Y") == nil)
  }

  @Test("run.json is read leniently: booleans, big seeds, nested values, extra keys")
  func manifest() throws {
    let json = """
      {"argv": ["sigil", "fit"], "command": "fit", "seed": 18446744073709551615, "version": "1.0",
       "parameters": {"b": "2", "a": true, "n": 3}, "inputs": [{"path": "x", "sha256": "ab"}],
       "zeta": [1, 2.5], "warnings": ["w1"]}
      """
    let dir = Fixtures.temporaryDirectory("sigil-report-json")
    try json.write(toFile: dir + "/run.json", atomically: true, encoding: .utf8)
    let m = try ManifestSummary.read(path: dir + "/run.json")
    #expect(m.seed == "18446744073709551615")
    #expect(m.parameters.map(\.name) == ["a", "b", "n"])
    #expect(m.parameters.map(\.value) == ["true", "2", "3"])
    #expect(m.other.map(\.name) == ["zeta"] && m.other[0].value == "1 2.5")
    #expect(m.warnings == ["w1"])
    #expect(m.inputs.first?.sha256 == "ab")
  }
}
