/// A minimal SVG document builder that produces deterministic text.
///
/// Elements are appended in drawing order; every coordinate goes through `SVGNumber.coordinate`
/// and every text through `SVGCanvas.escape`, so the same calls always give the same bytes and
/// the result is well-formed XML.
///
/// ```swift
/// var svg = SVGCanvas(width: 200, height: 100, title: "example")
/// svg.rect(x: 10, y: 10, width: 50, height: 20, fill: "#E62725")
/// svg.text("C>T", x: 35, y: 45, anchor: .middle)
/// let file = svg.render(standalone: true)     // with XML declaration and xmlns
/// let inline = svg.render(standalone: false)  // for embedding in HTML
/// ```
public struct SVGCanvas: Sendable {
  /// Horizontal alignment of a text element (`text-anchor`).
  public enum Anchor: String, Sendable { case start, middle, end }

  /// Width in user units (pixels).
  public let width: Double
  /// Height in user units (pixels).
  public let height: Double
  /// The accessible title (`<title>`), shown as a tooltip by browsers.
  public let title: String
  private var body: [String] = []

  /// Creates an empty canvas.
  public init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  private static func c(_ v: Double) -> String { SVGNumber.coordinate(v) }

  /// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Appends a filled rectangle; negative sizes are drawn from the other corner.
  public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                            stroke: String? = nil, tooltip: String? = nil) {
    let (x0, w) = width < 0 ? (x + width, -width) : (x, width)
    let (y0, h) = height < 0 ? (y + height, -height) : (y, height)
    var s = "<rect x=\"\(Self.c(x0))\" y=\"\(Self.c(y0))\" width=\"\(Self.c(w))\" height=\"\(Self.c(h))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"0.5\"" }
    if let tooltip {
      s += "><title>\(Self.escape(tooltip))</title></rect>"
    } else {
      s += "/>"
    }
    body.append(s)
  }

  /// Appends a straight line.
  public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000",
                            width: Double = 1, dashed: Bool = false) {
    var s = "<line x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.c(width))\""
    if dashed { s += " stroke-dasharray=\"4 3\"" }
    body.append(s + "/>")
  }

  /// Appends an open polyline through `points`.
  public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5) {
    guard points.count >= 2 else { return }
    let list = points.map { "\(Self.c($0.x)),\(Self.c($0.y))" }.joined(separator: " ")
    body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.c(width))\"/>")
  }

  /// Appends a circle, optionally with a tooltip.
  public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                              tooltip: String? = nil) {
    var s = "<circle cx=\"\(Self.c(cx))\" cy=\"\(Self.c(cy))\" r=\"\(Self.c(r))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
    if let tooltip {
      s += "><title>\(Self.escape(tooltip))</title></circle>"
    } else {
      s += "/>"
    }
    body.append(s)
  }

  /// Appends a text element; `rotate` turns it about its anchor point (degrees, clockwise).
  public mutating func text(_ content: String, x: Double, y: Double, size: Double = 11,
                            anchor: Anchor = .start, fill: String = "#222222", bold: Bool = false,
                            rotate: Double? = nil, monospace: Bool = false) {
    var s = "<text x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" font-size=\"\(Self.c(size))\""
    if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
    if fill != "#222222" { s += " fill=\"\(fill)\"" }
    if bold { s += " font-weight=\"bold\"" }
    if monospace { s += " font-family=\"DejaVu Sans Mono,Menlo,Consolas,monospace\"" }
    if let rotate { s += " transform=\"rotate(\(Self.c(rotate)) \(Self.c(x)) \(Self.c(y)))\"" }
    body.append(s + ">\(Self.escape(content))</text>")
  }

  /// The SVG text. `standalone` adds the XML declaration and namespace needed by a `.svg` file;
  /// HTML5 embeds `<svg>` without them (so a report contains no URL at all).
  public func render(standalone: Bool) -> String {
    var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
    out += "<svg"
    if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
    out += " width=\"\(Self.c(width))\" height=\"\(Self.c(height))\" viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\""
    out += " font-family=\"DejaVu Sans,Helvetica,Arial,sans-serif\" role=\"img\">\n"
    out += "<title>\(Self.escape(title))</title>\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.c(width))\" height=\"\(Self.c(height))\" fill=\"#ffffff\"/>\n"
    for element in body { out += element + "\n" }
    out += "</svg>\n"
    return out
  }
}
