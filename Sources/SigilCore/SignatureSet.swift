/// Mutational signatures: the matrix W (channels x signatures), each column summing to 1.
///
/// Columns are normalised on creation, so a COSMIC column that sums to 0.99999 becomes exactly a
/// probability vector; an all-zero column is rejected by the readers.
///
/// ```swift
/// let cosmic = try SignatureSet.read(path: "reference/COSMIC_v3.4_SBS_GRCh37.txt")
/// let subset = try cosmic.selecting(["SBS1", "SBS5"], path: "COSMIC")
/// ```
public struct SignatureSet: Equatable, Sendable {
  /// The channel alphabet of the rows.
  public let mutationClass: MutationClass
  /// One name per signature.
  public let names: [String]
  /// Signatures, channels x signatures; each column sums to 1.
  public let matrix: Matrix

  /// Creates a set, normalising each column to sum 1. Traps on shape mismatch or a zero column.
  public init(mutationClass: MutationClass, names: [String], matrix: Matrix) {
    precondition(matrix.rows == mutationClass.channelCount && matrix.columns == names.count,
                 "signature matrix \(matrix.rows) x \(matrix.columns) does not fit \(mutationClass.rawValue) x \(names.count)")
    var m = matrix
    for j in 0..<m.columns {
      let s = m.column(j).reduce(0, +)
      precondition(s > 0, "signature \(names[j]) is all zeros")
      for i in 0..<m.rows { m[i, j] /= s }
    }
    self.mutationClass = mutationClass
    self.names = names
    self.matrix = m
  }

  /// Number of signatures.
  public var count: Int { names.count }

  /// The signatures with the given names, in that order.
  /// - Throws: `TableFormatError.unknownColumns` listing names not in the set.
  public func selecting(_ selected: [String], path: String) throws -> SignatureSet {
    let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let unknown = selected.filter { index[$0] == nil }
    guard unknown.isEmpty else { throw TableFormatError.unknownColumns(path: path, names: unknown, available: names) }
    return SignatureSet(mutationClass: mutationClass, names: selected, matrix: matrix.selectingColumns(selected.map { index[$0]! }))
  }

  /// Reads a signature table (COSMIC, SigProfiler or sigil layout), rows matched by label.
  /// - Throws: `TableFormatError`, including `.zeroSignature` for an all-zero column.
  public static func read(path: String, expected: MutationClass? = nil) throws -> SignatureSet {
    let table = try LabeledTable.read(path: path)
    let (cls, m) = try table.canonicalChannels(expected: expected)
    for (j, s) in m.columnSums.enumerated() {
      if s <= 0 { throw TableFormatError.zeroSignature(path: path, name: table.columnNames[j]) }
      if !s.isFinite { throw TableFormatError.signatureSumNotFinite(path: path, name: table.columnNames[j]) }
    }
    return SignatureSet(mutationClass: cls, names: table.columnNames, matrix: m)
  }

  /// The canonical TSV text (`MutationType` + one column per signature).
  public func tsv() -> String {
    TableText.render(corner: "MutationType", columnNames: names, rowLabels: mutationClass.channels, values: matrix)
  }

  /// Writes the canonical TSV atomically.
  public func write(to path: String) throws { try AtomicFile.write(tsv(), to: path) }
}
