/// Why a report could not be built from an output folder.
///
/// Each case names the file (and line where there is one) and says what was expected.
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
  case notAFolder(path: String)
  case unrecognisedFolder(path: String)
  case cannotRead(path: String, reason: String)
  case emptyTable(path: String)
  case raggedRow(path: String, line: Int, expected: Int, found: Int)
  case missingColumn(path: String, column: String)
  case invalidTable(path: String, reason: String)
  case referenceUnavailable(reason: String)
  case unreadableFiles(folder: String, count: Int)
  /// `--sample` names that are not samples of the folder; `available` lists the folder's samples.
  case unknownSamples(names: [String], file: String, available: [String])

  public var description: String {
    switch self {
    case let .notAFolder(path):
      return "\(path): not a folder; pass the output folder of sigil count, extract or fit"
    case let .unrecognisedFolder(path):
      return "\(path): no sigil outputs found; expected signatures.tsv (extract), fit_stats.tsv or exposures_ci.tsv (fit), or catalog.sbs96.tsv (count)"
    case let .cannotRead(path, reason):
      return "\(path): cannot read: \(reason)"
    case let .emptyTable(path):
      return "\(path): the file is empty; expected a header row"
    case let .raggedRow(path, line, expected, found):
      return "\(path):\(line): expected \(expected) tab-separated fields like the header, found \(found)"
    case let .missingColumn(path, column):
      return "\(path): no column named '\(column)'"
    case let .invalidTable(path, reason):
      return "\(path): \(reason)"
    case let .referenceUnavailable(reason):
      return "reference signatures unavailable: \(reason)"
    case let .unreadableFiles(folder, count):
      return "\(folder): \(count) file(s) could not be read (see the warnings above); the report was written without them"
    case let .unknownSamples(names, file, available):
      let shown = available.prefix(5).joined(separator: ", ") + (available.count > 5 ? ", ... (\(available.count) in all)" : "")
      return "--sample: \(names.map { "'\($0)'" }.joined(separator: ", ")) not in \(file); its samples are \(shown)"
    }
  }
}
