import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

@Suite("strict counting of planted VCF/BCF/MAF records") struct StrictCountingTests {
  static let plain = 40

  @Test("every rule's planted case is counted exactly, in vcf, vcf.gz, bcf and gzip VCF", arguments: ["vcf", "vcf.gz", "bcf", "gzip"])
  func planted(form: String) throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: Self.plain, seed: 7)
    let text = PlantedVariants.vcf(records, genome: f.genome, samples: ["T1"])
    let path = form == "gzip" ? try f.writeGzip(text, name: "t1.vcf")
      : try f.writeVCF(text, name: "t1", format: VariantFileFormat(rawValue: form)!)
    let result = try f.count([path])
    let naive = NaiveCounter.count(records, genome: f.genome)
    #expect(result.sbs96.sampleNames == ["T1"])
    #expect(result.sampleModes == [.singleSample])
    #expect(labelCounts(result.sbs96, sample: 0) == naive.sbs, "form \(form)")
    #expect(labelCounts(result.dbs78, sample: 0) == naive.dbs, "form \(form)")
    let s = result.summaries[0]
    #expect(comparable(s) == comparable(naive), "form \(form)")
    // Hand-derived totals of the fixed cases (see PlantedVariants.records).
    let fixed = PlantedVariants.fixedCaseTotals
    #expect(s.records == records.count)
    #expect(s.filtered == fixed.filtered && s.missingContig == fixed.missingContig)
    #expect(s.indels == fixed.indels && s.otherAlleles == fixed.otherAlleles)
    #expect(s.duplicates == fixed.duplicates && s.refMismatch == fixed.refMismatch && s.nContext == fixed.nContext)
    #expect(s.dbs78 == fixed.dbs78 && s.mnvRuns == fixed.mnvRuns && s.mnvSNVs == fixed.mnvSNVs)
    // plain SNVs + FILTER '.' + 2 multi-allelic + soft-masked + duplicate (once) + shared-prefix SNV
    #expect(s.sbs96 == Self.plain + 6)
    #expect(s.snvs == s.duplicates + s.refMismatch + s.sbs96 + s.nContext + 2 * s.dbs78 + s.mnvSNVs)
    #expect(Int(result.sbs96.totals[0]) == s.sbs96)
    #expect(result.files[0].missingContigs == ["7"])
  }

  @Test("--all-filters keeps the LowQual record")
  func allFilters() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: Self.plain, seed: 7)
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["T1"]), name: "t1", format: .vcfGz)
    let result = try f.count([path]) { $0.allFilters = true }
    #expect(result.summaries[0].filtered == 0)
    #expect(result.summaries[0].sbs96 == Self.plain + 7)
    #expect(labelCounts(result.sbs96, sample: 0) == NaiveCounter.count(records, genome: f.genome, allFilters: true).sbs)
  }

  @Test("chr1 in the VCF matches 1 in the FASTA and the other way round, MT matches chrM")
  func contigNaming() throws {
    let f = try CountingFixture(names: ["chr1", "chr2", "chrM"])
    let genome = f.genome.renamed(["1", "2", "MT"])
    var records = PlantedVariants.records(genome: genome, plainSNVs: Self.plain, seed: 3)
    let mtBase = genome.base("MT", 100)!
    records.insert(PlantedRecord(contig: "MT", position: 100, ref: String(mtBase), alts: [mtBase == "A" ? "G" : "A"]), at: records.count - 1)
    let text = PlantedVariants.vcf(records, genome: genome, samples: ["T1"])
    let result = try f.count([try f.writeVCF(text, name: "plain-names", format: .bcf)])
    #expect(labelCounts(result.sbs96, sample: 0) == NaiveCounter.count(records, genome: genome).sbs)
    #expect(result.summaries[0].missingContig == 1)
  }

  @Test("a Mutect2 tumour/normal VCF is one sample named after ##tumor_sample; Strelka2's TUMOR column takes the file name")
  func tumourNormal() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 10, seed: 5)
    let mutect = PlantedVariants.vcf(records.map { var r = $0; r.genotypes = ["0/0", "0/1"]; return r }, genome: f.genome,
                                     samples: ["PD1_normal", "PD1_tumour"],
                                     headerLines: ["##tumor_sample=PD1_tumour", "##normal_sample=PD1_normal"])
    let strelka = PlantedVariants.vcf(records, genome: f.genome, samples: ["NORMAL", "TUMOR"])
    let result = try f.count([try f.writeVCF(mutect, name: "mutect", format: .vcfGz),
                              try f.writeVCF(strelka, name: "PD2.strelka.somatic", format: .vcfGz)])
    #expect(result.sbs96.sampleNames == ["PD1_tumour", "PD2.strelka.somatic"])
    #expect(result.sampleModes[0] == .tumorNormal(tumor: "PD1_tumour", normal: "PD1_normal", source: "##tumor_sample"))
    #expect(result.sbs96.counts.column(0) == result.sbs96.counts.column(1))
    #expect(labelCounts(result.sbs96, sample: 0) == NaiveCounter.count(records, genome: f.genome).sbs)
  }

  @Test("a VCF without sample columns is named after the whole file name minus the extension")
  func noSampleColumn() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 10, seed: 6)
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: []), name: "DO1234.consensus.somatic", format: .vcfGz)
    let result = try f.count([path])
    #expect(result.sbs96.sampleNames == ["DO1234.consensus.somatic"])
    #expect(result.sampleModes == [.fileName])
    #expect(labelCounts(result.sbs96, sample: 0) == NaiveCounter.count(records, genome: f.genome).sbs)
  }

  @Test("a multi-sample VCF attributes each ALT by GT, exactly as per-sample files would", arguments: [11, 12, 13] as [UInt64])
  func cohort(seed: UInt64) throws {
    let f = try CountingFixture()
    var rng = SeededGenerator(seed: seed)
    let single = ["0/1", "1|1", "./1", "0/0", "./.", ".", "1", "0|1"]
    let multi = ["1/2", "0/2", "0/1", "2|2", "0/0", "./2"]
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 60, seed: seed).map { rec -> PlantedRecord in
      var r = rec
      let choices = rec.alts.count > 1 ? multi : single
      r.genotypes = (0..<3).map { _ in choices[Int(rng.next() % UInt64(choices.count))] }
      return r
    }
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["A", "B", "C"]), name: "cohort", format: .bcf)
    let result = try f.count([path])
    #expect(result.sbs96.sampleNames == ["A", "B", "C"])
    #expect(result.sampleModes[0] == .cohort(columns: 3))
    for s in 0..<3 {
      let naive = NaiveCounter.count(records, genome: f.genome, carried: { rec in
        Set(rec.genotypes[s].split(whereSeparator: { $0 == "/" || $0 == "|" }).compactMap { Int($0) }.filter { $0 > 0 })
      })
      #expect(labelCounts(result.sbs96, sample: s) == naive.sbs, "seed \(seed) sample \(s)")
      #expect(labelCounts(result.dbs78, sample: s) == naive.dbs, "seed \(seed) sample \(s)")
      var summary = comparable(result.summaries[s]); var expected = comparable(naive)
      // File-level counters (filtered, missing contig) are per file, not per carrier: compare the rest.
      summary.removeFirst(2); expected.removeFirst(2)
      #expect(summary == expected, "seed \(seed) sample \(s)")
    }
    // --samples picks columns (and their counts do not change).
    let subset = try f.count([path]) { $0.samples = ["C", "A"] }
    #expect(subset.sbs96.sampleNames == ["A", "C"])
    #expect(subset.sbs96.counts.column(1) == result.sbs96.counts.column(2))
  }

  @Test("a MAF (plain and gzip) gives the VCF's catalogs")
  func maf() throws {
    let f = try CountingFixture()
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: Self.plain, seed: 9)
    let vcf = try f.count([try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["TCGA-01"]), name: "v", format: .vcf)])
    let text = PlantedVariants.maf(records, sample: "TCGA-01") + PlantedVariants.maf(Array(records.prefix(20)), sample: "TCGA-02", header: false)
    for path in [try f.write(text, name: "cohort.maf"), try f.writeGzip(text, name: "cohort2.maf")] {
      let maf = try f.count([path])
      #expect(maf.sbs96.sampleNames == ["TCGA-01", "TCGA-02"])
      #expect(maf.sampleModes[0] == .maf)
      #expect(maf.sbs96.counts.column(0) == vcf.sbs96.counts.column(0), "\(path)")
      #expect(maf.dbs78.counts.column(0) == vcf.dbs78.counts.column(0), "\(path)")
      let a = maf.summaries[0], b = vcf.summaries[0]
      let mafCounters: [Int] = [a.refMismatch, a.duplicates, a.nContext, a.mnvRuns, a.indels, a.filtered, a.missingContig]
      let vcfCounters: [Int] = [b.refMismatch, b.duplicates, b.nContext, b.mnvRuns, b.indels, b.filtered, b.missingContig]
      #expect(mafCounters == vcfCounters, "\(path)")
      #expect(labelCounts(maf.sbs96, sample: 1) == NaiveCounter.count(Array(records.prefix(20)), genome: f.genome).sbs)
    }
  }

  @Test("outputs are identical for 1 and 4 threads, and samples keep input order")
  func threads() throws {
    let f = try CountingFixture()
    var paths: [String] = []
    for i in 0..<5 {
      let records = PlantedVariants.records(genome: f.genome, plainSNVs: 30 + i, seed: UInt64(20 + i))
      paths.append(try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: ["S\(i)"]), name: "s\(i)", format: .vcfGz))
    }
    let one = try f.count(paths) { $0.threads = 1 }
    let four = try f.count(paths) { $0.threads = 4 }
    #expect(one.sbs96.tsv() == four.sbs96.tsv())
    #expect(one.dbs78.tsv() == four.dbs78.tsv())
    #expect(one.summaryTSV() == four.summaryTSV())
    #expect(one.sbs96.sampleNames == ["S0", "S1", "S2", "S3", "S4"])
  }
}
