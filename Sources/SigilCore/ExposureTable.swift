/// Exposures H, stored one row per sample: how many mutations each signature contributed.
///
/// The on-disk layout is `Sample` then one column per signature (one row per sample), which is
/// how SigProfiler writes `Activities` and what spreadsheets expect. In memory `values` is
/// samples x signatures; `H` (k x samples, the NMF orientation) is `values.transposed`.
public struct ExposureTable: Equatable, Sendable {
  /// Row names.
  public let sampleNames: [String]
  /// Column names.
  public let signatureNames: [String]
  /// Exposures, samples x signatures.
  public let values: Matrix

  /// Creates a table. Traps on a shape mismatch.
  public init(sampleNames: [String], signatureNames: [String], values: Matrix) {
    precondition(values.rows == sampleNames.count && values.columns == signatureNames.count, "exposure table shape mismatch")
    self.sampleNames = sampleNames
    self.signatureNames = signatureNames
    self.values = values
  }

  /// Creates a table from H in NMF orientation (signatures x samples).
  public init(sampleNames: [String], signatureNames: [String], h: Matrix) {
    self.init(sampleNames: sampleNames, signatureNames: signatureNames, values: h.transposed)
  }

  /// The TSV text: `Sample` then one column per signature.
  public func tsv() -> String {
    TableText.render(corner: "Sample", columnNames: signatureNames, rowLabels: sampleNames, values: values)
  }

  /// Writes the TSV atomically.
  public func write(to path: String) throws { try AtomicFile.write(tsv(), to: path) }

  /// Reads an exposure table (one row per sample).
  /// - Throws: `TableFormatError`, including `.duplicateRow` for a repeated sample.
  public static func read(path: String) throws -> ExposureTable {
    let t = try LabeledTable.read(path: path)
    var seen: [String: Int] = [:]
    for (r, name) in t.rowLabels.enumerated() {
      if seen[name] != nil { throw TableFormatError.duplicateRow(path: path, line: t.rowLines[r], name: name) }
      seen[name] = r
    }
    return ExposureTable(sampleNames: t.rowLabels, signatureNames: t.columnNames, values: t.values)
  }
}
