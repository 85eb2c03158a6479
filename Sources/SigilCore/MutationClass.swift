/// A family of mutation channels with a fixed, canonical order.
///
/// The canonical order is the row order of the COSMIC reference tables bundled in `reference/`
/// (a test checks each against those files). Labels follow COSMIC: SBS96 `A[C>A]G`
/// (pyrimidine-centred, 5' base, substitution, 3' base), DBS78 `AC>CA`, ID83 `1:Del:C:0`.
/// SBS1536 (`AA[C>A]AA`, pentanucleotide) and SBS288 (`T:A[C>A]A`, transcriptional strand T, U or N
/// then the SBS96 label) follow SigProfilerMatrixGenerator 1.4.0's labels and row order (COSMIC
/// ships no tables for them): SBS1536 sorted by label, SBS288 all `T:` rows, then `U:`, then `N:`,
/// each block in SBS96 order.
///
/// ```swift
/// let labels = MutationClass.sbs96.channels      // 96 labels, "A[C>A]A" first
/// let row = MutationClass.sbs96.index(of: "T[C>T]G")
/// ```
public enum MutationClass: String, CaseIterable, Sendable, Codable {
  case sbs96 = "SBS96"
  case dbs78 = "DBS78"
  case id83 = "ID83"
  case sbs1536 = "SBS1536"
  case sbs288 = "SBS288"

  /// The channel labels in canonical order.
  public var channels: [String] {
    switch self {
    case .sbs96: return Self.sbs96Labels
    case .dbs78: return Self.dbs78Labels
    case .id83: return Self.id83Labels
    case .sbs1536: return Self.sbs1536Labels
    case .sbs288: return Self.sbs288Labels
    }
  }

  /// Number of channels.
  public var channelCount: Int { channels.count }

  /// Row of `label` in the canonical order, or nil when the label is not a channel of this class.
  public func index(of label: String) -> Int? {
    switch self {
    case .sbs96: return Self.sbs96Index[label]
    case .dbs78: return Self.dbs78Index[label]
    case .id83: return Self.id83Index[label]
    case .sbs1536: return Self.sbs1536Index[label]
    case .sbs288: return Self.sbs288Index[label]
    }
  }

  /// The class whose alphabet contains `label`, if any.
  public static func containing(label: String) -> MutationClass? {
    allCases.first { $0.index(of: label) != nil }
  }

  /// The six pyrimidine-centred substitution classes, in COSMIC order.
  public static let substitutionClasses = ["C>A", "C>G", "C>T", "T>A", "T>C", "T>G"]

  private static let bases = ["A", "C", "G", "T"]

  private static let sbs96Labels: [String] = bases.flatMap { five in
    substitutionClasses.flatMap { sub in bases.map { three in "\(five)[\(sub)]\(three)" } }
  }

  private static let dbs78Labels: [String] = [
    "AC>CA", "AC>CG", "AC>CT", "AC>GA", "AC>GG", "AC>GT", "AC>TA", "AC>TG", "AC>TT",
    "AT>CA", "AT>CC", "AT>CG", "AT>GA", "AT>GC", "AT>TA",
    "CC>AA", "CC>AG", "CC>AT", "CC>GA", "CC>GG", "CC>GT", "CC>TA", "CC>TG", "CC>TT",
    "CG>AT", "CG>GC", "CG>GT", "CG>TA", "CG>TC", "CG>TT",
    "CT>AA", "CT>AC", "CT>AG", "CT>GA", "CT>GC", "CT>GG", "CT>TA", "CT>TC", "CT>TG",
    "GC>AA", "GC>AG", "GC>AT", "GC>CA", "GC>CG", "GC>TA",
    "TA>AT", "TA>CG", "TA>CT", "TA>GC", "TA>GG", "TA>GT",
    "TC>AA", "TC>AG", "TC>AT", "TC>CA", "TC>CG", "TC>CT", "TC>GA", "TC>GG", "TC>GT",
    "TG>AA", "TG>AC", "TG>AT", "TG>CA", "TG>CC", "TG>CT", "TG>GA", "TG>GC", "TG>GT",
    "TT>AA", "TT>AC", "TT>AG", "TT>CA", "TT>CC", "TT>CG", "TT>GA", "TT>GC", "TT>GG",
  ]

  /// SBS1536: two 5' bases, substitution, two 3' bases; label order (SPMG sorts the labels).
  private static let sbs1536Labels: [String] = bases.flatMap { f1 in bases.flatMap { f2 in
    substitutionClasses.flatMap { sub in bases.flatMap { t1 in bases.map { t2 in "\(f1)\(f2)[\(sub)]\(t1)\(t2)" } } }
  } }

  /// The transcriptional strand prefixes of SBS288, in row order: transcribed, untranscribed, non-transcribed.
  public static let strandPrefixes = ["T", "U", "N"]

  private static let sbs288Labels: [String] = strandPrefixes.flatMap { s in sbs96Labels.map { "\(s):\($0)" } }

  /// ID83 in COSMIC order: 1-bp C/T deletions and insertions by homopolymer length, then
  /// 2-5+ bp deletions and insertions at repeats, then microhomology deletions.
  private static let id83Labels: [String] = {
    var labels: [String] = []
    for kind in ["Del", "Ins"] { for base in ["C", "T"] { for n in 0...5 { labels.append("1:\(kind):\(base):\(n)") } } }
    for kind in ["Del", "Ins"] { for size in 2...5 { for n in 0...5 { labels.append("\(size):\(kind):R:\(n)") } } }
    for size in 2...5 { for n in 1...(size == 5 ? 5 : size - 1) { labels.append("\(size):Del:M:\(n)") } }
    return labels
  }()

  private static func indexTable(_ labels: [String]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
  }
  private static let sbs96Index = indexTable(sbs96Labels)
  private static let dbs78Index = indexTable(dbs78Labels)
  private static let id83Index = indexTable(id83Labels)
  private static let sbs1536Index = indexTable(sbs1536Labels)
  private static let sbs288Index = indexTable(sbs288Labels)
}
