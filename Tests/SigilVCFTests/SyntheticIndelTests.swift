import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilVCF

@Suite("simulate --vcf --indels: planted indels") struct SyntheticIndelTests {
  /// A random upper/lower-case ACGT contig.
  func randomGenome(length: Int, seed: UInt64) -> [UInt8] {
    var rng = SeededGenerator(seed: seed)
    let letters = Array("ACGTacgt".utf8)
    return (0..<length).map { _ in letters[Int(rng.next() & 7)] }
  }

  @Test("each of the 83 channels is planted as a left-normalised record that classifies back to itself", arguments: [UInt64(1), 2, 3])
  func everyChannel(seed: UInt64) throws {
    let width = SyntheticGenome.indelSlotWidth
    var genome = randomGenome(length: 83 * width + 200, seed: seed)
    var rng = SeededGenerator(seed: seed &+ 100)
    let code = ChannelIndex.baseCode
    for row in 0..<83 {
      let label = MutationClass.id83.channels[row]
      let planted = try SyntheticGenome.plantIndel(row: row, genome: &genome, slotStart: 100 + row * width, contigStart: 0,
                                                   contigLength: genome.count, using: &rng)
      // REF matches the reference (case-insensitive) at the padding base, which is inside the slot.
      #expect(planted.position > 100 + row * width && planted.position < 100 + (row + 1) * width - 32)
      let ref = Array(planted.ref.utf8), alt = Array(planted.alt.utf8)
      for (i, b) in ref.enumerated() { #expect(code[Int(b)] == code[Int(genome[planted.position + i])], "\(label)") }
      #expect(ref[0] == alt[0] && (ref.count == 1 || alt.count == 1), "\(label): padded, one-sided record")
      // Size as the label says (5+ planted as 5, or 6 for 5:Del:M:5).
      let size = Int(label.split(separator: ":")[0])!, length = abs(ref.count - alt.count)
      #expect(size < 5 ? length == size : (length == 5 || length == 6), "\(label): length \(length)")
      #expect(label.contains("Del") == (ref.count > alt.count))
      if size == 1 {
        let b = Array((ref.count > 1 ? planted.ref : planted.alt).utf8)[1]
        #expect(label.contains(":C:") == (b == UInt8(ascii: "C") || b == UInt8(ascii: "G")), "\(label): pyrimidine class")
      }
      // Through the count path: trim, left-normalise (no shift), classify.
      let result: (TrimmedAllele, Indel?, Int?) = genome.withUnsafeBufferPointer { g in
        code.withUnsafeBufferPointer { c in
          let bases = ReferenceBases(bytes: g.baseAddress!, count: g.count, code: c)
          let trimmed = ref.withUnsafeBufferPointer { r in alt.withUnsafeBufferPointer { a in
            IndelClassifier.trim(ref: r, alt: a, position: planted.position, code: c) } }
          guard case let .indel(indel) = trimmed else { return (trimmed, nil, nil) }
          let normalised = IndelClassifier.leftNormalised(indel, in: bases)
          return (trimmed, normalised, IndelClassifier.row(of: normalised, in: bases))
        }
      }
      guard case let .indel(indel) = result.0 else { Issue.record("\(label): not a plain indel"); continue }
      #expect(result.1 == indel, "\(label): the record is not left-normalised")
      #expect(result.2 == row, "\(label): classified as row \(String(describing: result.2))")
    }
  }

  @Test("SyntheticGenome.write with an ID83 catalog: counting the VCFs gives both catalogs back exactly")
  func roundTrip() throws {
    let names = ["A1", "A2", "A3"]
    var sbs = Matrix(rows: 96, columns: 3), id = Matrix(rows: 83, columns: 3)
    var rng = SeededGenerator(seed: 11)
    for s in 0..<3 {
      for c in 0..<96 { sbs[c, s] = Double(rng.next() % 6) }
      for c in 0..<83 { id[c, s] = s == 0 ? 1 : Double(rng.next() % 4) }  // A1: every channel once
    }
    let catalog = MutationCatalog(mutationClass: .sbs96, sampleNames: names, counts: sbs)
    let indels = MutationCatalog(mutationClass: .id83, sampleNames: names, counts: id)
    let dir = Fixtures.temporaryDirectory("sigil-synthetic-indels")
    let files = try SyntheticGenome.write(catalog: catalog, indels: indels, directory: dir, seed: 3)
    let counted = try VariantCounter.count(inputs: files.vcfPaths, configuration: CountConfiguration(referencePath: files.referencePath))
    #expect(counted.sbs96.counts == catalog.counts)
    #expect(counted.id83.counts == indels.counts)
    #expect(counted.id83.sampleNames == names)
  }

  @Test("an ID83 catalog with other samples, or fractional counts, is refused")
  func errors() throws {
    let catalog = MutationCatalog(mutationClass: .sbs96, sampleNames: ["A"], counts: Matrix(rows: 96, columns: 1))
    let other = MutationCatalog(mutationClass: .id83, sampleNames: ["B"], counts: Matrix(rows: 83, columns: 1))
    let dir = Fixtures.temporaryDirectory("sigil-synthetic-indels")
    #expect(throws: SimulationError.invalidParameter("the ID83 catalog's samples differ from the SBS96 catalog's")) {
      try SyntheticGenome.write(catalog: catalog, indels: other, directory: dir, seed: 1)
    }
    var half = Matrix(rows: 83, columns: 1)
    half[4, 0] = 0.5
    let fractional = MutationCatalog(mutationClass: .id83, sampleNames: ["A"], counts: half)
    #expect(throws: SimulationError.invalidParameter("--vcf needs whole-number indel counts (found 0.5); use --noise poisson, nb or none")) {
      try SyntheticGenome.write(catalog: catalog, indels: fractional, directory: dir, seed: 1)
    }
  }
}
