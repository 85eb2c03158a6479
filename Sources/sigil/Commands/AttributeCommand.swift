import ArgumentParser
import Foundation
import SigilAttribution
import SigilCore
import SigilVCF

/// `sigil attribute`: the probability that each counted mutation was caused by each signature.
struct AttributeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attribute",
    abstract: "Give every counted mutation the probability of each signature (per-mutation attribution).",
    discussion: """
      Counts the inputs as 'sigil count' does (strict rules) and, for each SBS96,
      DBS78 or ID83 event of a class whose signatures are given, writes
        P(s | channel, sample) = w[channel,s] h[s,sample] / sum_t w[channel,t] h[t,sample]
      with W the signatures and h the sample's exposures. Writes attribution.tsv
      (one row per counted mutation: the most likely signature, its probability,
      and one column per signature with a non-zero exposure in some sample) and
      run.json. A fit folder with bootstrap intervals (exposures_ci.tsv) adds
      probability_lower/probability_upper: bounds of the most likely signature's
      probability over the box of the exposures' 95% intervals (conservative).

      --fit DIR takes a 'sigil fit' folder (its exposures and the signature table
      its run.json names) or a 'sigil extract' folder (signatures.tsv,
      exposures.tsv); repeat it for several classes (e.g. an SBS96 and an ID83
      fit). --signatures FILE --exposures FILE take any two tables instead. A panel
      fit (fit --opportunity) is read with its signatures_renormalised.tsv, the
      table its exposures were fitted with; give the panel's BED as --regions so
      only the variants count counted are attributed.
      Every counted sample must have exposures. With --vcf-out each input VCF is
      written back to vcf/<name>.sigil.vcf.gz (+ .tbi) with INFO/SIGIL_SIG and
      INFO/SIGIL_PROB (one value per ALT), or in a cohort VCF (one sample per
      column) the same tags as FORMAT fields per sample. --truth FILE
      (a simulation's truth_mutations.tsv) scores the attribution: reliability.tsv
      (calibration bins, drawn as a reliability diagram in report.html) and
      attribution_accuracy.tsv (precision and recall of the most likely signature).

      Examples:
        sigil attribute -o attribution/ --reference-fasta GRCh38.fa --fit fit/ t1.vcf.gz t2.vcf.gz
        sigil attribute -o attribution/ --reference-fasta GRCh38.fa --fit fit-sbs/ --fit fit-id/ --vcf-out t1.vcf.gz
        sigil attribute -o attribution/ --reference-fasta ref.fa --signatures sigs.tsv --exposures exposures.tsv calls.maf
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var log: LogOptions

  @Option(help: "Reference FASTA (plain or bgzip), the one the variants were counted against.")
  var referenceFasta: String
  @Option(help: "A 'sigil fit' or 'sigil extract' output folder (repeat for several mutation classes).")
  var fit: [String] = []
  @Option(help: "Signature table: with --fit, replaces the table the fit names; else needs --exposures.")
  var signatures: String?
  @Option(help: "Exposure table (one row per sample), with --signatures.")
  var exposures: String?
  @Flag(help: "Also write each input VCF back, bgzipped and indexed, with INFO/SIGIL_SIG and INFO/SIGIL_PROB.")
  var vcfOut = false
  @OptionGroup var filters: VariantFilterOptions
  @Option(help: "Target regions BED, as given to 'sigil count --regions': attribute only records inside, the ones that were counted.")
  var regions: String?
  @Option(help: "Comma-separated samples to attribute (default: all).")
  var samples: String?
  @Option(help: "Known signature of each mutation (sigil simulate --vcf's truth_mutations.tsv): adds reliability.tsv and attribution_accuracy.tsv.")
  var truth: String?
  @OptionGroup var report: ReportFlag
  @Argument(help: "VCF, VCF.gz, BCF or MAF files ('-' for stdin).")
  var inputs: [String]

  func validate() throws {
    try require(!inputs.isEmpty, "give at least one VCF, BCF or MAF input")
    try require(!fit.isEmpty || (signatures != nil && exposures != nil),
                "give --fit DIR (a fit or extract folder), or --signatures FILE with --exposures FILE")
    try require(exposures == nil || fit.isEmpty, "give --exposures with --signatures, or --fit, not both")
    try require(signatures == nil || fit.count <= 1, "--signatures with --fit replaces the table of one fit; give one --fit")
    try require(exposures == nil || signatures != nil, "--exposures needs --signatures")
    try require(inputs.filter({ $0 == "-" }).count <= 1, "stdin ('-') can be read only once")
    try require(!(vcfOut && inputs.contains("-")), "--vcf-out needs files, not stdin")
    try require(samples.map { !commaList($0).isEmpty } ?? true, "--samples names no sample")
    _ = try output.folder(inputs: allInputs)
  }

  private var allInputs: [String] { [referenceFasta] + inputs + [signatures, exposures, truth, regions].compactMap { $0 } }

  private var sources: [AttributionSource] {
    if fit.isEmpty, let signatures, let exposures { return [.tables(signatures: signatures, exposures: exposures)] }
    return fit.map { .folder(path: $0, signatures: signatures) }
  }

  func run() throws {
    Console.quiet = log.quiet
    let folder = try output.folder(inputs: allInputs)
    var counting = filters.applied(to: CountConfiguration(referencePath: referenceFasta))
    counting.samples = samples.map(commaList)
    counting.regionsPath = regions
    counting.threads = threads.threads
    var request = AttributionJob.Request(inputs: inputs, counting: counting, sources: sources)
    request.vcfOut = vcfOut
    request.truthPath = truth
    let job = try AttributionJob(request)
    let result = try job.run()
    result.counted.messages.forEach { $0.log() }
    try folder.publish { staging in
      let messages = try job.write(result, toDirectory: staging.stagingPath, shownDirectory: folder.path, libraries: LinkedLibraries.all,
                                   warnings: { Console.warnings })
      messages.forEach { $0.log() }
      try report.writeReport(staging)
    }
  }
}
