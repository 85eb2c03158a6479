/// What happened to the records and alleles of one sample during counting (`count_summary.tsv`).
///
/// Record counters (`records`, `filtered`, `missingContig`) are per input file: in a multi-sample
/// VCF every sample of the file shows the file's numbers. Allele counters are per sample. For the
/// SNVs of a sample (after REF/ALT decomposition) this always holds:
/// ```
/// snvs = duplicates + refMismatch + sbs96 + nContext + 2·dbs78 + mnvSNVs
/// ```
/// and for its indels (strict rules):
/// ```
/// indels = indelComplex + indelDuplicates + indelRefMismatch + indelNContext + id83
/// ```
/// `Docs/Methods-count.md` describes each rule.
public struct CountSummary: Equatable, Sendable {
  /// Records (VCF lines or MAF rows) read.
  public var records = 0
  /// Records skipped because FILTER is neither PASS nor `.` (0 with `--all-filters`).
  public var filtered = 0
  /// Records skipped because their contig is not in the reference FASTA.
  public var missingContig = 0
  /// Single-base substitutions attributed to this sample, after splitting multi-allelic records
  /// and same-length REF/ALT blocks into their changed bases.
  public var snvs = 0
  /// ALT alleles that are insertions or deletions (REF and ALT lengths differ); not counted in SBS/DBS.
  public var indels = 0
  /// ALT alleles that are symbolic (`<DEL>`), `*`, missing, unchanged, or have a non-ACGT base;
  /// a record whose ALT is `.` counts once here.
  public var otherAlleles = 0
  /// SNVs identical to one already seen (same contig, position, REF, ALT); counted once.
  public var duplicates = 0
  /// SNVs whose REF differs from the reference base (or lie beyond the contig end); skipped.
  public var refMismatch = 0
  /// SNVs with an N, non-ACGT base or the contig end within two bases (the pentanucleotide);
  /// skipped for SBS96, SBS1536 and SBS288.
  public var nContext = 0
  /// SNVs counted in the SBS96 catalog (and in SBS1536 and, with genes, SBS288).
  public var sbs96 = 0
  /// Doublets (runs of exactly two adjacent SNVs) counted in the DBS78 catalog.
  public var dbs78 = 0
  /// Runs of three or more adjacent SNVs (or doublets with two ALTs at one position): counted nowhere.
  public var mnvRuns = 0
  /// SNVs in those MNV runs.
  public var mnvSNVs = 0
  /// Indels counted in the ID83 catalog.
  public var id83 = 0
  /// Indels equal to one already seen after left-normalisation (same sample and event); counted once.
  public var indelDuplicates = 0
  /// Indels whose REF bases differ from the reference (or run past the contig end); skipped.
  public var indelRefMismatch = 0
  /// Indels with a non-ACGT allele, or whose needed context (5' neighbour, repeat or microhomology
  /// scan) reaches N, a non-ACGT base or the contig end; skipped for ID83.
  public var indelNContext = 0
  /// Length-changing alleles that are not a pure insertion or deletion after trimming shared bases
  /// (e.g. `ACT>AGGT`); counted nowhere.
  public var indelComplex = 0
  /// Records of a multi-sample VCF (one sample per column, attributed by GT) without a GT field:
  /// they cannot be attributed to a sample and are counted nowhere (a per-file counter).
  public var noGenotype = 0
  /// Records (VCF lines or MAF rows) whose POS lies outside the `--regions` targets; counted
  /// nowhere (a per-file counter for VCFs, per sample for MAFs; 0 without `--regions`).
  public var outsideRegions = 0
  /// The part of `indelNContext` due to a non-ACGT allele (never REF-checked); not a column.
  var indelNonACGT = 0

  /// Creates an all-zero summary.
  public init() {}

  /// Distinct SNVs and indels whose REF was compared with the reference.
  public var refCheckedVariants: Int { snvs - duplicates + indels - indelComplex - indelNonACGT - indelDuplicates }

  /// Fraction of the REF-checked SNVs and indels whose REF disagreed with the reference, or nil without any.
  public var refMismatchFraction: Double? {
    let checked = refCheckedVariants
    return checked > 0 ? Double(refMismatch + indelRefMismatch) / Double(checked) : nil
  }

  /// Column names of `count_summary.tsv` after `sample`, `file` and `mode`.
  public static let columnNames = [
    "records", "filtered", "missing_contig", "snvs", "indels", "other_alleles", "duplicates",
    "ref_mismatch", "n_context", "sbs96", "dbs78", "mnv_runs", "mnv_snvs",
    "id83", "indel_duplicates", "indel_ref_mismatch", "indel_n_context", "indel_complex", "no_genotype",
    "outside_regions",
  ]

  /// The counters in `columnNames` order.
  public var values: [Int] {
    [records, filtered, missingContig, snvs, indels, otherAlleles, duplicates, refMismatch, nContext,
     sbs96, dbs78, mnvRuns, mnvSNVs, id83, indelDuplicates, indelRefMismatch, indelNContext, indelComplex, noGenotype, outsideRegions]
  }
}

/// How the samples of an input were identified (printed by `sigil count`).
public enum SampleMode: Equatable, Sendable, CustomStringConvertible {
  /// One sample column.
  case singleSample
  /// A tumour/normal pair; `source` says how the tumour was found (`##tumor_sample` or `TUMOR column`).
  case tumorNormal(tumor: String, normal: String, source: String)
  /// No sample column: the sample is named after the file.
  case fileName
  /// One sample per column, attributed by GT.
  case cohort(columns: Int)
  /// A MAF: samples from Tumor_Sample_Barcode.
  case maf

  public var description: String {
    switch self {
    case .singleSample: return "single sample"
    case let .tumorNormal(tumor, normal, source): return "tumour/normal (tumour \(tumor), normal \(normal), from \(source))"
    case .fileName: return "no sample column (named after the file)"
    case let .cohort(columns): return "multi-sample (\(columns) columns, attributed by GT)"
    case .maf: return "MAF (samples from Tumor_Sample_Barcode)"
    }
  }

  /// A short token for `count_summary.tsv`.
  public var token: String {
    switch self {
    case .singleSample: return "single"
    case .tumorNormal: return "tumour_normal"
    case .fileName: return "file_name"
    case .cohort: return "multi_sample"
    case .maf: return "maf"
    }
  }
}
