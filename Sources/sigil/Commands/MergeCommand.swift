import ArgumentParser
import Foundation
import SigilCore

/// `sigil merge`: per-sample (or per-batch) catalogs side by side, the gather step of a scattered
/// count (`CatalogMerge`). `-j` is accepted for uniformity; merging is single-threaded.
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
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  @Argument(help: "Catalog tables to merge (TSV, channels x samples).")
  var catalogs: [String] = []

  func validate() throws {
    try require(!catalogs.isEmpty, "give at least one catalog to merge")
    _ = try output.folder(inputs: catalogs)
  }

  func run() throws {
    Console.quiet = log.quiet
    let folder = try output.folder(inputs: catalogs)
    let written = try CatalogMerge.run(paths: catalogs, into: folder, libraries: LinkedLibraries.all, warnings: { Console.warnings })
    Console.info("merged \(catalogs.count) catalogs into \(folder.path)/: \(written.joined(separator: ", "))")
  }
}
