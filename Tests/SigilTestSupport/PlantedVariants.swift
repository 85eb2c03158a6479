import Foundation
import SigilCore

/// A small random reference genome for counting tests: ACGT with an `N` block and a soft-masked
/// (lower-case) block at known places.
///
/// ```swift
/// let genome = TestGenome(seed: 1, names: ["1", "2"], length: 4000)
/// try genome.fasta().write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
/// ```
public struct TestGenome: Sendable {
  /// 1-based first and last positions of the `N` block on the first contig.
  public static let nBlock = 2001...2010
  /// 1-based positions of the lower-case block on the first contig.
  public static let lowercaseBlock = 2501...2700
  /// Contig names and their sequences (as written to the FASTA).
  public var contigs: [(name: String, sequence: [UInt8])]

  /// Random contigs of `length` bases (the first with the N and lower-case blocks when long enough).
  public init(seed: UInt64, names: [String], length: Int) {
    var rng = SeededGenerator(seed: seed)
    let bases = Array("ACGT".utf8)
    contigs = names.map { name in (name, (0..<length).map { _ in bases[Int(rng.next() & 3)] }) }
    if length >= Self.lowercaseBlock.upperBound {
      for p in Self.nBlock { contigs[0].sequence[p - 1] = UInt8(ascii: "N") }
      for p in Self.lowercaseBlock { contigs[0].sequence[p - 1] |= 0x20 }
    }
  }

  /// The same sequences under other names (e.g. `chr1` for `1`).
  public func renamed(_ names: [String]) -> TestGenome {
    var copy = self
    for i in names.indices { copy.contigs[i].name = names[i] }
    return copy
  }

  /// FASTA text, 60 bases per line.
  public func fasta() -> String {
    var out = ""
    for (name, seq) in contigs {
      out += ">\(name)\n"
      for start in stride(from: 0, to: seq.count, by: 60) {
        out += String(decoding: seq[start..<min(start + 60, seq.count)], as: UTF8.self) + "\n"
      }
    }
    return out
  }

  /// Upper-case base at 1-based `position` of contig `name`, or nil outside it.
  public func base(_ name: String, _ position: Int) -> Character? {
    guard let c = contigs.first(where: { $0.name == name }), position >= 1, position <= c.sequence.count else { return nil }
    return Character(String(UnicodeScalar(c.sequence[position - 1] & ~0x20)))
  }

  /// The upper-case sequence `position ..< position + length` of contig `name`.
  public func bases(_ name: String, _ position: Int, _ length: Int) -> String {
    String((0..<length).map { base(name, position + $0)! })
  }
}

/// One planted VCF record.
public struct PlantedRecord: Sendable {
  public var contig: String
  public var position: Int
  public var ref: String
  public var alts: [String]
  public var filter: String
  /// GT per sample column (cohort files); single-sample files write `0/1`.
  public var genotypes: [String]

  public init(contig: String, position: Int, ref: String, alts: [String], filter: String = "PASS", genotypes: [String] = []) {
    self.contig = contig; self.position = position; self.ref = ref; self.alts = alts; self.filter = filter; self.genotypes = genotypes
  }
}

/// Records with one case of every strict counting rule, planted at known places of a `TestGenome`
/// with contigs `1` and `2` (>= 4000 bp), plus random plain SNVs.
///
/// Hand-derived totals of the fixed cases are in `fixedCaseTotals` (asserted by tests, on top of the
/// `NaiveCounter` oracle).
public enum PlantedVariants {
  /// Counters contributed by the fixed cases alone (without the random plain SNVs).
  public static let fixedCaseTotals = (filtered: 1, missingContig: 1, indels: 2, otherAlleles: 1, duplicates: 1,
                                       refMismatch: 1, nContext: 4, dbs78: 2, mnvRuns: 2, mnvSNVs: 6)

  /// The planted records, sorted by contig then position; `plainSNVs` random SNVs are added.
  public static func records(genome g: TestGenome, plainSNVs: Int, seed: UInt64) -> [PlantedRecord] {
    var rng = SeededGenerator(seed: seed)
    func other(_ b: Character, avoiding: Set<Character> = []) -> String {
      let choices = Array("ACGT").filter { $0 != b && !avoiding.contains($0) }
      return String(choices[Int(rng.next() % UInt64(choices.count))])
    }
    func b(_ p: Int, _ c: String = "1") -> Character { g.base(c, p)! }
    var r: [PlantedRecord] = []
    // Plain SNVs every 30 bp on both contigs, away from the fixed cases (which sit at >= 3000 or in blocks).
    var slots: [(String, Int)] = []
    for c in ["1", "2"] { for p in stride(from: 40, to: 2000, by: 30) { slots.append((c, p)) } }
    for i in 0..<min(plainSNVs, slots.count) {
      let (c, p) = slots[(i * 7) % slots.count]
      r.append(PlantedRecord(contig: c, position: p, ref: String(b(p, c)), alts: [other(b(p, c))]))
    }
    // FILTER '.' counts; LowQual is filtered.
    r.append(PlantedRecord(contig: "1", position: 3000, ref: String(b(3000)), alts: [other(b(3000))], filter: "."))
    r.append(PlantedRecord(contig: "1", position: 3030, ref: String(b(3030)), alts: [other(b(3030))], filter: "LowQual"))
    // Multi-allelic: two SBS.
    let m = b(3060)
    let m1 = other(m); let m2 = other(m, avoiding: [Character(m1)])
    r.append(PlantedRecord(contig: "1", position: 3060, ref: String(m), alts: [m1, m2]))
    // REF mismatch (REF is not the reference base).
    let wrong = other(b(3090))
    r.append(PlantedRecord(contig: "1", position: 3090, ref: wrong, alts: [other(b(3090), avoiding: [Character(wrong)])]))
    // N flanks (both sides of the N block), and the first and last base of contig 2: no SBS96 context.
    for p in [TestGenome.nBlock.lowerBound - 1, TestGenome.nBlock.upperBound + 1] {
      r.append(PlantedRecord(contig: "1", position: p, ref: String(b(p)), alts: [other(b(p))]))
    }
    let last = g.contigs[1].sequence.count
    r.append(PlantedRecord(contig: "2", position: 1, ref: String(b(1, "2")), alts: [other(b(1, "2"))]))
    r.append(PlantedRecord(contig: "2", position: last, ref: String(b(last, "2")), alts: [other(b(last, "2"))]))
    // Soft-masked reference base with an upper-case REF: counted.
    r.append(PlantedRecord(contig: "1", position: 2600, ref: String(b(2600)), alts: [other(b(2600))]))
    // The same record twice: counted once.
    let d = other(b(3120))
    r.append(PlantedRecord(contig: "1", position: 3120, ref: String(b(3120)), alts: [d]))
    r.append(PlantedRecord(contig: "1", position: 3120, ref: String(b(3120)), alts: [d]))
    // Adjacent SNVs from two records: one DBS78.
    r.append(PlantedRecord(contig: "1", position: 3150, ref: String(b(3150)), alts: [other(b(3150))]))
    r.append(PlantedRecord(contig: "1", position: 3151, ref: String(b(3151)), alts: [other(b(3151))]))
    // A 2-bp REF/ALT record: one DBS78.
    r.append(PlantedRecord(contig: "1", position: 3180, ref: g.bases("1", 3180, 2), alts: [other(b(3180)) + other(b(3181))]))
    // Shared first base (e.g. AC>AT): an SBS at position + 1.
    r.append(PlantedRecord(contig: "1", position: 3210, ref: g.bases("1", 3210, 2), alts: [String(b(3210)) + other(b(3211))]))
    // Three adjacent SNVs (a 1-bp and a 2-bp record): an MNV.
    r.append(PlantedRecord(contig: "1", position: 3240, ref: String(b(3240)), alts: [other(b(3240))]))
    r.append(PlantedRecord(contig: "1", position: 3241, ref: g.bases("1", 3241, 2), alts: [other(b(3241)) + other(b(3242))]))
    // Two ALTs at one position next to another SNV: an MNV (3 SNVs over 2 positions).
    let t = b(3270)
    let t1 = other(t); let t2 = other(t, avoiding: [Character(t1)])
    r.append(PlantedRecord(contig: "1", position: 3270, ref: String(t), alts: [t1, t2]))
    r.append(PlantedRecord(contig: "1", position: 3271, ref: String(b(3271)), alts: [other(b(3271))]))
    // An insertion and a deletion; a symbolic allele.
    r.append(PlantedRecord(contig: "1", position: 3300, ref: String(b(3300)), alts: [String(b(3300)) + "A"]))
    r.append(PlantedRecord(contig: "1", position: 3330, ref: g.bases("1", 3330, 3), alts: [String(b(3330))]))
    r.append(PlantedRecord(contig: "1", position: 3360, ref: String(b(3360)), alts: ["<DEL>"]))
    // A contig the FASTA does not have.
    r.append(PlantedRecord(contig: "7", position: 500, ref: "A", alts: ["C"]))
    let order = ["1": 0, "2": 1, "7": 2]
    return r.sorted { (order[$0.contig]!, $0.position) < (order[$1.contig]!, $1.position) }
  }

  /// VCF text for `records`; `samples` empty writes no sample columns.
  public static func vcf(_ records: [PlantedRecord], genome: TestGenome, samples: [String],
                         headerLines: [String] = [], contigNames: [String: String] = [:]) -> String {
    var out = "##fileformat=VCFv4.2\n"
    for (name, seq) in genome.contigs { out += "##contig=<ID=\(contigNames[name] ?? name),length=\(seq.count)>\n" }
    out += "##contig=<ID=\(contigNames["7"] ?? "7"),length=1000>\n"
    out += "##FILTER=<ID=LowQual,Description=\"low quality\">\n"
    out += "##ALT=<ID=DEL,Description=\"Deletion\">\n"
    out += "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    for line in headerLines { out += line + "\n" }
    out += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO" + (samples.isEmpty ? "" : "\tFORMAT\t" + samples.joined(separator: "\t")) + "\n"
    for rec in records {
      out += "\(contigNames[rec.contig] ?? rec.contig)\t\(rec.position)\t.\t\(rec.ref)\t\(rec.alts.joined(separator: ","))\t.\t\(rec.filter)\t."
      if !samples.isEmpty {
        let gts = rec.genotypes.isEmpty ? Array(repeating: "0/1", count: samples.count) : rec.genotypes
        out += "\tGT\t" + gts.joined(separator: "\t")
      }
      out += "\n"
    }
    return out
  }

  /// MAF text for `records` (one row per ALT; symbolic alleles left out; `-` for empty indel alleles).
  public static func maf(_ records: [PlantedRecord], sample: String, header: Bool = true, contigNames: [String: String] = [:]) -> String {
    var out = !header ? "" : "#version 2.4\nHugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tFILTER\n"
    for rec in records {
      for alt in rec.alts where !alt.hasPrefix("<") {
        var ref = rec.ref, a = alt, pos = rec.position
        if ref.count != a.count, ref.first == a.first { ref.removeFirst(); a.removeFirst(); pos += 1 }
        out += "GENE\t\(contigNames[rec.contig] ?? rec.contig)\t\(pos)\t\(pos)\t\(ref.isEmpty ? "-" : ref)\t\(rec.ref.prefix(1))\t\(a.isEmpty ? "-" : a)\t\(sample)\t\(rec.filter)\n"
      }
    }
    return out
  }
}
