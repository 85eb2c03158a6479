/// Matches the contig names of a variant file to the contigs of a reference FASTA.
///
/// In order: the exact name; the name with `chr` removed or added (`chr7` <-> `7`); the mitochondrion
/// aliases `M`, `MT`, `chrM`, `chrMT`. Names that match nothing are reported by the caller.
///
/// ```swift
/// let matcher = ContigMatcher(referenceContigs: ["chr1", "chr2", "chrM"])
/// matcher.referenceIndex(of: "1")    // 0
/// matcher.referenceIndex(of: "MT")   // 2
/// ```
public struct ContigMatcher: Sendable {
  private let index: [String: Int]
  private let mitochondrion: Int?
  /// The reference contig names, in FASTA order.
  public let referenceContigs: [String]

  /// Creates a matcher for the FASTA contigs, in .fai order.
  public init(referenceContigs: [String]) {
    self.referenceContigs = referenceContigs
    var index: [String: Int] = [:]
    for (i, name) in referenceContigs.enumerated() where index[name] == nil { index[name] = i }
    self.index = index
    mitochondrion = Self.mitochondrialNames.lazy.compactMap { index[$0] }.first
  }

  private static let mitochondrialNames = ["chrM", "MT", "M", "chrMT"]

  /// The FASTA contig index for a variant-file contig name, or nil when there is no match.
  public func referenceIndex(of name: String) -> Int? {
    if let i = index[name] { return i }
    if name.hasPrefix("chr"), let i = index[String(name.dropFirst(3))] { return i }
    if !name.hasPrefix("chr"), let i = index["chr" + name] { return i }
    if Self.mitochondrialNames.contains(name) { return mitochondrion }
    return nil
  }
}
