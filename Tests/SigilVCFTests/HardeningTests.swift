import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

/// Issue #13, input side: no crash, no silent loss, bcftools-like acceptance of incomplete headers.
/// Each test failed before its fix (double free -> SIGSEGV for the header cases; exit 0 for the others).
@Suite("hardening: malformed and unusual VCF input") struct HardeningTests {
  func error(_ body: () throws -> Void) -> VCFError? {
    do { try body(); return nil } catch let e as VCFError { return e } catch { return nil }
  }

  /// A small VCF on contig 1 of the fixture genome: `n` SNVs with the right REF, one per 17 bp.
  func text(_ f: CountingFixture, header: String? = nil, chrom: String = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
            n: Int = 10, edit: (Int, String) -> String = { $1 }) -> String {
    var out = header ?? "##fileformat=VCFv4.2\n##contig=<ID=1,length=4000>\n##contig=<ID=2,length=4000>\n"
    out += chrom + "\n"
    for i in 0..<n {
      let p = 40 + 17 * i
      let ref = f.genome.base("1", p)!
      let alt: Character = ref == "A" ? "C" : "A"
      out += edit(i, "1\t\(p)\t.\t\(ref)\t\(alt)\t.\tPASS\t.") + "\n"
    }
    return out
  }

  // MARK: 1. headers htslib cannot read: an error, never a double free

  @Test("a VCF without #CHROM line, or with an empty sample name, is an error naming the file (was SIGSEGV)",
        arguments: ["no-chrom", "trailing-tab", "duplicate-sample"])
  func unreadableHeader(_ kind: String) throws {
    let f = try CountingFixture()
    var t = text(f)
    switch kind {
    case "no-chrom": t = t.split(separator: "\n").filter { !$0.hasPrefix("#CHROM") }.joined(separator: "\n") + "\n"
    case "trailing-tab": t = t.replacingOccurrences(of: "INFO\n", with: "INFO\tFORMAT\tS1\t\n")
    default: t = t.replacingOccurrences(of: "INFO\n", with: "INFO\tFORMAT\tS1\tS1\n")
    }
    let path = try f.write(t, name: "\(kind).vcf")
    #expect(error { _ = try f.count([path]) } == .unreadableHeader(path: path))
  }

  @Test("a truncated BGZF VCF or BCF cut inside the header is an error (was SIGSEGV)", arguments: [VariantFileFormat.vcfGz, .bcf])
  func truncatedHeader(_ format: VariantFileFormat) throws {
    let f = try CountingFixture()
    let full = try f.writeVCF(text(f, n: 200), name: "full", format: format)
    let data = try Data(contentsOf: URL(fileURLWithPath: full))
    let cut = f.directory + "/cut." + format.fileExtension
    try data.prefix(format == .bcf ? 60 : 40).write(to: URL(fileURLWithPath: cut))
    let e = error { _ = try f.count([cut]) }
    #expect(e == .unreadableHeader(path: cut) || e?.description.hasPrefix(cut) == true, "got \(String(describing: e))")
  }

  @Test("binary data that is no known format says so, not 'exec format error'")
  func garbage() throws {
    let f = try CountingFixture()
    let path = f.directory + "/garbage.vcf"
    var g = SeededGenerator(seed: 3)
    try Data((0..<2000).map { _ in UInt8(truncatingIfNeeded: g.next()) }).write(to: URL(fileURLWithPath: path))
    let e = error { _ = try f.count([path]) }
    #expect(e == .notVariantFile(path: path), "got \(String(describing: e))")
  }

  // MARK: 2. malformed records: errors naming file and record

  @Test("POS that is not a whole number, or a record with 5 columns, is an error naming file and record",
        arguments: ["abc", "1234x", "5cols"])
  func malformedRecord(_ kind: String) throws {
    let f = try CountingFixture()
    let t = text(f) { i, line in
      guard i == 3 else { return line }
      var fields = line.split(separator: "\t").map(String.init)
      if kind == "5cols" { fields = Array(fields.prefix(5)) } else { fields[1] = kind == "abc" ? "abc" : fields[1] + "x" }
      return fields.joined(separator: "\t")
    }
    let path = try f.write(t, name: "bad.vcf")
    let e = error { _ = try f.count([path]) }
    guard case let .readFailed(p, record, reason)? = e else { Issue.record("expected readFailed, got \(String(describing: e))"); return }
    #expect(p == path && record == 4)
    #expect(reason.contains(kind == "5cols" ? "expected at least 8" : "POS is not a whole number"))
  }

  @Test("ALT '.' is counted under other_alleles")
  func missingALT() throws {
    let f = try CountingFixture()
    let t = text(f, n: 3) { i, line in
      i == 1 ? line.split(separator: "\t").enumerated().map { $0.offset == 4 ? "." : String($0.element) }.joined(separator: "\t") : line
    }
    let path = try f.write(t, name: "altdot.vcf")
    let r = try f.count([path])
    #expect(r.summaries[0].otherAlleles == 1)
    #expect(r.summaries[0].snvs == 2)
  }

  // MARK: 3. incomplete headers: accepted with one warning per file

  @Test("no ##contig lines, an undeclared contig, undeclared INFO/FILTER are read with one warning",
        arguments: ["no-contigs", "undeclared-contig", "undeclared-info", "undeclared-filter"])
  func incompleteHeader(_ kind: String) throws {
    let f = try CountingFixture()
    var header = "##fileformat=VCFv4.2\n##contig=<ID=1,length=4000>\n"
    var edit: (Int, String) -> String = { $1 }
    switch kind {
    case "no-contigs": header = "##fileformat=VCFv4.2\n"
    case "undeclared-contig": header = "##fileformat=VCFv4.2\n##contig=<ID=2,length=4000>\n"
    case "undeclared-info": edit = { _, l in l.replacingOccurrences(of: "PASS\t.", with: "PASS\tSOMATIC;DP=4") }
    default: edit = { _, l in l.replacingOccurrences(of: "PASS", with: "germline_risk") }
    }
    let path = try f.write(text(f, header: header, edit: edit), name: "\(kind).vcf")
    let r = try f.count([path]) { $0.allFilters = kind == "undeclared-filter" }
    #expect(r.summaries[0].snvs == 10)
    #expect(r.files[0].warnings.count == 1, "\(r.files[0].warnings)")
    #expect(r.files[0].warnings.first?.contains("read as bcftools does") == true)
  }

  // MARK: 4. multi-sample without GT: never zero silently

  @Test("a multi-sample VCF without GT anywhere is refused; records without GT are counted in no_genotype")
  func noGenotypes() throws {
    let f = try CountingFixture()
    let header = "##fileformat=VCFv4.2\n##contig=<ID=1,length=4000>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n"
      + "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
    let chrom = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2"
    let none = try f.write(text(f, header: header, chrom: chrom) { $1 + "\tDP\t5\t6" }, name: "none.vcf")
    #expect(error { _ = try f.count([none]) } == .noGenotypes(path: none, columns: 2, records: 10))
    let some = try f.write(text(f, header: header, chrom: chrom) { $0 < 4 ? $1 + "\tDP\t5\t6" : $1 + "\tGT\t0/1\t0/0" }, name: "some.vcf")
    let r = try f.count([some])
    #expect(r.summaries.map(\.noGenotype) == [4, 4])
    #expect(r.summaries.map(\.snvs) == [6, 0])
    #expect(r.files[0].warnings.count == 1 && r.files[0].warnings[0].contains("no_genotype"))
    #expect(r.summaryTSV().split(separator: "\n")[0].hasSuffix("\tno_genotype\toutside_regions"))
  }

  // MARK: 5. names and references

  @Test("a sample name that is not UTF-8 is an error naming the column")
  func nonUTF8Sample() throws {
    let f = try CountingFixture()
    var data = Data(text(f, chrom: "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS").utf8)
    let at = data.range(of: Data("\tS\n".utf8))!
    data.insert(0xE9, at: at.lowerBound + 2)
    let path = f.directory + "/latin1.vcf"
    try data.write(to: URL(fileURLWithPath: path))
    #expect(error { _ = try f.count([path]) } == .sampleNameNotUTF8(path: path, column: 10))
  }

  @Test("a MAF Tumor_Sample_Barcode that is not UTF-8 is an error naming the line (was replaced by U+FFFD)")
  func nonUTF8Barcode() throws {
    let f = try CountingFixture()
    let ref = f.genome.base("1", 40)!
    var data = Data("Chromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n1\t40\t\(ref)\tA\tT\n".utf8)
    data.insert(0xE9, at: data.count - 1)
    let path = f.directory + "/latin1.maf"
    try data.write(to: URL(fileURLWithPath: path))
    let e = error { _ = try f.count([path]) }
    #expect(e == .mafBadLine(path: path, line: 2, reason: "Tumor_Sample_Barcode is not valid UTF-8; expected UTF-8 text"), "got \(String(describing: e))")
  }

  @Test("a FASTA with the same contig twice is refused naming it; a folder as FASTA says it is a folder")
  func badReference() throws {
    let f = try CountingFixture()
    let vcf = try f.write(text(f), name: "ok.vcf")
    let dup = f.directory + "/dup.fa"
    try (f.genome.fasta() + f.genome.fasta()).write(toFile: dup, atomically: true, encoding: .utf8)
    #expect(error { _ = try f.count([vcf]) { $0.referencePath = dup } } == .referenceDuplicateContig(path: dup, contig: "1"))
    let e = error { _ = try f.count([vcf]) { $0.referencePath = f.directory } }
    #expect(e?.description.contains("is a folder") == true, "got \(String(describing: e))")
  }
}
