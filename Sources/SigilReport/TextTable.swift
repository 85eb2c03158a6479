import Foundation

/// A tab-separated table read as text: a header row and rows of string cells.
///
/// The report reads files whose columns are partly text (sample and signature names, reference
/// matches) and partly numbers whose exact set may grow (rank-selection statistics), so it keeps
/// cells as text and converts per column. Blank lines and lines starting with `#` are skipped;
/// `\r\n` line ends are accepted.
///
/// ```swift
/// let table = try TextTable.read(path: "out/rank_selection.tsv")
/// let ranks = table.numbers(column: 0)     // [Double?], nil where a cell is not a number
/// ```
public struct TextTable: Equatable, Sendable {
  /// Where the table came from, for messages.
  public let path: String
  /// The header fields.
  public let header: [String]
  /// Data rows; each has `header.count` cells.
  public let rows: [[String]]

  /// Creates a table; traps when a row's width differs from the header's.
  public init(path: String, header: [String], rows: [[String]]) {
    for row in rows { precondition(row.count == header.count, "row has \(row.count) cells, header has \(header.count)") }
    self.path = path
    self.header = header
    self.rows = rows
  }

  /// Reads a TSV file.
  /// - Throws: `ReportError.cannotRead`, `.emptyTable`, `.raggedRow`.
  public static func read(path: String) throws -> TextTable {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportError.cannotRead(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses TSV text; `path` is used in messages only.
  /// - Throws: `ReportError.emptyTable`, `.raggedRow`.
  public static func parse(_ text: String, path: String) throws -> TextTable {
    var header: [String]? = nil
    var rows: [[String]] = []
    var lineNumber = 0
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      var line = Substring(raw)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
      guard let h = header else { header = fields; continue }
      guard fields.count == h.count else {
        throw ReportError.raggedRow(path: path, line: lineNumber, expected: h.count, found: fields.count)
      }
      rows.append(fields)
    }
    guard let h = header else { throw ReportError.emptyTable(path: path) }
    return TextTable(path: path, header: h, rows: rows)
  }

  /// Index of the first column whose lower-cased name is one of `names` (exact), else nil.
  public func column(named names: [String]) -> Int? {
    let wanted = names.map { $0.lowercased() }
    return header.firstIndex { wanted.contains($0.lowercased()) }
  }

  /// The cells of column `j` read as numbers; nil where a cell is empty, `NA` or not a number.
  public func numbers(column j: Int) -> [Double?] {
    rows.map { TextTable.number($0[j]) }
  }

  /// The cells of column `j`.
  public func strings(column j: Int) -> [String] { rows.map { $0[j] } }

  /// Whether every non-missing cell of column `j` is a number and at least one is present.
  public func isNumeric(column j: Int) -> Bool {
    var seen = false
    for row in rows {
      let cell = row[j].trimmingCharacters(in: .whitespaces)
      if cell.isEmpty || cell == "NA" || cell == "nan" || cell == "NaN" { continue }
      guard TextTable.number(cell) != nil else { return false }
      seen = true
    }
    return seen
  }

  /// A cell as a finite number, or nil.
  public static func number(_ cell: String) -> Double? {
    guard let v = Double(cell.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
    return v
  }
}
