import Foundation
import SigilCore

/// Writes an input VCF back with each counted variant's most likely signature (`sigil attribute --vcf-out`).
///
/// Every record is copied unchanged, in input order, into a bgzipped VCF indexed with tabix (.tbi),
/// through htslib. An ALT allele whose event was counted gets `INFO/SIGIL_SIG` (signature name) and
/// `INFO/SIGIL_PROB` (its probability), both `Number=A` (one value per ALT; `.` for an ALT that was
/// not counted, e.g. filtered or an MNV); in a cohort VCF (one sample per column) the same two tags
/// are FORMAT fields, each sample's from its own exposures. A same-length allele is matched to its counted event by
/// its first changed base (an SNV, or either base of a DBS, whether the DBS came as one record or
/// two); an indel by the record's POS, REF and ALT.
public enum AnnotatedVCF {
  /// The header lines added: `##INFO` (one sample per file) or `##FORMAT` (cohort files).
  public static func headerLines(perSample: Bool) -> [String] {
    let kind = perSample ? "FORMAT" : "INFO"
    return [
      "##\(kind)=<ID=SIGIL_SIG,Number=A,Type=String,Description=\"Most likely signature of this ALT allele (sigil attribute)\">",
      "##\(kind)=<ID=SIGIL_PROB,Number=A,Type=Float,Description=\"Probability of SIGIL_SIG given the mutation's channel and the sample's exposures (sigil attribute)\">",
    ]
  }

  /// Writes `input` to `output` (+ `output.tbi`) with the tags of `variants`.
  /// - Parameters:
  ///   - variants: The counted events of this one input file.
  ///   - perSample: FORMAT tags per sample column (a cohort VCF) instead of INFO tags.
  ///   - tags: For each event (parallel to `variants`), its signature and probability, or nil (no tag).
  /// - Returns: The number of ALT alleles tagged.
  /// - Throws: `VCFError` naming the file: unreadable input, a MAF, an unsorted input (no index), a write failure.
  public static func write(input: String, output: String, variants: [CountedVariant],
                           tags: [(signature: String, probability: Double)?], perSample: Bool = false) throws -> Int {
    precondition(variants.count == tags.count, "one tag per variant")
    var lookup: [String: HTSVariantAnnotator.Tag] = [:]
    for (v, t) in zip(variants, tags) {
      guard let t else { continue }
      let tag = HTSVariantAnnotator.Tag(signature: t.signature, probability: t.probability)
      switch v.mutationClass {
      case .id83:
        lookup[key(perSample ? v.sample : nil, v.contig, v.position, v.ref, v.alt)] = tag
      default:
        for (i, (r, a)) in zip(v.ref, v.alt).enumerated() {
          lookup[key(perSample ? v.sample : nil, v.contig, v.position + i, String(r), String(a))] = tag
        }
      }
    }
    return try HTSVariantAnnotator.annotate(input: input, output: output, headerLines: headerLines(perSample: perSample),
                                            perSample: perSample) { sample, contig, position, ref, alt in
      guard ref.utf8.count == alt.utf8.count else { return lookup[key(sample, contig, position, ref, alt)] }
      for (i, (r, a)) in zip(ref.uppercased(), alt.uppercased()).enumerated() where r != a {
        return lookup[key(sample, contig, position + i, String(r), String(a))]
      }
      return nil
    }
  }

  private static func key(_ sample: String?, _ contig: String, _ position: Int, _ ref: String, _ alt: String) -> String {
    "\(sample ?? "")\t\(contig)\t\(position)\t\(ref)\t\(alt)"
  }
}
