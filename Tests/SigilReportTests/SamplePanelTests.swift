import Foundation
import Testing
import SigilCore
@testable import SigilReport
import SigilTestSupport

@Suite("Per-sample panels") struct SamplePanelTests {
  /// A catalog for the extract fixture's samples, written to `path`: each sample's column is
  /// W·h of the fixture (so residuals are the rounding of the fixture's signatures) plus
  /// `extra` mutations on channel 0 for sample T2.
  static func writeCatalog(folder: String, to path: String, extra: Double = 0) throws {
    let signatures = try SignatureSet.read(path: folder + "/signatures.tsv")
    let exposures = try ExposureTable.read(path: folder + "/exposures.tsv")
    let columns = exposures.sampleNames.indices.map { i -> [Double] in
      var column = SamplePanels.reconstruct(exposures, row: i, profiles: signatures.matrix, columns: [0, 1]).map { $0.rounded() }
      if exposures.sampleNames[i] == "T2" { column[0] += extra }
      return column
    }
    try MutationCatalog(mutationClass: .sbs96, sampleNames: exposures.sampleNames, counts: Matrix(rows: 96, columns: columns))
      .write(to: path)
  }

  @Test("fit: a sample named with --sample gets a panel besides the worst, marked in the index")
  func fitNamed() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    var options = ReportTestSupport.options
    options.samples = ["T1"]
    let report = try ReportBuilder.build(folder: folder, options: options)
    #expect(report.figures.map(\.fileName).filter { $0.hasPrefix("sample_") } == ["sample_T1.svg", "sample_T2.svg"])
    #expect(report.html.contains("Jump to: <a href=\"#sample-T1\">T1</a> (named) · <a href=\"#sample-T2\">T2</a></p>"))
    #expect(report.html.contains("<h3 id=\"sample-T1\">T1 (cosine 0.970)</h3>"))
    // T1: RefX 620 of 1000 attributed = 62.0%, RefY 380 = 38.0%, largest first.
    #expect(report.html.contains("RefX</td><td class=\"num\">620</td><td class=\"num\">62.0%</td>"))
    #expect(report.html.contains("Named with --sample: T1."))
  }

  @Test("an unknown --sample is refused naming it and a few of the folder's samples")
  func unknown() throws {
    let folder = try ReportTestSupport.fixtureFolder("fit")
    var options = ReportTestSupport.options
    options.samples = ["T1", "T9", "t2"]
    #expect(throws: ReportError.unknownSamples(names: ["T9", "t2"], file: folder + "/exposures.tsv", available: ["T1", "T2"])) {
      try ReportBuilder.build(folder: folder, options: options)
    }
    let many = ReportError.unknownSamples(names: ["X"], file: "f/exposures.tsv", available: (1...20).map { "S\($0)" })
    #expect(many.description == "--sample: 'X' not in f/exposures.tsv; its samples are S1, S2, S3, S4, S5, ... (20 in all)")
    let count = try ReportTestSupport.fixtureFolder("count")
    options.samples = ["T3"]
    #expect(throws: ReportError.unknownSamples(names: ["T3"], file: count + "/catalog.sbs96.tsv", available: ["T1", "T2"])) {
      try ReportBuilder.build(folder: count, options: options)
    }
  }

  @Test("extract: panels from the input catalog; residual = catalog − W·h; cosine from reconstruction.tsv")
  func extract() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    try Self.writeCatalog(folder: folder, to: folder + "/../given.tsv", extra: 40)
    var options = ReportTestSupport.options
    options.catalog = folder + "/../given.tsv"
    options.samples = ["T2"]
    let report = try ReportBuilder.build(folder: folder, options: options)
    // T3 long name is the one below 0.9 (0.82); T2 is named.
    #expect(report.figures.map(\.fileName).filter { $0.hasPrefix("sample_") || $0.hasPrefix("residuals_") }
              == ["sample_T2.svg", "residuals_T2.svg", "sample_T3_long_name.svg", "residuals_T3_long_name.svg"])
    #expect(report.html.contains("<h3 id=\"sample-T3_long_name\">T3 long name (cosine 0.820)</h3>"))
    #expect(report.html.contains("cosine from reconstruction.tsv"))
    // T2 on A[C>A]A: W·h = 50 × 0.003968 + 1450 × 0.008929 = 13.14545, the catalog has
    // round(13.14545) + 40 = 53, so the residual is 39.85455, drawn to 2 decimals.
    let residual = try #require(report.figures.first { $0.fileName == "residuals_T2.svg" }).canvas.render(standalone: true)
    #expect(residual.contains("A[C&gt;A]A: 39.85"), "\(residual.prefix(600))")
    // Legend labels carry the reference match, as the exposure plots do.
    #expect(report.html.contains("SigA ~ RefX"))
  }

  @Test("extract: without the catalog a note says how to give it; a changed catalog is not used")
  func extractWithoutCatalog() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    let none = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(none.html.contains("Per-sample panels need the catalog the signatures were extracted from"))
    #expect(none.html.contains("sigil report DIR --catalog FILE"))
    #expect(!none.figures.contains { $0.fileName.hasPrefix("sample_") })
    // run.json records catalog.tsv (relative) with a sha256 of zeros: beside the folder it is found,
    // and refused as changed.
    try Self.writeCatalog(folder: folder, to: folder + "/../catalog.tsv")
    let changed = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(changed.html.contains("has changed since the run (sha256 differs from run.json)"))
    #expect(!changed.figures.contains { $0.fileName.hasPrefix("sample_") })
  }

  @Test("extract: only run.json's first input is the catalog; a catalog-shaped later input (an opportunity file) is not drawn")
  func extractLaterInputs() throws {
    let folder = try ReportTestSupport.fixtureFolder("extract")
    // The catalog recorded first is missing; a later input (as extract --opportunity records the
    // opportunity file) is a valid catalog with the right samples and sha256.
    let later = folder + "/../opportunity.sbs96.tsv"
    try Self.writeCatalog(folder: folder, to: later)
    let manifest = folder + "/run.json"
    let text = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(
      of: "\"inputs\": [\n", with: "\"inputs\": [\n    {\"path\": \"catalog.tsv\", \"sha256\": \"\"},\n")
      .replacingOccurrences(of: "\"path\": \"catalog.tsv\",\n      \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"",
                            with: "\"path\": \"opportunity.sbs96.tsv\",\n      \"sha256\": \"\(try RunManifest.sha256(ofFile: later))\"")
    try text.write(toFile: manifest, atomically: true, encoding: .utf8)
    #expect(text.contains("opportunity.sbs96.tsv") && text.contains("{\"path\": \"catalog.tsv\""), "\(text)")
    let report = try ReportBuilder.build(folder: folder, options: ReportTestSupport.options)
    #expect(report.html.contains("Per-sample panels need the catalog the signatures were extracted from"))
    #expect(!report.figures.contains { $0.fileName.hasPrefix("sample_") })
  }

  @Test("count: a named sample's profiles are drawn after the first --max-profiles, empty ones still skipped")
  func countNamed() throws {
    let folder = try ReportTestSupport.fixtureFolder("count")
    var options = ReportTestSupport.options
    options.maxSampleProfiles = 0
    options.samples = ["T1", "T2"]
    let report = try ReportBuilder.build(folder: folder, options: options)
    // T2 has no SBS96 mutations (the fixture), so its SBS96 profile is not drawn even when named.
    #expect(report.figures.map(\.fileName).filter { $0.hasPrefix("catalog_sbs96") } == ["catalog_sbs96_T1.svg"])
    #expect(report.html.contains("Named with --sample: T1 (after the others)."))
  }

  @Test("the folder of a run's recorded inputs (PathParts) handles bare names, roots and trailing slashes")
  func parent() {
    #expect(PathParts.folderOrCurrent(of: "x") == ".")
    #expect(PathParts.folderOrCurrent(of: "a/b/") == "a")
    #expect(PathParts.folderOrCurrent(of: "/x") == "/")
    #expect(PathParts.folderOrCurrent(of: "/a/b") == "/a")
  }
}
