import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// Golden outputs: `extract` and `fit` on a fixed 8-sample catalog (`Golden/catalog.tsv`, from
/// `sigil simulate --samples 8 --seed 5 --active SBS1,SBS5 --optional SBS13
/// --optional-probability 0.5`), every output table checked byte for byte against `Golden/`. An
/// engine change that moves a single digit fails here; if the change is intended, re-record with
/// `SIGIL_RECORD_SNAPSHOTS=1 swift test --filter GoldenOutputTests`, which rewrites the files and
/// fails the run (recording is never silent), and say in the commit which values moved and why.
@Suite("Golden extract and fit outputs") struct GoldenOutputTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static var catalog: String { golden.appendingPathComponent("catalog.tsv").path }
  static let extractArguments = ["--ranks", "2..3", "--restarts", "6", "--cv-folds", "2", "--cv-restarts", "1",
                                 "--max-iterations", "400", "--seed", "1", "--threads", "2"]
  static let extractTables = ["signatures.tsv", "exposures.tsv", "rank_selection.tsv", "reference_match.tsv",
                              "reconstruction.tsv"]
  static let fitTables = ["exposures.tsv", "exposures_ci.tsv", "fit_stats.tsv", "residuals.tsv"]

  /// Compares `folder/name` with `Golden/<kind>/name`, or records it under SIGIL_RECORD_SNAPSHOTS=1.
  private func check(_ folder: String, _ kind: String, _ name: String) throws {
    let actual = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    let path = Self.golden.appendingPathComponent(kind).appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SIGIL_RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: path)
      Issue.record("recorded golden \(kind)/\(name); rerun without SIGIL_RECORD_SNAPSHOTS")
      return
    }
    guard let expected = try? Data(contentsOf: path) else {
      Issue.record("missing golden \(kind)/\(name); record it with SIGIL_RECORD_SNAPSHOTS=1")
      return
    }
    if expected != actual {
      let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
      Issue.record("\(kind)/\(name) differs from its golden file at line \(line + 1):\n  golden: \(line < a.count ? String(a[line]) : "<end>")\n  actual: \(line < b.count ? String(b[line]) : "<end>")")
    }
  }

  @Test("extract on the golden catalog writes the golden tables")
  func extract() throws {
    let out = Fixtures.temporaryDirectory("sigil-golden-extract")
    let r = try CLIRunner.run(["extract", "-o", out, Self.catalog] + Self.extractArguments)
    try #require(r.exitCode == 0, "\(r.stderr)")
    let consensus = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("consensus_k") }.sorted()
    for name in Self.extractTables + consensus { try check(out, "extract", name) }
  }

  @Test("fit (default sparse rule, bootstrap) on the golden catalog writes the golden tables")
  func fit() throws {
    let out = Fixtures.temporaryDirectory("sigil-golden-fit")
    let r = try CLIRunner.run(["fit", "-o", out, Self.catalog, "--bootstrap", "20", "--seed", "1", "--threads", "2"])
    try #require(r.exitCode == 0, "\(r.stderr)")
    for name in Self.fitTables { try check(out, "fit", name) }
  }

  /// One fitting engine: extract's exposures are `sigil fit --method kl` on its signatures.
  ///
  /// Not byte for byte: reading signatures.tsv divides each column by its sum again
  /// (`SignatureSet`), which moves W's last bits, and each fit stops once the KL divergence changes
  /// by less than 1e-10 relative; measured agreement is ~1e-13 relative. 1e-6 · (|x| + 1) mutations
  /// leaves room for a fit that stops one check interval apart, and is far below any difference of
  /// estimator (least squares vs Poisson differ by whole mutations here).
  @Test("fit --method kl on extract's signatures.tsv gives extract's exposures.tsv")
  func extractAgreesWithFit() throws {
    let extracted = Fixtures.temporaryDirectory("sigil-golden-agree")
    let fitted = Fixtures.temporaryDirectory("sigil-golden-agree-fit")
    let e = try CLIRunner.run(["extract", "-o", extracted, Self.catalog] + Self.extractArguments)
    try #require(e.exitCode == 0, "\(e.stderr)")
    let f = try CLIRunner.run(["fit", "-o", fitted, Self.catalog, "--signatures", extracted + "/signatures.tsv",
                               "--method", "kl", "--bootstrap", "0"])
    try #require(f.exitCode == 0, "\(f.stderr)")
    let a = try ExposureTable.read(path: extracted + "/exposures.tsv")
    let b = try ExposureTable.read(path: fitted + "/exposures.tsv")
    try #require(a.sampleNames == b.sampleNames && a.signatureNames == b.signatureNames)
    for (x, y) in zip(a.values.values, b.values.values) {
      #expect(abs(x - y) <= 1e-6 * (abs(x) + 1), "extract \(x) vs fit --method kl \(y)")
    }
  }
}
