import SigilCore

/// The left-to-right order, colour groups and tick labels of a profile's channels.
///
/// SBS96 is drawn as COSMIC draws it: six blocks by substitution class (C>A ... T>G), within a
/// block 5' base then 3' base, each tick labelled with the trinucleotide (`ACA`). sigil's canonical
/// row order is the COSMIC file order (sorted labels), so the plot order differs from the row
/// order and is built by label. DBS78 is drawn in its canonical order, in ten blocks by reference
/// dinucleotide, each tick labelled with the alternative dinucleotide. ID83 is drawn in its
/// canonical order as SigProfilerPlotting draws it: 16 blocks (1 bp C/T deletions, 1 bp C/T
/// insertions, deletions and insertions at repeats by length 2/3/4/5+, microhomology deletions
/// by length 2/3/4/5+), captions over the blocks, each tick labelled with the homopolymer length,
/// number of repeat units or microhomology length, and a legend line under the ticks.
public struct ChannelLayout: Sendable {
  /// One block of adjacent channels with one colour.
  public struct Group: Sendable {
    /// The text drawn in the block (`C>A`, `AC>NN`, `C`, `5+`).
    public let label: String
    public let color: String
    /// Plot positions (0-based) covered by the block.
    public let range: Range<Int>
    /// What the block holds in words (`1bp deletion of C`), for tests and tooltips.
    public let name: String

    init(label: String, color: String, range: Range<Int>, name: String? = nil) {
      self.label = label
      self.color = color
      self.range = range
      self.name = name ?? label
    }
  }
  /// A caption over (header) or under (legend) a run of plot positions.
  public struct Caption: Sendable, Equatable {
    /// One or two lines of text.
    public let lines: [String]
    /// Plot positions (0-based) the caption is centred on.
    public let range: Range<Int>
  }
  /// For each plot position, the row in the canonical order.
  public let rows: [Int]
  /// For each plot position, the tick label.
  public let tickLabels: [String]
  /// For each plot position, the full channel label (tooltips).
  public let channelLabels: [String]
  /// The colour blocks, left to right.
  public let groups: [Group]
  /// Captions drawn above the colour blocks (ID83: "1bp deletion", ...); empty for SBS96/DBS78.
  public var headers: [Caption] = []
  /// Captions drawn under the tick labels (ID83: "Homopolymer length", ...); empty for SBS96/DBS78.
  public var legends: [Caption] = []
  /// Whether tick labels are short enough to be written horizontally (ID83 lengths).
  public var horizontalTicks = false

  /// The colour of the bar at plot position `p`.
  public func color(at p: Int) -> String {
    groups.first { $0.range.contains(p) }?.color ?? Palette.muted
  }

  /// The layout for a mutation class.
  public static func layout(for mutationClass: MutationClass) -> ChannelLayout {
    switch mutationClass {
    case .sbs96: return sbs96
    case .dbs78: return dbs78
    case .id83: return id83
    case .sbs1536, .sbs288: return plain(mutationClass)
    }
  }

  private static let bases = ["A", "C", "G", "T"]

  static let sbs96: ChannelLayout = {
    var rows: [Int] = [], ticks: [String] = [], labels: [String] = [], groups: [Group] = []
    for (g, sub) in MutationClass.substitutionClasses.enumerated() {
      let start = rows.count
      let ref = String(sub.first!)
      for five in bases {
        for three in bases {
          let label = "\(five)[\(sub)]\(three)"
          rows.append(MutationClass.sbs96.index(of: label)!)
          ticks.append(five + ref + three)
          labels.append(label)
        }
      }
      groups.append(Group(label: sub, color: Palette.sbsClasses[g], range: start..<rows.count))
    }
    return ChannelLayout(rows: rows, tickLabels: ticks, channelLabels: labels, groups: groups)
  }()

  static let dbs78: ChannelLayout = {
    let labels = MutationClass.dbs78.channels
    var groups: [Group] = []
    for (g, ref) in Palette.dbsGroups.enumerated() {
      let positions = labels.indices.filter { labels[$0].hasPrefix(ref + ">") }
      guard let first = positions.first, let last = positions.last else { continue }
      groups.append(Group(label: ref + ">NN", color: Palette.dbsColors[g], range: first..<(last + 1)))
    }
    let ticks = labels.map { String($0.split(separator: ">").last ?? Substring($0)) }
    return ChannelLayout(rows: Array(labels.indices), tickLabels: ticks, channelLabels: labels, groups: groups)
  }()

  static let id83: ChannelLayout = {
    let labels = MutationClass.id83.channels
    var groups: [Group] = []
    let blocks: [(prefix: String, label: String, name: String)] =
      [("1:Del:C:", "C", "1bp deletion of C"), ("1:Del:T:", "T", "1bp deletion of T"),
       ("1:Ins:C:", "C", "1bp insertion of C"), ("1:Ins:T:", "T", "1bp insertion of T")]
      + (2...5).map { ("\($0):Del:R:", $0 == 5 ? "5+" : "\($0)", "\($0 == 5 ? "5+" : "\($0)")bp deletion at repeats") }
      + (2...5).map { ("\($0):Ins:R:", $0 == 5 ? "5+" : "\($0)", "\($0 == 5 ? "5+" : "\($0)")bp insertion at repeats") }
      + (2...5).map { ("\($0):Del:M:", $0 == 5 ? "5+" : "\($0)", "\($0 == 5 ? "5+" : "\($0)")bp deletion with microhomology") }
    for (g, block) in blocks.enumerated() {
      let positions = labels.indices.filter { labels[$0].hasPrefix(block.prefix) }
      guard let first = positions.first, let last = positions.last else { continue }
      groups.append(Group(label: block.label, color: Palette.idColors[g], range: first..<(last + 1), name: block.name))
    }
    let ticks = labels.map(id83Tick)
    var layout = ChannelLayout(rows: Array(labels.indices), tickLabels: ticks, channelLabels: labels, groups: groups)
    func span(_ from: Int, _ to: Int) -> Range<Int> { groups[from].range.lowerBound..<groups[to].range.upperBound }
    layout.headers = [
      Caption(lines: ["1bp deletion"], range: span(0, 1)),
      Caption(lines: ["1bp insertion"], range: span(2, 3)),
      Caption(lines: [">1bp deletion at repeats", "(deletion length)"], range: span(4, 7)),
      Caption(lines: [">1bp insertion at repeats", "(insertion length)"], range: span(8, 11)),
      Caption(lines: ["Microhomology", "(deletion length)"], range: span(12, 15)),
    ]
    layout.legends = [
      Caption(lines: ["Homopolymer length"], range: span(0, 1)),
      Caption(lines: ["Homopolymer length"], range: span(2, 3)),
      Caption(lines: ["Number of repeat units"], range: span(4, 7)),
      Caption(lines: ["Number of repeat units"], range: span(8, 11)),
      Caption(lines: ["Microhomology length"], range: span(12, 15)),
    ]
    layout.horizontalTicks = true
    return layout
  }()

  /// The tick of an ID83 channel `size:kind:type:n`, as SigProfilerPlotting writes it: deletions
  /// at homopolymers or repeats count the units before the deletion, so `n` is shown as n + 1
  /// (1 ... 6+); insertions show `n` (0 ... 5+); microhomology lengths show `n` (last 5+).
  static func id83Tick(_ label: String) -> String {
    let parts = label.split(separator: ":")
    guard parts.count == 4, let n = Int(parts[3]) else { return label }
    switch (parts[1], parts[2]) {
    case ("Del", "M"): return n >= 5 ? "5+" : "\(n)"
    case ("Del", _): return n >= 5 ? "6+" : "\(n + 1)"
    default: return n >= 5 ? "5+" : "\(n)"
    }
  }

  /// One block, canonical order, full labels as ticks: for classes without a COSMIC layout.
  static func plain(_ mutationClass: MutationClass) -> ChannelLayout {
    let labels = mutationClass.channels
    return ChannelLayout(rows: Array(labels.indices), tickLabels: labels, channelLabels: labels,
                         groups: [Group(label: mutationClass.rawValue, color: "#4E79A7", range: labels.indices)])
  }
}
