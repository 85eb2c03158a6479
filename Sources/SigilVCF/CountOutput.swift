import Foundation
import SigilCore

/// The run.json parameters of `sigil count`.
struct CountParameters: Encodable {
  var referenceFasta: String
  var allFilters: Bool
  var maxRefMismatch: Double
  var samples: String
  var sampleName: String
  var rules: String
  var genes: String
  var regions: String

  enum CodingKeys: String, CodingKey {
    case referenceFasta = "reference-fasta", allFilters = "all-filters", maxRefMismatch = "max-ref-mismatch"
    case samples, sampleName = "sample-name", rules, genes, regions
  }

  init(_ c: CountConfiguration) {
    referenceFasta = c.referencePath; allFilters = c.allFilters; maxRefMismatch = c.maxRefMismatch
    samples = c.samples?.joined(separator: ",") ?? ""; sampleName = c.sampleName ?? ""
    rules = c.rules.rawValue; genes = c.genesPath ?? ""; regions = c.regionsPath ?? ""
  }
}

extension CountResult {
  /// Writes the catalogs, `count_summary.tsv` and `run.json` of `sigil count` into `directory`.
  /// - Throws: `TableFormatError.cannotWrite`, or `.cannotOpen` when an input cannot be checksummed.
  public func write(toDirectory directory: String, configuration: CountConfiguration, inputs: [String],
                    libraries: [String: String], warnings: [String]) throws {
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    try sbs96.write(to: path("catalog.sbs96.tsv"))
    try sbs1536.write(to: path("catalog.sbs1536.tsv"))
    if let sbs288 { try sbs288.write(to: path("catalog.sbs288.tsv")) }
    try dbs78.write(to: path("catalog.dbs78.tsv"))
    try id83.write(to: path("catalog.id83.tsv"))
    try AtomicFile.write(summaryTSV(), to: path("count_summary.tsv"))
    if let opportunity {
      try opportunity.sbs96.write(to: path("opportunity.sbs96.tsv"))
      try opportunity.dbs78.write(to: path("opportunity.dbs78.tsv"))
    }
    try RunManifest(command: "count", seed: nil, typedParameters: CountParameters(configuration),
                    inputs: [configuration.referencePath] + (configuration.genesPath.map { [$0] } ?? [])
                      + (configuration.regionsPath.map { [$0] } ?? []) + inputs,
                    libraries: libraries, warnings: warnings).write(toDirectory: directory)
  }

  /// Per-file lines for the log: what each input was read as, and what was skipped.
  public var messages: [RunMessage] {
    var out: [RunMessage] = []
    for file in files {
      out.append(.info("\(file.path): \(file.mode); \(file.sampleNames.count) sample(s) counted"))
      out += file.warnings.map { .warning($0) }
      if !file.missingContigs.isEmpty {
        out.append(.warning("\(file.path): variants on contig(s) missing from the FASTA were skipped: \(RunLog.list(file.missingContigs))"))
      }
    }
    if let annotation = genes {
      out.append(.info("\(annotation.path): \(annotation.genes) stranded gene interval(s) (\(annotation.format.rawValue))"
                       + (annotation.unstranded > 0 ? "; \(annotation.unstranded) without strand skipped" : "")))
      if !annotation.unmatchedContigs.isEmpty {
        out.append(.warning("\(annotation.path): genes on contig(s) missing from the FASTA were ignored: \(RunLog.list(annotation.unmatchedContigs))"))
      }
    }
    if let regions, let opportunity {
      let sites = Int(opportunity.sbs96.counts.values.reduce(0, +) / 3)
      out.append(.info("\(regions.path): \(regions.lines) region line(s), \(regions.intervalCount) merged interval(s), \(regions.bases) bp; "
                       + "\(sites) SBS96 site(s) in opportunity.sbs96.tsv"))
      if !regions.unmatchedContigs.isEmpty {
        out.append(.warning("\(regions.path): regions on contig(s) missing from the FASTA were ignored: \(RunLog.list(regions.unmatchedContigs))"))
      }
      // A VCF's record counters repeat in each of its samples; a MAF's are per sample.
      let outside = files.reduce(0) { $0 + ($1.mode == .maf ? $1.summaries.reduce(0) { $0 + $1.outsideRegions } : $1.summaries.first?.outsideRegions ?? 0) }
      out.append(.info("\(outside) record(s) outside the regions were skipped (outside_regions in count_summary.tsv)"))
    }
    return out
  }

  /// `30 sample(s): 60000 SBS, 12 DBS, 6000 ID`.
  public var totalsLine: String {
    let totals = summaries.reduce(into: (0, 0, 0)) { $0.0 += $1.sbs96; $0.1 += $1.dbs78; $0.2 += $1.id83 }
    return "\(sbs96.sampleCount) sample(s): \(totals.0) SBS, \(totals.1) DBS, \(totals.2) ID"
  }
}
