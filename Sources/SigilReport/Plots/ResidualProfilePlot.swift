import SigilCore

/// One sample's residual (catalog minus reconstruction) per channel, as signed bars in the
/// profile layout of its class: what the fitted signatures leave unexplained, and where.
///
/// Bars are in mutations (residuals sum to about zero, so percentages would mean nothing), on a
/// y axis symmetric about zero; channels keep the class colours, so an unexplained C>T block or
/// a run of long deletions stands out. Values are read from `residuals.tsv`.
///
/// ```swift
/// let svg = ResidualProfilePlot(mutationClass: .sbs96, values: column, title: "T2",
///                               subtitle: "cosine 0.850").canvas()
/// ```
public struct ResidualProfilePlot: Sendable {
  /// The channel alphabet of `values`.
  public var mutationClass: MutationClass
  /// One residual per channel in canonical (COSMIC file) order; may be negative.
  public var values: [Double]
  /// The sample name.
  public var title: String
  /// Text on the right of the title, e.g. the sample's cosine.
  public var subtitle: String?

  /// Creates a plot; traps when `values` does not have one value per channel.
  public init(mutationClass: MutationClass, values: [Double], title: String, subtitle: String? = nil) {
    precondition(values.count == mutationClass.channelCount,
                 "residual has \(values.count) values, \(mutationClass.rawValue) needs \(mutationClass.channelCount)")
    self.mutationClass = mutationClass
    self.values = values
    self.title = title
    self.subtitle = subtitle
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let layout = ChannelLayout.layout(for: mutationClass)
    let extra = ProfileFrame.headerSpace(layout)
    let width = ProfilePlot.width, height = ProfilePlot.height(for: mutationClass)
    let heading = "\(title): residual (catalog − reconstruction)"
    var svg = SVGCanvas(width: width, height: height, title: [heading, subtitle].compactMap { $0 }.joined(separator: ", "))
    svg.text(heading, x: ProfilePlot.left, y: 18, size: 14, bold: true)
    if let subtitle {
      svg.text(subtitle, x: width - ProfilePlot.right, y: 18, size: 12, anchor: .end, fill: Palette.axis)
    }
    let peak = values.map { Swift.abs($0) }.max() ?? 0
    let half = AxisScale(minimum: 0, maximum: peak > 0 ? peak : 1, targetTicks: 2)
    let axis = AxisScale(minimum: -half.upper, maximum: half.upper, targetTicks: 4)
    let x0 = ProfilePlot.left, x1 = width - ProfilePlot.right
    let top = ProfilePlot.top + extra, bottom = height - ProfilePlot.bottom
    let mid = axis.position(of: 0, from: bottom, to: top)
    let slot = (x1 - x0) / Double(layout.rows.count)
    ProfileFrame.drawHeaders(&svg, layout: layout, x0: x0, slot: slot, top: 28)
    ProfileFrame.drawGroups(&svg, layout: layout, x0: x0, slot: slot, top: 28 + extra, height: 16)
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: top, bottom: bottom, suffix: "")
    for (p, row) in layout.rows.enumerated() where values[row] != 0 {
      let y = axis.position(of: values[row], from: bottom, to: top)
      svg.rect(x: x0 + Double(p) * slot + slot * 0.15, y: mid, width: slot * 0.7, height: y - mid, fill: layout.color(at: p),
               tooltip: "\(layout.channelLabels[p]): \(SVGNumber.cell(values[row], digits: 2))")
    }
    svg.line(x1: x0, y1: mid, x2: x1, y2: mid, stroke: Palette.axis)
    ProfileFrame.drawTicks(&svg, layout: layout, x0: x0, slot: slot, y: bottom + 4)
    if peak == 0 {
      svg.text("no residual", x: (x0 + x1) / 2, y: top + 20, size: 14, anchor: .middle, fill: Palette.muted)
    }
    return svg
  }
}
