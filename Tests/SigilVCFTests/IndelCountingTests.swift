import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilVCF

/// One planted indel on its own tiny contig: reference, VCF POS/REF/ALT, and the ID83 labels
/// derived by hand (strict rules, and SigProfilerMatrixGenerator 1.4.0's where they differ).
struct IndelCase {
  let contig: String
  let reference: String
  let position: Int
  let ref: String
  let alt: String
  /// Strict label, or a summary bucket in brackets: [n_context], [complex], [ref_mismatch], [duplicate].
  let strict: String
  let sigprofiler: String

  init(_ contig: String, _ reference: String, _ position: Int, _ ref: String, _ alt: String, _ strict: String, spmg: String? = nil) {
    (self.contig, self.reference, self.position, self.ref, self.alt, self.strict) = (contig, reference, position, ref, alt, strict)
    sigprofiler = spmg ?? strict
  }

  /// The planted cases. Index 0-based positions in the comments; contigs are separate so scans end inside each.
  static let all: [IndelCase] = [
    // 1 bp deletions. ref AAGTCAGTT: the C at 4 has T and A around it -> run of 1 -> C:0.
    IndelCase("d1", "AAGTCAGTT", 4, "TC", "T", "1:Del:C:0"),
    // AATGGATT: one G of GG (3..4) -> pyrimidine C, run 2 -> C:1.
    IndelCase("d2", "AATGGATT", 3, "TG", "T", "1:Del:C:1"),
    // GCATGCA: the T at 3 alone -> T:0.
    IndelCase("d3", "GCATGCA", 3, "AT", "A", "1:Del:T:0"),
    // GC + 7 A + GC: run 7 -> 6 further copies -> capped T:5.
    IndelCase("d4", "GCAAAAAAAGC", 2, "CA", "C", "1:Del:T:5"),
    // The same deletion written at the 5th A (not left-normalised): the same event.
    // Strict: normalised to the first A, a duplicate of the line above; SPMG counts it again (T:5).
    IndelCase("d4", "GCAAAAAAAGC", 6, "AA", "A", "[duplicate]", spmg: "1:Del:T:5"),
    // GC + 5 A + GC: run 5 -> T:4 (one below the cap).
    IndelCase("d5", "GCAAAAAGC", 2, "CA", "C", "1:Del:T:4"),
    // 1 bp insertions. ATTAGTA, C inserted before the A at 3: no C 3' -> C:0.
    IndelCase("i1", "ATTAGTA", 3, "T", "TC", "1:Ins:C:0"),
    // GCGATCG, A inserted before the A at 3: one A 3' -> T:1.
    IndelCase("i2", "GCGATCG", 3, "G", "GA", "1:Ins:T:1"),
    // GC + 7 T + GC, T inserted before the run -> 7 copies -> T:5.
    IndelCase("i3", "GCTTTTTTTGC", 2, "C", "CT", "1:Ins:T:5"),
    // AT + 5 C + AT -> exactly 5 -> C:5; G inserted before AT + 4 G + AT -> 4 copies, G reads as C -> C:4.
    IndelCase("i4", "ATCCCCCAT", 2, "T", "TC", "1:Ins:C:5"),
    IndelCase("i5", "ATGGGGAT", 2, "T", "TG", "1:Ins:C:4"),
    // Deletions of 2+ bp at repeats. AAGTCAAGG: TC at 3..4; G before, A after -> no copy, no MH -> R:0.
    IndelCase("r1", "AAGTCAAGG", 3, "GTC", "G", "2:Del:R:0"),
    // GTCACACAGG: CA at 2..3, copies at 4..5 and 6..7, then GG -> R:2.
    IndelCase("r2", "GTCACACAGG", 2, "TCA", "T", "2:Del:R:2"),
    // The same array, AC deleted at 3..4 (not normalised): strict shifts it to CA at 2..3 -> R:2;
    // SPMG scans in the record's phase: TC before (no), AC at 5..6 (yes), AG (no) -> R:1.
    IndelCase("r3", "GTCACACAGG", 3, "CAC", "C", "2:Del:R:2", spmg: "2:Del:R:1"),
    // GGATCATCAGG: ATC at 2..4, one copy at 5..7 -> 3:Del:R:1.
    IndelCase("r4", "GGATCATCAGG", 2, "GATC", "G", "3:Del:R:1"),
    // GC + 7 x AAGCT + GGTCAGT: a 5 bp unit with 6 further copies -> 5:Del:R:5. (3' flanks are long
    // enough for SPMG, which skips a record whose scan window runs past the contig end.)
    IndelCase("r5", "GC" + String(repeating: "AAGCT", count: 7) + "GGTCAGT", 2, "CAAGCT", "C", "5:Del:R:5"),
    // Microhomology deletions. TTCAGACC: AG at 3..4, then A (= A), C (!= G) -> 1 bp MH -> 2:Del:M:1.
    IndelCase("m1", "TTCAGACC", 3, "CAG", "C", "2:Del:M:1"),
    // GGACTACGG: ACT at 2..4, then AC (= AC), G (!= T) -> 3:Del:M:2.
    IndelCase("m2", "GGACTACGG", 2, "GACT", "G", "3:Del:M:2"),
    // GGACGTACGAGGTC: ACGT at 2..5, then ACG, A (!= T) -> 4:Del:M:3.
    IndelCase("m3", "GGACGTACGAGGTC", 2, "GACGT", "G", "4:Del:M:3"),
    // The same deletion written 3 bp to the right (TACG at 5..8): strict normalises it back -> M:3;
    // SPMG: no 3' MH, but the 5' side ends in ACG = suffix of TACG -> M:3 as well.
    IndelCase("m4", "GGACGTACGAGGTC", 5, "GTACG", "G", "4:Del:M:3"),
    // TTACGTCATGGCA: ACGTC at 2..6, then A (= A), T (!= C) -> 5:Del:M:1.
    IndelCase("m5", "TTACGTCATGGCA", 2, "TACGTC", "T", "5:Del:M:1"),
    // TT + ACGTCAG + ACGTCTT + GG: 7 bp deleted, then ACGTC (5 = first 5), T (!= A) -> 5:Del:M:5.
    IndelCase("m6", "TTACGTCAGACGTCTTGG", 2, "TACGTCAG", "T", "5:Del:M:5"),
    // Insertions of 2+ bp. TTCAGG: GA before the A at 3; then AG (!= GA) -> 2:Ins:R:0.
    IndelCase("n1", "TTCAGG", 3, "C", "CGA", "2:Ins:R:0"),
    // GCACACACTT: CA inserted at 1, copies at 1, 3, 5, then CT -> 2:Ins:R:3.
    IndelCase("n2", "GCACACACTT", 1, "G", "GCA", "2:Ins:R:3"),
    // Same array, AC inserted after the C at 3 (not normalised): both rule sets see 3 copies.
    IndelCase("n3", "GCACACACTT", 4, "C", "CAC", "2:Ins:R:3"),
    // G + 6 x ATCC + GGTCA: ATCC inserted before the first copy -> 6 copies -> 4:Ins:R:5.
    IndelCase("n4", "G" + String(repeating: "ATCC", count: 6) + "GGTCA", 1, "G", "GATCC", "4:Ins:R:5"),
    // TTGGTTCAGTCA: 6 bp ACGTAC inserted before the G at 2 -> no copy -> 5:Ins:R:0.
    IndelCase("n5", "TTGGTTCAGTCA", 2, "T", "TACGTAC", "5:Ins:R:0"),
    // Skipped. GCAAANNGC: deleting an A, the A run is ended by N -> strict n_context;
    // SPMG counts the A run (3) -> T:2.
    IndelCase("x1", "GCAAANNGC", 2, "CA", "C", "[n_context]", spmg: "1:Del:T:2"),
    // Complex: ACT>AGGT trims to C>GG.
    IndelCase("x2", "GGACTGG", 3, "ACT", "AGGT", "[complex]"),
    // REF CAA where the reference has CTT. SPMG checks only REF's first base (C) and deletes "AA" -> R:0.
    IndelCase("x3", "GGCTTGG", 3, "CAA", "C", "[ref_mismatch]", spmg: "2:Del:R:0"),
  ]

  static func fasta(_ cases: [IndelCase]) -> String {
    var seen = Set<String>(), out = ""
    for c in cases where seen.insert(c.contig).inserted { out += ">\(c.contig)\n\(c.reference)\n" }
    return out
  }

  static func vcf(_ cases: [IndelCase], sample: String) -> String {
    var seen = Set<String>(), out = "##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    for c in cases where seen.insert(c.contig).inserted { out += "##contig=<ID=\(c.contig),length=\(c.reference.count)>\n" }
    out += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(sample)\n"
    for c in cases { out += "\(c.contig)\t\(c.position)\t.\t\(c.ref)\t\(c.alt)\t.\tPASS\t.\tGT\t0/1\n" }
    return out
  }
}

@Suite("ID83 indel classification") struct IndelCountingTests {
  func expectedCounts(_ labels: [String]) -> [String: Int] {
    labels.filter { !$0.hasPrefix("[") }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
  }

  func run(rules: CountRules, format: VariantFileFormat = .vcf) throws -> CountResult {
    let dir = Fixtures.temporaryDirectory("sigil-id83")
    try IndelCase.fasta(IndelCase.all).write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    let plain = dir + "/PD5.indels.vcf"
    try IndelCase.vcf(IndelCase.all, sample: "PD5").write(toFile: plain, atomically: true, encoding: .utf8)
    var path = plain
    if format != .vcf {
      path = dir + "/PD5.indels." + format.fileExtension
      try VariantFiles.convert(plain, to: path, format: format)
    }
    var c = CountConfiguration(referencePath: dir + "/ref.fa")
    c.rules = rules
    c.maxRefMismatch = 1
    return try VariantCounter.count(inputs: [path], configuration: c)
  }

  @Test("every planted category gets its hand-derived strict label, in vcf, vcf.gz and bcf", arguments: ["vcf", "vcf.gz", "bcf"])
  func strict(form: String) throws {
    let r = try run(rules: .strict, format: VariantFileFormat(rawValue: form)!)
    #expect(r.id83.mutationClass == .id83 && r.id83.sampleNames == ["PD5"])
    #expect(labelCounts(r.id83, sample: 0) == expectedCounts(IndelCase.all.map(\.strict)), "form \(form)")
    let s = r.summaries[0]
    let buckets = IndelCase.all.map(\.strict)
    #expect(s.indels == IndelCase.all.count)
    #expect(s.id83 == buckets.filter { !$0.hasPrefix("[") }.count)
    #expect(s.indelDuplicates == 1 && s.indelNContext == 1 && s.indelComplex == 1 && s.indelRefMismatch == 1)
    #expect(s.indels == s.indelComplex + s.indelDuplicates + s.indelRefMismatch + s.indelNContext + s.id83)
    #expect(Int(r.id83.totals[0]) == s.id83)
    #expect(s.sbs96 == 0 && s.snvs == 0)
  }

  @Test("--rules sigprofiler reproduces SigProfilerMatrixGenerator's labels (no normalisation, both-side scans)")
  func sigprofiler() throws {
    let r = try run(rules: .sigprofiler)
    #expect(r.id83.sampleNames == ["PD5"])
    #expect(labelCounts(r.id83, sample: 0) == expectedCounts(IndelCase.all.map(\.sigprofiler)))
    let s = r.summaries[0]
    #expect(s.indelComplex == 1 && s.indelRefMismatch == 0 && s.indelDuplicates == 0 && s.indelNContext == 0)
    #expect(s.indels == IndelCase.all.count)
    #expect(s.indels == s.indelComplex + s.indelDuplicates + s.indelRefMismatch + s.indelNContext + s.id83)
  }

  @Test("the same record twice is counted once; a MAF gives the same ID83 catalog as the VCF")
  func mafAndDuplicates() throws {
    let dir = Fixtures.temporaryDirectory("sigil-id83")
    let cases = IndelCase.all.filter { !$0.strict.hasPrefix("[") }
    try IndelCase.fasta(cases).write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    var maf = "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
    for c in cases {
      // MAF form: no padding base; an insertion's Start_Position is the base before it.
      let pad = c.ref.first!
      precondition(c.alt.first == pad)
      let ref = c.ref.count > 1 ? String(c.ref.dropFirst()) : "-"
      let alt = c.alt.count > 1 ? String(c.alt.dropFirst()) : "-"
      let start = ref == "-" ? c.position : c.position + 1
      maf += "X\t\(c.contig)\t\(start)\t\(ref)\t\(alt)\tPD5\n"
    }
    try maf.write(toFile: dir + "/calls.maf", atomically: true, encoding: .utf8)
    try (IndelCase.vcf([cases[0]] + cases, sample: "PD5")).write(toFile: dir + "/calls.vcf", atomically: true, encoding: .utf8)
    let fromMAF = try VariantCounter.count(inputs: [dir + "/calls.maf"], configuration: CountConfiguration(referencePath: dir + "/ref.fa"))
    let fromVCF = try VariantCounter.count(inputs: [dir + "/calls.vcf"], configuration: CountConfiguration(referencePath: dir + "/ref.fa"))
    #expect(fromMAF.id83 == fromVCF.id83)
    #expect(labelCounts(fromVCF.id83, sample: 0) == expectedCounts(cases.map(\.strict)))
    #expect(fromVCF.summaries[0].indelDuplicates == 1)
  }

  @Test("400 random indels: strict = SPMG 1.4.0 on bcftools-norm'ed records; --rules sigprofiler = SPMG on the raw records")
  func storedSPMGCrossCheck() throws {
    // Copy the fixture so the .fai is built in a temporary folder, not the source tree.
    let dir = Fixtures.temporaryDirectory("sigil-spmg-id83")
    let source = Fixtures.fixture("spmg-id83")
    for name in ["ref.fa", "raw.vcf"] { try FileManager.default.copyItem(atPath: source + "/" + name, toPath: dir + "/" + name) }
    let normalised = try MutationCatalog.read(path: source + "/spmg.norm.ID83.all", expected: .id83)
    let raw = try MutationCatalog.read(path: source + "/spmg.raw.ID83.all", expected: .id83)
    var c = CountConfiguration(referencePath: dir + "/ref.fa")
    let strict = try VariantCounter.count(inputs: [dir + "/raw.vcf"], configuration: c)
    #expect(strict.id83.counts == normalised.counts)
    #expect(strict.summaries[0].id83 == 398 && strict.summaries[0].indelDuplicates == 2)
    c.rules = .sigprofiler
    let sigprofiler = try VariantCounter.count(inputs: [dir + "/raw.vcf"], configuration: c)
    #expect(sigprofiler.id83.counts == raw.counts)
    #expect(sigprofiler.id83.totals[0] == 400)
    #expect(sigprofiler.id83 != strict.id83)  // 15 records are labelled differently without normalisation
  }

  @Test("a sample without indels still has an all-zero ID83 column, in SBS96 order")
  func zeroColumns() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 10, seed: 3)
    let a = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["A"]), name: "a", format: .vcf)
    let b = try f.writeVCF(PlantedVariants.vcf([], genome: f.genome, samples: ["B"]), name: "b", format: .vcf)
    let r = try f.count([b, a])
    #expect(r.id83.sampleNames == r.sbs96.sampleNames && r.id83.sampleNames == ["B", "A"])
    #expect(r.id83.totals[0] == 0)
    #expect(r.id83.channels == MutationClass.id83.channels)
  }
}

@Suite("IndelClassifier") struct IndelClassifierTests {
  /// Classifies one VCF allele pair against an in-memory reference with the strict rules.
  func label(_ reference: String, _ position: Int, _ ref: String, _ alt: String) -> String? {
    let code = ChannelIndex.baseCode
    let bytes = Array(reference.utf8)
    return code.withUnsafeBufferPointer { code in
      bytes.withUnsafeBufferPointer { seq -> String? in
        let bases = ReferenceBases(bytes: seq.baseAddress!, count: seq.count, code: code)
        let r = Array(ref.utf8), a = Array(alt.utf8)
        let trimmed = r.withUnsafeBufferPointer { rp in a.withUnsafeBufferPointer { ap in
          IndelClassifier.trim(ref: rp, alt: ap, position: position - 1, code: code) } }
        guard case let .indel(indel) = trimmed else { return "\(trimmed)" }
        return IndelClassifier.row(of: IndelClassifier.leftNormalised(indel, in: bases), in: bases).map { MutationClass.id83.channels[$0] }
      }
    }
  }

  @Test("hand-derived labels of every planted case")
  func planted() {
    for c in IndelCase.all where !c.strict.hasPrefix("[") {
      #expect(label(c.reference, c.position, c.ref, c.alt) == c.strict, "\(c.contig) \(c.position) \(c.ref)>\(c.alt)")
    }
  }

  @Test("trimming: suffix then prefix; complex and non-ACGT alleles are recognised")
  func trimming() {
    #expect(label("GGACTGG", 3, "ACT", "AGGT") == "complex")
    #expect(label("GGACTGG", 3, "ACT", "ANT") == "nonACGT")
    // Shared suffix and prefix: ACTG>AG is the deletion of CT (2..3 in GGACTGGA... written with extra bases).
    #expect(label("GGACTGGAA", 3, "ACTG", "AG") == label("GGACTGGAA", 3, "ACT", "A"))
    // Lower-case (soft-masked) reference and alleles classify like upper-case.
    #expect(label("gcaaaaaaagc", 2, "ca", "c") == "1:Del:T:5")
  }

  @Test("left-normalisation moves deletions and insertions to the 5' end of their repeat")
  func normalisation() {
    let bytes = Array("GTCACACAGG".utf8)
    let code = ChannelIndex.baseCode
    code.withUnsafeBufferPointer { code in
      bytes.withUnsafeBufferPointer { seq in
        let ref = ReferenceBases(bytes: seq.baseAddress!, count: seq.count, code: code)
        // AC deleted at 5..6 -> CA at 2..3 (codes C=1, A=0).
        let d = IndelClassifier.leftNormalised(Indel(position: 5, isDeletion: true, sequence: [0, 1]), in: ref)
        #expect(d == Indel(position: 2, isDeletion: true, sequence: [1, 0]))
        // CA inserted before 8 (after the last A) -> CA before 2... the first C of the array.
        let i = IndelClassifier.leftNormalised(Indel(position: 8, isDeletion: false, sequence: [1, 0]), in: ref)
        #expect(i == Indel(position: 2, isDeletion: false, sequence: [1, 0]))
      }
    }
  }

  @Test("row arithmetic matches the COSMIC labels for every channel")
  func rows() {
    let labels = MutationClass.id83.channels
    for size in 2...5 { for m in 1...(size == 5 ? 5 : size - 1) {
      #expect(labels[IndelClassifier.microhomologyRow(size: size, length: m)] == "\(size):Del:M:\(m)")
    } }
  }

  @Test("no label without a 5' neighbour, or when a scan reaches the contig end or an N")
  func unbounded() {
    #expect(label("CAGT", 1, "CA", "A") == nil)    // deletion of the first base
    #expect(label("CAAAA", 1, "CA", "C") == nil)   // A run reaches the contig end
    #expect(label("AGCCC", 2, "G", "GC") == nil)   // C run reaches the contig end
    #expect(label("GCAAANNGC", 2, "CA", "C") == nil)
    #expect(label("GNAGGT", 3, "A", "AG") == "1:Ins:C:2")  // the N is 5' of the neighbour: not needed
  }
}
