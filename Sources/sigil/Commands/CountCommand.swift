import ArgumentParser
import Foundation
import SigilCore
import SigilReport
import SigilVCF

/// `sigil count`: VCF/BCF/MAF + reference FASTA -> SBS96, SBS1536, DBS78 and ID83 catalogs (SBS288 with --genes).
struct CountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "count",
    abstract: "Count SBS96, SBS1536, DBS78 and ID83 catalogs from somatic VCF/BCF/MAF files and a reference FASTA.",
    discussion: """
      Writes catalog.sbs96.tsv, catalog.sbs1536.tsv, catalog.dbs78.tsv,
      catalog.id83.tsv, count_summary.tsv and run.json into -o DIR; with
      --genes also catalog.sbs288.tsv. With -o - only the SBS96 catalog is
      written, to stdout.

      Inputs: VCF, VCF.gz (bgzip or gzip), BCF or MAF (plain or gzip); - is stdin.
      Samples: one sample column; a tumour/normal pair (##tumor_sample, TUMOR);
      no sample column (named after the file); or one sample per column (by GT).
      Strict rules: FILTER PASS or '.'; each ALT counted; REF checked against
      the FASTA; two adjacent SNVs are a DBS78, three or more an MNV (summary
      only); indels are trimmed, left-normalised and classified into ID83
      (COSMIC; complex alleles in the summary only). An SNV counts in SBS96
      and SBS1536 when its pentanucleotide is inside the contig and ACGT.
      --rules sigprofiler reproduces SigProfilerMatrixGenerator 1.4.0.

      --genes FILE: BED with a strand column (chrom, start, end, name, score,
      strand; 0-based, half-open; + or -) or GTF/GFF 'gene' records. SBS288
      prefixes each SBS96 label with the strand of its pyrimidine REF base:
      T: on the transcribed (template) strand of a gene, U: untranscribed
      (coding) strand, N: outside genes. E.g. C>T at a forward-strand C in a
      minus-strand gene is T:, in a plus-strand gene U:. Where genes on both
      strands overlap, each channel's count is split half T, half U (an odd
      one to T), as SigProfilerMatrixGenerator does.

      --regions FILE: BED of a panel's or exome's targets (chrom, start, end;
      0-based, half-open). Only records whose POS lies inside are counted
      (the others in outside_regions of count_summary.tsv), and the targets'
      reference contexts are written to opportunity.sbs96.tsv and
      opportunity.dbs78.tsv for fit --opportunity / extract --opportunity.

      Examples:
        sigil count -o counts/ --reference-fasta GRCh38.fa t1.vcf.gz t2.bcf
        sigil count -o counts/ --reference-fasta GRCh37.fa --samples S1,S2 cohort.bcf
        sigil count -o - --reference-fasta ref.fa.gz calls.maf.gz > sbs96.tsv
        sigil count -o counts/ --reference-fasta GRCh38.fa --genes genes.bed t1.vcf.gz
        sigil count -o counts/ --reference-fasta GRCh38.fa --regions panel.bed t1.vcf.gz
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  @Option(help: "Reference FASTA (plain or bgzip); its .fai is built when missing.")
  var referenceFasta: String
  @OptionGroup var filters: VariantFilterOptions
  @Option(help: "Comma-separated samples to count (default: all).")
  var samples: String?
  @Option(help: "File with one sample name per line to count.")
  var samplesFile: String?
  @Option(help: "New name for the single sample of this run.")
  var sampleName: String?
  @Option(help: "Counting rules: strict, or sigprofiler (reproduces SigProfilerMatrixGenerator 1.4.0 matrices).")
  var rules = CountRules.strict
  @Option(help: "Genes with strand (BED 6+ columns, or GTF 'gene' records); adds catalog.sbs288.tsv.")
  var genes: String?
  @Option(help: "Target regions BED (chrom, start, end): count only records inside; adds opportunity.sbs96.tsv and opportunity.dbs78.tsv.")
  var regions: String?
  @Argument(help: "VCF, VCF.gz, BCF or MAF files ('-' for stdin).")
  var inputs: [String]

  func validate() throws {
    try require(!inputs.isEmpty, "give at least one VCF, BCF or MAF input")
    try require(samples == nil || samplesFile == nil, "give --samples or --samples-file, not both")
    try require(inputs.filter({ $0 == "-" }).count <= 1, "stdin ('-') can be read only once")
    try require(samples.map { !commaList($0).isEmpty } ?? true, "--samples names no sample")
    try require(regions == nil || rules == .strict, "--regions works with the strict rules only (filter the VCFs to the targets first, e.g. bcftools view -T targets.bed, for --rules sigprofiler)")
    try require(sampleName.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? true, "--sample-name must not be empty")
    if output.output != "-" { _ = try output.folder(inputs: allInputs) }
  }

  private var allInputs: [String] { [referenceFasta] + (genes.map { [$0] } ?? []) + (regions.map { [$0] } ?? []) + (samplesFile.map { [$0] } ?? []) + inputs }

  func run() throws {
    Console.quiet = log.quiet
    let folder = output.output == "-" ? nil : try output.folder(inputs: allInputs)
    var configuration = filters.applied(to: CountConfiguration(referencePath: referenceFasta))
    configuration.samples = try sampleList()
    configuration.sampleName = sampleName
    configuration.threads = threads.threads
    configuration.rules = rules
    configuration.genesPath = genes
    configuration.regionsPath = regions
    let result = try VariantCounter.count(inputs: inputs, configuration: configuration)
    result.messages.forEach { $0.log() }
    guard let folder else {
      if regions != nil { Console.warning("--regions: with -o - only the SBS96 catalog is written; give -o DIR for opportunity.sbs96.tsv") }
      if genes != nil { Console.warning("--genes: with -o - only the SBS96 catalog is written; give -o DIR for catalog.sbs288.tsv") }
      return try result.sbs96.write(to: "-")
    }
    try folder.publish { staging in
      try result.write(toDirectory: staging.stagingPath, configuration: configuration, inputs: inputs,
                       libraries: LinkedLibraries.all, warnings: Console.warnings)
    }
    Console.info("counted \(result.totalsLine) into \(folder.path)/")
  }

  private func sampleList() throws -> [String]? {
    if let samples { return commaList(samples) }
    guard let samplesFile else { return nil }
    guard let text = try? String(contentsOfFile: samplesFile, encoding: .utf8) else {
      throw VCFError.cannotOpen(path: samplesFile, reason: "cannot read the --samples-file")
    }
    return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}

extension CountRules: ExpressibleByArgument {}
