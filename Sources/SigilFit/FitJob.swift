import Foundation
import SigilCore

/// One `sigil fit` run: the inputs read and checked, then the fit, then the output files.
///
/// `init` reads the catalog and the signature table and checks they fit together, before any
/// work; `fit()` computes; `write(_:toDirectory:...)` writes exposures.tsv, exposures_ci.tsv,
/// fit_stats.tsv, residuals.tsv and run.json.
public struct FitJob: Sendable {
  /// What the user asked for.
  public struct Request: Sendable {
    public var catalogPath: String
    public var reference: ReferenceChoice
    /// `--include` / `--exclude` as given (comma-separated), recorded in run.json as given.
    public var include: String?
    public var exclude: String?
    public var configuration: FitConfiguration
    public var bootstrap: Int
    public var seed: UInt64
    public var threads: Int

    public init(catalogPath: String, reference: ReferenceChoice, include: String?, exclude: String?,
                configuration: FitConfiguration, bootstrap: Int, seed: UInt64, threads: Int) {
      self.catalogPath = catalogPath; self.reference = reference; self.include = include; self.exclude = exclude
      self.configuration = configuration; self.bootstrap = bootstrap; self.seed = seed; self.threads = threads
    }
  }

  public let request: Request
  public let catalog: MutationCatalog
  /// The signatures fitted: the table's (after `--include`/`--exclude`), renormalised to the
  /// `--opportunity` when one was given.
  public let signatures: SignatureSet
  /// The signature table used (`--signatures`, or the bundled table of the catalog's class).
  public let table: String
  /// The opportunity renormalisation, when `--opportunity` was given.
  public let renormalisation: OpportunityRenormalisation?

  /// Reads and checks the inputs.
  /// - Throws: read errors, `ReferenceDataError`, `FitError` (unknown names, class mismatch).
  public init(_ request: Request) throws {
    self.request = request
    catalog = try MutationCatalog.read(path: request.catalogPath)
    table = try request.reference.tablePath(for: catalog.mutationClass)
    let (read, rescaled) = try SignatureSet.readNotingRescaled(path: table)
    rescaledWarning = SignatureSet.rescaledWarning(path: table, rescaled)
    let subset = try FitInputs.subset(read, include: request.include.map(Self.list), exclude: Self.list(request.exclude ?? ""))
    try FitInputs.check(catalog: catalog, signatures: subset)
    if let r = try OpportunityRenormalisation(signatures: subset, reference: request.reference) {
      renormalisation = r
      signatures = r.renormalised
    } else {
      renormalisation = nil
      signatures = subset
    }
  }

  /// Signature columns that did not sum to 1 in the table (renormalised), if any.
  let rescaledWarning: String?

  /// The renormalised-columns warning, the opportunity used, and one warning per sample with no mutations.
  public var messages: [RunMessage] {
    let scales = RunMessage.info("exposures.tsv: mutations in these sites (panel scale); exposures_per_mb.tsv: per Mb of the reference genome")
    return (rescaledWarning.map { [RunMessage.warning($0)] } ?? []) + (renormalisation.map { $0.messages + [scales] } ?? [])
      + catalog.totals.enumerated().filter { $0.element == 0 }.map {
        .warning("sample '\(catalog.sampleNames[$0.offset])' has no mutations: exposures 0, cosine and KL NA")
      }
  }

  /// What the data can and cannot support, from the bootstrap: a selected exposure whose 95%
  /// interval reaches 0 (the signature is missing from some replicates) cannot be told from
  /// absence. One line for the cohort and, for up to `detailedSamples` samples, one per such
  /// exposure, so a panel's few mutations are not over-read (Docs/Methods-fit.md §7).
  public func supportMessages(_ result: CohortFit, detailedSamples: Int = 10) -> [RunMessage] {
    guard !result.intervals.isEmpty else { return [] }
    var weak: [(sample: Int, signature: Int)] = []
    var selected = 0
    for (s, fit) in result.samples.enumerated() {
      for (j, x) in fit.exposures.enumerated() where x > 0 {
        selected += 1
        if result.intervals[s][j].lower <= 0 { weak.append((s, j)) }
      }
    }
    guard selected > 0 else { return [] }
    let rule = request.configuration.method == .likelihood
      ? "selected when 2·log-likelihood gain > \(NumberFormatting.format(request.configuration.addThreshold))"
      : "method \(request.configuration.method.rawValue)"
    var out: [RunMessage] = [.info("support: \(selected - weak.count) of \(selected) selected exposures have a 95% bootstrap interval above 0; "
                                   + "\(weak.count) \(weak.count == 1 ? "reaches" : "reach") 0 and cannot be told from absence (\(rule); exposures_ci.tsv: lower, selected_fraction)")]
    guard !weak.isEmpty, catalog.sampleCount <= detailedSamples else { return out }
    let f = NumberFormatting.format
    func round(_ x: Double) -> String { f((x * 10).rounded() / 10) }
    for (s, j) in weak {
      let iv = result.intervals[s][j]
      out.append(.warning("\(catalog.sampleNames[s]) (\(f(catalog.totals[s])) mutations): \(signatures.names[j]) "
                          + "\(round(result.samples[s].exposures[j])) [\(round(iv.lower)), \(round(iv.upper))], selected in "
                          + "\(Int((iv.selectedFraction * 100).rounded()))% of \(result.bootstrap) replicates: not supported by the data"))
    }
    return out
  }

  /// Fits every sample (with bootstrap intervals).
  public func fit() -> CohortFit {
    CohortFitter.fit(catalog, fitter: SignatureFitter(signatures: signatures, configuration: request.configuration),
                     bootstrap: request.bootstrap, seed: request.seed, threads: request.threads)
  }

  /// Writes the fit's tables and run.json into `directory`.
  /// - Throws: `TableFormatError.cannotWrite`.
  public func write(_ result: CohortFit, toDirectory directory: String, libraries: [String: String], warnings: [String]) throws {
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    let samples = catalog.sampleNames
    try result.exposureTable(sampleNames: samples, signatureNames: signatures.names).write(to: path("exposures.tsv"))
    try AtomicFile.write(FitTables.intervals(result, sampleNames: samples, signatureNames: signatures.names), to: path("exposures_ci.tsv"))
    try AtomicFile.write(FitTables.statistics(result, sampleNames: samples), to: path("fit_stats.tsv"))
    try AtomicFile.write(FitTables.residuals(result, catalog: catalog, signatures: signatures), to: path("residuals.tsv"))
    if let renormalisation {
      try renormalisation.perMegabase(result.exposureTable(sampleNames: samples, signatureNames: signatures.names))
        .write(to: path("exposures_per_mb.tsv"))
      try signatures.write(to: path("signatures_renormalised.tsv"))
    }
    try RunManifest(command: "fit", seed: request.seed, typedParameters: parameters,
                    inputs: [request.catalogPath, table] + (renormalisation?.inputs ?? []),
                    libraries: libraries, warnings: warnings).write(toDirectory: directory)
  }

  /// The run.json parameters.
  struct Parameters: Encodable {
    var include: String, exclude: String, method: String, addThreshold: Double, removeThreshold: Double, bootstrap: Int
    /// `auto` or `off`, as the user writes it.
    var overdispersion: String
    var reference: [String: String]
    enum CodingKeys: String, CodingKey {
      case include, exclude, method, addThreshold = "add-threshold", removeThreshold = "remove-threshold", bootstrap,
           overdispersion, reference
    }
  }

  var parameters: Parameters {
    let c = request.configuration
    return Parameters(include: request.include ?? "", exclude: request.exclude ?? "", method: c.method.rawValue,
                      addThreshold: c.addThreshold, removeThreshold: c.removeThreshold, bootstrap: request.bootstrap,
                      overdispersion: c.overdispersion == .estimated ? "auto" : "off", reference: request.reference.parameters(table: table))
  }

  static func list(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
