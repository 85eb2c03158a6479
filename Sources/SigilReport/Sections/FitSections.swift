import SigilCore

/// The sections of a fit report: exposures with bootstrap intervals, per-sample fit quality
/// (cosine strip and table) and residual profiles of the worst-fitted samples.
enum FitSections {
  static func add(to report: inout ReportAssembly, context: inout SectionContext) {
    let exposures = context.load("exposures.tsv", into: &report, ExposureTable.read)
    // Only signatures with a non-zero exposure in some sample are shown (legends, tables,
    // strips), and they alone get colours: a fit against 86 COSMIC signatures that finds 7 shows 7.
    let shown = exposures.map(ExposureSections.nonZeroColumns) ?? []
    let shownNames = exposures.map { table in shown.map { table.signatureNames[$0] } } ?? []
    let colors = SignatureColors(shownNames)
    let intervals = intervalFigure(to: &report, context: context, signatureOrder: shownNames, colors: colors)
    if let exposures {
      report.summary.append((String(exposures.sampleNames.count), "samples"))
      report.summary.append(("\(shown.count) of \(exposures.signatureNames.count)", "signatures selected"))
      addCohortSummary(exposures, columns: shown, intervals: intervals.rows, colors: colors, to: &report)
      ExposureSections.addStacked(exposures, columns: shown, colors: colors, to: &report, intervals: intervals.html)
    } else {
      if context.folder.file("exposures.tsv") == nil { report.warn("exposures.tsv is missing; no exposure plots") }
      if !intervals.html.isEmpty { report.section("exposures", "Exposures", intervals.html) }
    }
    let cosines = QualitySections.addReconstruction(file: "fit_stats.tsv", to: &report, context: context)
    addDispersion(cosines?.table, to: &report)
    SamplePanels.addFit(cosines: cosines, exposures: exposures, colors: colors, to: &report, context: &context)
  }

  /// One row per signature shown: in how many samples it has a non-zero exposure, its median
  /// share of those samples' attributed mutations, its total, and (with `exposures_ci.tsv`) the
  /// median width of its bootstrap interval in those samples. Sorting and taking medians of the
  /// written numbers is all it does; shares are the percent scale the exposure bars use.
  static func addCohortSummary(_ exposures: ExposureTable, columns: [Int], intervals: [ExposureIntervalPlot.Row],
                               colors: SignatureColors, to report: inout ReportAssembly) {
    let samples = exposures.sampleNames.count
    let totals = (0..<samples).map { i in (0..<exposures.signatureNames.count).reduce(0.0) { $0 + exposures.values[i, $1] } }
    var widths: [String: [Double]] = [:]
    for row in intervals where row.exposure > 0 { widths[row.signature, default: []].append(row.upper - row.lower) }
    var header = ["Signature", "Samples with it", "Median share (those samples)", "Mutations attributed"]
    if !intervals.isEmpty { header.append("Median CI width (mutations)") }
    var rows: [[String]] = []
    for j in columns {
      let name = exposures.signatureNames[j]
      let carriers = (0..<samples).filter { exposures.values[$0, j] > 0 }
      let shares = carriers.compactMap { totals[$0] > 0 ? exposures.values[$0, j] / totals[$0] * 100 : nil }
      var row = ["<span class=\"key\" style=\"background:\(colors[name])\"></span>\(HTMLPage.escape(name))",
                 "\(carriers.count) of \(samples)",
                 median(shares).map { SVGNumber.fixed($0, digits: 1) + "%" } ?? "NA",
                 SVGNumber.cell(carriers.reduce(0.0) { $0 + exposures.values[$1, j] }, digits: 1)]
      if !intervals.isEmpty { row.append(median(widths[name] ?? []).map { SVGNumber.cell($0, digits: 1) } ?? "NA") }
      rows.append(row)
    }
    var body = HTMLPage.note("\(columns.count) of \(exposures.signatureNames.count) signatures have a non-zero exposure "
      + "in at least one sample; the others are left out of every figure and table (exposures.tsv has them all). "
      + "Share: the signature's part of a sample's attributed mutations, median over the samples that have it.")
    body += HTMLPage.rawTable(header: header, rows: rows)
    report.section("fit-summary", "Signatures found", body)
  }

  /// The middle value (mean of the two middle ones for an even count), nil when empty.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  /// Samples noisier than Poisson, from fit_stats.tsv's `dispersion` column (absent in folders
  /// written before it: then nothing is added).
  static func addDispersion(_ table: TextTable?, to report: inout ReportAssembly) {
    guard let table, let c = table.column(named: ["dispersion"]) else { return }
    let samples = table.strings(column: table.column(named: ["sample"]) ?? 0)
    let values = table.numbers(column: c)
    let noisy = values.indices.filter { (values[$0] ?? 0) > overdispersed }
    var body = HTMLPage.note("The dispersion column of fit_stats.tsv is each sample's Pearson dispersion φ̂ "
      + "(about 1 for Poisson counts; variance ≈ φ̂ × mean). Where it is significantly above 1 (about φ̂ > 1.45), "
      + "sigil fit's default rule weighs the evidence for each signature against that extra noise and widens the "
      + "bootstrap intervals (Methods-fit.md §2.1).")
    let limit = SVGNumber.trimmed(overdispersed, digits: 3)
    if noisy.isEmpty {
      body += HTMLPage.note("No sample has φ̂ > \(limit).")
    } else {
      report.summary.append((String(noisy.count), "samples with dispersion > \(limit)"))
      body += HTMLPage.note("\(noisy.count) of \(values.count) samples have φ̂ > \(limit): "
        + noisy.prefix(20).map { "\(samples[$0]) (\(SVGNumber.fixed(values[$0]!, digits: 2)))" }.joined(separator: ", ")
        + (noisy.count > 20 ? ", ..." : "") + ".")
    }
    report.section("fit-dispersion", "Overdispersion", body)
  }

  /// φ̂ above which the report lists a sample as noisier than Poisson: Poisson samples with 96
  /// channels give φ̂ within about 1 ± 0.45 (3 sd of X²/df at ~90 df).
  static let overdispersed = 1.5

  /// The interval figure from `exposures_ci.tsv`, as HTML ("" when the file is absent), and the
  /// rows drawn.
  static func intervalFigure(to report: inout ReportAssembly, context: SectionContext, signatureOrder: [String],
                             colors: SignatureColors) -> (html: String, rows: [ExposureIntervalPlot.Row]) {
    guard let table = context.table("exposures_ci.tsv", into: &report) else { return ("", []) }
    let names = ["sample", "signature", "exposure", "lower", "upper"]
    let columns = names.enumerated().map { table.column(named: [$0.element]) ?? (table.header.count >= 5 ? $0.offset : -1) }
    guard columns.allSatisfy({ $0 >= 0 }) else {
      report.warn("\(table.path): expected columns sample, signature, exposure, lower, upper; intervals not shown")
      return ("", [])
    }
    let fraction = table.column(named: ["selected_fraction"])
    // `sigil fit --bootstrap 0` writes NA intervals: nothing to draw, and nothing wrong.
    if table.rows.allSatisfy({ $0[columns[3]] == "NA" && $0[columns[4]] == "NA" }) { return ("", []) }
    var rows: [ExposureIntervalPlot.Row] = []
    for (r, cells) in table.rows.enumerated() {
      guard let e = TextTable.number(cells[columns[2]]), let lo = TextTable.number(cells[columns[3]]),
            let hi = TextTable.number(cells[columns[4]]) else {
        report.warn("\(table.path): row \(r + 1) has a non-numeric exposure, lower or upper; intervals not shown")
        return ("", [])
      }
      rows.append(.init(sample: cells[columns[0]], signature: cells[columns[1]], exposure: e, lower: lo, upper: hi,
                        selectedFraction: fraction.flatMap { TextTable.number(cells[$0]) }))
    }
    // A signature fitted at 0 in every sample is noise from a few bootstrap replicates: one strip
    // each would bury the selected ones (67 strips of 85 on the demo cohort); the caption counts them.
    // Rows with exposure 0 that no replicate selected carry only the upper bound of a signature the
    // fit did not report (nearly every signature has one, Decision 0017): not drawn, or every
    // strip would hold every sample and its scale would follow those bounds.
    rows = rows.filter { $0.exposure > 0 || ($0.selectedFraction ?? 1) > 0 }
    let fitted = Set(rows.filter { $0.exposure > 0 }.map(\.signature))
    let omitted = Set(rows.map(\.signature)).subtracting(fitted).count
    rows = rows.filter { fitted.contains($0.signature) }
    guard !rows.isEmpty else { return ("", []) }
    let figure = report.figure("exposure_intervals", ExposureIntervalPlot(rows: rows, signatureOrder: signatureOrder, colors: colors).canvas())
    var caption = "Bootstrap intervals from exposures_ci.tsv, one strip per signature fitted in at least one sample."
    if omitted > 0 { caption += " \(omitted) signature(s) fitted at 0 in every sample are not drawn (their intervals are in exposures_ci.tsv)." }
    return (HTMLPage.figure(figure, caption: caption), rows)
  }
}
