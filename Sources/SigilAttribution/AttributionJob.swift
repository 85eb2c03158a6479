import Foundation
import SigilCore
import SigilVCF

/// One `sigil attribute` run: the signature sets loaded and checked (`init`), the variants counted
/// and attributed (`run`), then the folder written (`write`): attribution.tsv, run.json and, with
/// `vcfOut`, one annotated bgzipped VCF (+ .tbi) per input in `vcf/`.
public struct AttributionJob: Sendable {
  /// What the user asked for.
  public struct Request: Sendable {
    /// VCF/BCF/MAF inputs, as `sigil count` takes them.
    public var inputs: [String]
    /// Counting settings (reference FASTA, filters, samples, threads); strict rules.
    public var counting: CountConfiguration
    /// One source per mutation class.
    public var sources: [AttributionSource]
    /// Write annotated VCFs.
    public var vcfOut = false
    /// A truth table (`sigil simulate --vcf`'s truth_mutations.tsv) to score against: adds
    /// reliability.tsv and attribution_accuracy.tsv.
    public var truthPath: String?

    public init(inputs: [String], counting: CountConfiguration, sources: [AttributionSource]) {
      self.inputs = inputs; self.counting = counting; self.sources = sources
    }
  }

  public let request: Request
  /// The loaded models, one per class, in the order given.
  public let models: [AttributionModel]

  /// Loads every source; checks there is at most one per mutation class.
  /// - Throws: `AttributionError`, `TableFormatError`.
  public init(_ request: Request) throws {
    self.request = request
    var models: [AttributionModel] = []
    for source in request.sources {
      let model = try source.load()
      if let other = models.first(where: { $0.mutationClass == model.mutationClass }) {
        throw AttributionError.duplicateClass(mutationClass: model.mutationClass.rawValue, first: other.source, second: model.source)
      }
      models.append(model)
    }
    self.models = models
  }

  /// Counts the inputs (as `sigil count`) and attributes every event of a class with signatures.
  /// - Throws: `VCFError` (inputs), `AttributionError` (samples without exposures, nothing counted,
  ///   no signatures for any counted class, `--vcf-out` on a multi-sample file).
  public func run() throws -> AttributionResult {
    let counted = try VariantCounter.countVariants(inputs: request.inputs, configuration: request.counting)
    let variants = counted.files.flatMap(\.variants)
    guard !variants.isEmpty else { throw AttributionError.noVariants(inputs: request.inputs) }
    let countedClasses = Set(variants.map(\.mutationClass))
    let usable = models.filter { countedClasses.contains($0.mutationClass) }
    guard !usable.isEmpty else {
      throw AttributionError.noModelForCounted(classes: MutationClass.allCases.filter(countedClasses.contains).map(\.rawValue))
    }
    let samples = counted.sbs96.sampleNames
    for model in usable {
      let missing = samples.filter { model.sample(named: $0) == nil }
      if !missing.isEmpty { throw AttributionError.samplesMissing(source: model.source, samples: missing, available: model.sampleNames) }
    }
    if request.vcfOut, let maf = counted.files.first(where: { $0.mode == .maf }) {
      throw AttributionError.vcfOutNeedsVCF(path: maf.path)
    }
    return AttributionResult(counted: counted, models: usable, sampleNames: samples)
  }

  /// Writes attribution.tsv, run.json and (with `vcfOut`) `vcf/<input name>.vcf.gz` + `.tbi`.
  /// - Returns: Lines for the log.
  /// - Throws: `TableFormatError.cannotWrite`, `VCFError`.
  public func write(_ result: AttributionResult, toDirectory directory: String, shownDirectory: String,
                    libraries: [String: String], warnings: () -> [String]) throws -> [RunMessage] {
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    var messages: [RunMessage] = []
    try AtomicFile.write(result.tsv(), to: path("attribution.tsv"))
    if let truthPath = request.truthPath {
      let score = try AttributionScore(result: result, truthPath: truthPath)
      try AtomicFile.write(score.reliabilityTSV(), to: path("reliability.tsv"))
      try AtomicFile.write(score.accuracyTSV(), to: path("attribution_accuracy.tsv"))
      let f = { (x: Double) in String(format: "%.3f", x) }
      messages.append(.info("against \(truthPath): most likely signature true for \(score.correct) of \(score.scored) mutations"
                            + (score.scored > 0 ? " (\(f(Double(score.correct) / Double(score.scored))))" : "")
                            + "; expected calibration error \(f(score.expectedCalibrationError)), Brier \(f(score.brier))"
                            + (score.unmatched > 0 ? "; \(score.unmatched) attributed mutations not in the truth" : "")))
    }
    let skipped = result.unattributedCounts
    for (cls, n) in skipped where n > 0 {
      messages.append(.info("\(n) \(cls.rawValue) variant(s) not attributed: no \(cls.rawValue) signatures given"))
    }
    if result.undefinedCount > 0 {
      messages.append(.warning("\(result.undefinedCount) variant(s) fall in channels no signature with a non-zero exposure in their sample "
                               + "can produce: signature NA in attribution.tsv"))
    }
    if request.vcfOut {
      let vcfDirectory = path("vcf")
      try AtomicFile.makeDirectory(vcfDirectory)
      var used = Set<String>()
      for file in result.counted.files {
        var name = Self.outputName(for: file.path)
        if used.contains(name) { name = "\(used.count + 1)_" + name }
        used.insert(name)
        let tags = file.variants.map { result.mostLikely($0) }
        var perSample = false
        if case .cohort = file.mode { perSample = true }
        let tagged = try AnnotatedVCF.write(input: file.path, output: (vcfDirectory as NSString).appendingPathComponent(name),
                                            variants: file.variants, tags: tags, perSample: perSample)
        messages.append(.info("\(file.path): \(tagged) ALT allele(s) tagged in \((shownDirectory as NSString).appendingPathComponent("vcf/" + name))"))
      }
    }
    let inputs = [request.counting.referencePath] + request.inputs + models.flatMap(\.files) + (request.truthPath.map { [$0] } ?? [])
      + (request.counting.regionsPath.map { [$0] } ?? [])
    try RunManifest(command: "attribute", seed: nil, typedParameters: parameters, inputs: inputs, libraries: libraries,
                    warnings: warnings() + messages.compactMap { if case let .warning(w) = $0 { return w } else { return nil } })
      .write(toDirectory: directory)
    messages.append(.info("attributed \(result.rows.count) variants of \(result.sampleNames.count) sample(s) to "
                          + "\(result.columns.count) signature(s) into \((shownDirectory as NSString).appendingPathComponent("attribution.tsv"))"))
    return messages
  }

  /// `tumour.vcf.gz`, `tumour.bcf`, `tumour.vcf` -> `tumour.sigil.vcf.gz`.
  static func outputName(for input: String) -> String {
    let name = input == "-" ? "stdin" : (input as NSString).lastPathComponent
    for suffix in [".vcf.gz", ".vcf.bgz", ".vcf", ".bcf"] where name.hasSuffix(suffix) && name.count > suffix.count {
      return String(name.dropLast(suffix.count)) + ".sigil.vcf.gz"
    }
    return name + ".sigil.vcf.gz"
  }

  /// The run.json parameters.
  struct Parameters: Encodable {
    var reference: String, allFilters: Bool, maxRefMismatch: Double, samples: String?, sources: String, vcfOut: Bool, truth: String?
    var regions: String?
    enum CodingKeys: String, CodingKey {
      case reference = "reference-fasta", allFilters = "all-filters", maxRefMismatch = "max-ref-mismatch", samples, sources, vcfOut = "vcf-out"
      case truth, regions
    }
  }

  var parameters: Parameters {
    let c = request.counting
    return Parameters(reference: c.referencePath, allFilters: c.allFilters, maxRefMismatch: c.maxRefMismatch,
                      samples: c.samples?.joined(separator: ","), sources: models.map { "\($0.mutationClass.rawValue)=\($0.source)" }.joined(separator: ","),
                      vcfOut: request.vcfOut, truth: request.truthPath, regions: c.regionsPath)
  }
}
