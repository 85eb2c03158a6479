/// The consensus matrix as a heatmap: samples on both axes in the order given (the clustering's
/// leaf order), white for 0 (never clustered together) to dark blue for 1 (always together).
///
/// Blocks along the diagonal are groups of samples the restarts agree on; a clean block
/// structure is what a high cophenetic correlation summarises. Cells at 0 draw nothing.
///
/// ```swift
/// let svg = ConsensusHeatmapPlot(samples: ["S1", "S2"], values: [[1, 0.2], [0.2, 1]], rank: 2).canvas()
/// ```
public struct ConsensusHeatmapPlot: Sendable {
  /// Sample names, in drawing order.
  public var samples: [String]
  /// `values[i][j]`: the share of restarts in which samples i and j fell in the same cluster, in 0...1.
  public var values: [[Double]]
  /// The rank the matrix belongs to (for the title).
  public var rank: Int

  static let left = 12.0, top = 44.0, legendWidth = 90.0

  /// Creates a plot; traps when `values` is not samples × samples.
  public init(samples: [String], values: [[Double]], rank: Int) {
    precondition(values.count == samples.count && values.allSatisfy { $0.count == samples.count },
                 "consensus must be \(samples.count) x \(samples.count)")
    (self.samples, self.values, self.rank) = (samples, values, rank)
  }

  /// `#RRGGBB` between white (0) and `#08306B` (1), clamped.
  static func color(_ v: Double) -> String {
    let t = Swift.max(0, Swift.min(1, v))
    let hex = Array("0123456789ABCDEF")
    func channel(_ dark: Int) -> String {
      let n = Int((255 - Double(255 - dark) * t).rounded())
      return String([hex[n / 16], hex[n % 16]])
    }
    return "#" + channel(0x08) + channel(0x30) + channel(0x6B)
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let n = samples.count
    let cell = Swift.max(2, Swift.min(18, 560 / Double(Swift.max(1, n))))
    let showLabels = cell >= 8
    let labelSpace = showLabels ? Swift.min(110, 10 + Double(samples.map(\.count).max() ?? 0) * 6) : 0
    let side = cell * Double(n)
    let x0 = Self.left + labelSpace, y0 = Self.top
    let width = Swift.max(420, x0 + side + Self.legendWidth + 20)
    let height = y0 + side + labelSpace + 16
    let title = "Consensus matrix, k = \(rank)"
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    svg.text("samples in the clustering's order; cell: share of restarts placing the two samples together",
             x: Self.left, y: 33, size: 10, fill: Palette.muted)
    svg.rect(x: x0, y: y0, width: side, height: side, fill: "#FFFFFF")
    for i in 0..<n {
      for j in 0..<n where values[i][j] > 0 {
        svg.rect(x: x0 + Double(j) * cell, y: y0 + Double(i) * cell, width: cell, height: cell, fill: Self.color(values[i][j]),
                 tooltip: showLabels ? "\(samples[i]) / \(samples[j]): \(SVGNumber.fixed(values[i][j], digits: 2))" : nil)
      }
    }
    svg.line(x1: x0, y1: y0, x2: x0 + side, y2: y0, stroke: Palette.axis)
    svg.line(x1: x0, y1: y0 + side, x2: x0 + side, y2: y0 + side, stroke: Palette.axis)
    svg.line(x1: x0, y1: y0, x2: x0, y2: y0 + side, stroke: Palette.axis)
    svg.line(x1: x0 + side, y1: y0, x2: x0 + side, y2: y0 + side, stroke: Palette.axis)
    if showLabels {
      let size = cell >= 12 ? 9.0 : 7.5
      for (i, name) in samples.enumerated() {
        let c = Double(i) * cell + cell / 2
        svg.text(name, x: x0 - 4, y: y0 + c + size * 0.35, size: size, anchor: .end, fill: Palette.axis)
        svg.text(name, x: x0 + c + size * 0.35, y: y0 + side + 4, size: size, anchor: .end, fill: Palette.axis, rotate: -90)
      }
    } else {
      svg.text("\(n) samples (names in consensus_k\(rank).tsv)", x: x0 + side / 2, y: y0 + side + 14, size: 10,
               anchor: .middle, fill: Palette.muted)
    }
    // Legend: five steps from 0 to 1.
    let lx = x0 + side + 20
    svg.text("together", x: lx, y: y0 + 8, size: 10, fill: Palette.muted)
    for s in 0...4 {
      let v = Double(4 - s) / 4
      svg.rect(x: lx, y: y0 + 14 + Double(s) * 16, width: 14, height: 14, fill: Self.color(v))
      svg.text(SVGNumber.trimmed(v, digits: 2), x: lx + 20, y: y0 + 25 + Double(s) * 16, size: 10)
    }
    return svg
  }
}
