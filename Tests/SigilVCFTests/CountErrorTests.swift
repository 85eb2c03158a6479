import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

@Suite("counting error messages") struct CountErrorTests {
  func plantedVCF(_ f: CountingFixture, name: String = "t", sample: String = "T1", format: VariantFileFormat = .vcfGz) throws -> String {
    let records = PlantedVariants.records(genome: f.genome, plainSNVs: 40, seed: 2)
    return try f.writeVCF(PlantedVariants.vcf(records, genome: f.genome, samples: [sample]), name: name, format: format)
  }

  func error(_ body: () throws -> Void) -> VCFError? {
    do { try body(); return nil } catch let e as VCFError { return e } catch { return nil }
  }

  @Test("a missing input names the file")
  func missingFile() throws {
    let f = try CountingFixture()
    let e = error { _ = try f.count([f.directory + "/nope.vcf.gz"]) }
    #expect(e == .cannotOpen(path: f.directory + "/nope.vcf.gz", reason: "no such file"))
    #expect(e?.description == "\(f.directory)/nope.vcf.gz: cannot open: no such file")
  }

  @Test("a file that is neither VCF nor MAF is refused with what was expected")
  func notAVCF() throws {
    let f = try CountingFixture()
    let path = try f.write("hello\tworld\n1\t2\n", name: "notes.txt")
    let e = error { _ = try f.count([path]) }
    #expect(e == .notVariantFile(path: path))
    #expect(e?.description.contains("not a VCF, BCF or MAF file; expected a VCF header (##fileformat=VCF...)") == true)
  }

  @Test("a truncated bgzip VCF fails naming the file and record")
  func truncated() throws {
    let f = try CountingFixture()
    // Enough records that the BGZF stream spans several blocks.
    let genome = f.genome
    var records: [PlantedRecord] = []
    for p in stride(from: 2, to: 1990, by: 2) { records.append(PlantedRecord(contig: "2", position: p, ref: String(genome.base("2", p)!), alts: ["<DEL>"])) }
    let path = try f.writeVCF(PlantedVariants.vcf(records + records + records, genome: genome, samples: ["T1"]), name: "big", format: .vcfGz)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
    let e = error { _ = try f.count([path]) }
    guard case let .readFailed(p, record, reason)? = e else { Issue.record("expected readFailed, got \(String(describing: e))"); return }
    #expect(p == path && record > 0)
    #expect(reason.contains("truncated or corrupt"))
    #expect(e!.description.hasPrefix("\(path): record \(record): htslib cannot decode it (truncated or corrupt file"))
  }

  @Test("a FASTA without .fai in a read-only folder says how to index it; a writable folder gets one built")
  func readOnlyIndex() throws {
    let f = try CountingFixture()
    let vcf = try plantedVCF(f)
    let folder = f.directory + "/ro"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fasta = folder + "/ref.fa"
    try f.genome.fasta().write(toFile: fasta, atomically: true, encoding: .utf8)
    chmod(folder, 0o555)
    let root = getuid() == 0
    if root { _ = shell("chattr +i '\(folder)' 2>/dev/null") }
    defer { if root { _ = shell("chattr -i '\(folder)' 2>/dev/null") }; chmod(folder, 0o755) }
    let probe = folder + "/probe"
    if FileManager.default.createFile(atPath: probe, contents: Data()) {
      try? FileManager.default.removeItem(atPath: probe)
      print("skipping the read-only case: this machine cannot make a read-only folder")
    } else {
      var c = CountConfiguration(referencePath: fasta)
      c.threads = 1
      let e = error { _ = try VariantCounter.count(inputs: [vcf], configuration: c) }
      #expect(e == .referenceIndexNotWritable(path: fasta))
      #expect(e?.description.contains("has no index (\(fasta).fai) and its folder is not writable; make one with `samtools faidx \(fasta)`") == true)
    }
    // The fixture's own folder is writable: the .fai appears.
    #expect(!FileManager.default.fileExists(atPath: f.referencePath + ".fai"))
    _ = try f.count([vcf])
    #expect(FileManager.default.fileExists(atPath: f.referencePath + ".fai"))
  }

  @Test("no common contig shows examples of both namings")
  func noCommonContigs() throws {
    let f = try CountingFixture()
    let text = "##fileformat=VCFv4.2\n##contig=<ID=scaffold_9>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nscaffold_9\t10\t.\tA\tC\t.\tPASS\t.\n"
    let path = try f.writeVCF(text, name: "scaffold", format: .vcf)
    let e = error { _ = try f.count([path]) }
    #expect(e == .noCommonContigs(path: path, variantContigs: ["scaffold_9"], referenceContigs: ["1", "2"]))
    #expect(e?.description == "\(path): no contig of the variants is in the reference FASTA (variants use e.g. scaffold_9; the FASTA has e.g. 1, 2); are they the same genome?")
  }

  @Test("a VCF from another build (REF mismatches above 5%) names sample, fraction and the likely cause")
  func wrongBuild() throws {
    let f = try CountingFixture()
    let other = TestGenome(seed: 99, names: ["1", "2"], length: 4000)
    let records = PlantedVariants.records(genome: other, plainSNVs: 100, seed: 2)
    let path = try f.writeVCF(PlantedVariants.vcf(records, genome: other, samples: ["T1"]), name: "b38", format: .vcfGz)
    let e = error { _ = try f.count([path]) }
    guard case let .tooManyReferenceMismatches(sample, p, mismatches, snvs, fraction, threshold)? = e else {
      Issue.record("expected tooManyReferenceMismatches, got \(String(describing: e))"); return
    }
    #expect(sample == "T1" && p == path && threshold == 0.05)
    #expect(fraction > 0.5 && Double(mismatches) / Double(snvs) == fraction)
    #expect(e!.description.contains("sample 'T1': \(mismatches) of \(snvs) SNVs and indels"))
    #expect(e!.description.hasSuffix("above --max-ref-mismatch 5%; the VCF and FASTA are probably a different genome build"))
    // A permissive threshold lets it through, with the mismatches counted.
    let ok = try f.count([path]) { $0.maxRefMismatch = 1 }
    #expect(ok.summaries[0].refMismatch + ok.summaries[0].indelRefMismatch == mismatches)
    #expect(snvs == ok.summaries[0].refCheckedVariants)
  }

  @Test("a sample in two files is an error naming both files")
  func duplicateSample() throws {
    let f = try CountingFixture()
    let a = try plantedVCF(f, name: "a"), b = try plantedVCF(f, name: "b", format: .bcf)
    var e: DuplicateSampleError? = nil
    do { _ = try f.count([a, b]) } catch let thrown as DuplicateSampleError { e = thrown }
    #expect(e == DuplicateSampleError(name: "T1", firstSource: a, secondSource: b))
    #expect(e?.description.hasPrefix("sample 'T1' appears in both \(a) and \(b); sample names must be unique") == true)
  }

  @Test("--samples with an unknown name lists the samples there are")
  func unknownSample() throws {
    let f = try CountingFixture()
    let a = try plantedVCF(f, name: "a", sample: "PD1")
    let e = error { _ = try f.count([a]) { $0.samples = ["PD1", "PD9"] } }
    #expect(e == .unknownSamples(names: ["PD9"], available: ["PD1"]))
    #expect(e?.description == "--samples: no sample named 'PD9' in the inputs (they have PD1)")
  }

  @Test("records of a contig split by another contig are refused with the fix")
  func unsorted() throws {
    let f = try CountingFixture()
    let g = f.genome
    let text = PlantedVariants.vcf([
      PlantedRecord(contig: "1", position: 10, ref: String(g.base("1", 10)!), alts: ["<DEL>"]),
      PlantedRecord(contig: "2", position: 10, ref: String(g.base("2", 10)!), alts: ["<DEL>"]),
      PlantedRecord(contig: "1", position: 20, ref: String(g.base("1", 20)!), alts: ["<DEL>"]),
    ], genome: g, samples: ["T1"])
    let path = try f.writeVCF(text, name: "unsorted", format: .vcf)
    let e = error { _ = try f.count([path]) }
    #expect(e == .unsortedContigs(path: path, record: 3, contig: "1"))
    #expect(e?.description.contains("records must be grouped by contig (sort the file, e.g. bcftools sort") == true)
  }

  @Test("a MAF missing a required column names it")
  func mafColumns() throws {
    let f = try CountingFixture()
    let path = try f.write("Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\nX\t1\t5\tA\tC\n", name: "x.maf")
    let e = error { _ = try f.count([path]) }
    #expect(e == .mafMissingColumns(path: path, missing: ["Tumor_Sample_Barcode"]))
  }

  private func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try? p.run(); p.waitUntilExit()
    return p.terminationStatus
  }
}
