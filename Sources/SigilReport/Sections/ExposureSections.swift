import SigilCore

/// The exposures section: stacked bars (absolute and relative) and the table, folded.
enum ExposureSections {
  /// The columns of `exposures` with a non-zero exposure in at least one sample, in file order.
  static func nonZeroColumns(_ exposures: ExposureTable) -> [Int] {
    exposures.signatureNames.indices.filter { j in exposures.sampleNames.indices.contains { exposures.values[$0, j] > 0 } }
  }

  /// Adds the section for the signatures in `columns` (all when nil), coloured by `colors`
  /// (assigned in column order when nil), with legends and table headers from `labels`.
  static func addStacked(_ exposures: ExposureTable, columns: [Int]? = nil, colors: SignatureColors? = nil,
                         labels: [String: String] = [:], to report: inout ReportAssembly, intervals: String = "") {
    let columns = columns ?? Array(exposures.signatureNames.indices)
    let names = columns.map { exposures.signatureNames[$0] }
    let colors = colors ?? SignatureColors(names)
    let rows = (0..<exposures.sampleNames.count).map { i in columns.map { exposures.values[i, $0] } }
    let absolute = report.figure("exposures_absolute", ExposurePlot(
      samples: exposures.sampleNames, signatures: names, values: rows, scale: .absolute, colors: colors, labels: labels).canvas())
    let relative = report.figure("exposures_relative", ExposurePlot(
      samples: exposures.sampleNames, signatures: names, values: rows, scale: .relative, colors: colors, labels: labels).canvas())
    var body = HTMLPage.note("Mutations attributed to each signature, per sample (exposures.tsv), in table order.")
    body += HTMLPage.figure(absolute, caption: "Absolute exposures: bar height is the sample's attributed mutations.")
    body += HTMLPage.figure(relative, caption: "Relative exposures: each sample rescaled to 100%.")
    body += intervals
    let cells = exposures.sampleNames.indices.map { i in
      [exposures.sampleNames[i]] + columns.map { NumberFormatting.format(exposures.values[i, $0]) }   // the table rounds for reading
    }
    var title = "Exposure table (\(exposures.sampleNames.count) samples"
    if columns.count < exposures.signatureNames.count {
      title += ", the \(columns.count) signatures with a non-zero exposure; exposures.tsv has all \(exposures.signatureNames.count)"
    }
    body += HTMLPage.details(title + ")", HTMLPage.table(header: ["Sample"] + names.map { labels[$0] ?? $0 }, rows: cells))
    report.section("exposures", "Exposures", body)
  }
}
