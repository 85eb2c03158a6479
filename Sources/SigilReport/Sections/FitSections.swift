import SigilCore

/// The sections of a fit report: exposures with bootstrap intervals, per-sample fit quality
/// (cosine strip and table) and residual profiles of the worst-fitted samples.
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
    let cosines = QualitySections.addReconstruction(file: "fit_stats.tsv", to: &report, context: context)
    QualitySections.addResiduals(cosines: cosines, to: &report, context: context)
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
    // A signature fitted at 0 in every sample is noise from a few bootstrap replicates: one strip
    // each would bury the selected ones (67 strips of 85 on the demo cohort); the caption counts them.
    let fitted = Set(rows.filter { $0.exposure > 0 }.map(\.signature))
    let omitted = Set(rows.map(\.signature)).subtracting(fitted).count
    rows = rows.filter { fitted.contains($0.signature) }
    guard !rows.isEmpty else { return "" }
    let figure = report.figure("exposure_intervals", ExposureIntervalPlot(rows: rows, signatureOrder: signatureOrder).canvas())
    var caption = "Bootstrap intervals from exposures_ci.tsv, one strip per signature fitted in at least one sample."
    if omitted > 0 { caption += " \(omitted) signature(s) fitted at 0 in every sample are not drawn (their intervals are in exposures_ci.tsv)." }
    return HTMLPage.figure(figure, caption: caption)
  }
}
