import SigilCore

/// The sections of an extract report: rank selection, signatures with their reference matches,
/// exposures, per-sample reconstruction quality (`reconstruction.tsv`) and per-sample panels.
enum ExtractSections {
  static func add(to report: inout ReportAssembly, context: inout SectionContext) {
    if let rank = addRankSelection(to: &report, context: context) {
      ConsensusSection.add(rank: rank, to: &report, context: context)
    }
    let signatures = context.load("signatures.tsv", into: &report) { try SignatureSet.read(path: $0) }
    let matches = context.table("reference_match.tsv", into: &report).map(ReferenceMatches.init)
    if let signatures {
      addSignatures(signatures, matches: matches, to: &report, context: &context)
    } else if context.folder.file("signatures.tsv") == nil {
      report.warn("signatures.tsv is missing; no signature profiles to show")
    }
    if let matches { addMatchTable(matches, to: &report) }
    let exposures = context.load("exposures.tsv", into: &report, ExposureTable.read)
    let labels = exposures.flatMap { e in matches?.labels(for: e.signatureNames) } ?? [:]
    if let exposures {
      report.summary.append((String(exposures.sampleNames.count), "samples"))
      ExposureSections.addStacked(exposures, labels: labels, to: &report)
    }
    // extract writes reconstruction.tsv; folders from before it may hold fit_stats.tsv instead.
    var cosines = QualitySections.addReconstruction(file: "reconstruction.tsv", to: &report, context: context)
    if cosines == nil, context.folder.file("reconstruction.tsv") == nil {
      cosines = QualitySections.addReconstruction(file: "fit_stats.tsv", to: &report, context: context)
    }
    SamplePanels.addExtract(cosines: cosines, signatures: signatures, exposures: exposures, labels: labels,
                            to: &report, context: context)
  }

  /// The "Why k = K" block, the criteria figure and the full table, from `rank_selection.tsv`
  /// and run.json (`rank-selection`, `selected-rank`, `selection-reason`).
  /// - Returns: The selected rank, when the table marks one.
  @discardableResult
  static func addRankSelection(to report: inout ReportAssembly, context: SectionContext) -> Int? {
    guard let table = context.table("rank_selection.tsv", into: &report) else { return nil }
    let rankColumn = table.column(named: ["rank", "k"]) ?? 0
    let selectedColumn = table.column(named: ["selected"])
    guard let criteria = RankCriteria(table) else {
      report.warn("\(table.path): column '\(table.header[rankColumn])' must hold a whole number on every row; rank selection not shown")
      return nil
    }
    var selectedRow: Int? = nil
    if let s = selectedColumn {
      selectedRow = table.rows.firstIndex { ["1", "true", "yes", "TRUE"].contains($0[s].trimmingCharacters(in: .whitespaces)) }
    }
    let selected = selectedRow.map { criteria.ranks[$0] }
    let parameters = Dictionary(context.folder.manifest?.parameters.map { ($0.name, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
    var body = WhyRank.block(criteria: criteria, selected: selected, parameters: parameters, report: &report)
    if let selected { report.summary.append((String(selected), "selected rank k")) }
    let figure = report.figure("rank_selection", WhyRank.plot(criteria: criteria, selected: selected).canvas())
    body += HTMLPage.figure(figure, caption: "The deciding criteria against the rank k; the dashed red line is the selected rank. Every statistic is in the table below.")
    body += "<h3>All rank-selection statistics (rank_selection.tsv, \(table.rows.count) ranks)</h3>\n"
      + HTMLPage.table(header: table.header, rows: table.rows, rowClass: { $0 == selectedRow ? "selected" : nil })
    report.section("rank", "Rank selection", body)
    return selected
  }

  /// "These signatures were polished under a negative-binomial model ..." when run.json's
  /// `nb-polish` says the selected rank was (Decision 0020), so a reader comparing them with
  /// another run's knows they are not the plain consensus; nil otherwise.
  static func polishNote(_ manifest: ManifestSummary?) -> String? {
    guard let value = manifest?.parameters.first(where: { $0.name == "nb-polish" })?.value,
          value.hasPrefix("yes (negative-binomial size") || value.hasPrefix("auto: yes") else { return nil }
    return "The consensus signatures were refined under a negative-binomial model of the cohort's "
      + "overdispersion before their exposures were fitted (Methods-extract.md §2): nb-polish " + value + "."
  }

  /// A profile per signature, titled with its best match, plus the mirrored comparison.
  static func addSignatures(_ signatures: SignatureSet, matches: ReferenceMatches?, to report: inout ReportAssembly,
                            context: inout SectionContext) {
    report.summary.append((String(signatures.count), "signatures"))
    var body = HTMLPage.note("Each bar is one channel's share of the signature, in percent; "
      + ProfileNotes.blocks(signatures.mutationClass) + ".")
    if let polish = polishNote(context.folder.manifest) { body += HTMLPage.note(polish) }
    let reference = context.referenceSet(for: signatures.mutationClass)
    if case let .failure(error) = reference, matches != nil {
      body += HTMLPage.note("\(error); comparison plots skipped.")
    }
    for (j, name) in signatures.names.enumerated() {
      let match = matches?.match(for: name)
      var subtitle: String? = nil
      if let match {
        subtitle = "best match \(match.reference)" + (match.cosineText.map { " (cosine \($0))" } ?? "")
        if let novel = match.novel {
          // sigil's own table: the decision is its `novel` column, never re-derived here.
          if novel {
            report.warn("\(name): reference_match.tsv calls it novel (no mix of reference signatures reproduces it"
              + (match.decompositionCosineText.map { "; decomposition cosine \($0)" } ?? "") + ")")
          }
        } else if let c = match.cosine, c < context.options.novelCosine {
          // A table without a `novel` column (another tool's): fall back to the best single match.
          report.warn("\(name): best reference match \(match.reference) has cosine \(match.cosineText ?? "?") < \(SVGNumber.trimmed(context.options.novelCosine, digits: 3)); possibly a novel signature")
        }
      }
      let values = signatures.matrix.column(j)
      body += "<h3 id=\"sig-\(HTMLPage.escape(ReportAssembly.safeFileStem(name)))\">\(HTMLPage.escape(name))</h3>\n"
      let profile = report.figure("signature_\(name)",
                                  ProfilePlot(mutationClass: signatures.mutationClass, values: values, title: name, subtitle: subtitle).canvas())
      body += HTMLPage.figure(profile, caption: "\(name) profile.")
      if let match, case let .success(set) = reference, let r = set.names.firstIndex(of: match.reference) {
        let mirrored = MirroredProfilePlot(mutationClass: signatures.mutationClass, upper: values, upperName: name,
                                           lower: set.matrix.column(r), lowerName: match.reference, cosine: match.cosineText)
        let figure = report.figure("signature_\(name)_vs_\(match.reference)", mirrored.canvas())
        body += HTMLPage.figure(figure, caption: "\(name) (up) mirrored against its best reference match \(match.reference) (down); cosine from reference_match.tsv.")
      } else if let match, case .success = reference {
        body += HTMLPage.note("\(match.reference) is not in the reference table; no comparison plot.")
      }
    }
    report.section("signatures", "Signatures", body)
  }

  static func addMatchTable(_ matches: ReferenceMatches, to report: inout ReportAssembly) {
    let table = matches.table
    let body = HTMLPage.note("As written in reference_match.tsv.")
      + HTMLPage.table(header: table.header, rows: table.rows)
    report.section("matches", "Reference matches", body)
  }
}

/// The columns of `reference_match.tsv` the figures need, found by name.
///
/// Signature name: a column named `signature`, `de_novo` or `name`, else the first column.
/// Best match: `best_match`, `best_reference`, `match` or `reference`, else the first text column
/// whose name contains "match". Cosine: `best_cosine`, `cosine` or `best_match_cosine`, else the
/// first numeric column whose name contains "cos". Novelty: a `novel` column (`yes`/`no`, as sigil
/// writes it) and its `decomposition_cosine`, when present.
struct ReferenceMatches {
  struct Match {
    let reference: String; let cosine: Double?; let cosineText: String?
    /// The table's `novel` verdict; nil when the table has no such column.
    let novel: Bool?
    let decompositionCosineText: String?
  }
  let table: TextTable
  private let nameColumn: Int
  private let matchColumn: Int?
  private let cosineColumn: Int?
  private let novelColumn: Int?
  private let decompositionCosineColumn: Int?

  init(_ table: TextTable) {
    self.table = table
    let name = table.column(named: ["signature", "de_novo", "denovo", "name"]) ?? 0
    nameColumn = name
    let lower = table.header.map { $0.lowercased() }
    matchColumn = table.column(named: ["best_match", "best_reference", "match", "reference"])
      ?? lower.indices.first { lower[$0].contains("match") && !table.isNumeric(column: $0) && $0 != name }
    cosineColumn = table.column(named: ["best_cosine", "cosine", "best_match_cosine"])
      ?? lower.indices.first { lower[$0].contains("cos") && table.isNumeric(column: $0) }
    novelColumn = table.column(named: ["novel"])
    decompositionCosineColumn = table.column(named: ["decomposition_cosine"])
  }

  /// "SBS96C ~ SBS2 (0.99)" for each of `names` that has a best match (cosine to 2 decimals;
  /// reference_match.tsv keeps full precision).
  func labels(for names: [String]) -> [String: String] {
    var out: [String: String] = [:]
    for name in names {
      guard let m = match(for: name) else { continue }
      out[name] = "\(name) ~ \(m.reference)" + (m.cosine.map { " (\(SVGNumber.fixed($0, digits: 2)))" } ?? "")
    }
    return out
  }

  /// The best match of signature `name`, if the table has one.
  func match(for name: String) -> Match? {
    guard let m = matchColumn, let row = table.rows.first(where: { $0[nameColumn] == name }) else { return nil }
    let reference = row[m].trimmingCharacters(in: .whitespaces)
    guard !reference.isEmpty else { return nil }
    let cosine = cosineColumn.flatMap { TextTable.number(row[$0]) }
    let novel = novelColumn.map { row[$0].trimmingCharacters(in: .whitespaces).lowercased() == "yes" }
    let decomposition = decompositionCosineColumn.flatMap { TextTable.number(row[$0]) }
    return Match(reference: reference, cosine: cosine, cosineText: cosine.map { SVGNumber.fixed($0, digits: 3) },
                 novel: novel, decompositionCosineText: decomposition.map { SVGNumber.fixed($0, digits: 3) })
  }
}
