import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

@Suite("sigil count end to end") struct CountCLITests {
  func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test("count on simulate --vcf output gives back catalog.tsv byte for byte, for 1 and 3 threads")
  func simulateRoundTrip() throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-cli")
    let sim = try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "8", "--burden-median", "1500", "--seed", "4", "--vcf"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    let vcfs = try FileManager.default.contentsOfDirectory(atPath: dir + "/sim/vcf").filter { $0.hasSuffix(".vcf.gz") }.sorted()
      .map { dir + "/sim/vcf/" + $0 }
    #expect(vcfs.count == 8)
    for threads in ["1", "3"] {
      let r = try CLIRunner.run(["count", "-o", dir + "/count" + threads, "--reference-fasta", dir + "/sim/reference.fa",
                                 "--threads", threads] + vcfs)
      #expect(r.exitCode == 0, "\(r.stderr)")
      #expect(r.stderr.contains("[sigil] \(vcfs[0]): single sample; 1 sample(s) counted"))
    }
    #expect(try read(dir + "/count1/catalog.sbs96.tsv") == read(dir + "/sim/catalog.tsv"))
    for name in ["catalog.sbs96.tsv", "catalog.sbs1536.tsv", "catalog.dbs78.tsv", "catalog.id83.tsv", "count_summary.tsv"] {
      #expect(try read(dir + "/count1/" + name) == read(dir + "/count3/" + name), "\(name) differs between --threads 1 and 3")
    }
    let summary = try String(contentsOfFile: dir + "/count1/count_summary.tsv", encoding: .utf8)
    #expect(summary.hasPrefix("sample\tfile\tmode\trecords\tfiltered\tmissing_contig\tsnvs\tindels\tother_alleles\tduplicates\tref_mismatch\tn_context\tsbs96\tdbs78\tmnv_runs\tmnv_snvs\tid83\tindel_duplicates\tindel_ref_mismatch\tindel_n_context\tindel_complex\tno_genotype\toutside_regions\n"))
    let run = try String(contentsOfFile: dir + "/count1/run.json", encoding: .utf8)
    #expect(run.contains("\"htslib\" : \"\(HTSLibInfo.version)\""))
    #expect(run.contains("\"command\" : \"count\""))
  }

  @Test("simulate --vcf --indels: count gives back catalog.id83.tsv and catalog.tsv byte for byte", arguments: ["1", "7", "23"])
  func simulateIndelRoundTrip(seed: String) throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-cli")
    let sim = try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "6", "--burden-median", "1200", "--seed", seed,
                                 "--vcf", "--indels", "--indel-fraction", "0.2"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    #expect(sim.stderr.contains(" indels (ID1,ID2,ID8) into \(dir)/sim/catalog.id83.tsv"))
    for name in ["truth_signatures.id83.tsv", "truth_exposures.id83.tsv"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/sim/" + name), "\(name) missing")
    }
    let simulated = try MutationCatalog.read(path: dir + "/sim/catalog.id83.tsv")
    #expect(simulated.mutationClass == .id83 && simulated.totals.reduce(0, +) > 100)
    let vcfs = try FileManager.default.contentsOfDirectory(atPath: dir + "/sim/vcf").filter { $0.hasSuffix(".vcf.gz") }.sorted()
      .map { dir + "/sim/vcf/" + $0 }
    let r = try CLIRunner.run(["count", "-q", "-o", dir + "/count", "--reference-fasta", dir + "/sim/reference.fa"] + vcfs)
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(try read(dir + "/count/catalog.id83.tsv") == read(dir + "/sim/catalog.id83.tsv"))
    #expect(try read(dir + "/count/catalog.sbs96.tsv") == read(dir + "/sim/catalog.tsv"))
    // Every indel classified (none skipped), no DBS made by an SNV next to another.
    let dbs = try MutationCatalog.read(path: dir + "/count/catalog.dbs78.tsv")
    #expect(dbs.totals.allSatisfy { $0 == 0 })
    // The SBS96 side is that of a run without --indels; that run writes no ID83 files.
    let plain = try CLIRunner.run(["simulate", "-q", "-o", dir + "/plain", "--samples", "6", "--burden-median", "1200", "--seed", seed])
    #expect(plain.exitCode == 0)
    for name in ["catalog.tsv", "truth_signatures.tsv", "truth_exposures.tsv"] {
      #expect(try read(dir + "/plain/" + name) == read(dir + "/sim/" + name), "\(name) changed by --indels")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/plain/catalog.id83.tsv"))
    let run = try String(contentsOfFile: dir + "/sim/run.json", encoding: .utf8)
    #expect(run.contains("\"indels\" : \"true\"") && run.contains("COSMIC_v3.4_ID_GRCh37.txt"))
  }

  @Test("-o - writes the SBS96 catalog to stdout; stdin is read with '-'; --sample-name renames")
  func stdoutAndStdin() throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-cli")
    let genome = TestGenome(seed: 3, names: ["1", "2"], length: 4000)
    try genome.fasta().write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    let records = PlantedVariants.records(genome: genome, plainSNVs: 30, seed: 1)
    let text = PlantedVariants.vcf(records, genome: genome, samples: [])
    let r = try CLIRunner.run(["count", "-o", "-", "--reference-fasta", dir + "/ref.fa", "--sample-name", "PD7", "-"], stdin: Data(text.utf8))
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("MutationType\tPD7\nA[C>A]A\t"))
    #expect(r.stdout.split(separator: "\n").count == 97)
    #expect(r.stderr.contains("[sigil] -: no sample column (named after the file); 1 sample(s) counted"))
    #expect(r.stderr.contains("[sigil] warning: -: variants on contig(s) missing from the FASTA were skipped: 7"))
    let total = r.stdout.split(separator: "\n").dropFirst().map { Int($0.split(separator: "\t")[1])! }.reduce(0, +)
    #expect(total == NaiveCounter.count(records, genome: genome).sbsTotal)
  }

  @Test("--genes writes catalog.sbs288.tsv next to catalog.sbs1536.tsv; both sum to the SBS96 totals")
  func genes() throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-cli")
    let genome = TestGenome(seed: 3, names: ["1", "2"], length: 4000)
    try genome.fasta().write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    let records = PlantedVariants.records(genome: genome, plainSNVs: 50, seed: 2)
    try PlantedVariants.vcf(records, genome: genome, samples: ["T1"]).write(toFile: dir + "/t1.vcf", atomically: true, encoding: .utf8)
    try "chr1\t0\t1500\tg1\t0\t+\nchr2\t200\t3000\tg2\t0\t-\nchrUn\t0\t10\tg3\t0\t+\n"
      .write(toFile: dir + "/genes.bed", atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["count", "-o", dir + "/out", "--reference-fasta", dir + "/ref.fa", "--genes", dir + "/genes.bed", dir + "/t1.vcf"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("[sigil] \(dir)/genes.bed: 2 stranded gene interval(s) (BED)"))
    #expect(r.stderr.contains("[sigil] warning: \(dir)/genes.bed: genes on contig(s) missing from the FASTA were ignored: chrUn"))
    let sbs96 = try MutationCatalog.read(path: dir + "/out/catalog.sbs96.tsv")
    let sbs1536 = try MutationCatalog.read(path: dir + "/out/catalog.sbs1536.tsv")
    let sbs288 = try MutationCatalog.read(path: dir + "/out/catalog.sbs288.tsv")
    #expect(sbs1536.mutationClass == .sbs1536 && sbs288.mutationClass == .sbs288)
    #expect(sbs1536.totals == sbs96.totals && sbs288.totals == sbs96.totals && sbs96.totals[0] > 0)
    let text = try String(contentsOfFile: dir + "/out/catalog.sbs288.tsv", encoding: .utf8)
    #expect(text.hasPrefix("MutationType\tT1\nT:A[C>A]A\t") && text.split(separator: "\n").count == 289)
    let run = try String(contentsOfFile: dir + "/out/run.json", encoding: .utf8)
    #expect(run.contains("\"genes\" : \"\(dir)/genes.bed\""))
    // Without --genes: SBS1536 but no SBS288.
    let plain = try CLIRunner.run(["count", "-q", "-o", dir + "/plain", "--reference-fasta", dir + "/ref.fa", dir + "/t1.vcf"])
    #expect(plain.exitCode == 0)
    #expect(FileManager.default.fileExists(atPath: dir + "/plain/catalog.sbs1536.tsv"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/plain/catalog.sbs288.tsv"))
  }

  @Test("data errors exit 1 with the message; usage errors exit 64")
  func errors() throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-cli")
    let genome = TestGenome(seed: 3, names: ["1"], length: 500)
    try genome.fasta().write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    let missing = try CLIRunner.run(["count", "-o", dir + "/out", "--reference-fasta", dir + "/ref.fa", dir + "/none.vcf"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("\(dir)/none.vcf: cannot open: no such file"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/catalog.sbs96.tsv"))
    let noRef = try CLIRunner.run(["count", "-o", dir + "/out", "--reference-fasta", dir + "/nope.fa", dir + "/none.vcf"])
    #expect(noRef.exitCode == 1)
    #expect(noRef.stderr.contains("\(dir)/nope.fa: cannot open the reference FASTA: no such file"))
    let rules = try CLIRunner.run(["count", "-o", dir + "/out", "--reference-fasta", dir + "/ref.fa", "--rules", "bogus", "x.vcf"])
    #expect(rules.exitCode == 64)
    #expect(rules.stderr.contains("The value 'bogus' is invalid for '--rules <rules>'. Please provide one of 'strict' and 'sigprofiler'."))
    let noInput = try CLIRunner.run(["count", "-o", dir + "/out", "--reference-fasta", dir + "/ref.fa"])
    #expect(noInput.exitCode == 64)
  }

  @Test("count writes catalog.id83.tsv (same samples as SBS96, zero columns kept) and fit uses the COSMIC ID table on it")
  func id83CountThenFit() throws {
    let dir = Fixtures.temporaryDirectory("sigil-count-id83")
    // 90 units GC + A-run + GCTCGT; one A deleted per run: 70 runs of 8 A (1:Del:T:5), 20 of 5 A (1:Del:T:4),
    // the replication-slippage pattern of COSMIC ID2.
    var reference = "", records: [String] = []
    for i in 0..<90 {
      let run = i < 70 ? 8 : 5
      records.append("1\t\(reference.count + 2)\t.\tCA\tC\t.\tPASS\t.")  // POS = the C before the run (1-based)
      reference += "GC" + String(repeating: "A", count: run) + "GCTCGT"
    }
    try ">1\n\(reference)\n".write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    let header = "##fileformat=VCFv4.2\n##contig=<ID=1,length=\(reference.count)>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    try (header + records.joined(separator: "\n") + "\n").write(toFile: dir + "/T1.vcf", atomically: true, encoding: .utf8)
    try header.write(toFile: dir + "/T0.vcf", atomically: true, encoding: .utf8)
    for threads in ["1", "2"] {
      let r = try CLIRunner.run(["count", "-o", dir + "/count" + threads, "--reference-fasta", dir + "/ref.fa", "--threads", threads,
                                 dir + "/T1.vcf", dir + "/T0.vcf"])
      #expect(r.exitCode == 0, "\(r.stderr)")
      #expect(r.stderr.contains("[sigil] counted 2 sample(s): 0 SBS, 0 DBS, 90 ID into"))
    }
    let id83 = try String(contentsOfFile: dir + "/count1/catalog.id83.tsv", encoding: .utf8)
    #expect(id83 == (try String(contentsOfFile: dir + "/count2/catalog.id83.tsv", encoding: .utf8)))
    let lines = id83.split(separator: "\n")
    #expect(lines.count == 84 && lines[0] == "MutationType\tT1\tT0")
    #expect(lines[1] == "1:Del:C:0\t0\t0")
    #expect(lines.contains("1:Del:T:4\t20\t0") && lines.contains("1:Del:T:5\t70\t0"))
    #expect(lines[83] == "5:Del:M:5\t0\t0")
    let summary = try String(contentsOfFile: dir + "/count1/count_summary.tsv", encoding: .utf8).split(separator: "\n")
    #expect(summary[0].hasSuffix("\tid83\tindel_duplicates\tindel_ref_mismatch\tindel_n_context\tindel_complex\tno_genotype\toutside_regions"))
    #expect(summary[1].hasPrefix("T1\t") && summary[1].hasSuffix("\t90\t0\t0\t0\t0\t0\t0"))

    let fit = try CLIRunner.run(["fit", "-o", dir + "/fit", dir + "/count1/catalog.id83.tsv", "--bootstrap", "0", "--seed", "1"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    let run = try String(contentsOfFile: dir + "/fit/run.json", encoding: .utf8)
    #expect(run.contains("COSMIC_v3.4_ID_GRCh37.txt"))
    let exposures = try ExposureTable.read(path: dir + "/fit/exposures.tsv")
    #expect(exposures.signatureNames.first == "ID1" && exposures.signatureNames.count == 23)
    let t1 = exposures.sampleNames.firstIndex(of: "T1")!
    let column = exposures.signatureNames.indices.map { exposures.values[t1, $0] }
    #expect(exposures.signatureNames[column.indices.max { column[$0] < column[$1] }!] == "ID2", "\(column)")
    #expect(abs(column.reduce(0, +) - 90) < 1e-6)
  }

  @Test("--help lists the options")
  func help() throws {
    let r = try CLIRunner.run(["count", "--help"])
    #expect(r.exitCode == 0)
    for option in ["--reference-fasta", "--all-filters", "--max-ref-mismatch", "--samples", "--samples-file", "--sample-name", "--threads", "--output"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }
}
