import Testing
import SigilCore
@testable import SigilVCF

@Suite("SBS96 / DBS78 channel rows") struct ChannelIndexTests {
  let bases = Array("ACGT")
  let complement: [Character: Character] = ["A": "T", "C": "G", "G": "C", "T": "A"]

  @Test("every forward-strand trinucleotide substitution maps to its pyrimidine-centred COSMIC label")
  func sbs96() {
    var hit = Set<Int>()
    for f in 0..<4 { for r in 0..<4 { for a in 0..<4 where a != r { for t in 0..<4 {
      var (five, ref, alt, three) = (bases[f], bases[r], bases[a], bases[t])
      if ref == "A" || ref == "G" { (five, ref, alt, three) = (complement[three]!, complement[ref]!, complement[alt]!, complement[five]!) }
      let label = "\(five)[\(ref)>\(alt)]\(three)"
      let row = ChannelIndex.sbs96(five: UInt8(f), ref: UInt8(r), alt: UInt8(a), three: UInt8(t))
      #expect(row == MutationClass.sbs96.index(of: label), "\(bases[f])\(bases[r])\(bases[t]) \(bases[r])>\(bases[a])")
      hit.insert(row)
    } } } }
    #expect(hit.count == 96)
  }

  @Test("every doublet maps to a DBS78 row, and a doublet and its reverse complement share it")
  func dbs78() {
    var hit = Set<Int>()
    for r1 in 0..<4 { for r2 in 0..<4 { for a1 in 0..<4 where a1 != r1 { for a2 in 0..<4 where a2 != r2 {
      let row = ChannelIndex.dbs78(ref1: UInt8(r1), ref2: UInt8(r2), alt1: UInt8(a1), alt2: UInt8(a2))
      let rc = ChannelIndex.dbs78(ref1: UInt8(3 - r2), ref2: UInt8(3 - r1), alt1: UInt8(3 - a2), alt2: UInt8(3 - a1))
      #expect(row != nil && row == rc)
      hit.insert(row!)
    } } } }
    #expect(hit.count == 78)
    // Hand check: AG>TT is not a COSMIC label; its reverse complement CT>AA is (row 30).
    #expect(ChannelIndex.dbs78(ref1: 0, ref2: 2, alt1: 3, alt2: 3) == MutationClass.dbs78.index(of: "CT>AA"))
  }

  @Test("contig names match exactly, then with chr added/removed, then the M/MT/chrM aliases")
  func contigs() {
    let m = ContigMatcher(referenceContigs: ["chr1", "chr2", "chrM", "10"])
    #expect(m.referenceIndex(of: "chr1") == 0)
    #expect(m.referenceIndex(of: "1") == 0)
    #expect(m.referenceIndex(of: "chr10") == 3)
    #expect(m.referenceIndex(of: "MT") == 2)
    #expect(m.referenceIndex(of: "M") == 2)
    #expect(m.referenceIndex(of: "3") == nil)
    let plain = ContigMatcher(referenceContigs: ["1", "MT"])
    #expect(plain.referenceIndex(of: "chrM") == 1)
    #expect(plain.referenceIndex(of: "chr1") == 0)
  }

  @Test("file-name sample names keep every dot but the extension")
  func fileNames() {
    #expect(FileCounting.sampleName(fromPath: "/x/PD1234a.somatic.vcf.gz") == "PD1234a.somatic")
    #expect(FileCounting.sampleName(fromPath: "a.b.bcf") == "a.b")
    #expect(FileCounting.sampleName(fromPath: "t.vcf") == "t")
    #expect(FileCounting.sampleName(fromPath: "-") == "stdin")
  }

  @Test("percentages in messages")
  func percent() {
    #expect(VCFError.percent(0.05) == "5%")
    #expect(VCFError.percent(0.1234) == "12.34%")
    #expect(VCFError.percent(0.705) == "70.5%")
  }
}
