import Foundation
import SigilCore

/// A synthetic reference FASTA and one bgzipped VCF per sample that reproduce a given SBS96 catalog.
///
/// The reference is random ACGT (seeded), with some 500-bp blocks soft-masked (lower-case) so the
/// case-insensitive REF rule is exercised. Each SNV of channel `X[R>A]Y` is placed at a random
/// site whose trinucleotide is `XRY` (forward strand) or its reverse complement (then REF/ALT are
/// complemented), never at or next to another SNV of the same sample, so `sigil count` on the
/// files gives back the catalog exactly (no DBS, no N context, no REF mismatch).
///
/// ```swift
/// let files = try SyntheticGenome.write(catalog: cohort.catalog, directory: "sim", seed: 1)
/// // sim/reference.fa (+ .fai), sim/vcf/S01.vcf.gz ...
/// ```
public enum SyntheticGenome {
  /// Paths written by `write`.
  public struct Files: Sendable {
    /// The reference FASTA (its `.fai` sits next to it).
    public let referencePath: String
    /// One bgzipped VCF per sample, in catalog column order.
    public let vcfPaths: [String]
  }

  /// Number of contigs of the synthetic reference, named `1`, `2`, ...
  public static let contigCount = 3

  /// Writes `directory/reference.fa` (+ `.fai`) and `directory/vcf/<sample>.vcf.gz`.
  /// - Parameters:
  ///   - catalog: An SBS96 catalog of whole, non-negative counts.
  ///   - directory: Output folder (created if missing).
  ///   - seed: Seed of the reference and of the site draws (any value; same seed, same bytes).
  /// - Returns: The paths written.
  /// - Throws: `SimulationError.invalidParameter` for a non-SBS96 or fractional catalog; `VCFError.cannotWrite`.
  /// - Complexity: O(genome length + mutations); the genome is at least 1 Mb and grows with the burden.
  public static func write(catalog: MutationCatalog, directory: String, seed: UInt64) throws -> Files {
    guard catalog.mutationClass == .sbs96 else {
      throw SimulationError.invalidParameter("--vcf needs an SBS96 catalog (got \(catalog.mutationClass.rawValue))")
    }
    for v in catalog.counts.values where v < 0 || v != v.rounded() || !v.isFinite {
      throw SimulationError.invalidParameter("--vcf needs whole-number counts (found \(v)); use --noise poisson, nb or none")
    }
    var maxTotal = 0.0, maxContext = 0.0
    for s in 0..<catalog.sampleCount {
      var perContext = [Double](repeating: 0, count: 32)
      for c in 0..<96 { perContext[(c / 24) * 8 + ((c % 24) / 12) * 4 + c % 4] += catalog.counts[c, s] }
      maxTotal = max(maxTotal, catalog.counts.column(s).reduce(0, +))
      maxContext = max(maxContext, perContext.max() ?? 0)
    }
    // Sites of one pyrimidine context: about 2L/64 (both strands). Keep draws sparse (<= 1/8 of a
    // context's sites and <= 1/16 of the genome) so rejection of neighbouring sites stays rare.
    let needed = max(1_000_000, Int(maxContext) * 32 * 8, Int(maxTotal) * 16)
    let contigLength = (needed / contigCount + 999) / 1000 * 1000
    var rng = SeededGenerator.stream(seed: seed, 0x5EED_FA57A)
    var genome = [UInt8](repeating: 0, count: contigLength * contigCount)
    let upper = Array("ACGT".utf8), lower = Array("acgt".utf8)
    for block in stride(from: 0, to: genome.count, by: 500) {
      let masked = rng.nextUniform() < 0.1
      for p in block..<min(block + 500, genome.count) { genome[p] = (masked ? lower : upper)[Int(rng.next() & 3)] }
    }
    let code = ChannelIndex.baseCode
    // sites[context] = global positions whose forward trinucleotide is `context` (5'*16 + centre*4 + 3'),
    // two bases from either contig end so the pentanucleotide (SBS1536) is inside the contig too.
    var sites = [[Int32]](repeating: [], count: 64)
    for contig in 0..<contigCount {
      let start = contig * contigLength
      for p in (start + 2)..<(start + contigLength - 2) {
        let ctx = Int(code[Int(genome[p - 1])]) * 16 + Int(code[Int(genome[p])]) * 4 + Int(code[Int(genome[p + 1])])
        sites[ctx].append(Int32(p))
      }
    }

    try AtomicFile.makeDirectory(directory)
    let vcfDirectory = (directory as NSString).appendingPathComponent("vcf")
    try AtomicFile.makeDirectory(vcfDirectory)
    let referencePath = (directory as NSString).appendingPathComponent("reference.fa")
    try writeFASTA(genome, contigLength: contigLength, to: referencePath)

    let contigs = (1...contigCount).map { (name: String($0), length: contigLength) }
    var paths: [String] = []
    let channels = MutationClass.sbs96.channels
    for s in 0..<catalog.sampleCount {
      var draw = SeededGenerator.stream(seed: seed, 0x5EED_FA57A, UInt64(s + 1))
      var occupied = Set<Int32>()
      var variants: [(position: Int32, ref: UInt8, alt: UInt8)] = []
      for c in 0..<96 {
        let n = Int(catalog.counts[c, s])
        guard n > 0 else { continue }
        let label = Array(channels[c].utf8)  // X[R>A]Y
        let five = code[Int(label[0])], ref = code[Int(label[2])], alt = code[Int(label[4])], three = code[Int(label[6])]
        let forward = Int(five) * 16 + Int(ref) * 4 + Int(three)
        let reverse = Int(3 - three) * 16 + Int(3 - ref) * 4 + Int(3 - five)
        let pool = sites[forward].count + sites[reverse].count
        for _ in 0..<n {
          var placed = false
          for _ in 0..<10_000 {
            let k = Int(draw.next() % UInt64(pool))
            let isForward = k < sites[forward].count
            let p = isForward ? sites[forward][k] : sites[reverse][k - sites[forward].count]
            if occupied.contains(p) || occupied.contains(p - 1) || occupied.contains(p + 1) { continue }
            occupied.insert(p)
            variants.append((p, isForward ? ref : 3 - ref, isForward ? alt : 3 - alt))
            placed = true
            break
          }
          if !placed { throw SimulationError.invalidParameter("could not place \(n) mutations of \(channels[c]) for sample \(catalog.sampleNames[s])") }
        }
      }
      variants.sort { $0.position < $1.position }
      let name = catalog.sampleNames[s]
      let path = (vcfDirectory as NSString).appendingPathComponent(name + ".vcf.gz")
      let temporary = (vcfDirectory as NSString).appendingPathComponent(".\(name).vcf.gz.tmp-\(ProcessInfo.processInfo.processIdentifier)")
      let writer = try HTSVariantWriter(path: temporary, format: .vcfGz, contigs: contigs, samples: [name],
                                        headerLines: ["##source=sigil simulate --vcf (seed \(seed))"])
      let bases = ["A", "C", "G", "T"]
      for v in variants {
        let contig = Int(v.position) / contigLength
        try writer.write(contig: contig, position0: Int(v.position) - contig * contigLength,
                         alleles: bases[Int(v.ref)] + "," + bases[Int(v.alt)], genotypeAlleles: [1])
      }
      try writer.close()
      guard rename(temporary, path) == 0 else { throw VCFError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      paths.append(path)
    }
    return Files(referencePath: referencePath, vcfPaths: paths)
  }

  /// Writes the genome as `>1`, `>2`, ... with 60 bases per line, then builds its `.fai`.
  private static func writeFASTA(_ genome: [UInt8], contigLength: Int, to path: String) throws {
    var text = [UInt8]()
    text.reserveCapacity(genome.count + genome.count / 60 + 64)
    for contig in 0..<contigCount {
      text.append(contentsOf: Array(">\(contig + 1)\n".utf8))
      let start = contig * contigLength
      for line in stride(from: start, to: start + contigLength, by: 60) {
        text.append(contentsOf: genome[line..<min(line + 60, start + contigLength)])
        text.append(0x0A)
      }
    }
    try AtomicFile.write(String(decoding: text, as: UTF8.self), to: path)
    try? FileManager.default.removeItem(atPath: path + ".fai")
    try HTSFasta.buildIndex(path: path)
  }
}
