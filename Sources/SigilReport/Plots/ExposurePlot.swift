/// Stacked exposure bars, one bar per sample, one colour per signature.
///
/// `.absolute` stacks mutation counts (bar height = the sample's attributed mutations);
/// `.relative` rescales each bar to 100% so compositions can be compared across burdens. Samples
/// stay in table order. Very wide cohorts get narrow bars and no sample labels; the HTML wraps
/// the figure in a horizontal scroller.
///
/// ```swift
/// let svg = ExposurePlot(samples: ["S1", "S2"], signatures: ["SBS1", "SBS5"],
///                        values: [[120, 80], [10, 300]], scale: .relative).canvas()
/// ```
public struct ExposurePlot: Sendable {
  /// Absolute counts or per-sample percentages.
  public enum Scale: String, Sendable { case absolute, relative }
  /// Sample names, one bar each, in this order.
  public var samples: [String]
  /// Signature names, one colour each, stacked bottom-up in this order.
  public var signatures: [String]
  /// `values[sample][signature]`, non-negative.
  public var values: [[Double]]
  /// Whether bars show counts or percentages.
  public var scale: Scale
  /// The colour of each signature (shared by every figure of the page).
  public var colors: SignatureColors
  /// Legend text of each signature (e.g. "SBS96C ~ SBS2 (0.99)"); the name when absent.
  public var labels: [String: String]

  static let left = 64.0, right = 12.0, top = 58.0

  /// Creates a plot; traps on a shape mismatch.
  public init(samples: [String], signatures: [String], values: [[Double]], scale: Scale,
              colors: SignatureColors? = nil, labels: [String: String] = [:]) {
    precondition(values.count == samples.count && values.allSatisfy { $0.count == signatures.count },
                 "exposures must be \(samples.count) samples x \(signatures.count) signatures")
    self.samples = samples
    self.signatures = signatures
    self.values = values
    self.scale = scale
    self.colors = colors ?? SignatureColors(signatures)
    self.labels = labels
  }

  /// Width of one sample's slot: wide enough to read, narrow enough for big cohorts.
  static func slotWidth(samples: Int) -> Double { Swift.max(4, Swift.min(36, 880 / Double(Swift.max(1, samples)))) }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let slot = Self.slotWidth(samples: samples.count)
    let showLabels = slot >= 8
    let longest = Double(samples.map(\.count).max() ?? 0)
    let bottom = showLabels ? Swift.min(110, 14 + longest * 6) : 24
    let plotHeight = 220.0
    let width = Swift.max(520, Self.left + slot * Double(samples.count) + Self.right)
    let legend = signatures.map { labels[$0] ?? $0 }
    let legendRows = LegendLayout.rows(legend, width: width - Self.left - Self.right)
    let top = Self.top + Double(legendRows - 1) * 16
    let height = top + plotHeight + bottom
    let title = scale == .absolute ? "Exposures (mutations per signature)" : "Exposures (share of each sample's mutations)"
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    LegendLayout.draw(&svg, legend, colors: signatures.map { colors[$0] }, x0: Self.left, y0: 30, width: width - Self.left - Self.right)
    let totals = values.map { $0.reduce(0, +) }
    let axis = AxisScale(minimum: 0, maximum: scale == .absolute ? (totals.max() ?? 1) : 100)
    let x0 = Self.left, x1 = width - Self.right, y0 = top + plotHeight
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: top, bottom: y0, suffix: scale == .relative ? "%" : "")
    for (i, sample) in samples.enumerated() {
      let x = x0 + Double(i) * slot + slot * 0.1
      var base = 0.0
      for (j, signature) in signatures.enumerated() {
        let v = values[i][j]
        guard v > 0 else { continue }
        let shown = scale == .absolute ? v : (totals[i] > 0 ? v / totals[i] * 100 : 0)
        let yTop = axis.position(of: base + shown, from: y0, to: top)
        let yBase = axis.position(of: base, from: y0, to: top)
        let share = totals[i] > 0 ? v / totals[i] * 100 : 0
        svg.rect(x: x, y: yTop, width: slot * 0.8, height: yBase - yTop, fill: colors[signature],
                 tooltip: "\(sample) \(labels[signature] ?? signature): \(SVGNumber.cell(v, digits: 1)) (\(SVGNumber.fixed(share, digits: 1))%)")
        base += shown
      }
      if showLabels {
        let size = slot >= 12 ? 9.0 : 7.5
        svg.text(sample, x: x0 + (Double(i) + 0.5) * slot + size * 0.35, y: y0 + 5, size: size, anchor: .end,
                 fill: Palette.axis, rotate: -90)
      }
    }
    svg.line(x1: x0, y1: y0, x2: x1, y2: y0, stroke: Palette.axis)
    if !showLabels {
      svg.text("\(samples.count) samples (hover a bar for its name)", x: (x0 + x1) / 2, y: y0 + 16, size: 10,
               anchor: .middle, fill: Palette.muted)
    }
    return svg
  }
}

/// A wrapped row of colour keys for signatures.
enum LegendLayout {
  static func itemWidth(_ name: String) -> Double { 22 + Double(name.count) * 6.5 + 12 }

  /// Number of legend lines needed at `width`.
  static func rows(_ names: [String], width: Double) -> Int {
    var rows = 1, x = 0.0
    for name in names {
      let w = itemWidth(name)
      if x + w > width && x > 0 { rows += 1; x = 0 }
      x += w
    }
    return rows
  }

  /// Draws the keys from (x0, y0), wrapping at `width`; `colors[i]` fills the key of `names[i]`.
  static func draw(_ svg: inout SVGCanvas, _ names: [String], colors: [String], x0: Double, y0: Double, width: Double) {
    var x = 0.0, y = y0
    for (j, name) in names.enumerated() {
      let w = itemWidth(name)
      if x + w > width && x > 0 { x = 0; y += 16 }
      svg.rect(x: x0 + x, y: y, width: 12, height: 12, fill: colors[j])
      svg.text(name, x: x0 + x + 17, y: y + 10, size: 11)
      x += w
    }
  }
}
