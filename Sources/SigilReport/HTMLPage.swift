/// The HTML template of `report.html` and small helpers to fill it.
///
/// One self-contained page: CSS inline, figures as inline `<svg>`, no scripts, no fonts or
/// images from the network (the page contains no URL at all, so it renders the same offline).
/// `<details>` folds long tables without JavaScript.
enum HTMLPage {
  /// The style sheet.
  static let css = """
    :root { color-scheme: light; }
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; background: #fafafa;
           margin: 0; line-height: 1.45; }
    header { background: #1f2a36; color: #fff; padding: 18px 32px 14px; }
    header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
    header p { margin: 2px 0; color: #c9d3de; font-size: 13px; }
    header code { color: #fff; }
    nav { background: #e9edf1; padding: 8px 32px; font-size: 13px; border-bottom: 1px solid #d5dbe1; }
    nav a { color: #1f4e79; margin-right: 16px; text-decoration: none; }
    main { padding: 8px 32px 40px; max-width: 1240px; }
    section { margin-top: 26px; }
    h2 { font-size: 19px; border-bottom: 2px solid #1f2a36; padding-bottom: 3px; margin: 0 0 10px; }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    p.note { color: #555; font-size: 13px; margin: 4px 0 8px; }
    .summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; }
    .summary div { background: #fff; border: 1px solid #d5dbe1; border-radius: 4px; padding: 8px 14px; min-width: 110px; }
    .summary b { display: block; font-size: 20px; }
    .summary span { font-size: 12px; color: #555; }
    .warnings { background: #fff8e5; border: 1px solid #e8c66b; border-radius: 4px; padding: 8px 14px 8px 30px; }
    .warnings li { margin: 3px 0; font-size: 14px; }
    .ok { color: #2b7a2b; font-size: 14px; }
    figure { margin: 8px 0 14px; background: #fff; border: 1px solid #e1e5e9; border-radius: 4px; padding: 6px;
             overflow-x: auto; }
    figure svg { display: block; max-width: none; }
    figcaption { font-size: 12px; color: #555; margin-top: 2px; }
    figcaption a { color: #1f4e79; }
    table { border-collapse: collapse; font-size: 13px; background: #fff; margin: 6px 0 10px; }
    th, td { border: 1px solid #d5dbe1; padding: 3px 8px; text-align: left; vertical-align: top; }
    th { background: #eef1f4; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    tr.selected td { background: #fdeaea; font-weight: 600; }
    tr.flag td { background: #fff3d6; }
    span.key { display: inline-block; width: 11px; height: 11px; margin-right: 6px; vertical-align: -1px; }
    .why { background: #fff; border: 1px solid #d5dbe1; border-left: 4px solid #1f4e79; border-radius: 4px; padding: 8px 14px; }
    .why p { margin: 4px 0; font-size: 14px; }
    .why ul { margin: 4px 0; padding-left: 22px; font-size: 14px; }
    .why .caution { color: #8a4b00; }
    .scroll { overflow-x: auto; max-width: 100%; }
    details summary { cursor: pointer; color: #1f4e79; font-size: 13px; margin: 6px 0; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
    footer { color: #777; font-size: 12px; padding: 10px 32px 30px; }
    """

  /// Escapes text for HTML content and attribute values.
  static func escape(_ text: String) -> String { SVGCanvas.escape(text) }

  /// The whole page around the given navigation entries and section bodies.
  static func page(title: String, subtitle: [String], summary: [(value: String, label: String)],
                   sections: [(id: String, heading: String, body: String)], footer: String) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(escape(title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
    out += "<header>\n<h1>\(escape(title))</h1>\n"
    for line in subtitle { out += "<p>\(line)</p>\n" }
    out += "</header>\n<nav>"
    out += sections.map { "<a href=\"#\($0.id)\">\(escape($0.heading))</a>" }.joined()
    out += "</nav>\n<main>\n"
    if !summary.isEmpty {
      out += "<div class=\"summary\">"
      out += summary.map { "<div><b>\(escape($0.value))</b><span>\(escape($0.label))</span></div>" }.joined()
      out += "</div>\n"
    }
    for section in sections {
      out += "<section id=\"\(section.id)\">\n<h2>\(escape(section.heading))</h2>\n\(section.body)</section>\n"
    }
    out += "</main>\n<footer>\(footer)</footer>\n</body>\n</html>\n"
    return out
  }

  /// A figure: the inline SVG and a caption linking the standalone file.
  static func figure(_ figure: Figure, caption: String) -> String {
    "<figure>\n\(figure.canvas.render(standalone: false))<figcaption>\(caption) "
      + "<a href=\"figures/\(escape(figure.fileName))\">SVG file</a></figcaption>\n</figure>\n"
  }

  /// A table of text cells; numeric cells are right-aligned and shortened for reading.
  /// - Parameters:
  ///   - rowClass: a CSS class per row index (`selected`, `flag`), or nil.
  ///   - limit: rows shown; the rest are counted in a note.
  static func table(header: [String], rows: [[String]], rowClass: (Int) -> String? = { _ in nil }, limit: Int = 500) -> String {
    var out = "<div class=\"scroll\"><table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
    for (r, row) in rows.prefix(limit).enumerated() {
      let cls = rowClass(r).map { " class=\"\($0)\"" } ?? ""
      out += "<tr\(cls)>"
      for cell in row {
        if let v = TextTable.number(cell) {
          out += "<td class=\"num\">\(escape(SVGNumber.cell(v)))</td>"
        } else {
          out += "<td>\(escape(readableList(cell)))</td>"
        }
      }
      out += "</tr>\n"
    }
    out += "</table></div>\n"
    if rows.count > limit {
      out += "<p class=\"note\">Showing the first \(limit) of \(rows.count) rows; the file has them all.</p>\n"
    }
    return out
  }

  /// A list cell such as `SBS2:0.8123456789;SBS13:0.1876543211` or `0.91234,0.8` with each
  /// fraction rounded for reading (`SVGNumber.cell`, 4 decimals at most) and a space after each
  /// separator; any other text unchanged.
  /// Only cells made entirely of `number` or `name:number` items separated by `;` or `,` change.
  static func readableList(_ cell: String) -> String {
    guard cell.contains(";") || cell.contains(",") || cell.contains(":") else { return cell }
    var out = ""
    var item = ""
    // Whole numbers (positions, counts) are kept as written; only fractions are rounded.
    func rounded(_ text: Substring) -> String? {
      guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let v = TextTable.number(String(text)) else {
        return TextTable.number(String(text)) != nil ? String(text) : nil
      }
      return SVGNumber.cell(v)
    }
    func flush() -> Bool {
      defer { item = "" }
      if let r = rounded(item[...]) { out += r; return true }
      if let colon = item.lastIndex(of: ":"), !item[..<colon].isEmpty, let r = rounded(item[item.index(after: colon)...]) {
        out += item[...colon] + r
        return true
      }
      return false
    }
    for ch in cell {
      if ch == ";" || ch == "," {
        guard flush() else { return cell }
        out += String(ch) + " "   // "1, 0.9994" rather than "1,0.9994", which reads as a thousand
      } else {
        item.append(ch)
      }
    }
    return flush() ? out : cell
  }

  /// A table whose cells are HTML already (escaped by the caller); cells starting with a digit
  /// are right-aligned.
  static func rawTable(header: [String], rows: [[String]]) -> String {
    var out = "<div class=\"scroll\"><table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
    for row in rows {
      out += "<tr>" + row.map { ($0.first?.isNumber ?? false) ? "<td class=\"num\">\($0)</td>" : "<td>\($0)</td>" }.joined() + "</tr>\n"
    }
    return out + "</table></div>\n"
  }

  /// A paragraph of explanatory text (escaped).
  static func note(_ text: String) -> String { "<p class=\"note\">\(escape(text))</p>\n" }

  /// A foldable block.
  static func details(_ summary: String, _ body: String) -> String {
    "<details><summary>\(escape(summary))</summary>\n\(body)</details>\n"
  }
}

/// A figure produced for the report: its drawing and the file name under `figures/`.
public struct Figure: Sendable {
  public let fileName: String
  public let canvas: SVGCanvas
}
