import Foundation

/// Settings of a counting run (`sigil count`); `Docs/Methods-count.md` describes each rule.
///
/// ```swift
/// var configuration = CountConfiguration(referencePath: "ref.fa")
/// configuration.threads = 4
/// let result = try VariantCounter.count(inputs: ["a.vcf.gz", "b.bcf"], configuration: configuration)
/// ```
public struct CountConfiguration: Sendable {
  /// The reference FASTA (plain or bgzip; `.fai` built when missing and the folder is writable).
  public var referencePath: String
  /// Keep records whatever their FILTER (`--all-filters`); by default only PASS and `.`.
  public var allFilters = false
  /// Largest tolerated fraction of a sample's distinct SNVs whose REF differs from the FASTA
  /// (`--max-ref-mismatch`, default 0.05); above it the run fails (likely another genome build).
  public var maxRefMismatch = 0.05
  /// Only these samples (`--samples`), or all when nil.
  public var samples: [String]?
  /// New name of the run's single sample (`--sample-name`).
  public var sampleName: String?
  /// Input files processed at once (`--threads`); extra threads decompress BGZF. Output does not depend on it.
  public var threads = 1
  /// The rule profile (`--rules`): strict (default) or sigprofiler.
  public var rules = CountRules.strict
  /// BED (6+ columns) or GTF gene annotation (`--genes`); when set, an SBS288 catalog is counted.
  public var genesPath: String?
  /// Target regions BED (`--regions`): only records whose POS lies inside are counted, and the
  /// regions' sequence opportunity is computed (`RegionOpportunity`).
  public var regionsPath: String?

  /// Creates a configuration with the default (strict) rules.
  public init(referencePath: String) { self.referencePath = referencePath }
}

/// The counts of one input file, before merging.
public struct FileCount: Sendable {
  /// The input path as given (`-` for stdin).
  public let path: String
  /// How samples were identified.
  public let mode: SampleMode
  /// Samples counted from this file, in column (or first-appearance) order.
  public let sampleNames: [String]
  /// Every sample the file has, counted or not (for `--samples` checks).
  public let availableSamples: [String]
  /// Per-sample summaries, parallel to `sampleNames`.
  public let summaries: [CountSummary]
  /// Per-sample SBS96 counts (96 each, canonical order).
  let sbs96: [[Int]]
  /// Per-sample DBS78 counts (78 each, canonical order).
  let dbs78: [[Int]]
  /// Per-sample ID83 counts (83 each, canonical order).
  let id83: [[Int]]
  /// Per-sample SBS1536 counts (1536 each, canonical order).
  let sbs1536: [[Int]]
  /// Per-sample SBS288 counts (288 each, canonical order; zeros without genes).
  let sbs288: [[Int]]
  /// Contig names of variants skipped because the FASTA lacks them, sorted.
  public let missingContigs: [String]
  /// Warnings about this file (at most one per kind): undeclared header lines, records without GT.
  public var warnings: [String] = []
  /// Every counted event, when counted with `VariantCounter.countVariants` (empty otherwise).
  public var variants: [CountedVariant] = []
}

/// Counts one input file (VCF/BCF/MAF) against the reference.
struct FileCounting {
  let path: String
  let reference: HTSFasta
  let matcher: ContigMatcher
  let configuration: CountConfiguration
  let decompressionThreads: Int
  let genes: GeneAnnotation?
  /// Collects each counted event (`sigil attribute`); nil for `count`.
  var observer: CountedEventObserver?
  let regions: TargetRegions?
  var sampleFilter: Set<String>? { configuration.samples.map(Set.init) }

  init(path: String, reference: HTSFasta, matcher: ContigMatcher, configuration: CountConfiguration, decompressionThreads: Int,
       genes: GeneAnnotation? = nil, regions: TargetRegions? = nil) {
    self.genes = genes
    self.regions = regions
    self.path = path
    self.reference = reference
    self.matcher = matcher
    self.configuration = configuration
    self.decompressionThreads = decompressionThreads
  }

  /// The sample name of a file without sample columns: the whole file name minus `.vcf`, `.vcf.gz`, `.bcf`.
  static func sampleName(fromPath path: String) -> String {
    if path == "-" { return "stdin" }
    let name = (path as NSString).lastPathComponent
    for suffix in [".vcf.gz", ".vcf.bgz", ".vcf", ".bcf", ".gz"] where name.hasSuffix(suffix) && name.count > suffix.count {
      return String(name.dropLast(suffix.count))
    }
    return name
  }

  func run() throws -> FileCount {
    let input = try HTSInput(path: path)
    input.setDecompressionThreads(decompressionThreads)
    switch input.kind {
    case .variants: return try countVCF(input)
    case .text: return try countMAF(input)
    }
  }

  // MARK: VCF / BCF

  private func countVCF(_ input: HTSInput) throws -> FileCount {
    let columns = input.sampleNames
    let mode: SampleMode
    var names: [String]
    var usesGenotypes = false
    if columns.isEmpty {
      mode = .fileName
      names = [Self.sampleName(fromPath: path)]
    } else if columns.count == 1 {
      mode = .singleSample
      names = columns
    } else if columns.count == 2, let tumor = input.headerValue("tumor_sample"), let t = columns.firstIndex(of: tumor) {
      mode = .tumorNormal(tumor: tumor, normal: columns[1 - t], source: "##tumor_sample")
      names = [tumor]
    } else if columns.count == 2, let t = columns.firstIndex(of: "TUMOR"), columns.contains("NORMAL") {
      // Strelka2 names its columns TUMOR/NORMAL: the sample takes the file's name instead.
      mode = .tumorNormal(tumor: "TUMOR", normal: columns[1 - t], source: "TUMOR column; sample named after the file")
      names = [Self.sampleName(fromPath: path)]
    } else {
      mode = .cohort(columns: columns.count)
      names = columns
      usesGenotypes = true
    }
    let available = names
    if let filter = sampleFilter { names = names.filter(filter.contains) }
    input.restrictSamples(to: usesGenotypes ? names : [])
    let counter = SampleCounter(reference: reference, genes: genes)
    counter.observer = observer
    for _ in names { _ = counter.addSample() }
    if names.isEmpty {
      return FileCount(path: path, mode: mode, sampleNames: [], availableSamples: available, summaries: [],
                       sbs96: [], dbs78: [], id83: [], sbs1536: [], sbs288: [], missingContigs: [])
    }

    var contigOfRID: [Int] = []  // -2 unknown yet, -1 missing from FASTA
    var missing = Set<String>()
    var records = 0, filtered = 0, missingContig = 0, noGenotype = 0, attributed = 0, outside = 0
    var currentContig = -1
    var changes: [(Int, UInt8, UInt8)] = []
    changes.reserveCapacity(8)
    var carried: [UInt64] = Array(repeating: 0, count: names.count)
    let code = ChannelIndex.baseCode
    try code.withUnsafeBufferPointer { code in
      while try input.nextRecord() {
        records += 1
        let rid = input.rid
        if rid >= contigOfRID.count { contigOfRID += Array(repeating: -2, count: rid - contigOfRID.count + 1) }
        if contigOfRID[rid] == -2 {
          contigOfRID[rid] = matcher.referenceIndex(of: input.contigName) ?? -1
          if contigOfRID[rid] < 0 { missing.insert(input.contigName) } else { observer?.noteContig(contigOfRID[rid], inputName: input.contigName) }
        }
        let contig = contigOfRID[rid]
        if contig < 0 { missingContig += 1; continue }
        if !configuration.allFilters && !input.passesFilter { filtered += 1; continue }
        if let regions, !regions.contains(contig: contig, position: input.position) { outside += 1; continue }
        if contig != currentContig {
          if currentContig >= 0 { try counter.flush(currentContig) }
          if counter.wasFlushed(contig) {
            throw VCFError.unsortedContigs(path: path, record: input.recordNumber, contig: input.contigName)
          }
          currentContig = contig
        }
        if usesGenotypes {
          guard try input.carriedAlleles(into: &carried) else { noGenotype += 1; continue }
          attributed += 1
        }
        let alleles = input.alleleCount
        guard alleles >= 2 else {
          // ALT '.': no alternate allele; the record shows under other_alleles (OutputFormats.md).
          if alleles == 1 { for s in 0..<names.count { counter.samples[s].summary.otherAlleles += 1 } }
          continue
        }
        let position = input.position
        let refPointer = UnsafeRawPointer(input.allele(0)).assumingMemoryBound(to: UInt8.self)
        let refLength = strlen(input.allele(0))
        for a in 1..<alleles {
          let altPointer = UnsafeRawPointer(input.allele(a)).assumingMemoryBound(to: UInt8.self)
          let altLength = strlen(input.allele(a))
          let kind = AlleleClassifier.classify(ref: refPointer, refLength: refLength, alt: altPointer,
                                               altLength: altLength, code: code, into: &changes)
          let bit: UInt64 = a < 64 ? 1 << UInt64(a) : 0
          for s in 0..<names.count where !usesGenotypes || carried[s] & bit != 0 {
            switch kind {
            case .indel:
              counter.addIndel(sample: s, contig: contig, position: position, ref: UnsafeBufferPointer(start: refPointer, count: refLength),
                               alt: UnsafeBufferPointer(start: altPointer, count: altLength), code: code)
            case .other: counter.samples[s].summary.otherAlleles += 1
            case .snvs:
              for (offset, r, x) in changes {
                counter.addSNV(sample: s, contig: contig, position: position + offset, ref: r, alt: x)
              }
            }
          }
        }
      }
    }
    try counter.flushAll()
    if records > 0 && missingContig == records {
      throw VCFError.noCommonContigs(path: path, variantContigs: missing.sorted(), referenceContigs: matcher.referenceContigs)
    }
    if noGenotype > 0 && attributed == 0 {
      throw VCFError.noGenotypes(path: path, columns: columns.count, records: noGenotype)
    }
    var result = finish(mode: mode, names: names, available: available, counter: counter, missing: missing) { summary in
      summary.records = records; summary.filtered = filtered; summary.missingContig = missingContig
      summary.noGenotype = noGenotype; summary.outsideRegions = outside
    }
    result.warnings = Self.headerWarnings(input)
    if noGenotype > 0 {
      result.warnings.append("\(path): \(noGenotype) record(s) without a GT field could not be attributed to any of its \(columns.count) samples "
                             + "and were skipped (no_genotype in count_summary.tsv)")
    }
    return result
  }

  /// The one warning per file about header lines htslib had to add (as bcftools does), or none.
  static func headerWarnings(_ input: HTSInput) -> [String] {
    var parts: [String] = []
    let contigs = input.undeclaredContigs
    if !contigs.isEmpty {
      parts.append("contig(s) \(contigs.prefix(5).joined(separator: ", "))\(contigs.count > 5 ? ", ..." : "") not declared by ##contig lines "
                   + "(lengths taken from the FASTA index)")
    }
    if let first = input.firstUndeclaredTagRecord {
      parts.append("INFO/FILTER/FORMAT keys not declared by the header, first at record \(first) (read as Type=String)")
    }
    guard !parts.isEmpty else { return [] }
    return ["\(input.path): the header is incomplete: " + parts.joined(separator: "; ") + "; read as bcftools does"]
  }

  func finish(mode: SampleMode, names: [String], available: [String], counter: SampleCounter,
                      missing: Set<String>, fileCounters: (inout CountSummary) -> Void) -> FileCount {
    var summaries: [CountSummary] = []
    for s in 0..<names.count {
      var summary = counter.samples[s].summary
      fileCounters(&summary)
      summaries.append(summary)
    }
    var count = FileCount(path: path, mode: mode, sampleNames: names, availableSamples: available, summaries: summaries,
                          sbs96: counter.samples.map(\.sbs96), dbs78: counter.samples.map(\.dbs78), id83: counter.samples.map(\.id83),
                          sbs1536: counter.samples.map(\.sbs1536), sbs288: counter.samples.map { SampleCounter.fold288($0.strand384) },
                          missingContigs: missing.sorted())
    count.variants = observer?.variants(sampleNames: names) ?? []
    return count
  }
}
