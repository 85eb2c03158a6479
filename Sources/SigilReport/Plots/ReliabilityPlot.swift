/// A reliability diagram: for each probability bin, the mean predicted probability against the
/// fraction of its (mutation, signature) pairs that were true, with the diagonal of perfect
/// calibration (DeGroot & Fienberg 1983). Points are sized by the number of pairs in the bin.
///
/// The bins are read from `reliability.tsv` (`sigil attribute --truth`), never computed here.
///
/// ```swift
/// let svg = ReliabilityPlot(bins: [(0.05, 0.04, 120), (0.95, 0.97, 800)], source: "reliability.tsv").canvas()
/// ```
public struct ReliabilityPlot: Sendable {
  /// One bin: mean predicted probability, observed fraction, pairs.
  public var bins: [(predicted: Double, observed: Double, pairs: Int)]
  /// The file the bins come from, for the title.
  public var source: String

  static let left = 56.0, top = 46.0, side = 260.0, right = 164.0, bottom = 44.0

  public init(bins: [(predicted: Double, observed: Double, pairs: Int)], source: String) {
    self.bins = bins
    self.source = source
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let width = Self.left + Self.side + Self.right, height = Self.top + Self.side + Self.bottom
    let title = "Reliability of the attribution probabilities"
    var svg = SVGCanvas(width: width, height: height, title: "\(title) (\(source))")
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    svg.text("from \(source)", x: Self.left, y: 33, size: 11, fill: Palette.axis)
    let x0 = Self.left, x1 = Self.left + Self.side, y0 = Self.top + Self.side, y1 = Self.top
    func x(_ p: Double) -> Double { x0 + p * Self.side }
    func y(_ p: Double) -> Double { y0 - p * Self.side }
    for t in stride(from: 0.0, through: 1.0, by: 0.25) {
      svg.line(x1: x(t), y1: y0, x2: x(t), y2: y0 + 4, stroke: Palette.axis)
      svg.text(SVGNumber.trimmed(t, digits: 2), x: x(t), y: y0 + 16, size: 10, anchor: .middle, fill: Palette.axis)
      svg.line(x1: x0 - 4, y1: y(t), x2: x0, y2: y(t), stroke: Palette.axis)
      svg.text(SVGNumber.trimmed(t, digits: 2), x: x0 - 6, y: y(t) + 3, size: 10, anchor: .end, fill: Palette.axis)
    }
    svg.line(x1: x0, y1: y0, x2: x1, y2: y1, stroke: Palette.muted, width: 1, dashed: true)
    svg.line(x1: x0, y1: y0, x2: x1, y2: y0, stroke: Palette.axis)
    svg.line(x1: x0, y1: y0, x2: x0, y2: y1, stroke: Palette.axis)
    svg.text("predicted probability", x: (x0 + x1) / 2, y: y0 + 34, size: 11, anchor: .middle, fill: Palette.axis)
    svg.text("observed frequency", x: x0 - 40, y: (y0 + y1) / 2, size: 11, anchor: .middle, fill: Palette.axis, rotate: -90)
    let shown = bins.filter { $0.pairs > 0 && $0.predicted.isFinite && $0.observed.isFinite }
    let most = Double(shown.map(\.pairs).max() ?? 1)
    svg.polyline(shown.map { (x: x($0.predicted), y: y($0.observed)) }, stroke: "#4E79A7")
    for b in shown {
      let r = 2.5 + 4.5 * (Double(b.pairs) / most).squareRoot()
      svg.circle(cx: x(b.predicted), cy: y(b.observed), r: r, fill: "#4E79A7",
                 tooltip: "mean probability \(SVGNumber.fixed(b.predicted, digits: 3)), observed \(SVGNumber.fixed(b.observed, digits: 3)), \(b.pairs) pairs")
    }
    let legendX = x1 + 16
    svg.line(x1: legendX, y1: y1 + 10, x2: legendX + 18, y2: y1 + 10, stroke: Palette.muted, width: 1, dashed: true)
    svg.text("calibrated", x: legendX + 24, y: y1 + 13, size: 10, fill: Palette.axis)
    svg.circle(cx: legendX + 9, cy: y1 + 30, r: 4, fill: "#4E79A7")
    svg.text("a bin; size: pairs", x: legendX + 24, y: y1 + 33, size: 10, fill: Palette.axis)
    svg.text("below the line:", x: legendX, y: y1 + 56, size: 10, fill: Palette.axis)
    svg.text("overconfident", x: legendX, y: y1 + 69, size: 10, fill: Palette.axis)
    if shown.isEmpty {
      svg.text("no bin to show", x: (x0 + x1) / 2, y: (y0 + y1) / 2, size: 14, anchor: .middle, fill: Palette.muted)
    }
    return svg
  }
}
