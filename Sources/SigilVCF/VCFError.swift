/// Why counting could not read its inputs or must refuse their content.
///
/// Each case names the file and, where there is one, the record or line, and its description says
/// what was expected (bcftools style). `sigil count` prints the description and exits 1.
public enum VCFError: Error, Equatable, CustomStringConvertible, Sendable {
  case cannotOpen(path: String, reason: String)
  case notVariantFile(path: String)
  case unreadableHeader(path: String)
  case readFailed(path: String, record: Int, reason: String)
  case unsortedContigs(path: String, record: Int, contig: String)
  case mafMissingColumns(path: String, missing: [String])
  case mafBadLine(path: String, line: Int, reason: String)
  case referenceCannotOpen(path: String, reason: String)
  case referenceIndexNotWritable(path: String)
  case referenceIndexFailed(path: String)
  case referenceFetchFailed(path: String, contig: String)
  case noCommonContigs(path: String, variantContigs: [String], referenceContigs: [String])
  case tooManyReferenceMismatches(sample: String, path: String, mismatches: Int, variants: Int, fraction: Double, threshold: Double)
  case unknownSamples(names: [String], available: [String])
  case sampleNameNeedsOneSample(found: Int)
  case cannotWrite(path: String, reason: String)
  case genesBadLine(path: String, line: Int, reason: String)
  case genesNoCommonContigs(path: String, geneContigs: [String], referenceContigs: [String])
  case sampleNameNotUTF8(path: String, column: Int)
  case noGenotypes(path: String, columns: Int, records: Int)
  case referenceDuplicateContig(path: String, contig: String)
  case regionsBadLine(path: String, line: Int, reason: String)
  case regionsNoCommonContigs(path: String, regionContigs: [String], referenceContigs: [String])
  case regionsEmpty(path: String)

  public var description: String {
    switch self {
    case let .cannotOpen(path, reason):
      return "\(path): cannot open: \(reason)"
    case let .notVariantFile(path):
      return "\(path): not a VCF, BCF or MAF file; expected a VCF header (##fileformat=VCF...), BCF, "
        + "or a tab-separated MAF header with Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2, Tumor_Sample_Barcode"
    case let .unreadableHeader(path):
      return "\(path): cannot read the VCF header (truncated or corrupt file, no #CHROM line, or an empty or duplicated "
        + "sample name in the #CHROM line); expected lines starting with ## then a tab-separated #CHROM line"
    case let .readFailed(path, record, reason):
      return "\(path): record \(record): \(reason)"
    case let .unsortedContigs(path, record, contig):
      return "\(path): record \(record): contig '\(contig)' appears again after records of other contigs; "
        + "records must be grouped by contig (sort the file, e.g. bcftools sort -Oz -o sorted.vcf.gz \(path))"
    case let .mafMissingColumns(path, missing):
      return "\(path): MAF header lacks column(s) \(missing.joined(separator: ", ")); expected Chromosome, Start_Position, "
        + "Reference_Allele, Tumor_Seq_Allele2, Tumor_Sample_Barcode"
    case let .mafBadLine(path, line, reason):
      return "\(path):\(line): \(reason)"
    case let .referenceCannotOpen(path, reason):
      return "\(path): cannot open the reference FASTA: \(reason)"
    case let .referenceIndexNotWritable(path):
      return "\(path): the FASTA has no index (\(path).fai) and its folder is not writable; "
        + "make one with `samtools faidx \(path)` where you can write, or copy the FASTA to a writable folder"
    case let .referenceIndexFailed(path):
      return "\(path): cannot index the FASTA; it must be plain text or bgzip-compressed "
        + "(recompress a gzip file with `zcat \(path) | bgzip > ref.fa.gz`)"
    case let .referenceFetchFailed(path, contig):
      return "\(path): cannot read contig '\(contig)' through its index; the .fai may be stale (delete it to rebuild)"
    case let .noCommonContigs(path, variantContigs, referenceContigs):
      return "\(path): no contig of the variants is in the reference FASTA (variants use e.g. "
        + variantContigs.prefix(4).joined(separator: ", ") + "; the FASTA has e.g. "
        + referenceContigs.prefix(4).joined(separator: ", ") + "); are they the same genome?"
    case let .tooManyReferenceMismatches(sample, path, mismatches, variants, fraction, threshold):
      return "\(path): sample '\(sample)': \(mismatches) of \(variants) SNVs and indels (\(Self.percent(fraction))) have a REF base that differs from the "
        + "reference FASTA, above --max-ref-mismatch \(Self.percent(threshold)); the VCF and FASTA are probably a different genome build"
    case let .unknownSamples(names, available):
      return "--samples: no sample named \(names.map { "'\($0)'" }.joined(separator: ", ")) in the inputs (they have "
        + available.prefix(8).joined(separator: ", ") + (available.count > 8 ? ", ..." : "") + ")"
    case let .sampleNameNeedsOneSample(found):
      return "--sample-name renames a single sample, but the inputs have \(found) samples"
    case let .cannotWrite(path, reason):
      return "\(path): cannot write: \(reason)"
    case let .genesBadLine(path, line, reason):
      return "\(path):\(line): --genes: \(reason)"
    case let .sampleNameNotUTF8(path, column):
      return "\(path): the sample name in #CHROM column \(column) is not valid UTF-8; expected UTF-8 text "
        + "(rename the samples, e.g. bcftools reheader -s names.txt)"
    case let .noGenotypes(path, columns, records):
      return "\(path): \(columns) sample columns but none of its \(records) counted record(s) has a GT field; "
        + "a multi-sample VCF is attributed to samples by GT. Add GT, or give one sample per file "
        + "(bcftools view -s NAME) and name it with --sample-name"
    case let .referenceDuplicateContig(path, contig):
      return "\(path): contig '\(contig)' appears twice in the FASTA; expected each contig name once"
    case let .regionsBadLine(path, line, reason):
      return "\(path):\(line): --regions: \(reason)"
    case let .regionsNoCommonContigs(path, regionContigs, referenceContigs):
      return "\(path): --regions: no region lies on a contig of the reference FASTA (regions use e.g. "
        + regionContigs.prefix(4).joined(separator: ", ") + "; the FASTA has e.g. "
        + referenceContigs.prefix(4).joined(separator: ", ") + "); are they the same genome?"
    case let .regionsEmpty(path):
      return "\(path): --regions: the file has no region; expected tab-separated BED lines chrom, start, end (0-based, half-open)"
    case let .genesNoCommonContigs(path, geneContigs, referenceContigs):
      return "\(path): --genes: no gene lies on a contig of the reference FASTA (genes use e.g. "
        + geneContigs.prefix(4).joined(separator: ", ") + "; the FASTA has e.g. "
        + referenceContigs.prefix(4).joined(separator: ", ") + "); are they the same genome?"
    }
  }

  /// A fraction as a percentage with up to two decimals, e.g. 0.1234 -> "12.34%".
  static func percent(_ x: Double) -> String {
    let hundredths = (x * 10_000).rounded()
    let whole = Int(hundredths) / 100, frac = Int(hundredths) % 100
    return frac == 0 ? "\(whole)%" : (frac % 10 == 0 ? "\(whole).\(frac / 10)%" : "\(whole).\(frac < 10 ? "0" : "")\(frac)%")
  }
}
