/// Why a catalog, signature or exposure table could not be read.
///
/// Each case names the file and, where there is one, the 1-based line, and its description says
/// what was expected, in the bcftools way.
public enum TableFormatError: Error, Equatable, CustomStringConvertible, Sendable {
  case cannotOpen(path: String, reason: String)
  case empty(path: String)
  case noDataColumns(path: String)
  case raggedRow(path: String, line: Int, expected: Int, found: Int)
  case invalidNumber(path: String, line: Int, column: String, value: String)
  case negativeValue(path: String, line: Int, column: String, value: String)
  case nonFiniteValue(path: String, line: Int, column: String, value: String)
  case unknownChannel(path: String, line: Int, label: String, mutationClass: MutationClass?)
  case duplicateChannel(path: String, line: Int, label: String, firstLine: Int)
  case missingChannels(path: String, mutationClass: MutationClass, labels: [String])
  case wrongChannelCount(path: String, mutationClass: MutationClass, found: Int)
  case duplicateColumn(path: String, name: String)
  case duplicateRow(path: String, line: Int, name: String)
  case zeroSignature(path: String, name: String)
  case unknownColumns(path: String, names: [String], available: [String])
  case cannotWrite(path: String, reason: String)
  case emptyColumnName(path: String, line: Int, column: Int)
  case notACount(path: String, line: Int, column: String, value: String)
  case signatureSumNotFinite(path: String, name: String)
  case countTotalTooLarge(path: String, column: String)

  public var description: String {
    switch self {
    case let .cannotOpen(path, reason):
      return "\(path): cannot open: \(reason)"
    case let .empty(path):
      return "\(path): the file is empty; expected a header row and one row per channel"
    case let .noDataColumns(path):
      return "\(path): the header has no sample or signature columns after the channel column"
    case let .raggedRow(path, line, expected, found):
      return "\(path):\(line): expected \(expected) tab-separated fields like the header, found \(found)"
    case let .invalidNumber(path, line, column, value):
      return "\(path):\(line): column '\(column)': '\(value)' is not a number"
    case let .negativeValue(path, line, column, value):
      return "\(path):\(line): column '\(column)': \(value) is negative; counts and signatures must be >= 0"
    case let .nonFiniteValue(path, line, column, value):
      return "\(path):\(line): column '\(column)': \(value) is not finite; expected a finite number"
    case let .unknownChannel(path, line, label, mutationClass):
      let expected = mutationClass.map { "a \($0.rawValue) channel such as \($0.channels[0])" }
        ?? "a channel label such as A[C>A]A (SBS96), AC>CA (DBS78) or 1:Del:C:0 (ID83)"
      return "\(path):\(line): '\(label)' is not a channel label; expected \(expected)"
    case let .duplicateChannel(path, line, label, firstLine):
      return "\(path):\(line): channel '\(label)' appears again (first on line \(firstLine)); each channel must appear once"
    case let .missingChannels(path, mutationClass, labels):
      let shown = labels.prefix(5).joined(separator: ", ") + (labels.count > 5 ? ", ..." : "")
      return "\(path): \(labels.count) of the \(mutationClass.channelCount) \(mutationClass.rawValue) channels are missing (\(shown))"
    case let .wrongChannelCount(path, mutationClass, found):
      return "\(path): expected the \(mutationClass.channelCount) \(mutationClass.rawValue) channels, but the file has \(found) rows of another class's channels"
    case let .duplicateColumn(path, name):
      return "\(path): column '\(name)' appears twice in the header; sample and signature names must be unique"
    case let .duplicateRow(path, line, name):
      return "\(path):\(line): row '\(name)' appears twice; sample names must be unique"
    case let .zeroSignature(path, name):
      return "\(path): signature '\(name)' is all zeros; a signature must have a positive sum"
    case let .unknownColumns(path, names, available):
      let shown = available.prefix(8).joined(separator: ", ") + (available.count > 8 ? ", ..." : "")
      return "\(path): no column named \(names.map { "'\($0)'" }.joined(separator: ", ")) (the file has \(shown))"
    case let .cannotWrite(path, reason):
      return "\(path): cannot write: \(reason)"
    case let .emptyColumnName(path, line, column):
      return "\(path):\(line): column \(column) of the header has no name; every sample or signature column needs a unique name"
    case let .notACount(path, line, column, value):
      return "\(path):\(line): column '\(column)': \(value) is not a mutation count; expected a whole number from 0 to 2^53 (9007199254740992)"
    case let .countTotalTooLarge(path, column):
      return "\(path): column '\(column)': the counts sum to 2^53 (9007199254740992) or more; expected a sample's total below it"
    case let .signatureSumNotFinite(path, name):
      return "\(path): signature '\(name)' sums to infinity; expected probabilities (or finite weights) per channel"
    }
  }
}
