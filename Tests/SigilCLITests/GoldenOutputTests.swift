import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// Golden outputs: `extract` and `fit` on a fixed 8-sample catalog (`Golden/catalog.tsv`, from
/// `sigil simulate --samples 8 --seed 5 --active SBS1,SBS5 --optional SBS13
/// --optional-probability 0.5`), every output table checked against `Golden/`: byte for byte, or,
/// where the bytes differ, token by token with numbers within `Tolerance.crossMachine` (OpenBLAS
/// moves last bits between CPUs; an engine change moves more and fails here). If the change is intended, re-record with
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
      guard a.count != b.count || zip(a, b).contains(where: { !Self.agree($0, $1) }) else { return }
      let line = (0..<min(a.count, b.count)).first { !Self.agree(a[$0], b[$0]) } ?? min(a.count, b.count)
      Issue.record("\(kind)/\(name) differs from its golden file at line \(line + 1):\n  golden: \(line < a.count ? String(a[line]) : "<end>")\n  actual: \(line < b.count ? String(b[line]) : "<end>")")
    }
  }

  /// Whether two lines hold the same text, with numbers (tab- or comma-separated) within `Tolerance.crossMachine`.
  static func agree(_ golden: Substring, _ actual: Substring) -> Bool {
    if golden == actual { return true }
    let separators: Set<Character> = ["\t", ","]
    let g = golden.split(omittingEmptySubsequences: false) { separators.contains($0) }
    let a = actual.split(omittingEmptySubsequences: false) { separators.contains($0) }
    guard g.count == a.count else { return false }
    return zip(g, a).allSatisfy { x, y in
      if x == y { return true }
      guard let u = Double(x), let v = Double(y) else { return false }
      return approximatelyEqual(u, v, relative: Tolerance.crossMachine.relative, absolute: Tolerance.crossMachine.absolute)
    }
  }

  @Test("golden lines agree across CPUs' last bits, and not across an engine change")
  func tolerantComparison() {
    #expect(Self.agree("A[C>A]A\t0.0036239358064314416\t1.7269367755614273e-14", "A[C>A]A\t0.0036239358064314568\t1.726936775401706e-14"))
    #expect(Self.agree("2\t9.131585729868595,3.142464699445652\tno", "2\t9.131585729868732,3.1424646994455996\tno"))
    #expect(!Self.agree("S1\t26.45104871921661", "S1\t26.45105"))
    #expect(!Self.agree("SBS96A\tSBS13\tno", "SBS96A\tSBS5\tno"))
    #expect(!Self.agree("3\t1,2", "3\t1,2,4"))
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
