import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilVCF

/// `sigil count --regions`: the BED reader, counting only records inside, and the regions'
/// sequence opportunity (issue #18).
@Suite("Target regions and their opportunity") struct TargetRegionsTests {
  func error(_ body: () throws -> Void) -> VCFError? {
    do { try body(); return nil } catch let e as VCFError { return e } catch { return nil }
  }

  @Test("BED lines are merged (overlapping and adjacent), matched to FASTA names, and contain() is half-open")
  func reading() throws {
    let f = try CountingFixture()
    let bed = try f.write("track name=panel\n# comment\nchr1\t100\t200\tA\nchr1\t150\t250\nchr1\t250\t260\n\nchr2 10 20\nchrUn_x\t1\t5\n1\t500\t501\n",
                          name: "t.bed")
    let r = try TargetRegions.read(path: bed, matcher: ContigMatcher(referenceContigs: ["1", "2"]), contigLengths: [4000, 4000])
    #expect(r.intervals == [0: [100..<260, 500..<501], 1: [10..<20]])
    #expect(r.lines == 5 && r.unmatchedContigs == ["chrUn_x"] && r.bases == 160 + 1 + 10 && r.intervalCount == 3)
    for (p, inside) in [(99, false), (100, true), (259, true), (260, false), (500, true), (501, false)] {
      #expect(r.contains(contig: 0, position: p) == inside, "position \(p)")
    }
    #expect(!r.contains(contig: 1, position: 20) && r.contains(contig: 1, position: 19) && !r.contains(contig: 2, position: 15))
    // gzip is read through htslib like a plain file.
    let gz = try f.writeGzip("1\t100\t200\n", name: "g.bed")
    #expect(try TargetRegions.read(path: gz, matcher: ContigMatcher(referenceContigs: ["1"])).intervals == [0: [100..<200]])
  }

  @Test("a malformed BED line is refused naming file:line and what was expected")
  func badLines() throws {
    let f = try CountingFixture()
    let m = ContigMatcher(referenceContigs: ["1", "2"])
    let cases: [(String, String)] = [
      ("1\t100\n", "expected 3 or more BED columns (chrom, start, end), found 2"),
      ("1\t1e3\t2000\n", "start '1e3' and end '2000' must be whole numbers (BED is 0-based, half-open)"),
      ("1\t-5\t20\n", "start '-5' and end '20' must be whole numbers"),
      ("1\t200\t200\n", "end 200 must be greater than start 200 (BED is 0-based, half-open)"),
      ("1\t10\t5000\n", "end 5000 is past the end of 1 (4000 bp in the FASTA); are the BED and FASTA the same genome build?"),
    ]
    for (i, (line, message)) in cases.enumerated() {
      let path = try f.write("# header\n" + line, name: "bad\(i).bed")
      let e = error { _ = try TargetRegions.read(path: path, matcher: m, contigLengths: [4000, 4000]) }
      guard case let .regionsBadLine(p, line, _)? = e else { Issue.record("case \(i): got \(String(describing: e))"); continue }
      #expect(p == path && line == 2)
      #expect(e?.description.hasPrefix("\(path):2: --regions: ") == true && e?.description.contains(message) == true, "\(String(describing: e))")
    }
    let empty = try f.write("track x\n# nothing\n", name: "empty.bed")
    #expect(error { _ = try TargetRegions.read(path: empty, matcher: m) } == .regionsEmpty(path: empty))
    #expect(VCFError.regionsEmpty(path: "t.bed").description
            == "t.bed: --regions: the file has no region; expected tab-separated BED lines chrom, start, end (0-based, half-open)")
    let other = try f.write("chrZ\t1\t10\n", name: "other.bed")
    let e = error { _ = try TargetRegions.read(path: other, matcher: m) }
    #expect(e == .regionsNoCommonContigs(path: other, regionContigs: ["chrZ"], referenceContigs: ["1", "2"]))
    #expect(e?.description.contains("no region lies on a contig of the reference FASTA (regions use e.g. chrZ; the FASTA has e.g. 1, 2)") == true)
  }

  @Test("counting with --regions equals counting only the records whose POS is inside; the rest are outside_regions")
  func countingInside() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 120, seed: 4)
    let bed = try f.write("1\t0\t1500\n2\t999\t2000\n", name: "targets.bed")
    func inside(_ r: PlantedRecord) -> Bool {
      (r.contig == "1" && r.position - 1 < 1500) || (r.contig == "2" && r.position - 1 >= 999 && r.position - 1 < 2000)
    }
    for format in [VariantFileFormat.vcf, .vcfGz, .bcf] {
      let all = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["T"]), name: "all", format: format)
      let kept = try f.writeVCF(PlantedVariants.vcf(records.filter { inside($0) || $0.contig == "7" }, genome: f.genome, samples: ["T"]),
                                name: "kept", format: format)
      let withRegions = try f.count([all]) { $0.regionsPath = bed }
      let filtered = try f.count([kept])
      #expect(withRegions.sbs96 == filtered.sbs96 && withRegions.dbs78 == filtered.dbs78 && withRegions.id83 == filtered.id83)
      // FILTER is checked first: the LowQual record (outside) counts as filtered, not outside.
      let outside = records.filter { !inside($0) && $0.contig != "7" && $0.filter != "LowQual" }.count
      #expect(withRegions.summaries[0].outsideRegions == outside && outside > 20, "\(format)")
      var expected = filtered.summaries[0]
      expected.records = withRegions.summaries[0].records
      expected.filtered = 1
      expected.outsideRegions = outside
      #expect(withRegions.summaries[0] == expected)
      #expect(withRegions.summaryTSV().split(separator: "\n")[0].hasSuffix("\tno_genotype\toutside_regions"))
      #expect(withRegions.opportunity != nil && filtered.opportunity == nil)
    }
  }

  @Test("a MAF row outside the regions is skipped per sample")
  func mafOutside() throws {
    let f = try CountingFixture()
    let b = f.genome.base("1", 50)!, c = f.genome.base("1", 3000)!
    let alt: (Character) -> String = { $0 == "A" ? "C" : "A" }
    let maf = "Chromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
      + "1\t50\t\(b)\t\(alt(b))\tT1\n1\t3000\t\(c)\t\(alt(c))\tT1\n1\t3000\t\(c)\t\(alt(c))\tT2\n"
    let path = try f.write(maf, name: "calls.maf")
    let bed = try f.write("1\t0\t100\n", name: "t.bed")
    let r = try f.count([path]) { $0.regionsPath = bed }
    #expect(r.summaries.map(\.outsideRegions) == [1, 1] && r.summaries.map(\.sbs96) == [1, 0])
  }

  @Test("the opportunity of a hand-written sequence, folded to the pyrimidine centre (SBS96) and the ten DBS78 dinucleotides")
  func handOpportunity() throws {
    let dir = Fixtures.temporaryDirectory()
    // chrA: A C G T T N A C A  (0-based 0...8); region [1, 9) covers positions 1..8.
    try ">chrA\nACGTTNACA\n".write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    try "chrA\t1\t9\n".write(toFile: dir + "/r.bed", atomically: true, encoding: .utf8)
    let regions = try TargetRegions.read(path: dir + "/r.bed", matcher: ContigMatcher(referenceContigs: ["chrA"]))
    let o = try RegionOpportunity.compute(regions: regions, referencePath: dir + "/ref.fa")
    // Trinucleotides centred at 1..8: ACG (C centre: ACG), CGT (G: rev-comp ACG), GTT (T: GTT),
    // TTN, TNA, NAC (N: skipped), ACA (C: ACA), position 8 has no 3' base (skipped).
    // So ACG x2, GTT x1, ACA x1; skipped 4.
    func sbs(_ label: String) -> Double { o.sbs96.counts[MutationClass.sbs96.index(of: label)!, 0] }
    #expect(sbs("A[C>A]G") == 2 && sbs("A[C>T]G") == 2 && sbs("G[T>C]T") == 1 && sbs("A[C>G]A") == 1)
    #expect(o.sbs96.counts.values.reduce(0, +) == 3 * 4 && o.skippedPositions == 4)
    // Dinucleotides starting at 1..8: CG, GT (-> AC), TT, TN, NA (skipped), AC, CA (-> TG), A$ (skipped).
    func dbs(_ ref: String) -> Double { o.dbs78.counts[MutationClass.dbs78.channels.firstIndex { $0.hasPrefix(ref + ">") }!, 0] }
    #expect(dbs("CG") == 1 && dbs("AC") == 2 && dbs("TT") == 1 && dbs("TG") == 1 && dbs("CC") == 0)
    #expect(o.sbs96.sampleNames == ["opportunity"])
  }

  @Test("the opportunity of random contigs equals a naive count of every position's folded context", arguments: [1, 2, 3] as [UInt64])
  func naiveOpportunity(seed: UInt64) throws {
    let f = try CountingFixture(seed: seed, length: 3000)
    let bed = try f.write("1\t0\t700\n1\t650\t1200\n2\t2500\t3000\n", name: "r.bed")
    let regions = try TargetRegions.read(path: bed, matcher: ContigMatcher(referenceContigs: ["1", "2"]))
    let o = try RegionOpportunity.compute(regions: regions, referencePath: f.referencePath)
    var expected = [String: Double]()
    let comp: [Character: Character] = ["A": "T", "C": "G", "G": "C", "T": "A"]
    for (name, range) in [("1", 0..<1200), ("2", 2500..<3000)] {
      for p in range {
        guard let x = f.genome.base(name, p), let r = f.genome.base(name, p + 1), let y = f.genome.base(name, p + 2),
              "ACGT".contains(x), "ACGT".contains(r), "ACGT".contains(y) else { continue }
        let key = "CT".contains(r) ? String([x, r, y]) : String([comp[y]!, comp[r]!, comp[x]!])
        expected[key, default: 0] += 1
      }
    }
    for (i, label) in MutationClass.sbs96.channels.enumerated() {
      let c = Array(label)
      #expect(o.sbs96.counts[i, 0] == expected[String([c[0], c[2], c[6]])] ?? 0, "seed \(seed) \(label)")
    }
  }
}
