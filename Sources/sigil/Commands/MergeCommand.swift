import ArgumentParser
import Foundation
import SigilCore
import SigilReport

/// `sigil merge`: per-sample (or per-batch) catalogs side by side, the gather step of a scattered count.
///
/// Each input is read with `MutationCatalog.read` (any row order, SigProfiler/COSMIC layouts) and
/// grouped by mutation class; each class is written as `catalog.<class>.tsv` with the samples in
/// input order, so `count` per VCF + `merge` gives the same bytes as one `count` over all VCFs.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge catalogs side by side (gather step of a per-VCF scatter).",
    discussion: """
      Writes catalog.<class>.tsv (e.g. catalog.sbs96.tsv, catalog.dbs78.tsv) and run.json.
      Inputs of different classes are grouped by class; within a class samples keep input
      order. A sample name found in two inputs is an error, never a silent sum.

      Examples:
        sigil merge -o cohort/ counts/*/catalog.sbs96.tsv
        sigil merge -o cohort/ a/catalog.sbs96.tsv a/catalog.dbs78.tsv b/catalog.sbs96.tsv b/catalog.dbs78.tsv
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var log: LogOptions

  @Argument(help: "Catalog tables to merge (TSV, channels x samples).")
  var catalogs: [String] = []

  func validate() throws {
    guard !catalogs.isEmpty else { throw ValidationError("give at least one catalog to merge") }
  }

  func run() throws {
    Console.quiet = log.quiet
    let groups = try CatalogMerge.read(paths: catalogs)
    let dir = output.output
    try AtomicFile.makeDirectory(dir)
    var written: [String] = []
    for group in groups {
      let merged = try group.merged()
      let name = "catalog.\(group.mutationClass.rawValue.lowercased()).tsv"
      try merged.write(to: (dir as NSString).appendingPathComponent(name))
      written.append("\(name) (\(merged.sampleCount) samples)")
    }
    try RunManifest(
      command: "merge", seed: nil,
      parameters: ["classes": groups.map { $0.mutationClass.rawValue }.joined(separator: ","),
                   "inputs": "\(catalogs.count)"],
      inputs: catalogs, libraries: LinkedLibraries.all, warnings: Console.warnings
    ).write(toDirectory: dir)
    Console.info("merged \(catalogs.count) catalogs into \(dir)/: \(written.joined(separator: ", "))")
  }
}

/// The catalogs of one mutation class, in input order, with the file each came from.
struct CatalogMerge {
  let mutationClass: MutationClass
  var parts: [(path: String, catalog: MutationCatalog)] = []

  /// Reads every path and groups the catalogs by class, classes in order of first appearance.
  /// - Throws: `TableFormatError` from the reader, naming file and line.
  static func read(paths: [String]) throws -> [CatalogMerge] {
    var groups: [CatalogMerge] = []
    for path in paths {
      let catalog = try MutationCatalog.read(path: path)
      if let i = groups.firstIndex(where: { $0.mutationClass == catalog.mutationClass }) {
        groups[i].parts.append((path, catalog))
      } else {
        groups.append(CatalogMerge(mutationClass: catalog.mutationClass, parts: [(path, catalog)]))
      }
    }
    return groups
  }

  /// The catalogs side by side.
  /// - Throws: `DuplicateSampleError` naming the sample and both files.
  func merged() throws -> MutationCatalog {
    try MutationCatalog.merging(parts.map(\.catalog), sources: parts.map(\.path))
  }
}
