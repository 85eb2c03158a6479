/// The on-disk encodings of variant files sigil reads and writes.
public enum VariantFileFormat: String, CaseIterable, Sendable {
  /// Plain-text VCF.
  case vcf
  /// BGZF-compressed VCF (`.vcf.gz`), readable by tabix/bcftools.
  case vcfGz = "vcf.gz"
  /// Binary BCF.
  case bcf

  /// The usual file-name extension, without the leading dot.
  public var fileExtension: String { rawValue }
}

/// Conversions between variant file encodings, through htslib.
public enum VariantFiles {
  /// Re-encodes the VCF/BCF at `input` as `format` at `output` (header and records unchanged).
  /// - Throws: `VCFError.cannotOpen`, `.unreadableHeader`, `.readFailed`, `.cannotWrite`.
  public static func convert(_ input: String, to output: String, format: VariantFileFormat) throws {
    try HTSVariantWriter.convert(input: input, output: output, format: format)
  }
}
