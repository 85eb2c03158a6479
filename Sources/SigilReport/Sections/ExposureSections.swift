import SigilCore

/// The exposures section: stacked bars (absolute and relative) and the table, folded.
enum ExposureSections {
  static func addStacked(_ exposures: ExposureTable, to report: inout ReportAssembly, intervals: String = "") {
    let rows = (0..<exposures.sampleNames.count).map { exposures.values.row($0) }
    let absolute = report.figure("exposures_absolute", ExposurePlot(
      samples: exposures.sampleNames, signatures: exposures.signatureNames, values: rows, scale: .absolute).canvas())
    let relative = report.figure("exposures_relative", ExposurePlot(
      samples: exposures.sampleNames, signatures: exposures.signatureNames, values: rows, scale: .relative).canvas())
    var body = HTMLPage.note("Mutations attributed to each signature, per sample (exposures.tsv), in table order.")
    body += HTMLPage.figure(absolute, caption: "Absolute exposures: bar height is the sample's attributed mutations.")
    body += HTMLPage.figure(relative, caption: "Relative exposures: each sample rescaled to 100%.")
    body += intervals
    let cells = exposures.sampleNames.indices.map { i in
      [exposures.sampleNames[i]] + exposures.signatureNames.indices.map { NumberFormatting.format(exposures.values[i, $0]) }
    }
    body += HTMLPage.details("Exposure table (\(exposures.sampleNames.count) samples)",
                             HTMLPage.table(header: ["Sample"] + exposures.signatureNames, rows: cells))
    report.section("exposures", "Exposures", body)
  }
}
