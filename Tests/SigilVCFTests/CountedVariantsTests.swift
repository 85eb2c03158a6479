import Foundation
import SigilCore
import SigilTestSupport
import SigilVCF
import Testing

/// `VariantCounter.countVariants` (the events behind `sigil attribute`) and `AnnotatedVCF`.
@Suite("counted variants and the annotated VCF") struct CountedVariantsTests {
  static func planted(_ f: CountingFixture, contigNames: [String: String] = [:]) throws -> String {
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 40, seed: 7)
    let text = PlantedVariants.vcf(records, genome: f.genome, samples: ["T1"], contigNames: contigNames)
    return try f.writeVCF(text, name: "t1", format: .vcfGz)
  }

  @Test("the events are exactly the catalogs: same tables as count, and tallied per channel they give each column")
  func eventsSumToTheCatalogs() throws {
    let f = try CountingFixture()
    let path = try Self.planted(f)
    let counted = try f.count([path])
    let withEvents = try VariantCounter.countVariants(inputs: [path], configuration: f.configuration())
    #expect(withEvents.sbs96.tsv() == counted.sbs96.tsv() && withEvents.dbs78.tsv() == counted.dbs78.tsv()
            && withEvents.id83.tsv() == counted.id83.tsv())
    #expect(withEvents.summaryTSV() == counted.summaryTSV())
    #expect(counted.files[0].variants.isEmpty)   // count itself collects nothing
    let variants = withEvents.files[0].variants
    for catalog in [counted.sbs96, counted.dbs78, counted.id83] {
      var tally = [Double](repeating: 0, count: catalog.mutationClass.channelCount)
      for v in variants where v.mutationClass == catalog.mutationClass { tally[v.channel] += 1 }
      #expect(tally == catalog.counts.column(0), "\(catalog.mutationClass)")
    }
    // Hand-checked cases of PlantedVariants.records: adjacent SNVs from two records, a 2-bp record,
    // a shared first base (the SBS sits one base right), the 1-bp insertion at its record's POS.
    let at = { (p: Int) in variants.filter { $0.position == p } }
    #expect(at(3150).map(\.mutationClass) == [.dbs78] && at(3150)[0].ref.count == 2 && at(3151).isEmpty)
    #expect(at(3180).map(\.mutationClass) == [.dbs78])
    #expect(at(3211).map(\.mutationClass) == [.sbs96] && at(3210).isEmpty)
    let insertion = try #require(at(3300).first)
    #expect(insertion.mutationClass == .id83 && insertion.ref.count == 1 && insertion.alt.count == 2 && insertion.channelLabel.contains(":Ins:"))
    #expect(at(3240).isEmpty && at(3270).isEmpty)   // MNVs are no event
    #expect(variants.allSatisfy { $0.sample == "T1" && $0.contig != "7" })
  }

  @Test("events name contigs as the input does (chr1 in the VCF, 1 in the FASTA)")
  func inputContigNames() throws {
    let f = try CountingFixture()
    let path = try Self.planted(f, contigNames: ["1": "chr1", "2": "chr2"])
    let variants = try VariantCounter.countVariants(inputs: [path], configuration: f.configuration()).files[0].variants
    #expect(!variants.isEmpty && Set(variants.map(\.contig)) == ["chr1", "chr2"])
  }

  @Test("a cohort VCF gives each sample the events its genotypes carry")
  func cohortGenotypes() throws {
    let f = try CountingFixture()
    let g = f.genome
    func alt(_ p: Int) -> String { String(Array("ACGT").first { $0 != g.base("1", p)! }!) }
    let records = [
      PlantedRecord(contig: "1", position: 100, ref: String(g.base("1", 100)!), alts: [alt(100)], genotypes: ["0/1", "0/0"]),
      PlantedRecord(contig: "1", position: 200, ref: String(g.base("1", 200)!), alts: [alt(200)], genotypes: ["0/0", "1/1"]),
      PlantedRecord(contig: "1", position: 300, ref: String(g.base("1", 300)!), alts: [alt(300)], genotypes: ["0/1", "0/1"]),
    ]
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: g, samples: ["A", "B"]), name: "cohort", format: .vcf)
    let variants = try VariantCounter.countVariants(inputs: [path], configuration: f.configuration()).files[0].variants
    #expect(variants.map { "\($0.sample):\($0.position)" } == ["A:100", "A:300", "B:200", "B:300"])
    // --vcf-out on a cohort: FORMAT tags, each sample's own value, '.' where its GT has no ALT.
    let tags = variants.map { v -> (signature: String, probability: Double)? in (v.sample == "A" ? "SA" : "SB", v.sample == "A" ? 0.25 : 0.75) }
    let out = f.directory + "/cohort.sigil.vcf.gz"
    #expect(try AnnotatedVCF.write(input: path, output: out, variants: variants, tags: tags, perSample: true) == 4)
    let body = try ExternalTool.gunzip(out).split(separator: "\n")
    #expect(body.contains { $0.hasPrefix("##FORMAT=<ID=SIGIL_SIG,Number=A,Type=String") })
    let lines = body.filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").suffix(3).joined(separator: " ") }
    #expect(lines == ["GT:SIGIL_SIG:SIGIL_PROB 0/1:SA:0.25 0/0:.:.", "GT:SIGIL_SIG:SIGIL_PROB 0/0:.:. 1/1:SB:0.75",
                      "GT:SIGIL_SIG:SIGIL_PROB 0/1:SA:0.25 0/1:SB:0.75"])
  }

  @Test("the annotated VCF tags each counted ALT (both records of a split DBS), not MNVs, and keeps every record")
  func annotatedVCF() throws {
    let f = try CountingFixture()
    let path = try Self.planted(f)
    let variants = try VariantCounter.countVariants(inputs: [path], configuration: f.configuration()).files[0].variants
    let tags = variants.map { v -> (signature: String, probability: Double)? in (v.mutationClass.rawValue, 0.5) }
    let out = f.directory + "/t1.sigil.vcf.gz"
    let tagged = try AnnotatedVCF.write(input: path, output: out, variants: variants, tags: tags)
    #expect(FileManager.default.fileExists(atPath: out + ".tbi"))
    let text = try ExternalTool.gunzip(out)
    let body = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    let original = PlantedVariants.records(genome: f.genome, plainSNVs: 40, seed: 7)
    #expect(body.count == original.count)
    func info(_ pos: Int) -> [String] { body.filter { $0.split(separator: "\t")[1] == "\(pos)" }.map { String($0.split(separator: "\t")[7]) } }
    #expect(info(3150) == ["SIGIL_SIG=DBS78;SIGIL_PROB=0.5"] && info(3151) == ["SIGIL_SIG=DBS78;SIGIL_PROB=0.5"])
    #expect(info(3300) == ["SIGIL_SIG=ID83;SIGIL_PROB=0.5"])
    #expect(info(3240) == ["."] && info(3030) == ["."])   // MNV; FILTER LowQual
    #expect(info(3120).allSatisfy { $0 == "SIGIL_SIG=SBS96;SIGIL_PROB=0.5" })   // a duplicate record gets its event's tag too
    // Tagged ALTs: one per event, plus the second record of the DBS split over 3150/3151, plus the
    // repeated record at 3120 (counted once as an event, tagged on both lines).
    #expect(tagged == variants.count + 2)
  }
}
