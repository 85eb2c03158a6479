/// The report being put together: sections in order, figures with unique file names, warnings.
struct ReportAssembly {
  var sections: [(id: String, heading: String, body: String)] = []
  var summary: [(value: String, label: String)] = []
  private(set) var figures: [Figure] = []
  private(set) var warnings: [String] = []
  private var usedNames: Set<String> = []

  /// Registers a figure under `figures/<stem>.svg`; a name already used gets `-2`, `-3`... appended.
  mutating func figure(_ stem: String, _ canvas: SVGCanvas) -> Figure {
    let base = Self.safeFileStem(stem)
    var name = base + ".svg"
    var n = 2
    while usedNames.contains(name.lowercased()) { name = "\(base)-\(n).svg"; n += 1 }
    usedNames.insert(name.lowercased())
    let f = Figure(fileName: name, canvas: canvas)
    figures.append(f)
    return f
  }

  /// Adds a warning shown at the top of the report and returned to the caller.
  mutating func warn(_ message: String) { warnings.append(message) }

  /// Files of the folder that could not be read (truncated or malformed tables).
  private(set) var unreadable: [String] = []

  /// A warning about a file that could not be read; `sigil report` then exits non-zero.
  mutating func unreadableFile(_ message: String) {
    warn(message)
    unreadable.append(message)
  }

  /// Adds a section.
  mutating func section(_ id: String, _ heading: String, _ body: String) { sections.append((id, heading, body)) }

  /// A file-name stem made of letters, digits, `.`, `_` and `-` only (others become `_`).
  static func safeFileStem(_ text: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    let mapped = String(text.map { allowed.contains($0) ? $0 : "_" })
    let trimmed = mapped.hasPrefix(".") ? "_" + mapped.dropFirst() : mapped
    return trimmed.isEmpty ? "figure" : String(trimmed.prefix(120))
  }
}
