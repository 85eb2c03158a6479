import Foundation
import SigilCore
import SigilTestSupport
import SigilVCF

/// A temporary folder with a planted genome and helpers to write VCF/BCF/MAF forms of planted records.
struct CountingFixture {
  let directory: String
  let genome: TestGenome
  let referencePath: String

  init(seed: UInt64 = 1, names: [String] = ["1", "2"], length: Int = 4000) throws {
    directory = Fixtures.temporaryDirectory("sigil-vcf")
    genome = TestGenome(seed: seed, names: names, length: length)
    referencePath = directory + "/ref.fa"
    try genome.fasta().write(toFile: referencePath, atomically: true, encoding: .utf8)
  }

  /// Writes `text` as `name` (ending in .vcf) then converts it to `format`; returns the path.
  func writeVCF(_ text: String, name: String, format: VariantFileFormat) throws -> String {
    let plain = directory + "/" + name + ".vcf"
    try text.write(toFile: plain, atomically: true, encoding: .utf8)
    guard format != .vcf else { return plain }
    let out = directory + "/" + name + "." + format.fileExtension
    try VariantFiles.convert(plain, to: out, format: format)
    try FileManager.default.removeItem(atPath: plain)
    return out
  }

  /// Writes `text` to `name` and gzips it with the system `gzip` (plain gzip, not BGZF).
  func writeGzip(_ text: String, name: String) throws -> String {
    let path = directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "gzip -f '\(path)'"]
    try p.run(); p.waitUntilExit()
    return path + ".gz"
  }

  func write(_ text: String, name: String) throws -> String {
    let path = directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func configuration() -> CountConfiguration { CountConfiguration(referencePath: referencePath) }

  func count(_ inputs: [String], _ configure: (inout CountConfiguration) -> Void = { _ in }) throws -> CountResult {
    var c = configuration()
    configure(&c)
    return try VariantCounter.count(inputs: inputs, configuration: c)
  }
}

/// Label -> count of one catalog column, zeros left out.
func labelCounts(_ catalog: MutationCatalog, sample: Int) -> [String: Int] {
  var out: [String: Int] = [:]
  for (i, label) in catalog.channels.enumerated() where catalog.counts[i, sample] != 0 { out[label] = Int(catalog.counts[i, sample]) }
  return out
}

/// The summary counters the naive oracle also has, as a comparable tuple-like array.
func comparable(_ s: CountSummary) -> [Int] {
  [s.filtered, s.missingContig, s.snvs, s.indels, s.otherAlleles, s.duplicates, s.refMismatch, s.nContext, s.sbs96, s.dbs78, s.mnvRuns, s.mnvSNVs]
}
func comparable(_ n: NaiveCounter.Counts) -> [Int] {
  [n.filtered, n.missingContig, n.snvs, n.indels, n.other, n.duplicates, n.refMismatch, n.nContext, n.sbsTotal, n.dbsTotal, n.mnvRuns, n.mnvSNVs]
}
