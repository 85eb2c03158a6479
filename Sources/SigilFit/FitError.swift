import SigilCore

/// Why signatures could not be fitted.
public enum FitError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The catalog and the signatures use different channel alphabets; `missing` are catalog
  /// channel labels that the signature table lacks (first few).
  case channelMismatch(catalog: MutationClass, signatures: MutationClass, missing: [String], missingCount: Int)
  /// `--include`/`--exclude` named signatures the set does not have.
  case unknownSignatures(option: String, names: [String], available: [String])
  /// No signatures left after `--include`/`--exclude`.
  case emptySignatureSet
  /// A count is negative or not finite.
  case invalidCount(sample: String, channel: String, value: Double)
  /// A parameter is out of range.
  case invalidParameter(String)
  /// An opportunity table (`--opportunity`, `--reference-opportunity`) is unusable.
  case invalidOpportunity(path: String, reason: String)

  public var description: String {
    switch self {
    case let .channelMismatch(catalog, signatures, missing, count):
      let more = count > missing.count ? ", ... (\(count) in all)" : ""
      return "the catalog has \(catalog.rawValue) channels but the signatures have \(signatures.rawValue) channels; "
        + "the signature table lacks the catalog labels \(missing.joined(separator: ", "))\(more). "
        + "Fit \(catalog.rawValue) signatures (e.g. the matching COSMIC table) to this catalog"
    case let .unknownSignatures(option, names, available):
      let shown = available.prefix(8).joined(separator: ", ") + (available.count > 8 ? ", ..." : "")
      return "\(option): unknown signature(s) \(names.joined(separator: ", ")); the set has \(shown)"
    case .emptySignatureSet:
      return "no signatures left to fit after --include/--exclude"
    case let .invalidCount(sample, channel, value):
      return "sample '\(sample)', channel \(channel): count \(value) is not a finite non-negative number"
    case let .invalidParameter(message):
      return message
    case let .invalidOpportunity(path, reason):
      return "\(path): \(reason)"
    }
  }
}
