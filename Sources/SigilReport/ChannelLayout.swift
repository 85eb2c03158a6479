import SigilCore

/// The left-to-right order, colour groups and tick labels of a profile's channels.
///
/// SBS96 is drawn as COSMIC draws it: six blocks by substitution class (C>A ... T>G), within a
/// block 5' base then 3' base, each tick labelled with the trinucleotide (`ACA`). sigil's canonical
/// row order is the COSMIC file order (sorted labels), so the plot order differs from the row
/// order and is built by label. DBS78 is drawn in its canonical order, in ten blocks by reference
/// dinucleotide, each tick labelled with the alternative dinucleotide.
public struct ChannelLayout: Sendable {
  /// One block of adjacent channels with one colour.
  public struct Group: Sendable {
    public let label: String
    public let color: String
    /// Plot positions (0-based) covered by the block.
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

  /// The colour of the bar at plot position `p`.
  public func color(at p: Int) -> String {
    groups.first { $0.range.contains(p) }?.color ?? Palette.muted
  }

  /// The layout for a mutation class.
  public static func layout(for mutationClass: MutationClass) -> ChannelLayout {
    switch mutationClass {
    case .sbs96: return sbs96
    case .dbs78: return dbs78
    case .id83, .sbs1536, .sbs288: return plain(mutationClass)
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

  static func plain(_ mutationClass: MutationClass) -> ChannelLayout {
    let labels = mutationClass.channels
    return ChannelLayout(rows: Array(labels.indices), tickLabels: labels, channelLabels: labels,
                         groups: [Group(label: mutationClass.rawValue, color: "#4E79A7", range: labels.indices)])
  }
}
