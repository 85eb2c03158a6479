import Foundation

/// An output folder of `sigil count`, `extract` or `fit`, and which kind it is.
///
/// The kind comes from `run.json`'s `command` when that names one of the three, otherwise from
/// the files present: `signatures.tsv` or `rank_selection.tsv` mean extract; `fit_stats.tsv`,
/// `exposures_ci.tsv` or `residuals.tsv` mean fit; `catalog.sbs96.tsv`, `catalog.dbs78.tsv`,
/// `catalog.id83.tsv` or `count_summary.tsv` mean count.
///
/// ```swift
/// let folder = try ReportFolder(path: "out/")
/// if let path = folder.file("rank_selection.tsv") { ... }
/// ```
public struct ReportFolder: Sendable {
  /// The stage that wrote the folder.
  public enum Kind: String, Sendable { case extract, fit, count, attribute }

  /// The folder path as given.
  public let path: String
  /// The path shown on the page: `path`, or the final name of a folder still being written.
  public let shownPath: String
  /// The detected kind.
  public let kind: Kind
  /// The parsed `run.json`, when present and valid.
  public let manifest: ManifestSummary?

  /// Opens a folder and detects its kind.
  /// - Throws: `ReportError.notAFolder`, `.unrecognisedFolder`.
  public init(path: String, shownPath: String? = nil) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ReportError.notAFolder(path: path)
    }
    self.path = path
    self.shownPath = shownPath ?? path
    let runJSON = (path as NSString).appendingPathComponent("run.json")
    let manifest = FileManager.default.fileExists(atPath: runJSON) ? try? ManifestSummary.read(path: runJSON) : nil
    self.manifest = manifest
    func has(_ name: String) -> Bool {
      FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name))
    }
    if let command = manifest?.command, let kind = Kind(rawValue: command) {
      self.kind = kind
    } else if has("signatures.tsv") || has("rank_selection.tsv") {
      kind = .extract
    } else if has("fit_stats.tsv") || has("exposures_ci.tsv") || has("residuals.tsv") {
      kind = .fit
    } else if has("attribution.tsv") {
      kind = .attribute
    } else if has("catalog.sbs96.tsv") || has("catalog.dbs78.tsv") || has("catalog.id83.tsv") || has("count_summary.tsv") {
      kind = .count
    } else {
      throw ReportError.unrecognisedFolder(path: path)
    }
  }

  /// The full path of `name` inside the folder if that file exists, else nil.
  public func file(_ name: String) -> String? {
    let full = (path as NSString).appendingPathComponent(name)
    return FileManager.default.fileExists(atPath: full) ? full : nil
  }

  /// The folder's name for titles (last path component, without a trailing slash).
  public var displayName: String {
    let standardized = (shownPath as NSString).standardizingPath
    let name = (standardized as NSString).lastPathComponent
    return name.isEmpty || name == "." ? standardized : name
  }
}
