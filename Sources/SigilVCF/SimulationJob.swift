import Foundation
import SigilCore

/// One `sigil simulate` run: the plans built and checked from the request (`init`, before
/// anything is written), then the cohort(s) written into a folder (`write`).
public struct SimulationJob: Sendable {
  /// What the user asked for; lists are comma-separated as given (and recorded so in run.json).
  public struct Request: Sendable {
    public var reference = ReferenceChoice()
    public var active = "SBS1,SBS5", optional = "SBS2,SBS13,SBS3,SBS18"
    public var optionalProbability = 0.3
    public var samples = 30
    public var burdenMedian = 2000.0, burdenSpread = 0.5, concentration = 1.0
    /// `--noise` as given (none, poisson, nb or negative-binomial).
    public var noise = "poisson"
    public var dispersion = 50.0
    public var samplePrefix = "S"
    public var vcf = false, indels = false
    public var indelActive = "ID1,ID2", indelOptional = "ID8"
    public var indelFraction = 0.1
    public var indelSignatures: String?
    public var seed: UInt64 = 0
    public init() {}

    var noiseModel: SimulationPlan.Noise {
      switch noise {
      case "none": return .none
      case "nb", "negative-binomial": return .negativeBinomial(dispersion: dispersion)
      default: return .poisson
      }
    }
  }

  public let request: Request
  public let table: String
  public let plan: SimulationPlan
  public let indelTable: String?
  public let indelPlan: SimulationPlan?

  /// Reads the signature tables and builds the plans.
  /// - Throws: read errors, `ReferenceDataError`, `SimulationError` (unknown signatures, a non-ID83 indel table).
  public init(_ r: Request) throws {
    request = r
    table = try r.reference.tablePath()
    plan = try SimulationPlan(
      signatures: try SignatureSet.read(path: table), alwaysActive: Self.list(r.active), optional: Self.list(r.optional),
      optionalProbability: r.optionalProbability, sampleCount: r.samples, burdenMedian: r.burdenMedian,
      burdenSpread: r.burdenSpread, concentration: r.concentration, noise: r.noiseModel, samplePrefix: r.samplePrefix)
    guard r.indels else { indelTable = nil; indelPlan = nil; return }
    let idTable = try r.indelSignatures ?? ReferenceData.path(version: "cosmic-v3.4", mutationClass: .id83, genome: "GRCh37")
    let idSource = try SignatureSet.read(path: idTable)
    guard idSource.mutationClass == .id83 else {
      throw SimulationError.invalidParameter("--indel-signatures must be an ID83 table (got \(idSource.mutationClass.rawValue))")
    }
    indelTable = idTable
    indelPlan = try SimulationPlan(
      signatures: idSource, alwaysActive: Self.list(r.indelActive), optional: Self.list(r.indelOptional),
      optionalProbability: r.optionalProbability, sampleCount: r.samples, burdenMedian: r.burdenMedian * r.indelFraction,
      burdenSpread: r.burdenSpread, concentration: r.concentration, noise: r.noiseModel, samplePrefix: r.samplePrefix)
  }

  /// Simulates and writes catalog.tsv, the truth tables, the ID83 cohort (`indels`), the VCFs and
  /// FASTA (`vcf`) and run.json into `directory`.
  /// - Returns: Lines for the log (paths named inside `shownDirectory`, the folder's final name).
  public func write(toDirectory directory: String, shownDirectory: String, warnings: () -> [String]) throws -> [RunMessage] {
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    func shown(_ name: String) -> String { (shownDirectory as NSString).appendingPathComponent(name) }
    var rng = SeededGenerator(seed: request.seed)
    let cohort = plan.simulate(using: &rng)
    try cohort.catalog.write(to: path("catalog.tsv"))
    try cohort.signatures.write(to: path("truth_signatures.tsv"))
    try cohort.exposures.write(to: path("truth_exposures.tsv"))
    var indelCohort: SimulatedCohort? = nil
    if let indelPlan {
      // Its own stream, so the SBS96 outputs are those of a run without --indels.
      var idRNG = SeededGenerator.stream(seed: request.seed, 0x1D83)
      let idCohort = indelPlan.simulate(using: &idRNG)
      try idCohort.catalog.write(to: path("catalog.id83.tsv"))
      try idCohort.signatures.write(to: path("truth_signatures.id83.tsv"))
      try idCohort.exposures.write(to: path("truth_exposures.id83.tsv"))
      indelCohort = idCohort
    }
    var messages: [RunMessage] = []
    var libraries: [String: String] = [:]
    if request.vcf {
      let files = try SyntheticGenome.write(catalog: cohort.catalog, indels: indelCohort?.catalog, directory: directory, seed: request.seed,
                                            origins: Self.origins(of: cohort, seed: request.seed, stream: 0x7E57),
                                            indelOrigins: indelCohort.map { Self.origins(of: $0, seed: request.seed, stream: 0x7E58) })
      try AtomicFile.write(Self.truthTSV(files.truth), to: path("truth_mutations.tsv"))
      libraries["htslib"] = HTSLibInfo.version
      messages.append(.info("wrote \(shown("reference.fa")) and \(files.vcfPaths.count) VCFs in \(shown("vcf"))/ (true signature of each mutation in \(shown("truth_mutations.tsv")))"))
    }
    try RunManifest(command: "simulate", seed: request.seed, typedParameters: parameters,
                    inputs: [table] + (indelTable.map { [$0] } ?? []), libraries: libraries, warnings: warnings()).write(toDirectory: directory)
    messages.append(.info("simulated \(request.samples) samples x \(plan.alwaysActive.count + plan.optional.count) signatures into \(shownDirectory)/"))
    if let indelCohort {
      messages.append(.info("simulated \(Int(indelCohort.catalog.counts.values.reduce(0, +))) indels (\(indelCohort.signatures.names.joined(separator: ","))) into \(shown("catalog.id83.tsv"))"))
    }
    return messages
  }

  /// The run.json parameters.
  struct Parameters: Encodable {
    var active: String, optional: String, optionalProbability: Double, samples: Int, burdenMedian: Double
    var burdenSpread: Double, concentration: Double, noise: String, dispersion: Double
    var vcf: String?
    var indels: String?, indelActive: String?, indelOptional: String?, indelFraction: Double?, indelSignatures: String?
    var reference: [String: String]
    enum CodingKeys: String, CodingKey {
      case active, optional, optionalProbability = "optional-probability", samples, burdenMedian = "burden-median"
      case burdenSpread = "burden-spread", concentration, noise, dispersion, vcf, indels, indelActive = "indel-active"
      case indelOptional = "indel-optional", indelFraction = "indel-fraction", indelSignatures = "indel-signatures", reference
    }
  }

  var parameters: Parameters {
    let r = request, id = r.indels
    return Parameters(
      active: r.active, optional: r.optional, optionalProbability: r.optionalProbability, samples: r.samples,
      burdenMedian: r.burdenMedian, burdenSpread: r.burdenSpread, concentration: r.concentration, noise: r.noise,
      dispersion: r.dispersion, vcf: r.vcf ? "true" : nil, indels: id ? "true" : nil, indelActive: id ? r.indelActive : nil,
      indelOptional: id ? r.indelOptional : nil, indelFraction: id ? r.indelFraction : nil,
      indelSignatures: id ? (indelTable ?? "") : nil, reference: r.reference.parameters(table: table))
  }

  /// Which signature made each mutation: in each sample and channel, the observed count is split
  /// among the active signatures multinomially with probabilities w[c, s] · h[s] / Σ_t w[c, t] · h[t]
  /// (h the true expected exposures). For Poisson counts this is exactly the law of the per-signature
  /// counts given their channel total (a sum of independent Poissons split multinomially); for the
  /// other noise models it is the same split applied to the noisy total. Drawn from its own stream
  /// per sample, so no other output changes.
  static func origins(of cohort: SimulatedCohort, seed: UInt64, stream: UInt64) -> SyntheticGenome.Origins {
    let w = cohort.signatures.matrix, h = cohort.exposures.values
    let catalog = cohort.catalog
    var counts: [[[Int]]] = []
    for s in 0..<catalog.sampleCount {
      var rng = SeededGenerator.stream(seed: seed, stream, UInt64(s + 1))
      var perChannel: [[Int]] = []
      for c in 0..<catalog.mutationClass.channelCount {
        let n = Int(catalog.counts[c, s])
        let weights = (0..<w.columns).map { w[c, $0] * h[s, $0] }
        let total = weights.reduce(0, +)
        if n == 0 || total <= 0 { perChannel.append(Array(repeating: 0, count: w.columns)); continue }
        perChannel.append(rng.nextMultinomial(trials: n, probabilities: weights.map { $0 / total }))
      }
      counts.append(perChannel)
    }
    return SyntheticGenome.Origins(names: cohort.signatures.names, counts: counts)
  }

  /// truth_mutations.tsv: `sample chrom pos ref alt channel signature`, one row per planted mutation.
  static func truthTSV(_ truth: [SyntheticGenome.PlantedMutation]) -> String {
    var out = "sample\tchrom\tpos\tref\talt\tchannel\tsignature\n"
    for m in truth { out += "\(m.sample)\t\(m.contig)\t\(m.position)\t\(m.ref)\t\(m.alt)\t\(m.channel)\t\(m.signature)\n" }
    return out
  }

  static func list(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
