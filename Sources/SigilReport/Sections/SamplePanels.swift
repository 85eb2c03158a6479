import SigilCore

/// Per-sample panels of the fit and extract pages: the observed catalog mirrored against its
/// reconstruction, the residual, and the top signature contributions, for the worst-fitting
/// samples and every sample named with `sigil report --sample`.
///
/// The reconstruction is `W·h`, the signature profiles weighted by the sample's row of
/// `exposures.tsv`; this is arithmetic on written numbers, no new statistic, and the cosine shown
/// is the one the stage wrote (`fit_stats.tsv`, `reconstruction.tsv`).
/// - fit: `W` is the reference table the fit used (`SectionContext.referenceSet`); the observed
///   catalog is `W·h` plus the sample's column of `residuals.tsv` (which holds b − W·h).
///   Without a reference table or `exposures.tsv` only the residual profiles are drawn
///   (`QualitySections.addResiduals`).
/// - extract: `W` is `signatures.tsv`; the observed catalog is the sample's column of the input
///   catalog (`SectionContext.inputCatalog`: `--catalog`, else the input `run.json` records), and
///   the residual is observed − W·h.
enum SamplePanels {
  /// Signatures listed under "top contributions".
  static let topContributions = 5
  /// Worst-fitting samples drawn (named samples come on top).
  static let worstLimit = 10

  /// One panel's numbers, per channel in canonical order.
  struct Panel {
    let observed: [Double]
    let reconstruction: [Double]
    let residual: [Double]
  }

  /// The panels of a fit folder (section `samples`).
  static func addFit(cosines: QualitySections.Cosines?, exposures: ExposureTable?, colors: SignatureColors,
                     to report: inout ReportAssembly, context: inout SectionContext) {
    guard let cosines, let exposures, context.folder.file("residuals.tsv") != nil,
          let table = context.table("residuals.tsv", into: &report),
          let residuals = QualitySections.residualColumns(table, into: &report),
          case let .success(reference) = context.referenceSet(for: residuals.mutationClass),
          exposures.signatureNames.allSatisfy(reference.names.contains) else {
      QualitySections.addResiduals(cosines: cosines, to: &report, context: context)
      return
    }
    let columns = exposures.signatureNames.map { reference.names.firstIndex(of: $0)! }
    let panel = { (name: String) -> Panel? in
      guard let j = residuals.samples.firstIndex(of: name), let i = exposures.sampleNames.firstIndex(of: name) else { return nil }
      let reconstruction = reconstruct(exposures, row: i, profiles: reference.matrix, columns: columns)
      // Rounding in the written files can leave a channel a hair below 0; a count is never negative.
      let observed = zip(reconstruction, residuals.values[j]).map { Swift.max(0, $0 + $1) }
      return Panel(observed: observed, reconstruction: reconstruction, residual: residuals.values[j])
    }
    add(cls: residuals.mutationClass, cosines: cosines, exposures: exposures, colors: colors, labels: [:],
        sources: "the observed catalog is the reconstruction plus the residual of residuals.tsv; W is the reference table the fit used",
        missing: "is not in both residuals.tsv and exposures.tsv", panel: panel, to: &report, context: context)
  }

  /// The panels of an extract folder (section `samples`); needs the input catalog.
  static func addExtract(cosines: QualitySections.Cosines?, signatures: SignatureSet?, exposures: ExposureTable?,
                         labels: [String: String], to report: inout ReportAssembly, context: SectionContext) {
    guard let cosines, let signatures, let exposures,
          exposures.signatureNames.allSatisfy(signatures.names.contains) else { return }
    let catalog: MutationCatalog
    switch context.inputCatalog(for: signatures.mutationClass) {
    case let .success(found): catalog = found
    case let .failure(reason):
      report.section("samples", "Per-sample panels",
                     HTMLPage.note("Per-sample panels need the catalog the signatures were extracted from: \(reason). "
                       + "Rebuild with sigil report DIR --catalog FILE."))
      if !context.options.samples.isEmpty {
        report.warn("--sample: no per-sample panels: \(reason); give the catalog with --catalog FILE")
      }
      return
    }
    let columns = exposures.signatureNames.map { signatures.names.firstIndex(of: $0)! }
    let panel = { (name: String) -> Panel? in
      guard let j = catalog.sampleNames.firstIndex(of: name), let i = exposures.sampleNames.firstIndex(of: name) else { return nil }
      let reconstruction = reconstruct(exposures, row: i, profiles: signatures.matrix, columns: columns)
      let observed = catalog.counts.column(j)
      return Panel(observed: observed, reconstruction: reconstruction, residual: zip(observed, reconstruction).map { $0 - $1 })
    }
    add(cls: signatures.mutationClass, cosines: cosines, exposures: exposures, colors: SignatureColors(exposures.signatureNames),
        labels: labels, sources: "the observed catalog is the input catalog, the residual observed − W·h; W is signatures.tsv",
        missing: "is not in both the input catalog and exposures.tsv", panel: panel, to: &report, context: context)
  }

  /// `W·h` for one sample: the profiles (channels × reference columns) weighted by row `i`.
  static func reconstruct(_ exposures: ExposureTable, row i: Int, profiles: Matrix, columns: [Int]) -> [Double] {
    var out = Array(repeating: 0.0, count: profiles.rows)
    for (s, column) in columns.enumerated() where exposures.values[i, s] > 0 {
      let x = exposures.values[i, s]
      for c in 0..<profiles.rows { out[c] += x * profiles[c, column] }
    }
    return out
  }

  /// The samples to draw: those named with `--sample` (in the order given), then the flagged
  /// ones worst first (at most `worstLimit`), else the worst-fitted one.
  static func chosen(cosines: QualitySections.Cosines, named: [String]) -> (names: [String], worst: Set<String>) {
    var worst = cosines.flagged.prefix(worstLimit).map { cosines.samples[$0] }
    if worst.isEmpty {
      worst = CosineStripPlot(samples: cosines.samples, cosines: cosines.values, threshold: 0, source: "").sortedOrder
        .prefix(1).map { cosines.samples[$0] }
    }
    var seen = Set<String>()
    let names = (named + worst).filter { seen.insert($0).inserted }
    return (names, Set(worst))
  }

  private static func add(cls: MutationClass, cosines: QualitySections.Cosines, exposures: ExposureTable, colors: SignatureColors,
                          labels: [String: String], sources: String, missing: String, panel: (String) -> Panel?,
                          to report: inout ReportAssembly, context: SectionContext) {
    let threshold = SVGNumber.trimmed(context.options.lowCosine, digits: 3)
    let named = context.options.samples
    let (names, worst) = chosen(cosines: cosines, named: named)
    var body = ""
    if !named.isEmpty {
      body += HTMLPage.note("Named with --sample: " + named.map(HTMLPage.escape).joined(separator: ", ") + ".")
    }
    if cosines.flagged.isEmpty {
      body += HTMLPage.note("No sample is below cosine \(threshold); the worst-fitted sample is shown.")
    } else {
      body += HTMLPage.note("Samples below cosine \(threshold) in \(cosines.file), worst first"
        + (cosines.flagged.count > worstLimit ? " (the \(worstLimit) worst of \(cosines.flagged.count))." : "."))
    }
    body += HTMLPage.note("Each panel: the observed catalog (up) mirrored against its reconstruction W·h (down) on one percent "
      + "scale; the residual (observed − W·h) in mutations; the signatures contributing most. Here \(sources). "
      + "Other samples: sigil report DIR --sample NAME.")
    body += "<p class=\"note samples\">Jump to: " + names.map { name in
      "<a href=\"#sample-\(HTMLPage.escape(ReportAssembly.safeFileStem(name)))\">\(HTMLPage.escape(name))</a>"
        + (worst.contains(name) ? "" : " (named)")
    }.joined(separator: " · ") + "</p>\n"
    for name in names {
      guard let p = panel(name), let i = exposures.sampleNames.firstIndex(of: name) else {
        body += HTMLPage.note("\(name) \(missing).")
        continue
      }
      let cosine = cosines.samples.firstIndex(of: name).flatMap { cosines.values[$0] }.map { SVGNumber.fixed($0, digits: 3) }
      let anchor = HTMLPage.escape(ReportAssembly.safeFileStem(name))
      body += "<h3 id=\"sample-\(anchor)\">\(HTMLPage.escape(name))" + (cosine.map { " (cosine \($0))" } ?? "") + "</h3>\n"
      let mirrored = MirroredProfilePlot(mutationClass: cls, upper: p.observed, upperName: name,
                                         lower: p.reconstruction, lowerName: "W·h", cosine: cosine,
                                         roles: ("observed", "reconstructed"))
      body += HTMLPage.figure(report.figure("sample_\(name)", mirrored.canvas()),
                              caption: "\(name): observed catalog (up) and its reconstruction (down), percent of each; cosine from \(cosines.file).")
      let residual = ResidualProfilePlot(mutationClass: cls, values: p.residual, title: name, subtitle: cosine.map { "cosine \($0)" })
      body += HTMLPage.figure(report.figure("residuals_\(name)", residual.canvas()),
                              caption: "\(name): residual per \(cls.rawValue) channel, in mutations.")
      let total = (0..<exposures.signatureNames.count).reduce(0.0) { $0 + exposures.values[i, $1] }
      let top = exposures.signatureNames.indices.filter { exposures.values[i, $0] > 0 }
        .sorted { exposures.values[i, $0] > exposures.values[i, $1] }.prefix(topContributions)
      let rows = top.map { s -> [String] in
        let n = exposures.signatureNames[s]
        return ["<span class=\"key\" style=\"background:\(colors[n])\"></span>\(HTMLPage.escape(labels[n] ?? n))",
                SVGNumber.cell(exposures.values[i, s], digits: 1),
                total > 0 ? SVGNumber.fixed(exposures.values[i, s] / total * 100, digits: 1) + "%" : "NA"]
      }
      body += HTMLPage.rawTable(header: ["Top contributions", "Mutations", "Share"], rows: rows)
    }
    report.section("samples", "Per-sample panels", body)
  }
}
