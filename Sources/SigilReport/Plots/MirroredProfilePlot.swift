import SigilCore

/// Two profiles of the same class mirrored about a shared baseline: a de novo signature upwards
/// and its reference match downwards, with the cosine similarity in the title.
///
/// Both halves use one percent scale, so equal shapes look like reflections. The cosine is
/// passed in (read from `reference_match.tsv`), never computed here.
///
/// ```swift
/// let svg = MirroredProfilePlot(mutationClass: .sbs96, upper: denovo, upperName: "SBS96A",
///                               lower: cosmicSBS1, lowerName: "SBS1", cosine: "0.973").canvas()
/// ```
public struct MirroredProfilePlot: Sendable {
  /// The channel alphabet of both profiles.
  public var mutationClass: MutationClass
  /// The de novo signature, canonical order.
  public var upper: [Double]
  /// Name of the de novo signature.
  public var upperName: String
  /// The reference signature, canonical order.
  public var lower: [Double]
  /// Name of the reference signature.
  public var lowerName: String
  /// The cosine similarity as text (as read from the file), or nil when unknown.
  public var cosine: String?
  /// What the two halves are, for the title: ("de novo", "reference") by default,
  /// ("observed", "reconstructed") in per-sample panels.
  public var roles: (upper: String, lower: String)

  /// Width and height of the figure in pixels (SBS96, DBS78; ID83 is taller by its header captions).
  public static let width = 960.0, height = 330.0
  static let left = 56.0, right = 12.0

  /// Creates a plot; traps when a profile does not have one value per channel.
  public init(mutationClass: MutationClass, upper: [Double], upperName: String, lower: [Double], lowerName: String, cosine: String?,
              roles: (upper: String, lower: String) = ("de novo", "reference")) {
    precondition(upper.count == mutationClass.channelCount && lower.count == mutationClass.channelCount,
                 "mirrored profiles need \(mutationClass.channelCount) values each (got \(upper.count) and \(lower.count))")
    self.mutationClass = mutationClass
    self.upper = upper
    self.upperName = upperName
    self.lower = lower
    self.lowerName = lowerName
    self.cosine = cosine
    self.roles = roles
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let layout = ChannelLayout.layout(for: mutationClass)
    func percent(_ v: [Double]) -> [Double] {
      let t = v.reduce(0, +)
      return v.map { t > 0 ? $0 / t * 100 : 0 }
    }
    let up = percent(upper), down = percent(lower)
    let peak = Swift.max(up.max() ?? 0, down.max() ?? 0)
    let half = AxisScale(minimum: 0, maximum: peak, targetTicks: 3)
    let axis = AxisScale(minimum: -half.upper, maximum: half.upper, targetTicks: 6)
    var title = "\(upperName) (\(roles.upper), up) vs \(lowerName) (\(roles.lower), down)"
    if let cosine { title += ": cosine \(cosine)" }
    let extra = ProfileFrame.headerSpace(layout)
    let height = Self.height + extra
    var svg = SVGCanvas(width: Self.width, height: height, title: title)
    svg.text("\(upperName) vs \(lowerName)", x: Self.left, y: 18, size: 14, bold: true)
    if let cosine {
      svg.text("cosine similarity \(cosine)", x: Self.width - Self.right, y: 18, size: 13, anchor: .end, bold: true)
    }
    let x0 = Self.left, x1 = Self.width - Self.right
    let top = 50.0 + extra, bottom = height - 40
    let mid = axis.position(of: 0, from: bottom, to: top)
    let slot = (x1 - x0) / Double(layout.rows.count)
    ProfileFrame.drawHeaders(&svg, layout: layout, x0: x0, slot: slot, top: 28)
    ProfileFrame.drawGroups(&svg, layout: layout, x0: x0, slot: slot, top: 28 + extra, height: 16)
    ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: top, bottom: bottom, suffix: "%", absolute: true)
    for (p, row) in layout.rows.enumerated() {
      let x = x0 + Double(p) * slot + slot * 0.15
      let color = layout.color(at: p)
      let yUp = axis.position(of: up[row], from: bottom, to: top)
      svg.rect(x: x, y: yUp, width: slot * 0.7, height: mid - yUp, fill: color,
               tooltip: "\(upperName) \(layout.channelLabels[p]): \(SVGNumber.fixed(up[row], digits: 2))%")
      let yDown = axis.position(of: -down[row], from: bottom, to: top)
      svg.rect(x: x, y: mid, width: slot * 0.7, height: yDown - mid, fill: color,
               tooltip: "\(lowerName) \(layout.channelLabels[p]): \(SVGNumber.fixed(down[row], digits: 2))%")
    }
    svg.line(x1: x0, y1: mid, x2: x1, y2: mid, stroke: Palette.axis)
    svg.text(upperName, x: x1 - 4, y: top + 12, size: 11, anchor: .end, fill: Palette.axis)
    svg.text(lowerName, x: x1 - 4, y: bottom - 5, size: 11, anchor: .end, fill: Palette.axis)
    ProfileFrame.drawTicks(&svg, layout: layout, x0: x0, slot: slot, y: bottom + 4)
    return svg
  }
}
