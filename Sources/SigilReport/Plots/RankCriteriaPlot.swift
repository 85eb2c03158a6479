/// The criteria that decide the rank, on one 0–1 scale against k, the selected rank marked.
///
/// Mean and minimum stability (silhouettes) and the cophenetic correlation are drawn as written:
/// they already live on a 0–1 scale (a negative silhouette is drawn at 0, its tooltip keeps the
/// value), with the stability thresholds of the rule as dashed grey lines. The cross-validation
/// deviance, whose scale is the catalog's, is rescaled across the explored ranks so its lowest
/// value is 0 and its highest 1 (lower is better). The selected k is a dashed red line.
///
/// ```swift
/// let plot = RankCriteriaPlot(ranks: [2, 3, 4], series: [.init(name: "mean stability", values: [0.99, 0.9, 0.5])],
///                             thresholds: [("mean stability ≥ 0.8", 0.8)], selected: 3)
/// ```
public struct RankCriteriaPlot: Sendable {
  /// One criterion: a legend name and one value (already on 0–1, or nil) per rank.
  public struct Series: Sendable {
    public var name: String
    public var values: [Double?]
    /// The values as written, for tooltips (nil: use `values`).
    public var written: [Double?]?
    public init(name: String, values: [Double?], written: [Double?]? = nil) {
      (self.name, self.values, self.written) = (name, values, written)
    }
  }
  public var ranks: [Int]
  public var series: [Series]
  /// Horizontal reference lines: label and level on the 0–1 scale.
  public var thresholds: [(label: String, level: Double)]
  public var selected: Int?

  static let colors = ["#1F4E79", "#59A14F", "#F28E2B", "#B07AA1"]
  static let left = 52.0, right = 190.0, top = 56.0, plotHeight = 220.0, bottom = 44.0

  /// Creates a plot; traps when a series does not have one value per rank.
  public init(ranks: [Int], series: [Series], thresholds: [(label: String, level: Double)], selected: Int?) {
    for s in series { precondition(s.values.count == ranks.count, "\(s.name) has \(s.values.count) values for \(ranks.count) ranks") }
    (self.ranks, self.series, self.thresholds, self.selected) = (ranks, series, thresholds, selected)
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let width = Swift.max(560, Self.left + 60 * Double(Swift.max(1, ranks.count - 1)) + Self.right)
    let height = Self.top + Self.plotHeight + Self.bottom
    var title = "Rank selection criteria"
    if let selected { title += ": selected k = \(selected)" }
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    svg.text("stability and cophenetic as written; CV deviance rescaled 0 (lowest) to 1 (highest), lower is better",
             x: Self.left, y: 32, size: 10, fill: Palette.muted)
    let x0 = Self.left, x1 = width - Self.right, y0 = Self.top + Self.plotHeight, yTop = Self.top
    let axis = AxisScale(minimum: 0, maximum: 1, targetTicks: 5)
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: yTop, bottom: y0, suffix: "")
    svg.line(x1: x0, y1: y0, x2: x1, y2: y0, stroke: Palette.axis)
    let lo = Double(ranks.min() ?? 1), hi = Double(ranks.max() ?? 1)
    func x(_ k: Int) -> Double { hi > lo ? x0 + (Double(k) - lo) / (hi - lo) * (x1 - x0) : (x0 + x1) / 2 }
    func y(_ v: Double) -> Double { axis.position(of: Swift.min(1, Swift.max(0, v)), from: y0, to: yTop) }
    for k in ranks {
      svg.line(x1: x(k), y1: y0, x2: x(k), y2: y0 + 4, stroke: Palette.axis)
      svg.text(String(k), x: x(k), y: y0 + 15, size: 10, anchor: .middle, fill: Palette.axis)
    }
    svg.text("rank k", x: (x0 + x1) / 2, y: y0 + 32, size: 11, anchor: .middle, fill: Palette.muted)
    for t in thresholds {
      svg.line(x1: x0, y1: y(t.level), x2: x1, y2: y(t.level), stroke: "#999999", width: 1, dashed: true)
      svg.text(t.label, x: x1 - 4, y: y(t.level) - 3, size: 9, anchor: .end, fill: Palette.muted)
    }
    if let selected {
      svg.line(x1: x(selected), y1: yTop, x2: x(selected), y2: y0, stroke: "#D62728", width: 1.5, dashed: true)
      // Above the plot area, where no curve runs (stability and cophenetic crowd the top).
      svg.text("selected k = \(selected)", x: x(selected), y: yTop - 6, size: 11, anchor: .middle, fill: "#D62728", bold: true)
    }
    for (n, s) in series.enumerated() {
      let color = Self.colors[n % Self.colors.count]
      var segment: [(x: Double, y: Double)] = []
      for (k, v) in zip(ranks, s.values) {
        guard let v else { svg.polyline(segment, stroke: color); segment = []; continue }
        segment.append((x(k), y(v)))
      }
      svg.polyline(segment, stroke: color)
      for (i, (k, v)) in zip(ranks, s.values).enumerated() {
        guard let v else { continue }
        let shown: Double? = s.written.map { $0[i] } ?? v
        svg.circle(cx: x(k), cy: y(v), r: k == selected ? 4.5 : 3, fill: color,
                   tooltip: "k=\(k) \(s.name) \(shown.map { SVGNumber.cell($0) } ?? "NA")")
      }
      let ly = yTop + 8 + Double(n) * 18
      svg.line(x1: x1 + 14, y1: ly, x2: x1 + 34, y2: ly, stroke: color, width: 2)
      svg.text(s.name, x: x1 + 40, y: ly + 4, size: 11)
    }
    return svg
  }
}
