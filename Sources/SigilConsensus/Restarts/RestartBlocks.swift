import Foundation
import SigilCore
import SigilNMF

/// Saving restart blocks (`--save-restarts`) and loading them back for `--merge`.
public enum RestartBlocks {
  /// Everything a merge needs: the catalog, the restart plan and every restart.
  public struct Loaded: Sendable {
    public let catalog: MutationCatalog
    public let plan: RestartPlan
    public let restarts: [Int: [RestartRecord]]
    /// The `catalog.tsv` of the first block (recorded as the merge's input).
    public let catalogPath: String

    /// Creates the bundle (a whole run builds one from its own restarts).
    public init(catalog: MutationCatalog, plan: RestartPlan, restarts: [Int: [RestartRecord]], catalogPath: String) {
      self.catalog = catalog; self.plan = plan; self.restarts = restarts; self.catalogPath = catalogPath
    }
  }

  /// Writes `restarts/` in `directory`: `catalog.tsv`, `block.tsv` and one file per rank.
  /// - Throws: `TableFormatError.cannotWrite`.
  public static func save(_ restarts: [Int: [RestartRecord]], catalog: MutationCatalog, plan: RestartPlan,
                          range: Range<Int>, directory: String) throws {
    let dir = (directory as NSString).appendingPathComponent("restarts")
    try AtomicFile.makeDirectory(dir)
    let catalogPath = (dir as NSString).appendingPathComponent("catalog.tsv")
    try catalog.write(to: catalogPath)
    let block = RestartBlock(settings: plan.blockSettings(catalogChecksum: checksum(catalog.tsv())), range: range)
    try AtomicFile.write(block.text(), to: (dir as NSString).appendingPathComponent("block.tsv"))
    for k in plan.ranks {
      let text = RestartStore.text(restarts[k] ?? [], rank: k, channels: catalog.counts.rows, samples: catalog.sampleCount)
      try AtomicFile.write(text, to: (dir as NSString).appendingPathComponent(RestartStore.fileName(rank: k, range: range)))
    }
  }

  /// Loads and checks restart blocks: the same settings apart from their rank span, and for every
  /// rank of the (contiguous) union of spans, disjoint restart ranges covering 0..<R. So a run can
  /// be split by restart range, by rank span, or both ((rank, restart block) jobs on a cluster).
  /// - Throws: `ConsensusError.mergeMismatch` saying what differs or is missing, read errors.
  public static func load(directories: [String]) throws -> Loaded {
    guard !directories.isEmpty else { throw ConsensusError.mergeMismatch("no folders given to --merge") }
    var blocks: [(dir: String, block: RestartBlock, ranks: ClosedRange<Int>, settings: [String: String])] = []
    for d in directories {
      let path = ((d as NSString).appendingPathComponent("restarts") as NSString).appendingPathComponent("block.tsv")
      let block = try RestartBlock.read(path: path)
      let parts = (block.settings["ranks"] ?? "").components(separatedBy: "..")
      guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo <= hi else {
        throw ConsensusError.mergeMismatch("\(path) lacks a valid 'ranks' setting (a..b)")
      }
      // Blocks written before the solver was recorded (#17) were run with plain multiplicative updates.
      var settings = block.settings
      if settings["solver"] == nil { settings["solver"] = NMFSolver.multiplicative.rawValue }
      blocks.append((d, block, lo...hi, settings))
    }
    func shared(_ settings: [String: String]) -> [String: String] { settings.filter { $0.key != "ranks" } }
    let first = blocks[0]
    for b in blocks.dropFirst() where shared(b.settings) != shared(first.settings) {
      let keys = Set(b.settings.keys).union(first.settings.keys).sorted()
        .filter { $0 != "ranks" && b.settings[$0] != first.settings[$0] }
      let what = keys.map { "\($0) (\(first.settings[$0] ?? "missing") in \(first.dir), \(b.settings[$0] ?? "missing") in \(b.dir))" }
      throw ConsensusError.mergeMismatch("the blocks were run with different settings: " + what.joined(separator: ", "))
    }
    let s = first.settings
    guard let total = Int(s["restarts"] ?? ""), let seed = UInt64(s["seed"] ?? ""),
          let objective = NMFObjective(rawValue: s["objective"] ?? ""),
          let initialization = NMFInitialization(rawValue: s["initialization"] ?? ""),
          let tolerance = Double(s["tolerance"] ?? ""), let check = Int(s["check-interval"] ?? ""),
          let minIt = Int(s["min-iterations"] ?? ""), let maxIt = Int(s["max-iterations"] ?? "") else {
      throw ConsensusError.mergeMismatch("\(first.dir)/restarts/block.tsv lacks a setting (restarts, seed, ranks, objective, initialization, tolerance, check-interval, min/max-iterations)")
    }
    // Ranks: the union of the blocks' spans, with no gap.
    let lo = blocks.map(\.ranks.lowerBound).min()!, hi = blocks.map(\.ranks.upperBound).max()!
    for k in lo...hi where !blocks.contains(where: { $0.ranks.contains(k) }) {
      throw ConsensusError.mergeMismatch("rank \(k) is in no block (the blocks span ranks \(lo)..\(hi))")
    }
    // Per rank, restart ranges: disjoint and together 0..<total.
    var blocksByRank: [Int: [(dir: String, block: RestartBlock, ranks: ClosedRange<Int>, settings: [String: String])]] = [:]
    for k in lo...hi {
      let sorted = blocks.filter { $0.ranks.contains(k) }.sorted { $0.block.range.lowerBound < $1.block.range.lowerBound }
      var next = 0
      for b in sorted {
        if b.block.range.lowerBound < next {
          throw ConsensusError.mergeMismatch("restarts \(b.block.range.lowerBound)..\(b.block.range.upperBound - 1) of rank \(k) in \(b.dir) overlap another block")
        }
        if b.block.range.lowerBound > next {
          throw ConsensusError.mergeMismatch("restarts \(next)..\(b.block.range.lowerBound - 1) of rank \(k) are in no block (the run has \(total) restarts)")
        }
        next = b.block.range.upperBound
      }
      if next != total { throw ConsensusError.mergeMismatch("restarts \(next)..\(total - 1) of rank \(k) are in no block (the run has \(total) restarts)") }
      blocksByRank[k] = sorted
    }

    let catalogPath = ((first.dir as NSString).appendingPathComponent("restarts") as NSString).appendingPathComponent("catalog.tsv")
    let catalog = try MutationCatalog.read(path: catalogPath)
    guard checksum(catalog.tsv()) == s["catalog-fnv1a"] else {
      throw ConsensusError.mergeMismatch("\(catalogPath) does not match the checksum in block.tsv (was it edited?)")
    }
    guard let solver = NMFSolver(rawValue: s["solver"] ?? "") else {
      throw ConsensusError.mergeMismatch("\(first.dir)/restarts/block.tsv names an unknown solver '\(s["solver"] ?? "")'")
    }
    let configuration = try NMFConfiguration(objective: objective, initialization: initialization, tolerance: tolerance,
                                             checkInterval: check, minIterations: minIt, maxIterations: maxIt,
                                             resample: s["resample"] == "yes", solver: solver)
    let plan = RestartPlan(ranks: Array(lo...hi), restarts: total, seed: seed, configuration: configuration)
    var restarts: [Int: [RestartRecord]] = [:]
    for k in plan.ranks {
      for b in blocksByRank[k]! {
        let path = ((b.dir as NSString).appendingPathComponent("restarts") as NSString)
          .appendingPathComponent(RestartStore.fileName(rank: k, range: b.block.range))
        let records = try RestartStore.read(path: path)
        guard records.map(\.index) == Array(b.block.range), records.allSatisfy({ $0.rank == k }),
              records.allSatisfy({ $0.h.columns == catalog.sampleCount && $0.w.rows == catalog.counts.rows }) else {
          throw ConsensusError.mergeMismatch("\(path) does not hold restarts \(b.block.range.lowerBound)..\(b.block.range.upperBound - 1) of rank \(k) for this catalog")
        }
        restarts[k, default: []] += records
      }
    }
    return Loaded(catalog: catalog, plan: plan, restarts: restarts, catalogPath: catalogPath)
  }

  /// A content checksum of text (FNV-1a 64-bit, hex): detects an edited or swapped catalog between
  /// blocks; not a security measure.
  static func checksum(_ text: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
