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
    try readNotingRescaled(path: path, expected: expected).set
  }

  /// How far a column's sum in the file may be from 1 and still be a rounded probability vector
  /// (published tables are rounded to 3-6 digits); beyond it the rescaling deserves a warning.
  public static let sumTolerance = 0.01

  /// Reads a signature table like `read`, and names the columns whose sum in the file is off 1 by
  /// more than `sumTolerance` (a count catalog given as signatures, say): they are still rescaled
  /// to sum 1, and the caller warns (`rescaledWarning`).
  public static func readNotingRescaled(path: String, expected: MutationClass? = nil) throws
    -> (set: SignatureSet, rescaled: [(name: String, sum: Double)]) {
    let table = try LabeledTable.read(path: path)
    let (cls, m) = try table.canonicalChannels(expected: expected)
    var rescaled: [(name: String, sum: Double)] = []
    for (j, s) in m.columnSums.enumerated() {
      if s <= 0 { throw TableFormatError.zeroSignature(path: path, name: table.columnNames[j]) }
      if !s.isFinite { throw TableFormatError.signatureSumNotFinite(path: path, name: table.columnNames[j]) }
      if abs(s - 1) > sumTolerance { rescaled.append((table.columnNames[j], s)) }
    }
    return (SignatureSet(mutationClass: cls, names: table.columnNames, matrix: m), rescaled)
  }

  /// The warning for columns `readNotingRescaled` rescaled, or nil when there are none.
  public static func rescaledWarning(path: String, _ rescaled: [(name: String, sum: Double)]) -> String? {
    guard let first = rescaled.first else { return nil }
    let looksLikeCounts = rescaled.allSatisfy { $0.sum >= 2 && $0.sum.rounded() == $0.sum }
    return "\(path): \(rescaled.count) signature column(s) do not sum to 1 (\(first.name) sums to \(NumberFormatting.format(first.sum))); "
      + "they were renormalised to sum 1" + (looksLikeCounts ? " — the table looks like a count catalog, not a signature table" : "")
  }

  /// The canonical TSV text (`MutationType` + one column per signature).
  public func tsv() -> String {
    TableText.render(corner: "MutationType", columnNames: names, rowLabels: mutationClass.channels, values: matrix)
  }

  /// Writes the canonical TSV atomically.
  public func write(to path: String) throws { try AtomicFile.write(tsv(), to: path) }
}
