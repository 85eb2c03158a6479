import Foundation

/// Finds the reference signature tables that ship with sigil (`reference/` in the source tree,
/// `<prefix>/share/sigil/reference` once installed).
///
/// Nothing is downloaded at run time and nothing is written next to the installed code.
/// Search order: `$SIGIL_REFERENCE_DIR`, then `share/sigil/reference` beside the executable's
/// `bin/`, then a `reference/` folder in the executable's ancestors (a build inside the repo).
public enum ReferenceData {
  /// The COSMIC releases bundled.
  public static let versions = ["cosmic-v3.4", "cosmic-v3.6"]
  /// The genome builds bundled: human GRCh37 and GRCh38, mouse GRCm38 (`mm10`) and GRCm39
  /// (`mm39`), rat mRatBN7.2 (`rn7`). COSMIC v3.4 only for mouse and rat, SBS96 and DBS78 only.
  public static let genomes = ["GRCh37", "GRCh38", "mm10", "mm39", "rn7"]

  /// The folder holding the bundled tables, if one can be found.
  public static func directory() -> String? {
    let fm = FileManager.default
    let probe = "COSMIC_v3.4_SBS_GRCh37.txt"
    if let env = ProcessInfo.processInfo.environment["SIGIL_REFERENCE_DIR"], !env.isEmpty {
      return env
    }
    guard let exe = executableURL() else { return nil }
    var dir = exe.deletingLastPathComponent()
    let installed = dir.deletingLastPathComponent().appendingPathComponent("share/sigil/reference")
    if fm.fileExists(atPath: installed.appendingPathComponent(probe).path) { return installed.path }
    for _ in 0..<6 {
      let candidate = dir.appendingPathComponent("reference")
      if fm.fileExists(atPath: candidate.appendingPathComponent(probe).path) { return candidate.path }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }

  /// The running executable, symlinks resolved: Foundation's `Bundle.main.executableURL` (Linux
  /// and macOS alike), else `argv[0]` resolved against the working folder or `$PATH`.
  static func executableURL() -> URL? {
    if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
    guard let arg0 = CommandLine.arguments.first, !arg0.isEmpty else { return nil }
    let fm = FileManager.default
    if arg0.contains("/") {
      return URL(fileURLWithPath: arg0, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true))
        .standardizedFileURL.resolvingSymlinksInPath()
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") where fm.isExecutableFile(atPath: "\(dir)/\(arg0)") {
      return URL(fileURLWithPath: "\(dir)/\(arg0)").resolvingSymlinksInPath()
    }
    return nil
  }

  /// Whether COSMIC publishes reference signatures for this class at all (none for SBS1536 or
  /// SBS288, so no genome or version can supply a table).
  public static func publishes(_ mutationClass: MutationClass) -> Bool {
    switch mutationClass {
    case .sbs96, .dbs78, .id83: return true
    case .sbs1536, .sbs288: return false
    }
  }

  /// The file name of a bundled table, e.g. `COSMIC_v3.4_SBS_GRCh38_exome.txt`.
  /// - Throws: `ReferenceDataError` for an unknown version, genome or combination not shipped.
  public static func fileName(version: String, mutationClass: MutationClass, genome: String, exome: Bool) throws -> String {
    guard versions.contains(version) else { throw ReferenceDataError.unknownVersion(version) }
    guard genomes.contains(genome) else { throw ReferenceDataError.unknownGenome(genome) }
    let cls: String
    switch mutationClass {
    case .sbs96: cls = "SBS"
    case .dbs78: cls = "DBS"
    case .id83: cls = "ID"
    case .sbs1536, .sbs288: cls = mutationClass.rawValue  // not `publishes`: path(...) throws notShipped
    }
    let v = version.replacingOccurrences(of: "cosmic-", with: "")
    return "COSMIC_\(v)_\(cls)_\(genome)\(exome ? "_exome" : "").txt"
  }

  /// Full path of a bundled table.
  /// - Throws: `ReferenceDataError` when the folder or file cannot be found.
  public static func path(version: String = "cosmic-v3.4", mutationClass: MutationClass = .sbs96,
                          genome: String = "GRCh37", exome: Bool = false) throws -> String {
    let name = try fileName(version: version, mutationClass: mutationClass, genome: genome, exome: exome)
    guard let dir = directory() else { throw ReferenceDataError.notFound }
    let full = (dir as NSString).appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: full) else {
      throw ReferenceDataError.notShipped(name: name, directory: dir)
    }
    return full
  }
}

/// Why a bundled reference table could not be found.
public enum ReferenceDataError: Error, Equatable, CustomStringConvertible, Sendable {
  case unknownVersion(String)
  case unknownGenome(String)
  case notFound
  case notShipped(name: String, directory: String)
  public var description: String {
    switch self {
    case let .unknownVersion(v):
      return "unknown reference set '\(v)'; expected one of \(ReferenceData.versions.joined(separator: ", ")) or --signatures FILE"
    case let .unknownGenome(g):
      return "unknown genome '\(g)'; expected one of \(ReferenceData.genomes.joined(separator: ", "))"
    case .notFound:
      return "cannot find sigil's bundled reference/ folder; set SIGIL_REFERENCE_DIR to it or pass --signatures FILE"
    case let .notShipped(name, directory):
      return "\(directory)/\(name) is not bundled (that COSMIC version, class, genome and exome combination is not distributed); pass --signatures FILE"
    }
  }
}
