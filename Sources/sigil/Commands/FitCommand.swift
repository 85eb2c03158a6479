import ArgumentParser
import Foundation
import SigilCore
import SigilFit
import SigilReport

/// `sigil fit`: exposures of known signatures in each sample, sparse, with bootstrap intervals.
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit known signatures (COSMIC or a signature table) to a catalog.",
    discussion: """
      Writes exposures.tsv, exposures_ci.tsv, fit_stats.tsv, residuals.tsv and run.json.
      A sample with no mutations is not an error: it gets zero exposures, NA cosine and KL,
      and a warning. With bootstrap, stderr says how many selected exposures have an
      interval above 0 (and, for up to 10 samples, names those that do not).

      Panels and exomes: --opportunity FILE (opportunity.sbs96.tsv of sigil count
      --regions, or that count folder) renormalises the signatures from the
      opportunity they were made on (the bundled genome or exome of --genome, or
      --reference-opportunity FILE) to the panel's, fits, and also writes
      exposures_per_mb.tsv (mutations per Mb of the reference genome) and
      signatures_renormalised.tsv.

      Examples:
        sigil fit -o fit/ catalog.tsv
        sigil fit -o fit/ catalog.tsv --reference cosmic-v3.4 --genome GRCh38 --exome
        sigil fit -o fit/ catalog.tsv --exclude SBS27,SBS43,SBS45 --bootstrap 200 --threads 8
        sigil fit -o fit/ catalog.tsv --signatures extract/signatures.tsv --method kl
        sigil fit -o fit/ counts/catalog.sbs96.tsv --genome GRCh38 --opportunity counts/
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var seed: SeedOptions
  @OptionGroup var log: LogOptions

  @Argument(help: "Catalog TSV (channels x samples; any row order).")
  var catalog: String
  @OptionGroup var referenceOptions: ReferenceOptions
  @Option(help: "Comma-separated signatures to fit (default: all in the set).")
  var include: String?
  @Option(help: "Comma-separated signatures to leave out (e.g. artefacts).")
  var exclude: String?
  @Option(help: "Selection: sparse (the default rule, = likelihood), likelihood, cosine, nnls or kl (no selection; kl = the exposures extract writes).")
  var method = FitMethodChoice.sparse
  @Option(parsing: .unconditional, help: "Add threshold (2*log-likelihood gain, or cosine gain); default per method.")
  var addThreshold: Double?
  @Option(parsing: .unconditional, help: "Remove threshold (2*log-likelihood loss, or cosine loss); default per method.")
  var removeThreshold: Double?
  @Option(help: "Overdispersion in the likelihood rule: auto (estimate it per sample; where counts are significantly noisier than Poisson, select on a weighted quasi-likelihood, keep the signatures also selected in 6 of 20 seeded resamples, and bootstrap with negative-binomial noise) or off (the plain multinomial rule).")
  var overdispersion = OverdispersionChoice.auto
  @OptionGroup var opportunityOptions: OpportunityOptions
  @Option(parsing: .unconditional, help: "Bootstrap replicates per sample (0 = none).")
  var bootstrap = 100
  @OptionGroup var report: ReportFlag

  func validate() throws {
    try require(bootstrap >= 0, "--bootstrap must be >= 0 (got \(bootstrap))")
    try require(include.map { !commaList($0).isEmpty } ?? true, "--include names no signature")
    _ = try configuration()
    _ = try output.folder(inputs: inputs)
  }

  private var inputs: [String] { [catalog] + (referenceOptions.signatures.map { [$0] } ?? []) + opportunityOptions.inputs }

  /// The fit configuration from --method and the thresholds.
  private func configuration() throws -> FitConfiguration {
    try usage { try FitConfiguration(method: method.fitMethod, addThreshold: addThreshold, removeThreshold: removeThreshold,
                                  overdispersion: overdispersion.mode) }
  }

  func run() throws {
    Console.quiet = log.quiet
    let folder = try output.folder(inputs: inputs)
    let job = try FitJob(.init(catalogPath: catalog, reference: opportunityOptions.applied(to: referenceOptions.choice), include: include,
                               exclude: exclude, configuration: try configuration(), bootstrap: bootstrap, seed: seed.seed, threads: threads.threads))
    job.messages.forEach { $0.log() }
    let start = Date()
    let result = job.fit()
    job.supportMessages(result).forEach { $0.log() }
    try folder.publish { staging in
      try job.write(result, toDirectory: staging.stagingPath, libraries: LinkedLibraries.all, warnings: Console.warnings)
      let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
      Console.info("signatures: \((job.table as NSString).lastPathComponent); \(result.selectedSignatureCount) of \(job.signatures.count) selected in some sample")
      Console.info("fitted \(job.signatures.count) signatures to \(job.catalog.sampleCount) samples (\(job.request.configuration.method.rawValue), \(bootstrap) bootstraps) in \(seconds) s into \(folder.path)/")
      try report.writeReport(staging)
    }
  }
}

/// `--method`: `sparse` is the default selection rule, whatever `FitConfiguration.defaultMethod` is.
enum FitMethodChoice: String, CaseIterable, ExpressibleByArgument {
  case sparse, likelihood, cosine, nnls, kl

  var fitMethod: FitMethod {
    switch self {
    case .sparse: return FitConfiguration.defaultMethod
    case .likelihood: return .likelihood
    case .cosine: return .cosine
    case .nnls: return .nnls
    case .kl: return .kl
    }
  }
}

/// `--overdispersion`: `auto` estimates it per sample (Decision 0008), `off` is the plain multinomial rule.
enum OverdispersionChoice: String, CaseIterable, ExpressibleByArgument {
  case auto, off

  var mode: Overdispersion { self == .auto ? .estimated : .off }
}
