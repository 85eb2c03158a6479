import Foundation
import SigilCore

/// The sequence opportunity of target regions: for every SBS96 and DBS78 channel, how many sites
/// in the regions have that channel's reference context (`opportunity.sbs96.tsv`, `opportunity.dbs78.tsv`).
///
/// SBS96: each position p inside a region whose trinucleotide `ref[p-1..p+1]` is ACGT (soft-masked
/// bases count; flanks may lie outside the region) adds 1 to its context, folded to the pyrimidine
/// centre exactly as the channels are (a purine-centred trinucleotide is reverse-complemented), so
/// `A[C>A]G`, `A[C>G]G` and `A[C>T]G` all get the number of `ACG`/`CGT` sites. DBS78: each position
/// p inside a region whose dinucleotide `ref[p..p+1]` is ACGT adds 1 to the one of the ten DBS78
/// reference dinucleotides (`AC AT CC CG CT GC TA TC TG TT`) it equals or reverse-complements to.
/// These are the per-channel site counts the renormalisation in SigilFit (`Opportunity`) divides by,
/// as COSMIC's exome and mouse tables were made (Docs/Methods-fit.md §5).
///
/// ```swift
/// let o = try RegionOpportunity.compute(regions: regions, referencePath: "ref.fa")
/// try o.sbs96.write(to: "opportunity.sbs96.tsv")
/// ```
public struct RegionOpportunity: Sendable, Equatable {
  /// The column name of the opportunity tables.
  public static let columnName = "opportunity"
  /// Site counts per SBS96 channel (96 x 1, canonical order).
  public let sbs96: MutationCatalog
  /// Site counts per DBS78 channel (78 x 1, canonical order).
  public let dbs78: MutationCatalog
  /// Positions inside the regions whose trinucleotide has an N or other non-ACGT base, or runs off
  /// the contig: no SBS96 site.
  public let skippedPositions: Int

  /// Counts the contexts of `regions` in the FASTA (each contig with regions fetched once).
  /// - Throws: `VCFError` when the FASTA cannot be opened or a contig cannot be fetched.
  /// - Complexity: O(bases in the regions) time, one contig in memory.
  public static func compute(regions: TargetRegions, referencePath: String) throws -> RegionOpportunity {
    let fasta = try HTSFasta(path: referencePath)
    var tri = [Int](repeating: 0, count: 64), di = [Int](repeating: 0, count: 16)
    var skipped = 0
    let code = ChannelIndex.baseCode  // A C G T -> 0...3 (either case), else > 3
    for contig in regions.intervals.keys.sorted() {
      let sequence = try fasta.sequence(of: contig)
      guard let bytes = sequence.bytes else { continue }
      let n = sequence.count
      for range in regions.intervals[contig]! {
        for p in range where p < n {
          let b = Int(code[Int(bytes[p])])
          let next = p + 1 < n ? Int(code[Int(bytes[p + 1])]) : 4
          if b < 4 && next < 4 { di[b << 2 | next] += 1 }
          let prev = p > 0 ? Int(code[Int(bytes[p - 1])]) : 4
          if b < 4 && next < 4 && prev < 4 { tri[prev << 4 | b << 2 | next] += 1 } else { skipped += 1 }
        }
      }
    }
    return RegionOpportunity(sbs96: catalog(.sbs96, counts: sbsChannelCounts(tri)),
                             dbs78: catalog(.dbs78, counts: dbsChannelCounts(di)), skippedPositions: skipped)
  }

  static func catalog(_ cls: MutationClass, counts: [Double]) -> MutationCatalog {
    MutationCatalog(mutationClass: cls, sampleNames: [columnName], counts: Matrix(rows: counts.count, columns: [counts]))
  }

  static let bases = Array("ACGT".utf8)
  static func complement(_ b: Int) -> Int { 3 - b }  // A<->T, C<->G in the 0...3 code

  /// Per SBS96 channel: forward-strand trinucleotide counts (index `5'·16 + centre·4 + 3'`) folded to the pyrimidine centre.
  static func sbsChannelCounts(_ tri: [Int]) -> [Double] {
    var folded = [String: Int]()
    for index in 0..<64 {
      var (x, r, y) = (index >> 4, (index >> 2) & 3, index & 3)
      if r == 0 || r == 2 { (x, r, y) = (complement(y), complement(r), complement(x)) }  // purine centre
      folded[String(decoding: [bases[x], bases[r], bases[y]], as: UTF8.self), default: 0] += tri[index]
    }
    return MutationClass.sbs96.channels.map { label in
      let chars = Array(label)   // X[R>A]Y
      return Double(folded[String([chars[0], chars[2], chars[6]])] ?? 0)
    }
  }

  /// Per DBS78 channel: forward-strand dinucleotide counts (index `first·4 + second`) folded onto the ten reference dinucleotides.
  static func dbsChannelCounts(_ di: [Int]) -> [Double] {
    let references = Set(MutationClass.dbs78.channels.map { String($0.prefix(2)) })
    var folded = [String: Int]()
    for index in 0..<16 {
      let (a, b) = (index >> 2, index & 3)
      let forward = String(decoding: [bases[a], bases[b]], as: UTF8.self)
      let reverse = String(decoding: [bases[complement(b)], bases[complement(a)]], as: UTF8.self)
      folded[references.contains(forward) ? forward : reverse, default: 0] += di[index]
    }
    return MutationClass.dbs78.channels.map { Double(folded[String($0.prefix(2))] ?? 0) }
  }
}
