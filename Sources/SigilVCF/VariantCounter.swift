import Foundation
import SigilCore

/// The merged result of counting every input: catalogs, summaries and per-file facts.
public struct CountResult: Sendable {
  /// SBS96 catalog (96 x samples), canonical row order; samples in input order.
  public let sbs96: MutationCatalog
  /// DBS78 catalog (78 x samples), canonical row order, same samples.
  public let dbs78: MutationCatalog
  /// ID83 catalog (83 x samples), canonical COSMIC row order, same samples.
  public let id83: MutationCatalog
  /// SBS1536 catalog (1536 x samples), same samples; each column sums to its SBS96 column.
  public let sbs1536: MutationCatalog
  /// SBS288 catalog (transcriptional strand x SBS96), same samples, when genes were given.
  public let sbs288: MutationCatalog?
  /// The gene annotation used for SBS288, when given.
  public let genes: GeneAnnotation?
  /// One summary per sample, in catalog column order.
  public let summaries: [CountSummary]
  /// The input each sample came from, in catalog column order.
  public let sampleFiles: [String]
  /// The sample mode of each sample's file, in catalog column order.
  public let sampleModes: [SampleMode]
  /// Per-input facts (mode, samples, contigs missing from the FASTA), in input order.
  public let files: [FileCount]
  /// The `--regions` targets, when given.
  public var regions: TargetRegions? = nil
  /// The targets' sequence opportunity, when `--regions` was given.
  public var opportunity: RegionOpportunity? = nil
}

extension CountResult {
  /// The text of `count_summary.tsv`: `sample`, `file`, `mode`, then `CountSummary.columnNames`.
  public func summaryTSV() -> String {
    var out = (["sample", "file", "mode"] + CountSummary.columnNames).joined(separator: "\t") + "\n"
    for (i, name) in sbs96.sampleNames.enumerated() {
      out += ([name, sampleFiles[i], sampleModes[i].token] + summaries[i].values.map(String.init)).joined(separator: "\t") + "\n"
    }
    return out
  }
}

/// Counts SBS96, SBS1536, DBS78 and ID83 catalogs (and SBS288 with genes) from VCF/BCF/MAF files and a reference FASTA, through htslib.
///
/// Each input is read by its own task (`configuration.threads` at once) with its own reader and
/// FASTA handle; each reference contig is fetched once per file and variants are looked up in
/// memory. Per-file results are merged by sample name in input order, so the output is
/// byte-identical for any thread count.
///
/// ```swift
/// let result = try VariantCounter.count(inputs: ["tumour.vcf.gz"], configuration: .init(referencePath: "ref.fa"))
/// try result.sbs96.write(to: "catalog.sbs96.tsv")
/// ```
public enum VariantCounter {
  /// Counts `inputs` (`-` is stdin) into catalogs.
  /// - Parameters:
  ///   - inputs: VCF, VCF.gz (bgzip or gzip), BCF or MAF (plain or gzip) paths; at least one.
  ///   - configuration: Reference, rules and threads.
  /// - Returns: The merged catalogs and summaries.
  /// - Throws: `VCFError` naming the file (and record) at fault: unreadable input or reference,
  ///   no common contigs, too many REF mismatches, duplicate or unknown sample names, a malformed
  ///   `--regions` BED. `configuration.regionsPath` needs `rules == .strict` (traps otherwise).
  /// - Complexity: O(records + SNVs · log SNVs per contig) time; memory one contig + the SNVs of one contig.
  public static func count(inputs: [String], configuration: CountConfiguration) throws -> CountResult {
    precondition(!inputs.isEmpty, "count needs at least one input")
    let reference = try HTSFasta(path: configuration.referencePath)  // builds the .fai once, up front
    let matcher = ContigMatcher(referenceContigs: reference.contigNames)
    let genes = try configuration.genesPath.map { try GeneAnnotation.read(path: $0, matcher: matcher) }
    precondition(configuration.regionsPath == nil || configuration.rules == .strict, "--regions needs the strict rules")
    let regions = try targets(configuration, matcher: matcher, reference: reference)
    let workers = max(1, min(configuration.threads, inputs.count))
    let decompression = max(0, configuration.threads / inputs.count - 1)
    if configuration.rules == .sigprofiler {
      var contigIndex: [String: Int] = [:]
      for (i, name) in reference.contigNames.enumerated() where contigIndex[SigProfilerCounting.fastaContigName(name)] == nil {
        contigIndex[SigProfilerCounting.fastaContigName(name)] = i
      }
      let index = contigIndex
      let files = try ParallelMap.map(count: inputs.count, threads: workers) { i in
        try SigProfilerCounting.read(path: inputs[i], contigIndex: index, decompressionThreads: decompression)
      }
      return try countSigProfiler(files, reference: reference, genes: genes, configuration: configuration)
    }
    let files = try ParallelMap.map(count: inputs.count, threads: workers) { i in
      let fasta = try HTSFasta(path: configuration.referencePath)
      return try FileCounting(path: inputs[i], reference: fasta, matcher: matcher, configuration: configuration,
                              decompressionThreads: decompression, genes: genes, regions: regions).run()
    }
    var result = try merge(files, genes: genes, configuration: configuration)
    if let regions {
      result.regions = regions
      result.opportunity = try RegionOpportunity.compute(regions: regions, referencePath: configuration.referencePath)
    }
    return result
  }

  /// Counts `inputs` as `count` does (strict rules) and also returns every counted event, per input
  /// file in input order (`FileCount.variants`, in the file's result): the SBS96, DBS78 and ID83
  /// events whose sums are the catalogs. For `sigil attribute`.
  /// - Throws: as `count`; `VCFError.sampleNameNeedsOneSample` is never thrown (no renaming here).
  public static func countVariants(inputs: [String], configuration: CountConfiguration) throws -> CountResult {
    precondition(!inputs.isEmpty, "count needs at least one input")
    precondition(configuration.rules == .strict && configuration.sampleName == nil, "per-variant counting uses the strict rules, no renaming")
    let reference = try HTSFasta(path: configuration.referencePath)
    let matcher = ContigMatcher(referenceContigs: reference.contigNames)
    // The targets filter records exactly as in `count`; the opportunity is count's job, not computed here.
    let regions = try targets(configuration, matcher: matcher, reference: reference)
    let workers = max(1, min(configuration.threads, inputs.count))
    let decompression = max(0, configuration.threads / inputs.count - 1)
    let files = try ParallelMap.map(count: inputs.count, threads: workers) { i in
      let fasta = try HTSFasta(path: configuration.referencePath)
      var counting = FileCounting(path: inputs[i], reference: fasta, matcher: matcher, configuration: configuration,
                                  decompressionThreads: decompression, regions: regions)
      counting.observer = CountedEventObserver()
      return try counting.run()
    }
    return try merge(files, genes: nil, configuration: configuration)
  }

  /// The `--regions` BED of `configuration`, read against the reference's contigs (nil without one).
  static func targets(_ configuration: CountConfiguration, matcher: ContigMatcher, reference: HTSFasta) throws -> TargetRegions? {
    try configuration.regionsPath.map { try TargetRegions.read(path: $0, matcher: matcher, contigLengths: reference.contigLengths) }
  }

  /// `--rules sigprofiler`: one sample per file, all samples counted jointly as SPMG does.
  static func countSigProfiler(_ all: [SigProfilerCounting.FileSNVs], reference: HTSFasta, genes: GeneAnnotation?,
                               configuration: CountConfiguration) throws -> CountResult {
    var origin: [String: String] = [:]
    for f in all {
      if let first = origin[f.sample] { throw DuplicateSampleError(name: f.sample, firstSource: first, secondSource: f.path) }
      origin[f.sample] = f.path
    }
    var files = all
    if let wanted = configuration.samples {
      let unknown = wanted.filter { origin[$0] == nil }
      if !unknown.isEmpty { throw VCFError.unknownSamples(names: unknown, available: all.map(\.sample)) }
      files = all.filter { wanted.contains($0.sample) }
    }
    let counted = try SigProfilerCounting.count(files, reference: reference, genes: genes)
    let fileCounts = files.indices.map { i in
      var count = FileCount(path: files[i].path, mode: .fileName, sampleNames: [files[i].sample], availableSamples: [files[i].sample],
                summaries: [counted.summaries[i]], sbs96: [counted.sbs[i]], dbs78: [counted.dbs[i]], id83: [counted.id[i]],
                sbs1536: [counted.sbs1536[i]], sbs288: [SampleCounter.fold288(counted.strand384[i])],
                missingContigs: files[i].missing.sorted())
      count.warnings = files[i].warnings
      return count
    }
    return try merge(fileCounts, genes: genes, configuration: configuration)
  }

  static func merge(_ files: [FileCount], genes: GeneAnnotation?, configuration: CountConfiguration) throws -> CountResult {
    var names: [String] = [], summaries: [CountSummary] = [], sampleFiles: [String] = [], modes: [SampleMode] = []
    var sbs: [[Double]] = [], dbs: [[Double]] = [], ids: [[Double]] = [], penta: [[Double]] = [], strand: [[Double]] = []
    var origin: [String: String] = [:]
    for file in files {
      for (s, name) in file.sampleNames.enumerated() {
        if let first = origin[name] { throw DuplicateSampleError(name: name, firstSource: first, secondSource: file.path) }
        origin[name] = file.path
        let summary = file.summaries[s]
        if let fraction = summary.refMismatchFraction, fraction > configuration.maxRefMismatch {
          throw VCFError.tooManyReferenceMismatches(sample: name, path: file.path, mismatches: summary.refMismatch + summary.indelRefMismatch,
                                                    variants: summary.refCheckedVariants, fraction: fraction,
                                                    threshold: configuration.maxRefMismatch)
        }
        names.append(name); summaries.append(summary); sampleFiles.append(file.path); modes.append(file.mode)
        sbs.append(file.sbs96[s].map(Double.init)); dbs.append(file.dbs78[s].map(Double.init)); ids.append(file.id83[s].map(Double.init))
        penta.append(file.sbs1536[s].map(Double.init)); strand.append(file.sbs288[s].map(Double.init))
      }
    }
    if let wanted = configuration.samples {
      var seen = Set<String>()
      for file in files { seen.formUnion(file.availableSamples) }
      let unknown = wanted.filter { !seen.contains($0) }
      if !unknown.isEmpty {
        throw VCFError.unknownSamples(names: unknown, available: files.flatMap(\.availableSamples))
      }
    }
    if let rename = configuration.sampleName {
      guard names.count == 1 else { throw VCFError.sampleNameNeedsOneSample(found: names.count) }
      names = [rename]
    }
    return CountResult(
      sbs96: MutationCatalog(mutationClass: .sbs96, sampleNames: names, counts: Matrix(rows: 96, columns: sbs)),
      dbs78: MutationCatalog(mutationClass: .dbs78, sampleNames: names, counts: Matrix(rows: 78, columns: dbs)),
      id83: MutationCatalog(mutationClass: .id83, sampleNames: names, counts: Matrix(rows: 83, columns: ids)),
      sbs1536: MutationCatalog(mutationClass: .sbs1536, sampleNames: names, counts: Matrix(rows: 1536, columns: penta)),
      sbs288: genes == nil ? nil : MutationCatalog(mutationClass: .sbs288, sampleNames: names, counts: Matrix(rows: 288, columns: strand)),
      genes: genes,
      summaries: summaries, sampleFiles: sampleFiles, sampleModes: modes, files: files)
  }
}
