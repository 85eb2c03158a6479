import Foundation
import SigilCore

/// Paths to test fixtures and the repository's `reference/` folder.
public enum Fixtures {
  /// The repository root (found from this source file's location).
  public static let repositoryRoot: URL = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }()

  /// Path of a bundled reference table, e.g. `COSMIC_v3.4_SBS_GRCh37.txt`.
  public static func reference(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("reference").appendingPathComponent(name).path
  }

  /// Every bundled COSMIC table.
  public static var referenceTables: [String] {
    let dir = repositoryRoot.appendingPathComponent("reference")
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
      .filter { $0.hasPrefix("COSMIC_") && $0.hasSuffix(".txt") }.sorted()
  }

  /// Path of a file in `Tests/SigilTestSupport/Fixtures/`.
  public static func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/SigilTestSupport/Fixtures").appendingPathComponent(name).path
  }

  /// A fresh empty temporary folder.
  public static func temporaryDirectory(_ label: String = "sigil-test") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }

  /// The COSMIC v3.4 GRCh37 SBS96 signatures.
  public static func cosmicSBS96() throws -> SignatureSet {
    try SignatureSet.read(path: reference("COSMIC_v3.4_SBS_GRCh37.txt"))
  }
}
