/// Bootstrap intervals of exposures: one strip per signature, one point and whisker per sample.
///
/// The point is the fitted exposure, the whisker spans the interval read from
/// `exposures_ci.tsv` (`lower`..`upper`). A filled point means the signature was selected in at
/// least half of the bootstrap replicates (`selected_fraction` ≥ 0.5), a hollow one less often;
/// the exact fraction is in the tooltip. Each strip has its own y scale.
///
/// ```swift
/// let row = ExposureIntervalPlot.Row(sample: "S1", signature: "SBS1", exposure: 120, lower: 90, upper: 150, selectedFraction: 1)
/// let svg = ExposureIntervalPlot(rows: [row]).canvas()
/// ```
public struct ExposureIntervalPlot: Sendable {
  /// One line of `exposures_ci.tsv`.
  public struct Row: Equatable, Sendable {
    public var sample: String, signature: String
    public var exposure: Double, lower: Double, upper: Double
    public var selectedFraction: Double?
    public init(sample: String, signature: String, exposure: Double, lower: Double, upper: Double, selectedFraction: Double?) {
      (self.sample, self.signature, self.exposure, self.lower, self.upper, self.selectedFraction) =
        (sample, signature, exposure, lower, upper, selectedFraction)
    }
  }
  /// The interval rows, one per sample and signature.
  public var rows: [Row]
  /// Signature order (and so colours), e.g. the columns of `exposures.tsv`; signatures not
  /// listed follow in first-seen order.
  public var signatureOrder: [String]
  /// The colour of each signature; the same object the exposure bars use, so they agree.
  public var colors: SignatureColors

  static let left = 64.0, right = 12.0, stripHeight = 110.0

  /// Creates a plot from interval rows (any order; samples keep first-seen order).
  public init(rows: [Row], signatureOrder: [String] = [], colors: SignatureColors? = nil) {
    self.rows = rows
    self.signatureOrder = signatureOrder
    self.colors = colors ?? SignatureColors(Self.firstSeen(signatureOrder + rows.map(\.signature)))
  }

  private static func firstSeen(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }

  /// Draws the figure.
  public func canvas() -> SVGCanvas {
    let samples = Self.firstSeen(rows.map(\.sample))
    let present = Set(rows.map(\.signature))
    let signatures = Self.firstSeen(signatureOrder.filter { present.contains($0) } + rows.map(\.signature))
    let sampleIndex = Dictionary(uniqueKeysWithValues: samples.enumerated().map { ($1, $0) })
    let slot = ExposurePlot.slotWidth(samples: samples.count)
    let showLabels = slot >= 8
    let longest = Double(samples.map(\.count).max() ?? 0)
    let bottom = showLabels ? Swift.min(110, 14 + longest * 6) : 24
    let width = Swift.max(520, Self.left + slot * Double(samples.count) + Self.right)
    let top = 44.0
    let height = top + Double(signatures.count) * Self.stripHeight + bottom
    let title = "Exposures with bootstrap intervals"
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.text(title, x: Self.left, y: 18, size: 14, bold: true)
    svg.text("point: fitted exposure; whisker: bootstrap interval; hollow: selected in < 50% of replicates",
             x: Self.left, y: 34, size: 10, fill: Palette.muted)
    let x0 = Self.left, x1 = width - Self.right
    for (s, signature) in signatures.enumerated() {
      let stripTop = top + Double(s) * Self.stripHeight + 8
      let stripBottom = stripTop + Self.stripHeight - 22
      let mine = rows.filter { $0.signature == signature }
      let axis = AxisScale(minimum: 0, maximum: mine.map { Swift.max($0.upper, $0.exposure) }.max() ?? 1, targetTicks: 3)
      ProfileFrame.drawYAxis(&svg, axis: axis, x0: x0, x1: x1, top: stripTop, bottom: stripBottom, suffix: "")
      svg.line(x1: x0, y1: stripBottom, x2: x1, y2: stripBottom, stroke: Palette.axis)
      svg.text(signature, x: x0 + 6, y: stripTop + 4, size: 11, fill: colors[signature], bold: true)
      for row in mine {
        guard let i = sampleIndex[row.sample] else { continue }
        let x = x0 + (Double(i) + 0.5) * slot
        let color = colors[signature]
        svg.line(x1: x, y1: axis.position(of: row.lower, from: stripBottom, to: stripTop),
                 x2: x, y2: axis.position(of: row.upper, from: stripBottom, to: stripTop), stroke: color, width: 1.5)
        let isSelected = (row.selectedFraction ?? 1) >= 0.5
        var tip = "\(row.sample) \(row.signature): \(SVGNumber.cell(row.exposure, digits: 1)) [\(SVGNumber.cell(row.lower, digits: 1)), \(SVGNumber.cell(row.upper, digits: 1))]"
        if let f = row.selectedFraction { tip += ", selected in \(SVGNumber.fixed(f * 100, digits: 0))%" }
        svg.circle(cx: x, cy: axis.position(of: row.exposure, from: stripBottom, to: stripTop), r: Swift.min(3.5, slot * 0.35 + 1),
                   fill: isSelected ? color : "#FFFFFF", stroke: color, tooltip: tip)
      }
    }
    let y0 = top + Double(signatures.count) * Self.stripHeight
    for (i, sample) in samples.enumerated() where showLabels {
      let size = slot >= 12 ? 9.0 : 7.5
      svg.text(sample, x: x0 + (Double(i) + 0.5) * slot + size * 0.35, y: y0 - 8, size: size, anchor: .end,
               fill: Palette.axis, rotate: -90)
    }
    return svg
  }
}
