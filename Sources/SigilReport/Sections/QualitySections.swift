import SigilCore

/// How well each sample is reconstructed: the cosine strip and table (`reconstruction.tsv` from
/// extract, `fit_stats.tsv` from fit) and the residual profiles of the worst-fitted samples
/// (`residuals.tsv`, fit). Everything drawn is read from those files.
enum QualitySections {
  /// The cosines of a quality table, found by column name.
  struct Cosines {
    let table: TextTable
    /// The file the cosines were read from (`fit_stats.tsv`, `reconstruction.tsv`).
    let file: String
    let samples: [String]
    let values: [Double?]
    /// Table indices below the threshold, worst first.
    let flagged: [Int]
  }

  /// Reads `file`, draws the strip, lists and warns about samples below `lowCosine`, and adds
  /// the section `fit-quality`. Returns the cosines for the residual section (nil when the file
  /// is absent or has no cosine column).
  @discardableResult
  static func addReconstruction(file: String, to report: inout ReportAssembly, context: SectionContext) -> Cosines? {
    guard let table = context.table(file, into: &report) else { return nil }
    let threshold = SVGNumber.trimmed(context.options.lowCosine, digits: 3)
    guard let c = table.column(named: ["cosine", "reconstruction_cosine", "cosine_similarity"]) else {
      report.section("fit-quality", "Per-sample fit quality",
                     HTMLPage.note("Per-sample reconstruction quality as written in \(file) (no cosine column to draw).")
                       + HTMLPage.table(header: table.header, rows: table.rows))
      return nil
    }
    let sampleColumn = table.column(named: ["sample"]) ?? 0
    let samples = table.strings(column: sampleColumn)
    let values = table.numbers(column: c)
    let plot = CosineStripPlot(samples: samples, cosines: values, threshold: context.options.lowCosine, source: file)
    let flagged = plot.sortedOrder.filter { values[$0]! < context.options.lowCosine }
    let cosines = Cosines(table: table, file: file, samples: samples, values: values, flagged: flagged)
    func shown(_ r: Int) -> String { "\(samples[r]) (\(SVGNumber.fixed(values[r]!, digits: 3)))" }

    var body = HTMLPage.note("Per-sample reconstruction quality as written in \(file): the cosine similarity of each "
      + "sample's catalog and its reconstruction, samples sorted from worst to best; the dashed line is \(threshold).")
    let figure = report.figure("reconstruction_cosine", plot.canvas())
    body += "<div class=\"scroll\">\n" + HTMLPage.figure(figure, caption: "Reconstruction cosine per sample (\(file)); red points are below \(threshold).") + "</div>\n"
    let missing = values.filter { $0 == nil }.count
    if missing > 0 { body += HTMLPage.note("\(missing) sample(s) have no cosine (NA, e.g. no mutations) and are not drawn.") }
    if flagged.isEmpty {
      body += HTMLPage.note("No sample is below \(threshold).")
    } else {
      report.warn("\(flagged.count) of \(table.rows.count) samples are reconstructed with cosine < \(threshold): "
        + flagged.prefix(10).map(shown).joined(separator: ", ") + (flagged.count > 10 ? ", ..." : ""))
      report.summary.append((String(flagged.count), "samples with cosine < \(threshold)"))
      body += HTMLPage.note("Below \(threshold), worst first: " + flagged.prefix(100).map(shown).joined(separator: ", ")
        + (flagged.count > 100 ? ", ... (\(flagged.count - 100) more in \(file))" : "") + ".")
    }
    let flaggedSet = Set(flagged)
    let tableHTML = HTMLPage.table(header: table.header, rows: table.rows, rowClass: { flaggedSet.contains($0) ? "flag" : nil })
    body += table.rows.count > 30 ? HTMLPage.details("The table (\(table.rows.count) rows; flagged rows highlighted)", tableHTML) : tableHTML
    report.section("fit-quality", "Per-sample fit quality", body)
    return cosines
  }

  /// Residual profiles from `residuals.tsv` for the samples named with `--sample` and those below
  /// the threshold (worst first, at most `SamplePanels.worstLimit`), or the worst-fitted sample
  /// when none is below: the fallback of `SamplePanels.addFit` without a reference table.
  static func addResiduals(cosines: Cosines?, to report: inout ReportAssembly, context: SectionContext) {
    let limit = SamplePanels.worstLimit
    guard let table = context.table("residuals.tsv", into: &report) else { return }
    guard let residuals = residualColumns(table, into: &report) else { return }
    let threshold = SVGNumber.trimmed(context.options.lowCosine, digits: 3)
    var body = HTMLPage.note("residuals.tsv holds each sample's catalog minus its reconstruction, per channel. "
      + "Bars above the line are mutations the fitted signatures do not explain; bars below, mutations they predict "
      + "but the sample lacks.")
    guard let cosines else {
      body += HTMLPage.note("No per-sample cosines (fit_stats.tsv) to choose samples by; residuals are not drawn.")
      report.section("residuals", "Residuals", body)
      return
    }
    let (chosen, _) = SamplePanels.chosen(cosines: cosines, named: context.options.samples)
    if cosines.flagged.isEmpty {
      body += HTMLPage.note("No sample is below \(threshold); the worst-fitted sample is shown.")
    } else {
      body += HTMLPage.note("Samples below \(threshold), worst first"
        + (cosines.flagged.count > limit ? " (the \(limit) worst of \(cosines.flagged.count))." : "."))
    }
    for name in chosen {
      guard let j = residuals.samples.firstIndex(of: name) else {
        body += HTMLPage.note("\(name) is not a column of residuals.tsv.")
        continue
      }
      let subtitle = cosines.samples.firstIndex(of: name).flatMap { cosines.values[$0] }.map { "cosine \(SVGNumber.fixed($0, digits: 3))" }
      let plot = ResidualProfilePlot(mutationClass: residuals.mutationClass, values: residuals.values[j], title: name, subtitle: subtitle)
      let figure = report.figure("residuals_\(name)", plot.canvas())
      body += HTMLPage.figure(figure, caption: "\(name): residual per \(residuals.mutationClass.rawValue) channel, in mutations.")
    }
    report.section("residuals", "Residuals", body)
  }

  /// `residuals.tsv` (catalog layout, signed values) as canonical-order columns, or nil with a warning.
  static func residualColumns(_ table: TextTable, into report: inout ReportAssembly)
    -> (mutationClass: MutationClass, samples: [String], values: [[Double]])? {
    guard let first = table.rows.first, let cls = MutationClass.containing(label: first[0]) else {
      report.warn("\(table.path): the first column does not hold SBS96, DBS78 or ID83 channel labels; residuals not shown")
      return nil
    }
    var columns = Array(repeating: Array(repeating: 0.0, count: cls.channelCount), count: table.header.count - 1)
    var seen = Set<Int>()
    for (r, row) in table.rows.enumerated() {
      guard let i = cls.index(of: row[0]), seen.insert(i).inserted else {
        report.warn("\(table.path): row \(r + 1) has '\(row[0])', not a new \(cls.rawValue) channel; residuals not shown")
        return nil
      }
      for j in 1..<row.count {
        guard let v = TextTable.number(row[j]) else {
          report.warn("\(table.path): row \(r + 1), column '\(table.header[j])' is not a number; residuals not shown")
          return nil
        }
        columns[j - 1][i] = v
      }
    }
    guard seen.count == cls.channelCount else {
      report.warn("\(table.path): \(seen.count) of the \(cls.channelCount) \(cls.rawValue) channels; residuals not shown")
      return nil
    }
    return (cls, Array(table.header.dropFirst()), columns)
  }
}
