import SigilCore

/// The sections of a count report: the counting summary and per-sample SBS96, DBS78 and ID83
/// profiles (each class only when its catalog file exists).
enum CountSections {
  static func add(to report: inout ReportAssembly, context: inout SectionContext) {
    if let summary = context.table("count_summary.tsv", into: &report) {
      // Folded for big cohorts, so the profiles are not pushed off the first screen.
      let table = HTMLPage.table(header: summary.header, rows: summary.rows)
      report.summary.append((String(summary.rows.count), "samples"))
      report.section("summary", "Counting summary",
                     HTMLPage.note("Records read, counted and skipped per sample, as written in count_summary.tsv.")
                       + (summary.rows.count > 30 ? HTMLPage.details("The table (\(summary.rows.count) samples)", table) : table))
    }
    for (file, cls) in [("catalog.sbs96.tsv", MutationClass.sbs96), ("catalog.dbs78.tsv", .dbs78), ("catalog.id83.tsv", .id83)] {
      guard let catalog = context.load(file, into: &report, { try MutationCatalog.read(path: $0, expected: cls) }) else { continue }
      addProfiles(catalog, file: file, to: &report, limit: context.options.maxSampleProfiles, named: context.options.samples)
    }
  }

  /// One profile per sample with at least one mutation, up to `limit`, then those of the `named`
  /// samples (`sigil report --sample`) not drawn yet.
  static func addProfiles(_ catalog: MutationCatalog, file: String, to report: inout ReportAssembly, limit: Int,
                          named: [String] = []) {
    let totals = catalog.totals
    let nonEmpty = catalog.sampleNames.indices.filter { totals[$0] > 0 }
    let cls = catalog.mutationClass.rawValue
    var body = HTMLPage.note("Per-sample \(cls) profiles from \(file): each bar is a channel's share of the sample's mutations; "
      + ProfileNotes.blocks(catalog.mutationClass) + ".")
    if nonEmpty.count < catalog.sampleCount {
      body += HTMLPage.note("\(catalog.sampleCount - nonEmpty.count) sample(s) with no \(cls) mutations are not drawn.")
    }
    if nonEmpty.count > limit {
      body += HTMLPage.note("Showing the first \(limit) of \(nonEmpty.count) samples; `sigil report` draws at most \(limit).")
    }
    var drawn = Array(nonEmpty.prefix(limit))
    let extra = named.compactMap { catalog.sampleNames.firstIndex(of: $0) }.filter { totals[$0] > 0 && !drawn.contains($0) }
    if !extra.isEmpty {
      body += HTMLPage.note("Named with --sample: " + extra.map { HTMLPage.escape(catalog.sampleNames[$0]) }.joined(separator: ", ") + " (after the others).")
      drawn += extra
    }
    for j in drawn {
      let name = catalog.sampleNames[j]
      let plot = ProfilePlot(mutationClass: catalog.mutationClass, values: catalog.counts.column(j), title: name, isCounts: true)
      let figure = report.figure("catalog_\(cls.lowercased())_\(name)", plot.canvas())
      body += HTMLPage.figure(figure, caption: "\(name): \(cls) catalog.")
    }
    report.section(cls.lowercased(), "\(cls) profiles", body)
  }
}

/// Sentences that explain a profile's blocks, per class.
enum ProfileNotes {
  static func blocks(_ cls: MutationClass) -> String {
    if cls == .sbs96 { return "blocks are the six substitution classes" }
    if cls == .dbs78 { return "blocks are the ten reference dinucleotides" }
    if cls == .id83 {
      return "blocks are 1bp deletions and insertions of C and T, then deletions and insertions at repeats "
        + "and deletions with microhomology by length (2, 3, 4, 5+ bp); ticks give the homopolymer length, "
        + "number of repeat units or microhomology length"
    }
    return "channels in file order"
  }
}
