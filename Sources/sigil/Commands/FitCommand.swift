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
      and a warning.

      Examples:
        sigil fit -o fit/ catalog.tsv
        sigil fit -o fit/ catalog.tsv --reference cosmic-v3.4 --genome GRCh38 --exome
        sigil fit -o fit/ catalog.tsv --exclude SBS27,SBS43,SBS45 --bootstrap 200 --threads 8
        sigil fit -o fit/ catalog.tsv --signatures extract/signatures.tsv --method nnls
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
  @Option(help: "Selection: sparse (the default rule, = likelihood), likelihood, cosine or nnls (no selection).")
  var method = "sparse"
  @Option(help: "Add threshold (2*log-likelihood gain, or cosine gain); default per method.")
  var addThreshold: Double?
  @Option(help: "Remove threshold (2*log-likelihood loss, or cosine loss); default per method.")
  var removeThreshold: Double?
  @Option(help: "Overdispersion in the likelihood rule: auto (estimate it per sample; where counts are significantly noisier than Poisson, select on a weighted quasi-likelihood, keep the signatures also selected in 6 of 20 seeded resamples, and bootstrap with negative-binomial noise) or off (the plain multinomial rule).")
  var overdispersion = "auto"
  @Option(help: "Bootstrap replicates per sample (0 = none).")
  var bootstrap = 100
  @OptionGroup var report: ReportFlag

  func validate() throws {
    guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be >= 0 (got \(bootstrap))") }
    guard method == "sparse" || FitMethod(rawValue: method) != nil else {
      throw ValidationError("--method must be sparse, likelihood, cosine or nnls (got '\(method)')")
    }
    do { _ = try configuration() } catch { throw ValidationError("\(error)") }
  }

  /// The fit configuration from --method and the thresholds.
  private func configuration() throws -> FitConfiguration {
    let fitMethod = method == "sparse" ? FitConfiguration.defaultMethod : FitMethod(rawValue: method)!
    guard let mode = overdispersion == "auto" ? .estimated : Overdispersion(rawValue: overdispersion) else {
      throw ValidationError("--overdispersion must be auto or off (got '\(overdispersion)')")
    }
    return try FitConfiguration(method: fitMethod, addThreshold: addThreshold, removeThreshold: removeThreshold,
                                overdispersion: mode)
  }

  func run() throws {
    Console.quiet = log.quiet
    let config = try configuration()
    let fitMethod = config.method
    let counts = try MutationCatalog.read(path: catalog)
    // The bundled table of the catalog's own class (SBS96, DBS78 or ID83 where shipped).
    let table = try referenceOptions.tablePath(for: counts.mutationClass)
    let set = try FitInputs.subset(SignatureSet.read(path: table), include: include.map(list), exclude: list(exclude ?? ""))
    try FitInputs.check(catalog: counts, signatures: set)
    for (j, total) in counts.totals.enumerated() where total == 0 {
      Console.warning("sample '\(counts.sampleNames[j])' has no mutations: exposures 0, cosine and KL NA")
    }

    let start = Date()
    let result = CohortFitter.fit(counts, fitter: SignatureFitter(signatures: set, configuration: config),
                                  bootstrap: bootstrap, seed: seed.seed, threads: threads.threads)
    let dir = output.output
    try AtomicFile.makeDirectory(dir)
    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
    try result.exposureTable(sampleNames: counts.sampleNames, signatureNames: set.names).write(to: path("exposures.tsv"))
    try AtomicFile.write(FitTables.intervals(result, sampleNames: counts.sampleNames, signatureNames: set.names), to: path("exposures_ci.tsv"))
    try AtomicFile.write(FitTables.statistics(result, sampleNames: counts.sampleNames), to: path("fit_stats.tsv"))
    try AtomicFile.write(FitTables.residuals(result, catalog: counts, signatures: set), to: path("residuals.tsv"))
    try RunManifest(
      command: "fit", seed: seed.seed,
      parameters: ["include": include ?? "", "exclude": exclude ?? "",
                   "method": fitMethod.rawValue, "add-threshold": "\(config.addThreshold)",
                   "remove-threshold": "\(config.removeThreshold)", "overdispersion": overdispersion,
                   "bootstrap": "\(bootstrap)"]
        .merging(referenceOptions.manifestParameters(table: table)) { $1 },
      inputs: [catalog, table], libraries: LinkedLibraries.all, warnings: Console.warnings
    ).write(toDirectory: dir)
    let seconds = Date().timeIntervalSince(start)
    Console.info("fitted \(set.count) signatures to \(counts.sampleCount) samples (\(fitMethod.rawValue), \(bootstrap) bootstraps) in \(String(format: "%.2f", seconds)) s into \(dir)/")
    try report.writeReport(folder: dir)
  }

  private func list(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
