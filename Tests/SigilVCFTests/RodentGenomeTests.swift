import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilVCF

/// Mouse and rat references come in two namings: UCSC (`chr1`..`chr19`/`chr20`, `chrX`, `chrY`,
/// `chrM`; mm10, mm39, rn7) and Ensembl/NCBI (`1`..`19`, `X`, `Y`, `MT`; GRCm38, GRCm39,
/// mRatBN7.2). A VCF in one naming must count against a FASTA in the other (issue #18).
@Suite("Mouse and rat contig naming and build check") struct RodentGenomeTests {
  static func ucsc(autosomes: Int) -> [String] { (1...autosomes).map { "chr\($0)" } + ["chrX", "chrY", "chrM"] }
  static func ensembl(autosomes: Int) -> [String] { (1...autosomes).map { "\($0)" } + ["X", "Y", "MT"] }

  @Test("every Ensembl mouse (19 autosomes) and rat (20) contig finds its UCSC FASTA contig, and back",
        arguments: [19, 20])
  func naming(autosomes: Int) {
    let ucsc = Self.ucsc(autosomes: autosomes), ensembl = Self.ensembl(autosomes: autosomes)
    let toUCSC = ContigMatcher(referenceContigs: ucsc), toEnsembl = ContigMatcher(referenceContigs: ensembl)
    for i in ucsc.indices {
      #expect(toUCSC.referenceIndex(of: ensembl[i]) == i, "\(ensembl[i]) -> \(ucsc[i])")
      #expect(toUCSC.referenceIndex(of: ucsc[i]) == i)
      #expect(toEnsembl.referenceIndex(of: ucsc[i]) == i, "\(ucsc[i]) -> \(ensembl[i])")
    }
    // chrMT (some NCBI-derived files) and M also find the mitochondrion; a 20th/21st autosome does not exist.
    #expect(toUCSC.referenceIndex(of: "chrMT") == ucsc.count - 1 && toEnsembl.referenceIndex(of: "M") == ensembl.count - 1)
    #expect(toUCSC.referenceIndex(of: "\(autosomes + 1)") == nil && toEnsembl.referenceIndex(of: "chr\(autosomes + 1)") == nil)
  }

  /// A mouse-like UCSC-named FASTA: two 4 kb autosomes (the planted genome) and short chrX, chrY, chrM.
  static func mouseFixture(seed: UInt64) throws -> (fixture: CountingFixture, genome: TestGenome) {
    let f = try CountingFixture(seed: seed)
    let planted = f.genome
    var fasta = planted.renamed(["chr1", "chr2"]).fasta()
    fasta += TestGenome(seed: seed + 100, names: ["chrX", "chrY", "chrM"], length: 300).fasta()
    try fasta.write(toFile: f.referencePath, atomically: true, encoding: .utf8)
    return (f, planted)
  }

  @Test("an Ensembl-named VCF counts against a UCSC-named mouse FASTA exactly as against a same-named one")
  func ensemblVCFOnUCSCFasta() throws {
    let (mouse, planted) = try Self.mouseFixture(seed: 5)
    let records = PlantedVariants.records(genome: planted, plainSNVs: 60, seed: 3)
    let vcf = PlantedVariants.vcf(records, genome: planted, samples: ["M1"])
    let onMouse = try mouse.count([try mouse.writeVCF(vcf, name: "m1", format: .vcfGz)])
    let same = try CountingFixture(seed: 5)   // the same sequences named 1, 2
    let onSame = try same.count([try same.writeVCF(vcf, name: "m1", format: .vcfGz)])
    #expect(onMouse.sbs96 == onSame.sbs96 && onMouse.dbs78 == onSame.dbs78 && onMouse.id83 == onSame.id83)
    #expect(onMouse.summaries == onSame.summaries)
    #expect(onMouse.summaries[0].sbs96 > 50 && onMouse.summaries[0].refMismatch == 1)  // the one planted mismatch
  }

  @Test("a VCF called on another mouse assembly (same contig names, other sequence) fails the build check")
  func otherAssembly() throws {
    let (mouse, _) = try Self.mouseFixture(seed: 5)
    let other = TestGenome(seed: 77, names: ["1", "2"], length: 4000)   // e.g. mm39 calls against mm10
    let records = PlantedVariants.records(genome: other, plainSNVs: 60, seed: 3)
    let path = try mouse.writeVCF(PlantedVariants.vcf(records, genome: other, samples: ["M1"]), name: "mm39", format: .vcf)
    do {
      _ = try mouse.count([path])
      Issue.record("expected the build check to fail")
    } catch let e as VCFError {
      guard case .tooManyReferenceMismatches(let sample, _, _, _, let fraction, _) = e else { Issue.record("got \(e)"); return }
      #expect(sample == "M1" && fraction > 0.5)
      #expect(e.description.hasSuffix("the VCF and FASTA are probably a different genome build"))
    }
  }
}
