import Foundation
import SigilCore

/// The samples of an output folder, to check the names given to `sigil report --sample`
/// before anything is drawn.
enum SampleNames {
  /// The file whose samples count for a folder of this kind: `exposures.tsv` (extract, fit),
  /// else the first catalog (count).
  static func source(in folder: ReportFolder) -> String? {
    switch folder.kind {
    case .extract, .fit: return folder.file("exposures.tsv").map { _ in "exposures.tsv" }
    case .count:
      return ["catalog.sbs96.tsv", "catalog.dbs78.tsv", "catalog.id83.tsv"].first { folder.file($0) != nil }
    case .attribute: return nil  // no per-sample panels on the attribution page
    }
  }

  /// Throws `ReportError.unknownSamples` when a name is not a sample of the folder; nothing to
  /// check (no names, or no readable sample file: the sections then warn) passes.
  static func check(_ names: [String], in folder: ReportFolder) throws {
    guard !names.isEmpty, let file = source(in: folder), let path = folder.file(file) else { return }
    let available: [String]
    if folder.kind == .count {
      guard let catalog = try? MutationCatalog.read(path: path) else { return }
      available = catalog.sampleNames
    } else {
      guard let exposures = try? ExposureTable.read(path: path) else { return }
      available = exposures.sampleNames
    }
    let known = Set(available)
    let unknown = names.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw ReportError.unknownSamples(names: unknown, file: (folder.shownPath as NSString).appendingPathComponent(file), available: available)
    }
  }
}
