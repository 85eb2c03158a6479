/// The run-parameters section and the header lines, from `run.json`.
enum RunSection {
  /// Lines under the page title: folder, command line, version and seed (HTML, escaped).
  static func headerLines(folder: ReportFolder) -> [String] {
    var lines = ["Folder <code>\(HTMLPage.escape(folder.shownPath))</code>"]
    if let m = folder.manifest {
      if !m.argv.isEmpty { lines.append("Command <code>\(HTMLPage.escape(m.argv.joined(separator: " ")))</code>") }
      var facts: [String] = []
      if let v = m.version { facts.append("sigil \(HTMLPage.escape(v))") }
      if let s = m.seed { facts.append("seed \(HTMLPage.escape(s))") }
      if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
      if let reference = referenceLine(m) { lines.append(reference) }
    } else {
      lines.append("No run.json in this folder.")
    }
    return lines
  }

  /// "Reference signatures cosmic-v3.4 · genome GRCh37 · exome no · table `path`", from the
  /// `reference`, `genome`, `exome` and `signatures` parameters of run.json; nil when none is recorded.
  static func referenceLine(_ m: ManifestSummary) -> String? {
    let p = Dictionary(m.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    var parts: [String] = []
    if let r = p["reference"] { parts.append("Reference signatures <b>\(HTMLPage.escape(r))</b>") }
    if let g = p["genome"] { parts.append("genome build <b>\(HTMLPage.escape(g))</b>") }
    if let e = p["exome"] { parts.append(e == "true" ? "exome" : "whole genome") }
    if let t = p["signatures"], !t.isEmpty, t != "nil" {
      parts.append((parts.isEmpty ? "Reference table" : "table") + " <code>\(HTMLPage.escape(t))</code>")
    }
    // Panels and exomes (#18): the signatures were renormalised to the targets' opportunity.
    if let o = p["opportunity"], !o.isEmpty, o != "nil" {
      parts.append("renormalised to the opportunity <code>\(HTMLPage.escape(o))</code> (from \(HTMLPage.escape(p["reference-opportunity"] ?? "bundled")))"
                   + ": exposures are mutations in the targets; <code>exposures_per_mb.tsv</code> gives them per Mb of the reference genome")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  static func add(to report: inout ReportAssembly, folder: ReportFolder) {
    guard let m = folder.manifest else {
      report.section("run", "Run parameters", HTMLPage.note("No readable run.json in this folder."))
      return
    }
    var rows: [[String]] = []
    if let c = m.command { rows.append(["command", c]) }
    if let v = m.version { rows.append(["version", v]) }
    if let s = m.seed { rows.append(["seed", s]) }
    if !m.argv.isEmpty { rows.append(["argv", m.argv.joined(separator: " ")]) }
    for p in m.parameters { rows.append([p.name, p.value]) }
    for o in m.other { rows.append([o.name, o.value]) }
    // Parameter values are shown as text exactly as recorded (a seed is not reformatted as 20,240,229).
    var body = textTable(header: ["parameter", "value"], rows: rows)
    if !m.inputs.isEmpty {
      body += "<h3>Inputs</h3>\n" + textTable(header: ["path", "sha256"], rows: m.inputs.map { [$0.path, $0.sha256] })
    }
    if !m.libraries.isEmpty {
      body += "<h3>Libraries</h3>\n" + textTable(header: ["library", "version"], rows: m.libraries.map { [$0.name, $0.value] })
    }
    report.section("run", "Run parameters", body)
  }

  /// A table whose cells are shown verbatim.
  static func textTable(header: [String], rows: [[String]]) -> String {
    var out = "<div class=\"scroll\"><table>\n<tr>" + header.map { "<th>\(HTMLPage.escape($0))</th>" }.joined() + "</tr>\n"
    for row in rows { out += "<tr>" + row.map { "<td><code>\(HTMLPage.escape($0))</code></td>" }.joined() + "</tr>\n" }
    return out + "</table></div>\n"
  }
}
