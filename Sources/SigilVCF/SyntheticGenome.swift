import Foundation
import SigilCore

/// A synthetic reference FASTA and one bgzipped VCF per sample that reproduce a given SBS96 catalog.
///
/// The reference is random ACGT (seeded), with some 500-bp blocks soft-masked (lower-case) so the
/// case-insensitive REF rule is exercised. Each SNV of channel `X[R>A]Y` is placed at a random
/// site whose trinucleotide is `XRY` (forward strand) or its reverse complement (then REF/ALT are
/// complemented), never at or next to another SNV of the same sample, so `sigil count` on the
/// files gives back the catalog exactly (no DBS, no N context, no REF mismatch). With an ID83
/// catalog (`write(catalog:indels:directory:seed:)`) each indel count is planted in its own
/// reference slot whose context is written for its channel, so the ID83 catalog counts back too.
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
    /// The signature of every planted mutation, when `origins` were given (sample, then position order).
    public var truth: [PlantedMutation] = []
  }

  /// Which signature made how many of each channel's mutations of each sample (`sigil simulate`'s truth split).
  public struct Origins: Sendable {
    /// Signature names.
    public let names: [String]
    /// `counts[sample][channel][signature]`; each channel's counts sum to the catalog's count.
    public let counts: [[[Int]]]
    public init(names: [String], counts: [[[Int]]]) { self.names = names; self.counts = counts }

    /// The signature of the `k`-th (0-based) mutation planted in `channel` of `sample`: the first
    /// counts[..][..][0] go to signature 0, the next to signature 1, ... (sites are drawn at random,
    /// so this order carries no position information).
    func signature(sample: Int, channel: Int, k: Int) -> String {
      var left = k
      for (j, n) in counts[sample][channel].enumerated() {
        if left < n { return names[j] }
        left -= n
      }
      return "NA"
    }
  }

  /// One planted mutation and the signature that made it, as a VCF names it (1-based position).
  public struct PlantedMutation: Sendable, Equatable {
    public let sample: String
    public let contig: String
    public let position: Int
    public let ref: String
    public let alt: String
    public let channel: String
    public let signature: String
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
    try write(catalog: catalog, indels: nil, directory: directory, seed: seed)
  }

  /// Writes `directory/reference.fa` (+ `.fai`) and `directory/vcf/<sample>.vcf.gz` carrying the
  /// SNVs of `catalog` and, when `indels` is given, one indel per ID83 count whose strict
  /// classification is that channel.
  ///
  /// Each indel gets its own 64-bp slot of the reference (slots spread evenly over the contigs, at
  /// least 1 kb from their ends), into which the context its channel needs is written before the
  /// SNV sites are indexed (a homopolymer or tandem repeat of the right length bounded by a different
  /// base, or a deletion with exactly the required microhomology); no SNV's pentanucleotide touches a
  /// slot. The records are left-normalised with the usual 5' padding base. With `indels == nil`
  /// the output is byte-identical to `write(catalog:directory:seed:)`.
  /// - Parameters:
  ///   - catalog: An SBS96 catalog of whole, non-negative counts.
  ///   - indels: An ID83 catalog of whole, non-negative counts with the same samples, or nil.
  ///   - directory: Output folder (created if missing).
  ///   - seed: Seed of the reference and of the site draws.
  /// - Returns: The paths written.
  /// - Throws: `SimulationError.invalidParameter` for a wrong class, fractional counts or other samples; `VCFError.cannotWrite`.
  /// - Complexity: O(genome length + mutations); the genome grows by 128 bp per indel.
  public static func write(catalog: MutationCatalog, indels: MutationCatalog?, directory: String, seed: UInt64) throws -> Files {
    try write(catalog: catalog, indels: indels, directory: directory, seed: seed, origins: nil, indelOrigins: nil)
  }

  /// As `write(catalog:indels:directory:seed:)`, and labels each planted mutation with the signature
  /// `origins` (SBS96) or `indelOrigins` (ID83) give it, returned in `Files.truth`. The files
  /// written are byte-identical to those without origins.
  public static func write(catalog: MutationCatalog, indels: MutationCatalog?, directory: String, seed: UInt64,
                           origins: Origins?, indelOrigins: Origins?) throws -> Files {
    guard catalog.mutationClass == .sbs96 else {
      throw SimulationError.invalidParameter("--vcf needs an SBS96 catalog (got \(catalog.mutationClass.rawValue))")
    }
    for v in catalog.counts.values where v < 0 || v != v.rounded() || !v.isFinite {
      throw SimulationError.invalidParameter("--vcf needs whole-number counts (found \(v)); use --noise poisson, nb or none")
    }
    if let indels {
      guard indels.mutationClass == .id83 else {
        throw SimulationError.invalidParameter("indels need an ID83 catalog (got \(indels.mutationClass.rawValue))")
      }
      guard indels.sampleNames == catalog.sampleNames else {
        throw SimulationError.invalidParameter("the ID83 catalog's samples differ from the SBS96 catalog's")
      }
      for v in indels.counts.values where v < 0 || v != v.rounded() || !v.isFinite {
        throw SimulationError.invalidParameter("--vcf needs whole-number indel counts (found \(v)); use --noise poisson, nb or none")
      }
    }
    let indelTotal = Int(indels?.counts.values.reduce(0, +) ?? 0)
    var maxTotal = 0.0, maxContext = 0.0
    for s in 0..<catalog.sampleCount {
      var perContext = [Double](repeating: 0, count: 32)
      for c in 0..<96 { perContext[(c / 24) * 8 + ((c % 24) / 12) * 4 + c % 4] += catalog.counts[c, s] }
      maxTotal = max(maxTotal, catalog.counts.column(s).reduce(0, +))
      maxContext = max(maxContext, perContext.max() ?? 0)
    }
    // Sites of one pyrimidine context: about 2L/64 (both strands). Keep draws sparse (<= 1/8 of a
    // context's sites and <= 1/16 of the genome) so rejection of neighbouring sites stays rare.
    // Indel slots take at most half of the extra length they add, so the SNV sparsity holds.
    let needed = max(1_000_000, Int(maxContext) * 32 * 8, Int(maxTotal) * 16) + indelTotal * 2 * indelSlotWidth
    let contigLength = (needed / contigCount + 999) / 1000 * 1000
    var rng = SeededGenerator.stream(seed: seed, 0x5EED_FA57A)
    var genome = [UInt8](repeating: 0, count: contigLength * contigCount)
    let upper = Array("ACGT".utf8), lower = Array("acgt".utf8)
    for block in stride(from: 0, to: genome.count, by: 500) {
      let masked = rng.nextUniform() < 0.1
      for p in block..<min(block + 500, genome.count) { genome[p] = (masked ? lower : upper)[Int(rng.next() & 3)] }
    }
    let code = ChannelIndex.baseCode
    // Indel contexts first (their own slots), then the SNV site index, which skips the slots.
    var plantedIndels: [[PlantedIndel]] = Array(repeating: [], count: catalog.sampleCount)
    var indelLabels: [[(channel: Int, k: Int)]] = Array(repeating: [], count: catalog.sampleCount)
    var reserved: [Bool]? = nil
    if let indels, indelTotal > 0 {
      let perContig = (indelTotal + contigCount - 1) / contigCount
      let stride = (contigLength - 2 * indelSlotMargin) / perContig
      guard stride >= indelSlotWidth + 8 else { throw SimulationError.invalidParameter("too many indels (\(indelTotal)) for the genome") }
      var mask = [Bool](repeating: false, count: genome.count)
      var slot = 0
      for s in 0..<indels.sampleCount {
        var draw = SeededGenerator.stream(seed: seed, 0x1D83_F1A7, UInt64(s + 1))
        for c in 0..<83 {
          for k in 0..<Int(indels.counts[c, s]) {
            indelLabels[s].append((c, k))
            let contig = slot % contigCount
            let start = contig * contigLength + indelSlotMargin + (slot / contigCount) * stride
            slot += 1
            plantedIndels[s].append(try plantIndel(row: c, genome: &genome, slotStart: start,
                                                   contigStart: contig * contigLength, contigLength: contigLength, using: &draw))
            for p in (start - 2)..<(start + indelSlotWidth + 2) { mask[p] = true }
          }
        }
      }
      reserved = mask
    }
    // sites[context] = global positions whose forward trinucleotide is `context` (5'*16 + centre*4 + 3'),
    // two bases from either contig end so the pentanucleotide (SBS1536) is inside the contig too.
    var sites = [[Int32]](repeating: [], count: 64)
    for contig in 0..<contigCount {
      let start = contig * contigLength
      for p in (start + 2)..<(start + contigLength - 2) {
        if let reserved, reserved[p - 2] || reserved[p + 2] { continue }
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
    var truth: [PlantedMutation] = []
    let channels = MutationClass.sbs96.channels
    for s in 0..<catalog.sampleCount {
      var draw = SeededGenerator.stream(seed: seed, 0x5EED_FA57A, UInt64(s + 1))
      var occupied = Set<Int32>()
      var variants: [(position: Int32, ref: UInt8, alt: UInt8)] = []
      var labels: [(channel: Int, k: Int)] = []
      for c in 0..<96 {
        let n = Int(catalog.counts[c, s])
        guard n > 0 else { continue }
        let label = Array(channels[c].utf8)  // X[R>A]Y
        let five = code[Int(label[0])], ref = code[Int(label[2])], alt = code[Int(label[4])], three = code[Int(label[6])]
        let forward = Int(five) * 16 + Int(ref) * 4 + Int(three)
        let reverse = Int(3 - three) * 16 + Int(3 - ref) * 4 + Int(3 - five)
        let pool = sites[forward].count + sites[reverse].count
        for planted in 0..<n {
          var placed = false
          for _ in 0..<10_000 {
            let k = Int(draw.next() % UInt64(pool))
            let isForward = k < sites[forward].count
            let p = isForward ? sites[forward][k] : sites[reverse][k - sites[forward].count]
            if occupied.contains(p) || occupied.contains(p - 1) || occupied.contains(p + 1) { continue }
            occupied.insert(p)
            variants.append((p, isForward ? ref : 3 - ref, isForward ? alt : 3 - alt))
            labels.append((c, planted))
            placed = true
            break
          }
          if !placed { throw SimulationError.invalidParameter("could not place \(n) mutations of \(channels[c]) for sample \(catalog.sampleNames[s])") }
        }
      }
      let bases = ["A", "C", "G", "T"]
      var records = variants.map { (position: Int($0.position), alleles: bases[Int($0.ref)] + "," + bases[Int($0.alt)]) }
      records += plantedIndels[s].map { (position: $0.position, alleles: $0.ref + "," + $0.alt) }
      records.sort { $0.position < $1.position }
      let name = catalog.sampleNames[s]
      if origins != nil || indelOrigins != nil {
        var planted: [(Int, PlantedMutation)] = []
        func located(_ global: Int) -> (String, Int) { (String(global / contigLength + 1), global % contigLength + 1) }
        if let origins {
          for (v, l) in zip(variants, labels) {
            let (contig, pos) = located(Int(v.position))
            planted.append((Int(v.position), PlantedMutation(sample: name, contig: contig, position: pos, ref: bases[Int(v.ref)],
                                                             alt: bases[Int(v.alt)], channel: channels[l.channel],
                                                             signature: origins.signature(sample: s, channel: l.channel, k: l.k))))
          }
        }
        if let indelOrigins {
          for (v, l) in zip(plantedIndels[s], indelLabels[s]) {
            let (contig, pos) = located(v.position)
            planted.append((v.position, PlantedMutation(sample: name, contig: contig, position: pos, ref: v.ref, alt: v.alt,
                                                        channel: MutationClass.id83.channels[l.channel],
                                                        signature: indelOrigins.signature(sample: s, channel: l.channel, k: l.k))))
          }
        }
        truth += planted.sorted { $0.0 < $1.0 }.map(\.1)
      }
      let path = (vcfDirectory as NSString).appendingPathComponent(name + ".vcf.gz")
      let temporary = (vcfDirectory as NSString).appendingPathComponent(".\(name).vcf.gz.tmp-\(ProcessInfo.processInfo.processIdentifier)")
      let writer = try HTSVariantWriter(path: temporary, format: .vcfGz, contigs: contigs, samples: [name],
                                        headerLines: ["##source=sigil simulate --vcf (seed \(seed))"])
      for v in records {
        let contig = v.position / contigLength
        try writer.write(contig: contig, position0: v.position - contig * contigLength,
                         alleles: v.alleles, genotypeAlleles: [1])
      }
      try writer.close()
      guard rename(temporary, path) == 0 else { throw VCFError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      paths.append(path)
    }
    return Files(referencePath: referencePath, vcfPaths: paths, truth: truth)
  }

  /// Width of the reference slot that holds one planted indel's context.
  static let indelSlotWidth = 64
  /// Distance of the indel slots from the contig ends.
  static let indelSlotMargin = 1000

  /// One planted indel as a VCF record: global 0-based position of the padding base, REF, ALT.
  struct PlantedIndel: Equatable {
    let position: Int
    let ref: String
    let alt: String
  }

  /// Writes into `genome[slotStart ..< slotStart + indelSlotWidth]` (upper case) a context in which
  /// the returned left-normalised indel has ID83 row `row` under the strict rules, and checks it
  /// with `IndelClassifier` (retrying with other random bases if a draw ever fails).
  ///
  /// Layout from slot offset 16: the padding base x, then for a 1-bp deletion of b `b^(n+1) y`, for a
  /// 1-bp insertion `b^n y`, for an L-bp deletion of S at a repeat `S^(n+1) y`, with microhomology m
  /// `S S[0..<m] y` (y != S[m]), for an L-bp insertion `S^n y`; y differs from the first base of the
  /// unit and x from its last base, so the scan and the left shift stop exactly there. 5+ bp events
  /// are 5 bp long (6 for `5:Del:M:5`).
  /// - Complexity: O(slot width).
  static func plantIndel(row: Int, genome: inout [UInt8], slotStart: Int, contigStart: Int, contigLength: Int,
                         using rng: inout SeededGenerator) throws -> PlantedIndel {
    let label = MutationClass.id83.channels[row]
    let parts = label.split(separator: ":").map(String.init)
    let size = Int(parts[0])!, isDeletion = parts[1] == "Del", kind = parts[2], n = Int(parts[3])!
    let letters = Array("ACGT".utf8)
    func base() -> UInt8 { UInt8(rng.next() & 3) }
    func other(than b: UInt8) -> UInt8 { (b + 1 + UInt8(rng.next() % 3)) & 3 }
    for _ in 0..<100 {
      var unit: [UInt8]
      if size == 1 {
        let pyrimidine: UInt8 = kind == "C" ? 1 : 3
        unit = [rng.next() & 1 == 0 ? pyrimidine : 3 - pyrimidine]
      } else {
        let length = size < 5 ? size : (kind == "M" && n == 5 ? 6 : 5)
        unit = (0..<length).map { _ in base() }
      }
      let x = other(than: unit[unit.count - 1])
      let body: [UInt8]
      let terminatorOf: UInt8
      if kind == "M" {
        body = unit + unit[0..<n]
        terminatorOf = unit[n]
      } else {
        let copies = isDeletion ? n + 1 : n
        body = Array((0..<copies).map { _ in unit }.joined())
        terminatorOf = unit[0]
      }
      let context = [x] + body + [other(than: terminatorOf)]
      let offset = 16
      for (i, b) in context.enumerated() { genome[slotStart + offset + i] = letters[Int(b)] }
      let padding = slotStart + offset
      let indel = Indel(position: padding + 1 - contigStart, isDeletion: isDeletion, sequence: unit)
      let ok = genome.withUnsafeBufferPointer { g in
        ChannelIndex.baseCode.withUnsafeBufferPointer { code in
          let ref = ReferenceBases(bytes: g.baseAddress! + contigStart, count: contigLength, code: code)
          return IndelClassifier.leftNormalised(indel, in: ref) == indel && IndelClassifier.row(of: indel, in: ref) == row
        }
      }
      guard ok else { continue }
      let xs = String(decoding: [letters[Int(x)]], as: UTF8.self)
      let us = String(decoding: unit.map { letters[Int($0)] }, as: UTF8.self)
      return PlantedIndel(position: padding, ref: isDeletion ? xs + us : xs, alt: isDeletion ? xs : xs + us)
    }
    throw SimulationError.invalidParameter("could not plant an indel of \(label)")
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
