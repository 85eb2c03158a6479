import Foundation

/// A rectangular numeric table with row labels and column names, as read from a TSV file.
///
/// The common ground of every table sigil reads: SigProfilerMatrixGenerator `.all` matrices
/// (header `MutationType`), COSMIC signature tables (header `Type`, CRLF, no final newline,
/// `5.80E-07`), MutationalPatterns `write.table` exports (header one field short, quoted names,
/// tabs or commas), and sigil's own output. Lines starting with `#` and blank lines are skipped.
/// Cells must be finite and non-negative; the error names file, line and column otherwise.
public struct LabeledTable: Sendable {
  /// The header's first field (`MutationType`, `Type`, `Sample`...), empty when the header omits it.
  public var cornerName: String
  /// Names of the value columns, in file order.
  public var columnNames: [String]
  /// Row labels (first field of each data row), in file order.
  public var rowLabels: [String]
  /// 1-based line number of each data row, for error messages.
  public var rowLines: [Int]
  /// Values, rows x columns.
  public var values: Matrix
  /// Where the table came from, for error messages.
  public var path: String

  /// Reads a table from `path` (`-` is standard input).
  /// - Throws: `TableFormatError` naming the file and line.
  public static func read(path: String) throws -> LabeledTable {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
        throw TableFormatError.cannotOpen(path: path, reason: reason)
      }
    }
    guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
      throw TableFormatError.cannotOpen(path: path, reason: "not a text file")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a UTF-8 byte-order mark (Excel exports)
    return try parse(text: text, path: path)
  }

  /// Parses table text; `path` is used in error messages only.
  public static func parse(text: String, path: String) throws -> LabeledTable {
    var header: [String]? = nil
    var separator: Character = "\t"
    var labels: [String] = [], lines: [Int] = [], rows: [[Double]] = []
    var lineNumber = 0
    var columnCount = 0, labelOffset = 1
    var names: [String] = []
    var corner = ""
    var headerLine = 0
    // Character-wise "\r\n" is one grapheme, so split on any newline character.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      if header == nil {
        if !line.contains("\t") && line.contains(",") { separator = "," }
        let fields = splitFields(line, separator)
        header = fields
        headerLine = lineNumber
        continue
      }
      let fields = splitFields(line, separator)
      if rows.isEmpty {
        // MutationalPatterns/R write.table: the header has no name for the row-label column.
        let h = header!
        if fields.count == h.count + 1 {
          corner = ""; names = h; labelOffset = 1
        } else {
          corner = h[0]; names = Array(h.dropFirst()); labelOffset = 1
        }
        columnCount = names.count
        guard columnCount > 0 else { throw TableFormatError.noDataColumns(path: path) }
        try checkNames(names, path: path, line: headerLine, firstColumn: h.count - names.count + 1)
      }
      guard fields.count == columnCount + labelOffset else {
        throw TableFormatError.raggedRow(path: path, line: lineNumber, expected: columnCount + labelOffset, found: fields.count)
      }
      var row = [Double](repeating: 0, count: columnCount)
      for c in 0..<columnCount {
        let cell = fields[c + labelOffset]
        // Swift's Double(_:) also reads hexadecimal ("0x1p3"); a table cell is decimal only.
        guard let v = Double(cell.trimmingCharacters(in: .whitespaces)), !cell.contains(where: { $0 == "x" || $0 == "X" }) else {
          throw TableFormatError.invalidNumber(path: path, line: lineNumber, column: names[c], value: cell)
        }
        guard v.isFinite else { throw TableFormatError.nonFiniteValue(path: path, line: lineNumber, column: names[c], value: cell) }
        guard v >= 0 else { throw TableFormatError.negativeValue(path: path, line: lineNumber, column: names[c], value: cell) }
        row[c] = v == 0 ? 0 : v  // -0.0 reads as 0
      }
      labels.append(fields[0]); lines.append(lineNumber); rows.append(row)
    }
    guard header != nil else { throw TableFormatError.empty(path: path) }
    if rows.isEmpty {
      guard header!.count > 1 else { throw TableFormatError.noDataColumns(path: path) }
      corner = header![0]; names = Array(header!.dropFirst())
      try checkNames(names, path: path, line: headerLine, firstColumn: 2)
    }
    var m = Matrix(rows: rows.count, columns: names.count)
    for (i, row) in rows.enumerated() { for (j, v) in row.enumerated() { m[i, j] = v } }
    return LabeledTable(cornerName: corner, columnNames: names, rowLabels: labels, rowLines: lines, values: m, path: path)
  }

  /// Column names must be non-empty and unique.
  private static func checkNames(_ names: [String], path: String, line: Int, firstColumn: Int) throws {
    var seen = Set<String>()
    for (i, n) in names.enumerated() {
      if n.trimmingCharacters(in: .whitespaces).isEmpty { throw TableFormatError.emptyColumnName(path: path, line: line, column: firstColumn + i) }
      if !seen.insert(n).inserted { throw TableFormatError.duplicateColumn(path: path, name: n) }
    }
  }

  /// Largest count a catalog cell may hold: 2^53, below which every integer is exact in a Double.
  public static let largestCount = 9_007_199_254_740_992.0

  /// Checks that every value is a whole number below `largestCount` (a mutation count), and so is
  /// each column's total (1536 cells below 2^53 can still sum past `Int.max`).
  /// - Throws: `TableFormatError.notACount` naming file, line and column, or `.countTotalTooLarge`.
  public func checkCounts() throws {
    for j in 0..<values.columns {
      var total = 0.0
      for i in 0..<values.rows {
        let v = values[i, j]
        if v != v.rounded() || v >= Self.largestCount {
          throw TableFormatError.notACount(path: path, line: rowLines[i], column: columnNames[j], value: NumberFormatting.format(v))
        }
        total += v
      }
      if total >= Self.largestCount { throw TableFormatError.countTotalTooLarge(path: path, column: columnNames[j]) }
    }
  }

  private static func splitFields(_ line: Substring, _ separator: Character) -> [String] {
    line.split(separator: separator, omittingEmptySubsequences: false).map { field in
      var f = field.trimmingCharacters(in: separator == "," ? .whitespaces : CharacterSet())
      if f.count >= 2 && f.hasPrefix("\"") && f.hasSuffix("\"") { f = String(f.dropFirst().dropLast()) }
      return f
    }
  }
}

extension LabeledTable {
  /// Reorders the rows into the canonical channel order of a mutation class, inferring the class
  /// from the first row's label when `expected` is nil.
  /// - Throws: `unknownChannel`, `duplicateChannel`, `missingChannels`, `wrongChannelCount`.
  public func canonicalChannels(expected: MutationClass? = nil) throws -> (MutationClass, Matrix) {
    guard let first = rowLabels.first else {
      throw TableFormatError.wrongChannelCount(path: path, mutationClass: expected ?? .sbs96, found: 0)
    }
    let inferred = MutationClass.containing(label: first)
    if let expected, let inferred, inferred != expected {
      throw TableFormatError.wrongChannelCount(path: path, mutationClass: expected, found: rowLabels.count)
    }
    guard let cls = expected ?? inferred else {
      throw TableFormatError.unknownChannel(path: path, line: rowLines[0], label: first, mutationClass: nil)
    }
    var placed = [Int?](repeating: nil, count: cls.channelCount)
    for (r, label) in rowLabels.enumerated() {
      guard let index = cls.index(of: label) else {
        throw TableFormatError.unknownChannel(path: path, line: rowLines[r], label: label, mutationClass: cls)
      }
      if let firstRow = placed[index] {
        throw TableFormatError.duplicateChannel(path: path, line: rowLines[r], label: label, firstLine: rowLines[firstRow])
      }
      placed[index] = r
    }
    let missing = cls.channels.enumerated().filter { placed[$0.offset] == nil }.map(\.element)
    if !missing.isEmpty {
      throw TableFormatError.missingChannels(path: path, mutationClass: cls, labels: missing)
    }
    return (cls, values.selectingRows(placed.map { $0! }))
  }
}
