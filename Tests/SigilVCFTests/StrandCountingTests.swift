import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilVCF

@Suite("SBS1536 and SBS288 (transcriptional strand) counting") struct StrandCountingTests {
  // chr1, 0-based index under each base:
  //   ACGTACGTTC AGGATCCATG CATTGACCGA TTGCAAGTCA
  //   0         10         20         30
  static let chr1 = "ACGTACGTTCAGGATCCATGCATTGACCGATTGCAAGTCA"
  // chr2 has an N pair at 7-8.
  static let chr2 = "GATTACANNCGTAGCTAGCTTGCA"
  // Genes (BED, 0-based half-open, named without `chr` to exercise the FASTA aliasing):
  //   plus  5..<15, minus 12..<25 -> forward-strand state: 5-11 U (plus only), 12-14 B, 15-24 T
  //   (minus only), elsewhere N. A `.`-strand gene on 2 is skipped; a gene on contig 7 is unmatched.
  static let bed = """
    track name=genes
    1\t5\t15\tgP\t0\t+
    1\t12\t25\tgM\t0\t-
    2\t0\t20\tgX\t0\t.
    7\t0\t100\tgZ\t0\t+

    """
  // The same genes as GTF (1-based inclusive), with a transcript record that must be ignored.
  static let gtf = """
    #!genome-build test
    chr1\ttest\tgene\t6\t15\t.\t+\t.\tgene_id "gP";
    chr1\ttest\ttranscript\t1\t40\t.\t-\t.\tgene_id "gP"; transcript_id "t1";
    chr1\ttest\tgene\t13\t25\t.\t-\t.\tgene_id "gM";

    """
  // SNVs (VCF 1-based POS, REF, ALT) and their labels derived by hand:
  //  8 T>C: pentamer idx 5-9 CGTTC, pyrimidine, state U            -> CG[T>C]TC,  U:G[T>C]T
  // 11 A>G: idx 8-12 TCAGG, purine: revcomp CCTGA, T>C; U -> T     -> CC[T>C]GA,  T:C[T>C]G
  // 14 A>T: idx 11-15 GGATC, purine: revcomp GATCC, T>A; state B   -> GA[T>A]CC,  B:A[T>A]C -> T (one B, odd: to T)
  // 21 C>T: idx 18-22 TGCAT, pyrimidine on forward, minus gene: T  -> TG[C>T]AT,  T:G[C>T]A
  // 25 G>A: idx 22-26 TTGAC, purine: revcomp GTCAA, C>T; T -> U    -> GT[C>T]AA,  U:T[C>T]A
  // 31 T>G: idx 28-32 GATTG, no gene                               -> GA[T>G]TG,  N:A[T>G]T
  //  2 C>A: idx 0-4 would start before the contig (trinucleotide ACG is fine): n_context
  // 39 C>A: idx 36-40 runs past the contig end (length 40): n_context
  // chr2 11 G>A: idx 8-12 NCGTA has an N: n_context
  // chr2 13 A>C: idx 10-14 GTAGC, purine: revcomp GCTAC, T>G; chr2 has no stranded gene: N
  //                                                               -> GC[T>G]AC,  N:C[T>G]A
  static let vcf = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=40>
    ##contig=<ID=chr2,length=24>
    ##FORMAT=<ID=GT,Number=1,Type=String,Description="x">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1
    chr1\t2\t.\tC\tA\t.\tPASS\t.\tGT\t0/1
    chr1\t8\t.\tT\tC\t.\tPASS\t.\tGT\t0/1
    chr1\t11\t.\tA\tG\t.\tPASS\t.\tGT\t0/1
    chr1\t14\t.\tA\tT\t.\tPASS\t.\tGT\t0/1
    chr1\t21\t.\tC\tT\t.\tPASS\t.\tGT\t0/1
    chr1\t25\t.\tG\tA\t.\tPASS\t.\tGT\t0/1
    chr1\t31\t.\tT\tG\t.\tPASS\t.\tGT\t0/1
    chr1\t39\t.\tC\tA\t.\tPASS\t.\tGT\t0/1
    chr2\t11\t.\tG\tA\t.\tPASS\t.\tGT\t0/1
    chr2\t13\t.\tA\tC\t.\tPASS\t.\tGT\t0/1

    """
  static let sbs1536 = ["CG[T>C]TC": 1, "CC[T>C]GA": 1, "GA[T>A]CC": 1, "TG[C>T]AT": 1, "GT[C>T]AA": 1, "GA[T>G]TG": 1, "GC[T>G]AC": 1]
  static let sbs288 = ["U:G[T>C]T": 1, "T:C[T>C]G": 1, "T:A[T>A]C": 1, "T:G[C>T]A": 1, "U:T[C>T]A": 1, "N:A[T>G]T": 1, "N:C[T>G]A": 1]

  func handFixture() throws -> (dir: String, fasta: String, vcf: String) {
    let dir = Fixtures.temporaryDirectory("sigil-strand")
    let fasta = dir + "/ref.fa", vcf = dir + "/T1.vcf"
    try ">chr1\n\(Self.chr1)\n>chr2\n\(Self.chr2)\n".write(toFile: fasta, atomically: true, encoding: .utf8)
    try Self.vcf.write(toFile: vcf, atomically: true, encoding: .utf8)
    return (dir, fasta, vcf)
  }

  @Test("hand-derived SBS1536 and SBS288 labels: both strands, overlap, intergenic, contig edges, N", arguments: CountRules.allCases)
  func handCases(rules: CountRules) throws {
    let (dir, fasta, vcf) = try handFixture()
    try Self.bed.write(toFile: dir + "/genes.bed", atomically: true, encoding: .utf8)
    var c = CountConfiguration(referencePath: fasta)
    c.rules = rules
    c.genesPath = dir + "/genes.bed"
    let r = try VariantCounter.count(inputs: [vcf], configuration: c)
    #expect(labelCounts(r.sbs1536, sample: 0) == Self.sbs1536)
    let sbs288 = try #require(r.sbs288)
    #expect(labelCounts(sbs288, sample: 0) == Self.sbs288)
    #expect(r.summaries[0].sbs96 == 7 && r.summaries[0].nContext == 3)
    #expect(r.sbs1536.totals == r.sbs96.totals && sbs288.totals == r.sbs96.totals)
    let genes = try #require(r.genes)
    #expect(genes.genes == 2 && genes.unstranded == 1 && genes.unmatchedContigs == ["7"] && genes.format == .bed)
    #expect(genes.state(contig: 0, position: 11) == .untranscribed && genes.state(contig: 0, position: 12) == .both)
    #expect(genes.state(contig: 0, position: 24) == .transcribed && genes.state(contig: 0, position: 25) == GeneStrandState.none)
  }

  @Test("GTF gene records give the same SBS288 as the BED")
  func gtf() throws {
    let (dir, fasta, vcf) = try handFixture()
    try Self.gtf.write(toFile: dir + "/genes.gtf", atomically: true, encoding: .utf8)
    var c = CountConfiguration(referencePath: fasta)
    c.genesPath = dir + "/genes.gtf"
    let r = try VariantCounter.count(inputs: [vcf], configuration: c)
    #expect(r.genes?.format == .gtf && r.genes?.genes == 2)
    #expect(labelCounts(try #require(r.sbs288), sample: 0) == Self.sbs288)
  }

  @Test("a MAF of the same SNVs gives the same SBS1536 and SBS288")
  func maf() throws {
    let (dir, fasta, _) = try handFixture()
    try Self.bed.write(toFile: dir + "/genes.bed", atomically: true, encoding: .utf8)
    var maf = "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
    for line in Self.vcf.split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(separator: "\t")
      maf += "X\t\(f[0])\t\(f[1])\t\(f[3])\t\(f[4])\tT1\n"
    }
    try maf.write(toFile: dir + "/t1.maf", atomically: true, encoding: .utf8)
    var c = CountConfiguration(referencePath: fasta)
    c.genesPath = dir + "/genes.bed"
    let r = try VariantCounter.count(inputs: [dir + "/t1.maf"], configuration: c)
    #expect(r.sampleModes == [.maf])
    #expect(labelCounts(r.sbs1536, sample: 0) == Self.sbs1536)
    #expect(labelCounts(try #require(r.sbs288), sample: 0) == Self.sbs288)
  }

  @Test("without --genes there is no SBS288, and SBS1536 is still counted")
  func noGenes() throws {
    let (_, fasta, vcf) = try handFixture()
    let r = try VariantCounter.count(inputs: [vcf], configuration: CountConfiguration(referencePath: fasta))
    #expect(r.sbs288 == nil && r.genes == nil)
    #expect(labelCounts(r.sbs1536, sample: 0) == Self.sbs1536)
  }

  @Test("bad gene files are explained")
  func errors() throws {
    let (dir, fasta, vcf) = try handFixture()
    func run(_ text: String) throws {
      try text.write(toFile: dir + "/g.bed", atomically: true, encoding: .utf8)
      var c = CountConfiguration(referencePath: fasta)
      c.genesPath = dir + "/g.bed"
      _ = try VariantCounter.count(inputs: [vcf], configuration: c)
    }
    #expect(throws: VCFError.genesBadLine(path: dir + "/g.bed", line: 2, reason: "expected 6 or more BED columns (chrom, start, end, name, score, strand), found 3")) {
      try run("1\t0\t10\tg\t0\t+\n1\t5\t9\n")
    }
    #expect(throws: VCFError.genesBadLine(path: dir + "/g.bed", line: 1, reason: "strand 'x' must be +, - or .")) {
      try run("1\t0\t10\tg\t0\tx\n")
    }
    #expect(throws: VCFError.genesBadLine(path: dir + "/g.bed", line: 1,
                                          reason: "start '9' and end '5' must be whole numbers with 0 <= start <= end (BED is 0-based, half-open)")) {
      try run("1\t9\t5\tg\t0\t+\n")
    }
    do {
      try run("chrZ\t0\t10\tg\t0\t+\n")
      Issue.record("expected an error")
    } catch let error as VCFError {
      #expect(error.description.contains("no gene lies on a contig of the reference FASTA (genes use e.g. chrZ; the FASTA has e.g. chr1, chr2)"))
    }
  }

  @Test("every forward-strand pentanucleotide substitution maps to its pyrimidine-centred SBS1536 label")
  func pentanucleotideRows() {
    let bases = Array("ACGT"), comp: [Character: Character] = ["A": "T", "C": "G", "G": "C", "T": "A"]
    var seen = Set<Int>()
    for code in 0..<(4 * 4 * 4 * 4 * 4 * 4) {
      let d = (0..<6).map { (code >> (2 * $0)) & 3 }
      guard d[2] != d[3] else { continue }
      let five = [bases[d[0]], bases[d[1]], bases[d[2]], bases[d[4]], bases[d[5]]]
      var (p, alt) = (five, bases[d[3]])
      if p[2] == "A" || p[2] == "G" { p = p.reversed().map { comp[$0]! }; alt = comp[alt]! }
      let label = "\(p[0])\(p[1])[\(p[2])>\(alt)]\(p[3])\(p[4])"
      let row = ChannelIndex.sbs1536(f1: UInt8(d[0]), f2: UInt8(d[1]), ref: UInt8(d[2]), alt: UInt8(d[3]), t1: UInt8(d[4]), t2: UInt8(d[5]))
      #expect(MutationClass.sbs1536.index(of: label) == row, "\(label)")
      seen.insert(row)
    }
    #expect(seen.count == 1536)
  }

  @Test("a strand track sweeps overlapping intervals into T/U/B/N segments")
  func strandTrack() {
    let t = StrandTrack(intervals: [(0, 10, true), (5, 20, false), (8, 12, true), (30, 40, false)])
    #expect(t.starts == [0, 5, 12, 20, 30, 40])
    #expect(t.states == [.untranscribed, .both, .transcribed, .none, .transcribed, .none])
    var cursor = Int.max
    let seen = [0, 4, 5, 11, 12, 19, 20, 35, 39, 40, 1000, 3].map { t.state(at: $0, cursor: &cursor) }
    #expect(seen == [.untranscribed, .untranscribed, .both, .both, .transcribed, .transcribed, .none, .transcribed, .transcribed,
                     .none, .none, .untranscribed])
  }

  @Test("SBS288 folds B half to T and half to U, an odd count to T, as SPMG's 384 -> 288")
  func fold() throws {
    var c = [Int](repeating: 0, count: 384)
    c[5] = 2; c[96 + 5] = 1; c[192 + 5] = 3; c[288 + 5] = 4   // T, U, B, N of A[C>G]C... row 5
    let f = SampleCounter.fold288(c)
    #expect(f[5] == 2 + 2 && f[96 + 5] == 1 + 1 && f[192 + 5] == 4 && f.reduce(0, +) == 10)
    // On SPMG's own 384 and 288 matrices of the stored fixture (the B block is non-empty there).
    let source = Fixtures.fixture("spmg-strand")
    let t384 = try LabeledTable.read(path: source + "/spmg.SBS384.all")
    let spmg288 = try MutationCatalog.read(path: source + "/spmg.SBS288.all", expected: .sbs288)
    let order = ["T", "U", "B", "N"]
    for s in 0..<spmg288.sampleCount {
      var blocks = [Int](repeating: 0, count: 384)
      for (r, label) in t384.rowLabels.enumerated() {
        let parts = label.split(separator: ":", maxSplits: 1)
        blocks[order.firstIndex(of: String(parts[0]))! * 96 + MutationClass.sbs96.index(of: String(parts[1]))!] = Int(t384.values[r, s])
      }
      #expect(blocks[192..<288].reduce(0, +) > 0)
      #expect(SampleCounter.fold288(blocks).map(Double.init) == spmg288.counts.column(s))
    }
  }

  /// Copies a stored fixture's FASTA, genes and VCFs into a temporary folder (the .fai is built there).
  func copyFixture(_ name: String, vcfs: [String]) throws -> (dir: String, source: String) {
    let dir = Fixtures.temporaryDirectory("sigil-spmg-strand")
    let source = Fixtures.fixture(name)
    for f in ["ref.fa", "genes.bed"] { try FileManager.default.copyItem(atPath: source + "/" + f, toPath: dir + "/" + f) }
    for v in vcfs { try FileManager.default.copyItem(atPath: source + "/vcf/" + v, toPath: dir + "/" + v) }
    return (dir, source)
  }

  @Test("SBS96, SBS1536 and SBS288 equal SigProfilerMatrixGenerator 1.4.0's on the strand fixture (both rule sets)",
        arguments: CountRules.allCases)
  func spmgStrand(rules: CountRules) throws {
    let names = ["S1.vcf", "S2.vcf", "S3.vcf"]
    let (dir, source) = try copyFixture("spmg-strand", vcfs: names)
    var c = CountConfiguration(referencePath: dir + "/ref.fa")
    c.rules = rules
    c.genesPath = dir + "/genes.bed"
    c.threads = 2
    let r = try VariantCounter.count(inputs: names.map { dir + "/" + $0 }, configuration: c)
    // Strict names samples by VCF column, SPMG by file name: the fixture makes them equal.
    let spmg96 = try MutationCatalog.read(path: source + "/spmg.SBS96.all", expected: .sbs96)
    let spmg1536 = try MutationCatalog.read(path: source + "/spmg.SBS1536.all")
    let spmg288 = try MutationCatalog.read(path: source + "/spmg.SBS288.all")
    #expect(spmg1536.mutationClass == .sbs1536 && spmg288.mutationClass == .sbs288)  // class told apart by labels
    #expect(r.sbs96 == spmg96)
    #expect(r.sbs1536 == spmg1536)
    #expect(try #require(r.sbs288) == spmg288)
  }

  @Test("SBS1536 and SBS288 equal SPMG's on the --rules sigprofiler quirk fixture")
  func spmgRules() throws {
    let names = ["PD1.somatic.vcf", "PD10.caveman.vcf", "PD2.vcf", "PD3.vcf"]
    let (dir, source) = try copyFixture("spmg-rules", vcfs: names)
    var c = CountConfiguration(referencePath: dir + "/ref.fa")
    c.rules = .sigprofiler
    c.genesPath = dir + "/genes.bed"
    let r = try VariantCounter.count(inputs: names.map { dir + "/" + $0 }, configuration: c)
    #expect(r.sbs1536 == (try MutationCatalog.read(path: source + "/spmg.SBS1536.all", expected: .sbs1536)))
    #expect(r.sbs288 == (try MutationCatalog.read(path: source + "/spmg.SBS288.all", expected: .sbs288)))
  }

  @Test("each sample's SBS1536 and SBS288 totals equal its SBS96 total; SBS1536 collapses to SBS96 (planted, multi-sample)")
  func invariants() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 60, seed: 3)
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["T1"]), name: "t1", format: .vcfGz)
    let bed = try f.write("1\t0\t1000\ta\t0\t+\n1\t500\t2500\tb\t0\t-\n2\t100\t3000\tc\t0\t-\n", name: "g.bed")
    let r = try f.count([path]) { $0.genesPath = bed }
    let naive = NaiveCounter.count(records, genome: f.genome)
    #expect(labelCounts(r.sbs1536, sample: 0) == naive.sbs1536)
    #expect(r.sbs1536.totals == r.sbs96.totals)
    #expect(try #require(r.sbs288).totals == r.sbs96.totals)
    // Collapse SBS1536 (drop the outer flanks) and SBS288 (drop the strand) onto SBS96.
    var from1536 = [Double](repeating: 0, count: 96), from288 = [Double](repeating: 0, count: 96)
    for (i, label) in MutationClass.sbs1536.channels.enumerated() {
      from1536[MutationClass.sbs96.index(of: String(label.dropFirst().dropLast()))!] += r.sbs1536.counts[i, 0]
    }
    for (i, label) in MutationClass.sbs288.channels.enumerated() {
      from288[MutationClass.sbs96.index(of: String(label.dropFirst(2)))!] += r.sbs288!.counts[i, 0]
    }
    #expect(from1536 == r.sbs96.counts.column(0) && from288 == r.sbs96.counts.column(0))
  }
}
