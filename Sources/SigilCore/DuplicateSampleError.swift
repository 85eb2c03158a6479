/// A sample name given by two inputs: sigil's one "duplicate sample" error, thrown by `count`
/// (two VCFs with the same sample), `merge` and `MutationCatalog.merging` (two catalogs).
///
/// Sample names key every output table; a sample counted or listed twice would be summed or
/// overwritten silently, so it is refused, naming both inputs.
/// ```swift
/// throw DuplicateSampleError(name: "T1", firstSource: "a.vcf.gz", secondSource: "b.bcf")
/// ```
public struct DuplicateSampleError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The sample name.
  public let name: String
  /// The input where it appeared first, and the one where it appeared again (nil when the
  /// caller has no file names, e.g. catalogs built in memory).
  public let firstSource: String?
  public let secondSource: String?

  public init(name: String, firstSource: String? = nil, secondSource: String? = nil) {
    self.name = name
    self.firstSource = firstSource
    self.secondSource = secondSource
  }

  public var description: String {
    switch (firstSource, secondSource) {
    case let (first?, second?) where first == second:
      return "sample '\(name)' appears twice because \(first) is given more than once; list each input once"
    case let (first?, second?):
      return "sample '\(name)' appears in both \(first) and \(second); sample names must be unique "
        + "(a sample given twice would be summed silently: drop one input or rename the sample, e.g. count --sample-name)"
    default:
      return "sample '\(name)' appears in more than one input; sample names must be unique "
        + "(drop one input or rename the sample, e.g. count --sample-name)"
    }
  }
}
