import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

@Suite("--rules sigprofiler (SigProfilerMatrixGenerator 1.4.0)") struct SigProfilerRulesTests {
  func sigprofiler(_ f: CountingFixture, _ inputs: [String]) throws -> CountResult {
    try f.count(inputs) { $0.rules = .sigprofiler }
  }

  @Test("SBS96, DBS78 and ID83 matrices equal SigProfilerMatrixGenerator 1.4.0's on the stored cross-check fixture")
  func crossCheck() throws {
    // Copy the fixture so the .fai is built in a temporary folder, not the source tree.
    let dir = Fixtures.temporaryDirectory("sigil-spmg")
    let source = Fixtures.fixture("spmg-rules")
    try FileManager.default.copyItem(atPath: source + "/ref.fa", toPath: dir + "/ref.fa")
    let names = ["PD1.somatic.vcf", "PD10.caveman.vcf", "PD2.vcf", "PD3.vcf"]
    for n in names { try FileManager.default.copyItem(atPath: source + "/vcf/" + n, toPath: dir + "/" + n) }
    var c = CountConfiguration(referencePath: dir + "/ref.fa")
    c.rules = .sigprofiler
    c.threads = 2
    let result = try VariantCounter.count(inputs: names.map { dir + "/" + $0 }, configuration: c)
    let sbs = try MutationCatalog.read(path: source + "/spmg.SBS96.all", expected: .sbs96)
    let dbs = try MutationCatalog.read(path: source + "/spmg.DBS78.all", expected: .dbs78)
    #expect(result.sbs96.sampleNames == ["PD1", "PD10", "PD2", "PD3"])
    #expect(result.sbs96 == sbs)
    #expect(result.dbs78 == dbs)
    let id = try MutationCatalog.read(path: source + "/spmg.ID83.all", expected: .id83)
    #expect(result.id83 == id)
    #expect(result.summaries.map(\.id83) == id.totals.map { Int($0) })
  }

  @Test("hand-checked cases: FILTER ignored, multi-allelic and lower-case dropped, 2-bp records, chains, name at the first dot")
  func handCases() throws {
    let f = try CountingFixture()
    let g = f.genome
    func b(_ p: Int) -> String { String(g.base("1", p)!) }
    func alt(_ p: Int) -> String { b(p) == "A" ? "C" : "A" }
    let records = [
      PlantedRecord(contig: "1", position: 100, ref: b(100), alts: [alt(100)], filter: "LowQual"),        // SBS (FILTER ignored)
      PlantedRecord(contig: "1", position: 200, ref: b(200), alts: [alt(200), "G", "T"].filter { $0 != b(200) }), // dropped
      PlantedRecord(contig: "1", position: 300, ref: b(300).lowercased(), alts: [alt(300)]),             // dropped
      PlantedRecord(contig: "1", position: 400, ref: g.bases("1", 400, 2), alts: [alt(400) + alt(401)]), // DBS + 2 SBS
      PlantedRecord(contig: "1", position: 500, ref: g.bases("1", 500, 2), alts: [alt(500) + b(501)]),   // dropped entirely
      PlantedRecord(contig: "1", position: 600, ref: b(600), alts: [alt(600)]),                          // chain of 3:
      PlantedRecord(contig: "1", position: 601, ref: b(601), alts: [alt(601)]),                          //  3 SBS,
      PlantedRecord(contig: "1", position: 602, ref: b(602), alts: [alt(602)]),                          //  no DBS (MNS)
      PlantedRecord(contig: "1", position: 700, ref: b(700), alts: [alt(700)]),                          // pair 700-701 with
      PlantedRecord(contig: "1", position: 701, ref: b(701), alts: [alt(701)]),                          //  an SNV 4 bp later:
      PlantedRecord(contig: "1", position: 705, ref: b(705), alts: [alt(705)]),                          //  MNS, 3 SBS, no DBS
      PlantedRecord(contig: "1", position: 800, ref: b(800), alts: [alt(800)]),                          // pair 800-801 alone:
      PlantedRecord(contig: "1", position: 801, ref: b(801), alts: [alt(801)]),                          //  DBS + 2 SBS
      PlantedRecord(contig: "1", position: 900, ref: b(900), alts: [alt(900)]),                          // repeated line:
      PlantedRecord(contig: "1", position: 900, ref: b(900), alts: [alt(900)]),                          //  counted once
    ]
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: g, samples: ["T"]), name: "PD9.mutect2.filtered", format: .vcfGz)
    let r = try sigprofiler(f, [path])
    #expect(r.sbs96.sampleNames == ["PD9"])
    let s = r.summaries[0]
    #expect(s.sbs96 == 1 + 2 + 3 + 3 + 2 + 1)
    #expect(s.dbs78 == 2)
    #expect(s.duplicates == 1)
    // The two DBS are 400-401 and 800-801 (forward labels, canonicalised).
    let expected = [(400, 401), (800, 801)].map { (p, q) -> String in
      var label = b(p) + b(q) + ">" + alt(p) + alt(q)
      if MutationClass.dbs78.index(of: label) == nil {
        let comp: [Character: Character] = ["A": "T", "C": "G", "G": "C", "T": "A"]
        label = String([comp[Character(b(q))]!, comp[Character(b(p))]!]) + ">" + String([comp[Character(alt(q))]!, comp[Character(alt(p))]!])
      }
      return label
    }
    var want: [String: Int] = [:]
    for l in expected { want[l, default: 0] += 1 }
    #expect(labelCounts(r.dbs78, sample: 0) == want)
    // Strict rules on the same file differ: FILTER applied, doublets leave SBS96, multi-allelic counted.
    let strict = try f.count([path])
    #expect(strict.summaries[0].sbs96 != s.sbs96)
  }
}
