import Foundation
import SigilCore

/// Where the signatures and exposures of an attribution come from: a `sigil fit` or `sigil extract`
/// folder, or a signature table with an exposure table.
public enum AttributionSource: Sendable, Equatable {
  /// A fit folder (exposures.tsv, exposures_ci.tsv, the table its run.json names, or the
  /// signatures_renormalised.tsv a panel fit wrote) or an extract folder (signatures.tsv,
  /// exposures.tsv); `signatures` overrides the table.
  case folder(path: String, signatures: String?)
  /// Any signature table and exposure table (one row per sample).
  case tables(signatures: String, exposures: String)

  /// Reads the source into a model.
  /// - Throws: `AttributionError` (not a fit folder, table missing or changed, unknown exposure
  ///   columns, a class attribute cannot use, malformed intervals), `TableFormatError`.
  public func load() throws -> AttributionModel {
    switch self {
    case let .tables(signatures, exposures):
      return try Self.model(signaturesPath: signatures, exposuresPath: exposures, intervalsPath: nil, source: exposures)
    case let .folder(path, override):
      let manifestPath = (path as NSString).appendingPathComponent("run.json")
      guard let data = FileManager.default.contents(atPath: manifestPath) else {
        throw AttributionError.notAFitFolder(path: path, reason: "no run.json")
      }
      guard let manifest = try? JSONDecoder().decode(RunManifest.self, from: data) else {
        throw AttributionError.notAFitFolder(path: path, reason: "run.json is not sigil's")
      }
      func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
      switch manifest.command {
      case "fit":
        guard manifest.inputs.count >= 2 else { throw AttributionError.notAFitFolder(path: path, reason: "run.json names no signature table") }
        let table = manifest.inputs[1]
        let signatures: String
        if let override {
          signatures = override
        } else {
          guard FileManager.default.isReadableFile(atPath: table.path) else {
            throw AttributionError.signatureTableMissing(folder: path, table: table.path)
          }
          guard try RunManifest.sha256(ofFile: table.path) == table.sha256 else {
            throw AttributionError.signatureTableChanged(folder: path, table: table.path)
          }
          // A panel fit (--opportunity) estimated its exposures against the table renormalised to the
          // panel and kept that table: its exposures only mean something with those signatures.
          let renormalised = file("signatures_renormalised.tsv")
          signatures = FileManager.default.fileExists(atPath: renormalised) ? renormalised : table.path
        }
        let ci = file("exposures_ci.tsv")
        return try Self.model(signaturesPath: signatures, exposuresPath: file("exposures.tsv"),
                              intervalsPath: FileManager.default.fileExists(atPath: ci) ? ci : nil, source: path)
      case "extract":
        return try Self.model(signaturesPath: override ?? file("signatures.tsv"), exposuresPath: file("exposures.tsv"),
                              intervalsPath: nil, source: path)
      default:
        throw AttributionError.notAFitFolder(path: path, reason: "its run.json is from 'sigil \(manifest.command)'")
      }
    }
  }

  static func model(signaturesPath: String, exposuresPath: String, intervalsPath: String?, source: String) throws -> AttributionModel {
    let signatures = try SignatureSet.read(path: signaturesPath)
    guard [.sbs96, .dbs78, .id83].contains(signatures.mutationClass) else {
      throw AttributionError.unsupportedClass(path: signaturesPath, mutationClass: signatures.mutationClass.rawValue)
    }
    let table = try ExposureTable.read(path: exposuresPath)
    var column: [String: Int] = [:]
    for (j, name) in signatures.names.enumerated() { column[name] = j }
    let unknown = table.signatureNames.filter { column[$0] == nil }
    if !unknown.isEmpty { throw AttributionError.exposureSignaturesUnknown(path: exposuresPath, names: unknown, table: signaturesPath) }
    var h = Matrix(rows: table.sampleNames.count, columns: signatures.count)
    for (i, _) in table.sampleNames.enumerated() {
      for (k, name) in table.signatureNames.enumerated() { h[i, column[name]!] = table.values[i, k] }
    }
    var intervals: (lower: Matrix, upper: Matrix)? = nil
    if let intervalsPath {
      intervals = try readIntervals(path: intervalsPath, samples: table.sampleNames, column: column)
    }
    return AttributionModel(signatures: signatures, sampleNames: table.sampleNames, exposures: h, intervals: intervals,
                            source: source, files: [signaturesPath, exposuresPath] + (intervalsPath.map { [$0] } ?? []))
  }

  /// `exposures_ci.tsv` (fit's bootstrap intervals) as lower and upper matrices; a (sample, signature)
  /// the file leaves out, or whose row has exposure 0 and was selected in no replicate (only the
  /// upper bound of a signature the fit did not report, Decision 0017), counts as [0, 0]: letting
  /// some 80 unreported signatures each reach its bound would make the box of marginal intervals
  /// (`probabilityBounds`) uninformative. nil when the fit ran without bootstrap (intervals NA).
  static func readIntervals(path: String, samples: [String], column: [String: Int]) throws -> (lower: Matrix, upper: Matrix)? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw TableFormatError.cannotOpen(path: path, reason: "not readable")
    }
    var row: [String: Int] = [:]
    for (i, s) in samples.enumerated() { row[s] = i }
    var lower = Matrix(rows: samples.count, columns: column.count), upper = lower
    var sawNA = false, rows = 0
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n > 0 && !line.isEmpty {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 6 else { throw AttributionError.malformedIntervals(path: path, line: n + 1, reason: "\(f.count) columns") }
      guard let i = row[f[0]], let j = column[f[1]] else { continue }
      if f[3] == "NA" || f[4] == "NA" { sawNA = true; continue }
      if Double(f[2]) == 0 && Double(f[5]) == 0 { rows += 1; continue }
      guard let lo = Double(f[3]), let hi = Double(f[4]), lo >= 0, hi >= lo else {
        throw AttributionError.malformedIntervals(path: path, line: n + 1, reason: "lower '\(f[3])' and upper '\(f[4])' are not 0 <= lower <= upper")
      }
      lower[i, j] = lo; upper[i, j] = hi; rows += 1
    }
    if sawNA || rows == 0 { return nil }
    return (lower, upper)
  }
}
