import Foundation
import SigilCore

/// Saved restarts (`restarts/` with `--save-restarts`): one text file per rank and restart block,
/// plus `block.tsv` (the settings every block of one run must share) and `catalog.tsv` (the
/// catalog that was factorised, zero samples already excluded).
///
/// A rank file `k<K>_r<a>-<b>.tsv` (restarts a..b inclusive) holds
/// ```
/// #sigil-restarts	1
/// #rank	K	channels	96	samples	N
/// restart	objective	iterations	converged	values   (values: W's 96·K then H's K·N, column-major)
/// ```
/// one line per restart with every number in shortest round-trip form (`NumberFormatting`), so
/// reading a file back gives the identical `Double`s and a merged run the identical bytes.
public enum RestartStore {
  /// Format version written in each file's first line.
  public static let formatVersion = 1

  /// The file name for a rank and restart range.
  public static func fileName(rank: Int, range: Range<Int>) -> String {
    "k\(pad(rank, 2))_r\(pad(range.lowerBound, 4))-\(pad(range.upperBound - 1, 4)).tsv"
  }

  private static func pad(_ x: Int, _ width: Int) -> String {
    let s = String(x)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }

  /// The text of one rank file.
  public static func text(_ records: [RestartRecord], rank: Int, channels: Int, samples: Int) -> String {
    var out = "#sigil-restarts\t\(formatVersion)\n#rank\t\(rank)\tchannels\t\(channels)\tsamples\t\(samples)\n"
    out += "restart\tobjective\titerations\tconverged\tvalues\n"
    for r in records {
      out += "\(r.index)\t\(NumberFormatting.format(r.objective))\t\(r.iterations)\t\(r.converged ? 1 : 0)"
      for x in r.w.values { out += "\t" + NumberFormatting.format(x) }
      for x in r.h.values { out += "\t" + NumberFormatting.format(x) }
      out += "\n"
    }
    return out
  }

  /// Reads one rank file.
  /// - Throws: `ConsensusError.malformedRestartFile` naming file and line, or `TableFormatError.cannotOpen`.
  public static func read(path: String) throws -> [RestartRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TableFormatError.cannotOpen(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    func fail(_ line: Int, _ why: String) -> ConsensusError { .malformedRestartFile(path: path, line: line, reason: why) }
    guard lines.count >= 3, lines[0] == "#sigil-restarts\t\(formatVersion)" else {
      throw fail(1, "expected '#sigil-restarts\t\(formatVersion)' (a file written by sigil extract --save-restarts)")
    }
    let head = lines[1].split(separator: "\t")
    guard head.count == 6, head[0] == "#rank", let rank = Int(head[1]), let channels = Int(head[3]), let samples = Int(head[5]),
          rank >= 1, channels >= 1, samples >= 1 else {
      throw fail(2, "expected '#rank K channels C samples N'")
    }
    var records: [RestartRecord] = []
    for (offset, line) in lines.enumerated().dropFirst(3) where !line.isEmpty {
      let n = offset + 1
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      let expected = 4 + channels * rank + rank * samples
      guard fields.count == expected else { throw fail(n, "expected \(expected) fields for rank \(rank), \(channels) channels, \(samples) samples; found \(fields.count)") }
      guard let index = Int(fields[0]), let objective = Double(fields[1]), let iterations = Int(fields[2]),
            fields[3] == "0" || fields[3] == "1" else { throw fail(n, "bad restart, objective, iterations or converged field") }
      var values = [Double]()
      values.reserveCapacity(expected - 4)
      for f in fields[4...] {
        guard let x = Double(f), x.isFinite else { throw fail(n, "'\(f)' is not a finite number") }
        values.append(x)
      }
      let w = Matrix(rows: channels, columns: rank, values: Array(values[0..<(channels * rank)]))
      let h = Matrix(rows: rank, columns: samples, values: Array(values[(channels * rank)...]))
      records.append(RestartRecord(rank: rank, index: index, w: w, h: h, objective: objective, iterations: iterations, converged: fields[3] == "1"))
    }
    return records
  }
}

/// The settings shared by every restart block of one extraction (`restarts/block.tsv`): what
/// determines the restarts' values. A merge refuses blocks whose settings differ.
public struct RestartBlock: Sendable, Equatable {
  /// Key/value settings (seed, ranks, restarts, objective, NMF parameters, catalog checksum).
  public var settings: [String: String]
  /// The restart range this block computed (a..b inclusive on the command line).
  public var range: Range<Int>

  /// Creates a block description.
  public init(settings: [String: String], range: Range<Int>) { self.settings = settings; self.range = range }

  /// The TSV text (`key<TAB>value`, keys sorted, the range last).
  public func text() -> String {
    var out = "key\tvalue\n"
    for key in settings.keys.sorted() { out += "\(key)\t\(settings[key]!)\n" }
    out += "restart-range\t\(range.lowerBound)..\(range.upperBound - 1)\n"
    return out
  }

  /// Reads `block.tsv`.
  /// - Throws: `ConsensusError.malformedRestartFile` or `TableFormatError.cannotOpen`.
  public static func read(path: String) throws -> RestartBlock {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TableFormatError.cannotOpen(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file (is this a folder written with --save-restarts?)")
    }
    var settings: [String: String] = [:]
    var range: Range<Int>? = nil
    for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where i > 0 {
      let f = line.split(separator: "\t", maxSplits: 1).map(String.init)
      guard f.count == 2 else { throw ConsensusError.malformedRestartFile(path: path, line: i + 1, reason: "expected key<TAB>value") }
      if f[0] == "restart-range" {
        let parts = f[1].components(separatedBy: "..")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b else {
          throw ConsensusError.malformedRestartFile(path: path, line: i + 1, reason: "expected restart-range a..b")
        }
        range = a..<(b + 1)
      } else {
        settings[f[0]] = f[1]
      }
    }
    guard let range else { throw ConsensusError.malformedRestartFile(path: path, line: 1, reason: "no restart-range line") }
    return RestartBlock(settings: settings, range: range)
  }
}
