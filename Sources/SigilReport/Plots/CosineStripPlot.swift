/// Per-sample reconstruction cosines as one sorted strip of points with a reference line.
///
/// Samples are ordered from the worst to the best cosine (ties keep table order), so the poorly
/// reconstructed ones sit together at the left; points below `threshold` are red and the
/// threshold is a dashed line. The cosines are read from a table (`reconstruction.tsv`,
/// `fit_stats.tsv`), never computed here; samples whose cosine is `NA` are left out and counted.
///
/// ```swift
/// let svg = CosineStripPlot(samples: ["T1", "T2"], cosines: [0.97, 0.85], threshold: 0.9,
///                           source: "fit_stats.tsv").canvas()
/// ```
public struct CosineStripPlot: Sendable {
  /// Sample names, in table order.
  public var samples: [String]
  /// One cosine per sample; nil where the table says `NA`.
  public var cosines: [Double?]
  /// Samples below this are flagged (red points, dashed line).
  public var threshold: Double
  /// The file the cosines come from, for the title.
  public var source: String

  static let left = 56.0, right = 12.0, top = 46.0, plotHeight = 160.0

  /// Creates a plot; traps when `cosines` does not have one value per sample.
  public init(samples: [String], cosines: [Double?], threshold: Double, source: String) {
    precondition(samples.count == cosines.count, "\(samples.count) samples but \(cosines.count) cosines")
    self.samples = samples
    self.cosines = cosines
    self.threshold = threshold
    self.source = source
  }

  /// Table indices of the samples with a cosine, worst first (stable for ties).
  public var sortedOrder: [Int] {
    cosines.indices.filter { cosines[$0] != nil }.sorted { (cosines[$0]!, $0) < (cosines[$1]!, $1) }
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let order = sortedOrder
    let slot = Swift.max(2, Swift.min(24, 880 / Double(Swift.max(1, order.count))))
    let showLabels = slot >= 8
    let longest = Double(order.map { samples[$0].count }.max() ?? 0)
    let bottom = showLabels ? Swift.min(110, 14 + longest * 6) : 26
    let width = Swift.max(520, Self.left + slot * Double(order.count) + Self.right)
    let height = Self.top + Self.plotHeight + bottom
    let thresholdText = SVGNumber.trimmed(threshold, digits: 3)
    let flagged = order.filter { cosines[$0]! < threshold }.count
    let title = "Reconstruction cosine per sample"
    let status = "\(flagged) of \(order.count) below \(thresholdText)"
    var svg = SVGCanvas(width: width, height: height, title: "\(title) (\(source)): \(status)")
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    svg.text("from \(source), worst to best: \(status)", x: Self.left, y: 33, size: 11,
             fill: flagged > 0 ? "#D62728" : Palette.axis)
    let lowest = order.first.map { cosines[$0]! } ?? threshold
    let axis = AxisScale(minimum: Swift.max(-1, Swift.min(lowest, threshold) - 0.02), maximum: 1, targetTicks: 4)
    let x0 = Self.left, x1 = width - Self.right, y0 = Self.top + Self.plotHeight, yTop = Self.top
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: yTop, bottom: y0, suffix: "")
    let yThreshold = axis.position(of: threshold, from: y0, to: yTop)
    svg.line(x1: x0, y1: yThreshold, x2: x1, y2: yThreshold, stroke: "#D62728", width: 1, dashed: true)
    svg.text(thresholdText, x: x1 - 2, y: yThreshold - 3, size: 10, anchor: .end, fill: "#D62728")
    let radius = slot >= 6 ? 3.0 : 2.0
    for (p, i) in order.enumerated() {
      let c = cosines[i]!
      let x = x0 + (Double(p) + 0.5) * slot
      svg.circle(cx: x, cy: axis.position(of: c, from: y0, to: yTop), r: radius, fill: c < threshold ? "#D62728" : "#4E79A7",
                 tooltip: "\(samples[i]): cosine \(SVGNumber.fixed(c, digits: 3))")
      if showLabels {
        let size = slot >= 12 ? 9.0 : 7.5
        svg.text(samples[i], x: x + size * 0.35, y: y0 + 5, size: size, anchor: .end, fill: Palette.axis, rotate: -90)
      }
    }
    svg.line(x1: x0, y1: y0, x2: x1, y2: y0, stroke: Palette.axis)
    if !showLabels {
      svg.text("\(order.count) samples, worst to best (hover a point for its name)", x: (x0 + x1) / 2, y: y0 + 16, size: 10,
               anchor: .middle, fill: Palette.muted)
    }
    if order.isEmpty {
      svg.text("no cosine to show", x: (x0 + x1) / 2, y: (yTop + y0) / 2, size: 14, anchor: .middle, fill: Palette.muted)
    }
    return svg
  }
}
