import SigilCore

/// A mutational profile as a bar chart: one bar per channel, coloured by substitution class
/// (SBS96), reference dinucleotide (DBS78) or indel type and length (ID83).
///
/// Bars show each channel's share of the column total in percent, so a signature (sums to 1)
/// and a sample catalog (counts) are drawn alike; for a catalog the title adds the total count.
/// The familiar COSMIC look: coloured class blocks over the bars, the trinucleotide under each
/// bar, a percent y axis with light grid lines. ID83 adds the SigProfilerPlotting captions:
/// indel types over the blocks, lengths under the bars and what the lengths count at the bottom.
///
/// ```swift
/// let svg = ProfilePlot(mutationClass: .sbs96, values: set.matrix.column(0), title: "SBS96A",
///                       subtitle: "best match SBS1 (cosine 0.973)").canvas()
/// ```
public struct ProfilePlot: Sendable {
  /// The channel alphabet of `values`.
  public var mutationClass: MutationClass
  /// One value per channel in canonical (COSMIC file) order; non-negative.
  public var values: [Double]
  /// Bold title, e.g. the signature or sample name.
  public var title: String
  /// Text after the title, e.g. the best reference match.
  public var subtitle: String?
  /// Whether `values` are counts (adds "N mutations" to the title and tooltips).
  public var isCounts: Bool

  /// Width and height of the figure in pixels (SBS96, DBS78; see `height(for:)`).
  public static let width = 960.0, height = 250.0
  static let left = 56.0, right = 12.0, top = 50.0, bottom = 40.0

  /// The figure height for a class: taller by the caption rows when the layout has headers (ID83).
  public static func height(for mutationClass: MutationClass) -> Double {
    height + ProfileFrame.headerSpace(ChannelLayout.layout(for: mutationClass))
  }

  /// Creates a plot; traps when `values` does not have one value per channel.
  public init(mutationClass: MutationClass, values: [Double], title: String, subtitle: String? = nil, isCounts: Bool = false) {
    precondition(values.count == mutationClass.channelCount,
                 "profile has \(values.count) values, \(mutationClass.rawValue) needs \(mutationClass.channelCount)")
    self.mutationClass = mutationClass
    self.values = values
    self.title = title
    self.subtitle = subtitle
    self.isCounts = isCounts
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let layout = ChannelLayout.layout(for: mutationClass)
    let total = values.reduce(0, +)
    let percents = values.map { total > 0 ? $0 / total * 100 : 0 }
    let extra = ProfileFrame.headerSpace(layout)
    let height = Self.height + extra
    var svg = SVGCanvas(width: Self.width, height: height, title: [title, subtitle].compactMap { $0 }.joined(separator: " "))
    var heading = title
    if isCounts { heading += " (\(SVGNumber.grouped(total)) mutations)" }
    svg.text(heading, x: Self.left, y: 18, size: 14, bold: true)
    if let subtitle {
      svg.text(subtitle, x: Self.width - Self.right, y: 18, size: 12, anchor: .end, fill: Palette.axis)
    }
    let plotTop = Self.top + extra, plotBottom = height - Self.bottom
    let x0 = Self.left, x1 = Self.width - Self.right
    let slot = (x1 - x0) / Double(layout.rows.count)
    let axis = AxisScale(minimum: 0, maximum: percents.max() ?? 1)
    ProfileFrame.drawHeaders(&svg, layout: layout, x0: x0, slot: slot, top: 28)
    ProfileFrame.drawGroups(&svg, layout: layout, x0: x0, slot: slot, top: 28 + extra, height: 16)
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: plotTop, bottom: plotBottom, suffix: "%")
    for (p, row) in layout.rows.enumerated() {
      let x = x0 + Double(p) * slot + slot * 0.15
      let y = axis.position(of: percents[row], from: plotBottom, to: plotTop)
      var tip = "\(layout.channelLabels[p]): \(SVGNumber.fixed(percents[row], digits: 2))%"
      if isCounts { tip += " (\(SVGNumber.grouped(values[row])))" }
      svg.rect(x: x, y: y, width: slot * 0.7, height: plotBottom - y, fill: layout.color(at: p), tooltip: tip)
    }
    svg.line(x1: x0, y1: plotBottom, x2: x1, y2: plotBottom, stroke: Palette.axis)
    ProfileFrame.drawTicks(&svg, layout: layout, x0: x0, slot: slot, y: plotBottom + 4)
    if total == 0 {
      svg.text("no mutations", x: (x0 + x1) / 2, y: (plotTop + plotBottom) / 2, size: 14, anchor: .middle, fill: Palette.muted)
    }
    return svg
  }
}

/// Drawing steps shared by the single and the mirrored profile.
enum ProfileFrame {
  /// Extra height above the colour blocks for the layout's header captions (two lines).
  static func headerSpace(_ layout: ChannelLayout) -> Double { layout.headers.isEmpty ? 0 : 24 }

  /// Header captions (bold, one or two lines) centred over their blocks, from `top`.
  static func drawHeaders(_ svg: inout SVGCanvas, layout: ChannelLayout, x0: Double, slot: Double, top: Double) {
    for caption in layout.headers {
      let x = x0 + Double(caption.range.lowerBound + caption.range.upperBound) / 2 * slot
      for (n, line) in caption.lines.enumerated() {
        svg.text(line, x: x, y: top + 8 + Double(n) * 11, size: 10, anchor: .middle, bold: n == 0)
      }
    }
  }

  /// The coloured class blocks with their labels.
  static func drawGroups(_ svg: inout SVGCanvas, layout: ChannelLayout, x0: Double, slot: Double, top: Double, height: Double) {
    for group in layout.groups {
      let gx = x0 + Double(group.range.lowerBound) * slot
      let gw = Double(group.range.count) * slot
      svg.rect(x: gx + 1, y: top, width: gw - 2, height: height, fill: group.color)
      svg.text(group.label, x: gx + gw / 2, y: top + height - 4, size: 11, anchor: .middle,
               fill: Palette.label(on: group.color), bold: true)
    }
  }

  /// Grid lines and tick labels of a vertical axis between `top` and `bottom`.
  static func drawYAxis(_ svg: inout SVGCanvas, axis: AxisScale, x0: Double, x1: Double, top: Double, bottom: Double,
                        suffix: String, absolute: Bool = false) {
    for tick in axis.ticks {
      let y = axis.position(of: tick, from: bottom, to: top)
      svg.line(x1: x0, y1: y, x2: x1, y2: y, stroke: Palette.grid, width: 0.8)
      svg.text(axis.label(absolute ? Swift.abs(tick) : tick, suffix: suffix), x: x0 - 5, y: y + 3.5, size: 10,
               anchor: .end, fill: Palette.axis)
    }
    svg.line(x1: x0, y1: top, x2: x0, y2: bottom, stroke: Palette.axis)
  }

  /// Channel tick labels under the axis: rotated (SBS96, DBS78), or for ID83 a thin strip in
  /// the block colours, horizontal lengths and the legend captions.
  static func drawTicks(_ svg: inout SVGCanvas, layout: ChannelLayout, x0: Double, slot: Double, y: Double) {
    if layout.horizontalTicks {
      for group in layout.groups {
        svg.rect(x: x0 + Double(group.range.lowerBound) * slot + 1, y: y - 3, width: Double(group.range.count) * slot - 2,
                 height: 4, fill: group.color)
      }
      for (p, tick) in layout.tickLabels.enumerated() {
        svg.text(tick, x: x0 + (Double(p) + 0.5) * slot, y: y + 11, size: 8, anchor: .middle, fill: Palette.axis)
      }
      for caption in layout.legends {
        let x = x0 + Double(caption.range.lowerBound + caption.range.upperBound) / 2 * slot
        svg.text(caption.lines.joined(separator: " "), x: x, y: y + 25, size: 10, anchor: .middle, fill: Palette.axis)
      }
      return
    }
    let size = slot >= 9 ? 8.0 : 7.0
    for (p, tick) in layout.tickLabels.enumerated() {
      let x = x0 + (Double(p) + 0.5) * slot + size * 0.35
      svg.text(tick, x: x, y: y, size: size, anchor: .end, fill: Palette.axis, rotate: -90, monospace: true)
    }
  }
}
