import SigilCore

/// The text of `sigil fit`'s TSV outputs (layouts in Docs/Methods-fit.md).
public enum FitTables {
  /// Written where a statistic is undefined (an empty sample).
  public static let missing = "NA"

  /// `exposures_ci.tsv`: `sample signature exposure lower upper selected_fraction`, one row per
  /// sample and signature whose interval is not [0, 0] (exposure or upper bound positive, or some
  /// replicate selected it), in catalog then signature-set order. Without bootstrap, one row per
  /// positive exposure, lower/upper/selected_fraction `NA`.
  public static func intervals(_ fit: CohortFit, sampleNames: [String], signatureNames: [String]) -> String {
    var out = "sample\tsignature\texposure\tlower\tupper\tselected_fraction\n"
    for (s, sample) in fit.samples.enumerated() {
      for (j, x) in sample.exposures.enumerated() {
        let iv = fit.intervals.isEmpty ? nil : fit.intervals[s][j]
        guard x > 0 || (iv.map { $0.upper > 0 || $0.selectedFraction > 0 } ?? false) else { continue }
        let f = NumberFormatting.format
        out += "\(sampleNames[s])\t\(signatureNames[j])\t\(f(x))\t"
        out += iv.map { "\(f($0.lower))\t\(f($0.upper))\t\(f($0.selectedFraction))" } ?? "\(missing)\t\(missing)\t\(missing)"
        out += "\n"
      }
    }
    return out
  }

  /// `fit_stats.tsv`: `sample mutations cosine kl l2 signatures dispersion`, one row per sample
  /// (`dispersion` = `SampleFit.dispersion`, `NA` when undefined).
  public static func statistics(_ fit: CohortFit, sampleNames: [String]) -> String {
    var out = "sample\tmutations\tcosine\tkl\tl2\tsignatures\tdispersion\n"
    let f = NumberFormatting.format
    for (s, sample) in fit.samples.enumerated() {
      out += "\(sampleNames[s])\t\(f(sample.mutations))\t\(sample.cosine.map(f) ?? missing)\t"
      out += "\(sample.kl.map(f) ?? missing)\t\(f(sample.l2))\t\(sample.signatureCount)\t"
      out += "\(sample.dispersion.map(f) ?? missing)\n"
    }
    return out
  }

  /// `residuals.tsv`: catalog layout (`MutationType` + one column per sample) of `counts − W·x`.
  public static func residuals(_ fit: CohortFit, catalog: MutationCatalog, signatures: SignatureSet) -> String {
    var r = catalog.counts
    let w = signatures.matrix
    for (s, sample) in fit.samples.enumerated() {
      for (j, x) in sample.exposures.enumerated() where x > 0 {
        for i in 0..<w.rows { r[i, s] -= w[i, j] * x }
      }
    }
    return TableText.render(corner: "MutationType", columnNames: catalog.sampleNames, rowLabels: catalog.channels, values: r)
  }
}
