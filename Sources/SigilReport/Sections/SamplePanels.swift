import SigilCore

/// Per-sample panels of the fit page for the worst-fitting samples: observed profile mirrored
/// against its reconstruction, the residual, and the top signature contributions.
///
/// The reconstruction is `W·x`: the reference profiles the fit used (`SectionContext.referenceSet`)
/// weighted by the sample's row of `exposures.tsv`; the observed catalog is that plus the sample's
/// column of `residuals.tsv` (which holds b − W·x). This is arithmetic on written numbers, no new
/// statistic: the cosine shown is the one in `fit_stats.tsv`. Without a reference table or
/// `exposures.tsv` only the residual profiles are drawn (`QualitySections.addResiduals`).
enum SamplePanels {
  /// Signatures listed under "top contributions".
  static let topContributions = 5

  static func add(cosines: QualitySections.Cosines?, exposures: ExposureTable?, colors: SignatureColors,
                  to report: inout ReportAssembly, context: inout SectionContext, limit: Int = 10) {
    guard let cosines, let exposures, context.folder.file("residuals.tsv") != nil,
          case let .success(reference) = context.referenceSet(for: .sbs96),
          let table = context.table("residuals.tsv", into: &report),
          let residuals = QualitySections.residualColumns(table, into: &report), residuals.mutationClass == .sbs96,
          exposures.signatureNames.allSatisfy(reference.names.contains) else {
      QualitySections.addResiduals(cosines: cosines, to: &report, context: context, limit: limit)
      return
    }
    let threshold = SVGNumber.trimmed(context.options.lowCosine, digits: 3)
    var chosen = Array(cosines.flagged.prefix(limit))
    var body = ""
    if chosen.isEmpty {
      chosen = Array(CosineStripPlot(samples: cosines.samples, cosines: cosines.values, threshold: 0, source: "").sortedOrder.prefix(1))
      body += HTMLPage.note("No sample is below \(threshold); the worst-fitted sample is shown.")
    } else {
      body += HTMLPage.note("Samples below cosine \(threshold) in fit_stats.tsv, worst first"
        + (cosines.flagged.count > limit ? " (the \(limit) worst of \(cosines.flagged.count))." : "."))
    }
    body += HTMLPage.note("Each panel: the observed catalog (up) mirrored against its reconstruction W·x (down) on one percent "
      + "scale; the residual b − W·x from residuals.tsv in mutations; the signatures contributing most. "
      + "The observed catalog is the reconstruction plus the residual.")
    let names = chosen.map { cosines.samples[$0] }
    body += "<p class=\"note\">Jump to: " + names.map { "<a href=\"#sample-\(HTMLPage.escape(ReportAssembly.safeFileStem($0)))\">\(HTMLPage.escape($0))</a>" }
      .joined(separator: " · ") + "</p>\n"
    let columns = exposures.signatureNames.map { reference.names.firstIndex(of: $0)! }
    for (r, name) in zip(chosen, names) {
      guard let j = residuals.samples.firstIndex(of: name), let i = exposures.sampleNames.firstIndex(of: name) else {
        body += HTMLPage.note("\(name) is not in both residuals.tsv and exposures.tsv.")
        continue
      }
      var reconstruction = Array(repeating: 0.0, count: 96)
      for (s, column) in columns.enumerated() where exposures.values[i, s] > 0 {
        let x = exposures.values[i, s]
        for c in 0..<96 { reconstruction[c] += x * reference.matrix[c, column] }
      }
      // Rounding in the written files can leave a channel a hair below 0; a count is never negative.
      let observed = zip(reconstruction, residuals.values[j]).map { Swift.max(0, $0 + $1) }
      let cosine = cosines.values[r].map { SVGNumber.fixed($0, digits: 3) }
      body += "<h3 id=\"sample-\(HTMLPage.escape(ReportAssembly.safeFileStem(name)))\">\(HTMLPage.escape(name))"
        + (cosine.map { " (cosine \($0))" } ?? "") + "</h3>\n"
      let mirrored = MirroredProfilePlot(mutationClass: .sbs96, upper: observed, upperName: name,
                                         lower: reconstruction, lowerName: "W·x", cosine: cosine,
                                         roles: ("observed", "reconstructed"))
      body += HTMLPage.figure(report.figure("sample_\(name)", mirrored.canvas()),
                              caption: "\(name): observed catalog (up) and its reconstruction (down), percent of each; cosine from fit_stats.tsv.")
      let residual = ResidualProfilePlot(mutationClass: .sbs96, values: residuals.values[j], title: name,
                                         subtitle: cosine.map { "cosine \($0)" })
      body += HTMLPage.figure(report.figure("residuals_\(name)", residual.canvas()),
                              caption: "\(name): residual per SBS96 channel, in mutations.")
      let total = (0..<exposures.signatureNames.count).reduce(0.0) { $0 + exposures.values[i, $1] }
      let top = exposures.signatureNames.indices.filter { exposures.values[i, $0] > 0 }
        .sorted { exposures.values[i, $0] > exposures.values[i, $1] }.prefix(topContributions)
      let rows = top.map { s -> [String] in
        let n = exposures.signatureNames[s]
        return ["<span class=\"key\" style=\"background:\(colors[n])\"></span>\(HTMLPage.escape(n))",
                SVGNumber.cell(exposures.values[i, s], digits: 1),
                total > 0 ? SVGNumber.fixed(exposures.values[i, s] / total * 100, digits: 1) + "%" : "NA"]
      }
      body += HTMLPage.rawTable(header: ["Top contributions", "Mutations", "Share"], rows: rows)
    }
    report.section("residuals", "Worst-fitting samples", body)
  }
}
