/// Small multiples of rank-selection statistics against the rank k, the selected k marked.
///
/// One panel per numeric column of `rank_selection.tsv`, whatever its name, so new statistics
/// appear without changes here. Each panel has its own y scale; a dashed line and a red point
/// mark the selected rank. Missing values (empty or `NA` cells) leave a gap in the curve.
///
/// ```swift
/// let plot = RankSelectionPlot(ranks: [2, 3, 4], statistics: [("cophenetic", [0.99, 0.97, 0.8])], selected: 3)
/// let svg = plot.canvas()
/// ```
public struct RankSelectionPlot: Sendable {
  /// One named statistic, one value (or nil) per rank.
  public struct Statistic: Sendable {
    /// Column name, used as the panel title.
    public var name: String
    /// One value per rank; nil for a missing cell.
    public var values: [Double?]
    public init(name: String, values: [Double?]) {
      self.name = name
      self.values = values
    }
  }
  /// The ranks k, in table order.
  public var ranks: [Double]
  /// The panels, in column order.
  public var statistics: [Statistic]
  /// The selected rank, if the table marks one.
  public var selected: Double?

  static let panelWidth = 230.0, panelHeight = 170.0, columnsPerRow = 4

  /// Creates a plot; traps when a statistic does not have one value per rank.
  public init(ranks: [Double], statistics: [Statistic], selected: Double?) {
    for s in statistics { precondition(s.values.count == ranks.count, "statistic \(s.name) has \(s.values.count) values for \(ranks.count) ranks") }
    self.ranks = ranks
    self.statistics = statistics
    self.selected = selected
  }

  /// Convenience: statistics as (name, values) pairs.
  public init(ranks: [Double], statistics: [(String, [Double?])], selected: Double?) {
    self.init(ranks: ranks, statistics: statistics.map { Statistic(name: $0.0, values: $0.1) }, selected: selected)
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let columns = Swift.max(1, Swift.min(Self.columnsPerRow, statistics.count))
    let rowCount = Swift.max(1, (statistics.count + columns - 1) / columns)
    let width = Double(columns) * Self.panelWidth + 10
    let height = Double(rowCount) * Self.panelHeight + 10
    var title = "Rank selection"
    if let selected { title += ": selected k = \(SVGNumber.trimmed(selected, digits: 3))" }
    var svg = SVGCanvas(width: width, height: height, title: title)
    if statistics.isEmpty {
      svg.text("no rank-selection statistics", x: width / 2, y: height / 2, size: 13, anchor: .middle, fill: Palette.muted)
      return svg
    }
    let kAxis = AxisScale(minimum: ranks.min() ?? 1, maximum: ranks.max() ?? 1, targetTicks: Swift.min(6, Swift.max(1, ranks.count - 1)))
    for (index, statistic) in statistics.enumerated() {
      let ox = 5 + Double(index % columns) * Self.panelWidth
      let oy = 5 + Double(index / columns) * Self.panelHeight
      drawPanel(&svg, statistic: statistic, kAxis: kAxis, ox: ox, oy: oy)
    }
    return svg
  }

  private func drawPanel(_ svg: inout SVGCanvas, statistic: Statistic, kAxis: AxisScale, ox: Double, oy: Double) {
    let x0 = ox + 48, x1 = ox + Self.panelWidth - 12
    let top = oy + 26, bottom = oy + Self.panelHeight - 34
    svg.text(statistic.name, x: (x0 + x1) / 2, y: oy + 15, size: 12, anchor: .middle, bold: true)
    let present = statistic.values.compactMap { $0 }
    let axis = AxisScale(minimum: present.min() ?? 0, maximum: present.max() ?? 1, targetTicks: 4)
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: top, bottom: bottom, suffix: "")
    svg.line(x1: x0, y1: bottom, x2: x1, y2: bottom, stroke: Palette.axis)
    for tick in kAxis.ticks where tick == tick.rounded() {
      let x = kAxis.position(of: tick, from: x0, to: x1)
      svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: Palette.axis)
      svg.text(kAxis.label(tick), x: x, y: bottom + 15, size: 10, anchor: .middle, fill: Palette.axis)
    }
    svg.text("rank k", x: (x0 + x1) / 2, y: bottom + 28, size: 10, anchor: .middle, fill: Palette.muted)
    if let selected {
      let x = kAxis.position(of: selected, from: x0, to: x1)
      svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: "#D62728", width: 1, dashed: true)
    }
    // Consecutive present values form one segment; a nil breaks the line.
    var segment: [(x: Double, y: Double)] = []
    for (k, value) in zip(ranks, statistic.values) {
      guard let value else { svg.polyline(segment, stroke: "#4E79A7"); segment = []; continue }
      segment.append((kAxis.position(of: k, from: x0, to: x1), axis.position(of: value, from: bottom, to: top)))
    }
    svg.polyline(segment, stroke: "#4E79A7")
    for (k, value) in zip(ranks, statistic.values) {
      guard let value else { continue }
      let isSelected = selected == k
      svg.circle(cx: kAxis.position(of: k, from: x0, to: x1), cy: axis.position(of: value, from: bottom, to: top),
                 r: isSelected ? 4.5 : 3, fill: isSelected ? "#D62728" : "#4E79A7",
                 tooltip: "k=\(SVGNumber.trimmed(k, digits: 3)) \(statistic.name) \(SVGNumber.cell(value))")
    }
  }
}
