import Foundation

/// The catalogs of one mutation class, in input order, with the file each came from: the gather
/// step of a scattered `sigil count` (`sigil merge`).
///
/// Each input is read with `MutationCatalog.read` (any row order, SigProfiler/COSMIC layouts) and
/// grouped by mutation class; each class is written as `catalog.<class>.tsv` with the samples in
/// input order, so `count` per VCF + `merge` gives the same bytes as one `count` over all VCFs.
public struct CatalogMerge: Sendable {
  public let mutationClass: MutationClass
  public var parts: [(path: String, catalog: MutationCatalog)] = []

  /// Reads every path and groups the catalogs by class, classes in order of first appearance.
  /// - Throws: `TableFormatError` from the reader, naming file and line.
  public static func read(paths: [String]) throws -> [CatalogMerge] {
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

  /// The file name of the merged class, e.g. `catalog.sbs96.tsv`.
  public var fileName: String { "catalog.\(mutationClass.rawValue.lowercased()).tsv" }

  /// The catalogs side by side.
  /// - Throws: `DuplicateSampleError` naming the sample and both files.
  public func merged() throws -> MutationCatalog {
    try MutationCatalog.merging(parts.map(\.catalog), sources: parts.map(\.path))
  }

  /// Merges `paths` into `folder`: one `catalog.<class>.tsv` per class, and `run.json`.
  /// - Returns: `catalog.sbs96.tsv (30 samples)` per class written, for the log.
  /// - Throws: read errors, `DuplicateSampleError`, `TableFormatError.cannotWrite`.
  public static func run(paths: [String], into folder: OutputFolder, libraries: [String: String],
                         warnings: () -> [String]) throws -> [String] {
    let groups = try read(paths: paths)
    let merged = try groups.map { try $0.merged() }
    return try folder.publish { staging in
      var written: [String] = []
      for (group, catalog) in zip(groups, merged) {
        try catalog.write(to: staging.file(group.fileName))
        written.append("\(group.fileName) (\(catalog.sampleCount) samples)")
      }
      let parameters = Parameters(classes: groups.map { $0.mutationClass.rawValue }.joined(separator: ","), inputs: paths.count)
      try RunManifest(command: "merge", seed: nil, typedParameters: parameters, inputs: paths, libraries: libraries,
                      warnings: warnings()).write(toDirectory: staging.stagingPath)
      return written
    }
  }
}

extension CatalogMerge {
  /// The run.json parameters of `sigil merge`: the classes written and the number of inputs.
  struct Parameters: Encodable {
    var classes: String
    var inputs: Int
  }
}
