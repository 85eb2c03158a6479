import SigilCore

/// The sections of a fit report: exposures with bootstrap intervals, per-sample fit quality and
/// the residual catalog.
enum FitSections {
  static func add(to report: inout ReportAssembly, context: inout SectionContext) {
    let exposures = context.load("exposures.tsv", into: &report, ExposureTable.read)
    let intervals = intervalFigure(to: &report, context: context, signatureOrder: exposures?.signatureNames ?? [])
    if let exposures {
      report.summary.append((String(exposures.sampleNames.count), "samples"))
      report.summary.append((String(exposures.signatureNames.count), "signatures fitted"))
      ExposureSections.addStacked(exposures, to: &report, intervals: intervals)
    } else {
      if context.folder.file("exposures.tsv") == nil { report.warn("exposures.tsv is missing; no exposure plots") }
      if !intervals.isEmpty { report.section("exposures", "Exposures", intervals) }
    }
    addFitQuality(to: &report, context: context)
    if context.folder.file("residuals.tsv") != nil {
      report.section("residuals", "Residuals",
                     HTMLPage.note("residuals.tsv holds each sample's catalog minus its reconstruction, per channel (not drawn)."))
    }
  }

  /// The interval figure from `exposures_ci.tsv`, as HTML, or "" when the file is absent.
  static func intervalFigure(to report: inout ReportAssembly, context: SectionContext, signatureOrder: [String]) -> String {
    guard let table = context.table("exposures_ci.tsv", into: &report) else { return "" }
    let names = ["sample", "signature", "exposure", "lower", "upper"]
    let columns = names.enumerated().map { table.column(named: [$0.element]) ?? (table.header.count >= 5 ? $0.offset : -1) }
    guard columns.allSatisfy({ $0 >= 0 }) else {
      report.warn("\(table.path): expected columns sample, signature, exposure, lower, upper; intervals not shown")
      return ""
    }
    let fraction = table.column(named: ["selected_fraction"])
    // `sigil fit --bootstrap 0` writes NA intervals: nothing to draw, and nothing wrong.
    if table.rows.allSatisfy({ $0[columns[3]] == "NA" && $0[columns[4]] == "NA" }) { return "" }
    var rows: [ExposureIntervalPlot.Row] = []
    for (r, cells) in table.rows.enumerated() {
      guard let e = TextTable.number(cells[columns[2]]), let lo = TextTable.number(cells[columns[3]]),
            let hi = TextTable.number(cells[columns[4]]) else {
        report.warn("\(table.path): row \(r + 1) has a non-numeric exposure, lower or upper; intervals not shown")
        return ""
      }
      rows.append(.init(sample: cells[columns[0]], signature: cells[columns[1]], exposure: e, lower: lo, upper: hi,
                        selectedFraction: fraction.flatMap { TextTable.number(cells[$0]) }))
    }
    guard !rows.isEmpty else { return "" }
    let figure = report.figure("exposure_intervals", ExposureIntervalPlot(rows: rows, signatureOrder: signatureOrder).canvas())
    return HTMLPage.figure(figure, caption: "Bootstrap intervals from exposures_ci.tsv, one strip per signature.")
  }

  /// The per-sample fit quality table from `fit_stats.tsv`, low cosines flagged.
  static func addFitQuality(to report: inout ReportAssembly, context: SectionContext) {
    guard let table = context.table("fit_stats.tsv", into: &report) else { return }
    let cosine = table.column(named: ["cosine", "reconstruction_cosine", "cosine_similarity"])
    var flagged: [Int] = []
    if let c = cosine {
      for (r, v) in table.numbers(column: c).enumerated() where (v ?? 1) < context.options.lowCosine { flagged.append(r) }
    }
    let threshold = SVGNumber.trimmed(context.options.lowCosine, digits: 3)
    var body = HTMLPage.note("Per-sample reconstruction quality as written in fit_stats.tsv"
      + (cosine != nil ? "; rows with cosine below \(threshold) are highlighted." : "."))
    if !flagged.isEmpty, let c = cosine {
      let shown = flagged.prefix(10).map { "\(table.rows[$0][0]) (\(SVGNumber.fixed(TextTable.number(table.rows[$0][c]) ?? 0, digits: 3)))" }
      report.warn("\(flagged.count) of \(table.rows.count) samples are reconstructed with cosine < \(threshold): "
        + shown.joined(separator: ", ") + (flagged.count > 10 ? ", ..." : ""))
      report.summary.append((String(flagged.count), "samples with cosine < \(threshold)"))
    }
    let flaggedSet = Set(flagged)
    body += HTMLPage.table(header: table.header, rows: table.rows, rowClass: { flaggedSet.contains($0) ? "flag" : nil })
    report.section("fit-quality", "Per-sample fit quality", body)
  }
}
