/// Mutation counts per channel and sample: the catalog V (channels x samples).
///
/// Rows are in the canonical channel order of `mutationClass`; columns are samples. Counts are
/// non-negative and finite (usually whole numbers; opportunity-normalised catalogs may not be).
///
/// ```swift
/// let catalog = try MutationCatalog.read(path: "catalog.sbs96.tsv")
/// print(catalog.sampleNames, catalog.counts[0, 0])
/// try catalog.write(to: "out/catalog.sbs96.tsv")
/// ```
public struct MutationCatalog: Equatable, Sendable {
  /// Which channel alphabet the rows use.
  public let mutationClass: MutationClass
  /// One name per column, unique.
  public private(set) var sampleNames: [String]
  /// Counts, channels x samples.
  public private(set) var counts: Matrix

  /// Creates a catalog. Traps on a shape mismatch; duplicate names are a programmer error here
  /// (readers check them and throw).
  public init(mutationClass: MutationClass, sampleNames: [String], counts: Matrix) {
    precondition(counts.rows == mutationClass.channelCount,
                 "catalog has \(counts.rows) rows, \(mutationClass.rawValue) needs \(mutationClass.channelCount)")
    precondition(counts.columns == sampleNames.count,
                 "catalog has \(counts.columns) columns but \(sampleNames.count) sample names")
    precondition(Set(sampleNames).count == sampleNames.count, "duplicate sample names in catalog")
    self.mutationClass = mutationClass
    self.sampleNames = sampleNames
    self.counts = counts
  }

  /// An all-zero catalog.
  public init(mutationClass: MutationClass, sampleNames: [String]) {
    self.init(mutationClass: mutationClass, sampleNames: sampleNames,
              counts: Matrix(rows: mutationClass.channelCount, columns: sampleNames.count))
  }

  /// Channel labels in row order.
  public var channels: [String] { mutationClass.channels }
  /// Number of samples.
  public var sampleCount: Int { sampleNames.count }
  /// Total count per sample.
  public var totals: [Double] { counts.columnSums }

  /// The catalog restricted to the given samples, in the given order.
  public func selectingSamples(_ indices: [Int]) -> MutationCatalog {
    MutationCatalog(mutationClass: mutationClass, sampleNames: indices.map { sampleNames[$0] },
                    counts: counts.selectingColumns(indices))
  }

  /// Catalogs side by side (same class); duplicate sample names are an error.
  /// - Parameter sources: Where each catalog came from (e.g. its path), named in the error.
  /// - Throws: `DuplicateSampleError` naming the sample (and both sources when given).
  public static func merging(_ catalogs: [MutationCatalog], sources: [String]? = nil) throws -> MutationCatalog {
    guard let first = catalogs.first else { preconditionFailure("merging needs at least one catalog") }
    precondition(sources == nil || sources!.count == catalogs.count, "one source per catalog")
    var names: [String] = [], columns: [[Double]] = []
    var seen: [String: Int] = [:]
    for (i, c) in catalogs.enumerated() {
      precondition(c.mutationClass == first.mutationClass, "cannot merge \(c.mutationClass) into \(first.mutationClass)")
      for j in 0..<c.sampleCount {
        if let earlier = seen[c.sampleNames[j]] {
          throw DuplicateSampleError(name: c.sampleNames[j], firstSource: sources?[earlier], secondSource: sources?[i])
        }
        seen[c.sampleNames[j]] = i
        names.append(c.sampleNames[j]); columns.append(c.counts.column(j))
      }
    }
    return MutationCatalog(mutationClass: first.mutationClass, sampleNames: names,
                           counts: Matrix(rows: first.mutationClass.channelCount, columns: columns))
  }
}

extension MutationCatalog {
  /// Reads a catalog table, matching rows by channel label in any order.
  /// - Parameters:
  ///   - path: A TSV with a channel column and one column per sample (`-` for stdin).
  ///   - expected: The class to require, or nil to infer it from the labels.
  /// - Throws: `TableFormatError` naming file, line and what was expected.
  public static func read(path: String, expected: MutationClass? = nil) throws -> MutationCatalog {
    let table = try LabeledTable.read(path: path)
    return try MutationCatalog(table: table, expected: expected)
  }

  /// Builds a catalog from a parsed table.
  /// - Throws: `TableFormatError`, including `.notACount` for a cell that is not a whole number below 2^53.
  public init(table: LabeledTable, expected: MutationClass? = nil) throws {
    try table.checkCounts()
    let (cls, counts) = try table.canonicalChannels(expected: expected)
    self.init(mutationClass: cls, sampleNames: table.columnNames, counts: counts)
  }

  /// The canonical TSV text: `MutationType` then one column per sample, canonical row order.
  public func tsv() -> String {
    TableText.render(corner: "MutationType", columnNames: sampleNames, rowLabels: channels, values: counts)
  }

  /// Writes the canonical TSV atomically (`-` for stdout).
  public func write(to path: String) throws {
    try AtomicFile.write(tsv(), to: path)
  }
}

/// Renders a labelled matrix as TSV text with shortest round-trip numbers and `\n` line ends.
public enum TableText {
  /// The TSV text of a table.
  public static func render(corner: String, columnNames: [String], rowLabels: [String], values: Matrix) -> String {
    precondition(values.rows == rowLabels.count && values.columns == columnNames.count, "table shape mismatch")
    var out = ([corner] + columnNames).joined(separator: "\t") + "\n"
    for i in 0..<values.rows {
      out += rowLabels[i]
      for j in 0..<values.columns { out += "\t" + NumberFormatting.format(values[i, j]) }
      out += "\n"
    }
    return out
  }
}
