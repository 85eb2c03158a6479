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

      Examples:
        sigil count -o counts/ --reference-fasta GRCh38.fa t1.vcf.gz t2.bcf
        sigil count -o counts/ --reference-fasta GRCh37.fa --samples S1,S2 cohort.bcf
        sigil count -o - --reference-fasta ref.fa.gz calls.maf.gz > sbs96.tsv
        sigil count -o counts/ --reference-fasta GRCh38.fa --genes genes.bed t1.vcf.gz
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  @Option(help: "Reference FASTA (plain or bgzip); its .fai is built when missing.")
  var referenceFasta: String
  @Flag(help: "Count records whatever their FILTER (default: only PASS and '.').")
  var allFilters = false
  @Option(help: "Largest tolerated fraction of a sample's SNVs whose REF differs from the FASTA.")
  var maxRefMismatch = 0.05
  @Option(help: "Comma-separated samples to count (default: all).")
  var samples: String?
  @Option(help: "File with one sample name per line to count.")
  var samplesFile: String?
  @Option(help: "New name for the single sample of this run.")
  var sampleName: String?
  @Option(help: "Counting rules: strict, or sigprofiler (reproduces SigProfilerMatrixGenerator 1.4.0 matrices).")
  var rules = "strict"
  @Option(help: "Genes with strand (BED 6+ columns, or GTF 'gene' records); adds catalog.sbs288.tsv.")
  var genes: String?
  @Argument(help: "VCF, VCF.gz, BCF or MAF files ('-' for stdin).")
  var inputs: [String]

  func validate() throws {
    guard !inputs.isEmpty else { throw ValidationError("give at least one VCF, BCF or MAF input") }
    guard CountRules(rawValue: rules) != nil else { throw ValidationError("--rules must be strict or sigprofiler (got '\(rules)')") }
    guard (0...1).contains(maxRefMismatch) else { throw ValidationError("--max-ref-mismatch must be in [0, 1] (got \(maxRefMismatch))") }
    guard samples == nil || samplesFile == nil else { throw ValidationError("give --samples or --samples-file, not both") }
    guard inputs.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("stdin ('-') can be read only once") }
  }

  func run() throws {
    Console.quiet = log.quiet
    var configuration = CountConfiguration(referencePath: referenceFasta)
    configuration.allFilters = allFilters
    configuration.maxRefMismatch = maxRefMismatch
    configuration.samples = try sampleList()
    configuration.sampleName = sampleName
    configuration.threads = threads.threads
    configuration.rules = CountRules(rawValue: rules)!
    configuration.genesPath = genes
    let result = try VariantCounter.count(inputs: inputs, configuration: configuration)
    for file in result.files {
      Console.info("\(file.path): \(file.mode); \(file.sampleNames.count) sample(s) counted")
      for warning in file.warnings { Console.warning(warning) }
      if !file.missingContigs.isEmpty {
        Console.warning("\(file.path): variants on contig(s) missing from the FASTA were skipped: "
                        + file.missingContigs.prefix(10).joined(separator: ", ") + (file.missingContigs.count > 10 ? ", ..." : ""))
      }
    }
    if let annotation = result.genes {
      Console.info("\(annotation.path): \(annotation.genes) stranded gene interval(s) (\(annotation.format.rawValue))"
                   + (annotation.unstranded > 0 ? "; \(annotation.unstranded) without strand skipped" : ""))
      if !annotation.unmatchedContigs.isEmpty {
        Console.warning("\(annotation.path): genes on contig(s) missing from the FASTA were ignored: "
                        + annotation.unmatchedContigs.prefix(10).joined(separator: ", ") + (annotation.unmatchedContigs.count > 10 ? ", ..." : ""))
      }
    }
    if output.output == "-" {
      if genes != nil { Console.warning("--genes: with -o - only the SBS96 catalog is written; give -o DIR for catalog.sbs288.tsv") }
      try result.sbs96.write(to: "-")
      return
    }
    let dir = output.output
    try AtomicFile.makeDirectory(dir)
    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
    try result.sbs96.write(to: path("catalog.sbs96.tsv"))
    try result.sbs1536.write(to: path("catalog.sbs1536.tsv"))
    if let sbs288 = result.sbs288 { try sbs288.write(to: path("catalog.sbs288.tsv")) }
    try result.dbs78.write(to: path("catalog.dbs78.tsv"))
    try result.id83.write(to: path("catalog.id83.tsv"))
    try AtomicFile.write(result.summaryTSV(), to: path("count_summary.tsv"))
    try RunManifest(
      command: "count", seed: nil,
      parameters: ["reference-fasta": referenceFasta, "all-filters": "\(allFilters)", "max-ref-mismatch": "\(maxRefMismatch)",
                   "samples": configuration.samples?.joined(separator: ",") ?? "", "sample-name": sampleName ?? "",
                   "rules": rules, "genes": genes ?? ""],
      inputs: [referenceFasta] + (genes.map { [$0] } ?? []) + inputs, libraries: LinkedLibraries.all, warnings: Console.warnings
    ).write(toDirectory: dir)
    let totals = result.summaries.reduce(into: (0, 0, 0)) { $0.0 += $1.sbs96; $0.1 += $1.dbs78; $0.2 += $1.id83 }
    Console.info("counted \(result.sbs96.sampleCount) sample(s): \(totals.0) SBS, \(totals.1) DBS, \(totals.2) ID into \(dir)/")
  }

  private func sampleList() throws -> [String]? {
    if let samples { return samples.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    guard let samplesFile else { return nil }
    guard let text = try? String(contentsOfFile: samplesFile, encoding: .utf8) else {
      throw VCFError.cannotOpen(path: samplesFile, reason: "cannot read the --samples-file")
    }
    return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
