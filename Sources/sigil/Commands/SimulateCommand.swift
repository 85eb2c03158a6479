import ArgumentParser
import Foundation
import SigilCore
import SigilReport
import SigilVCF

/// `sigil simulate`: a ground-truth cohort from known signatures.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a cohort with known signatures and exposures.",
    discussion: """
      Writes catalog.tsv, truth_signatures.tsv, truth_exposures.tsv and run.json.
      With --vcf also reference.fa (+ .fai) and vcf/<sample>.vcf.gz, which `sigil count`
      turns back into catalog.tsv exactly.
      With --indels also an ID83 cohort from COSMIC ID signatures (catalog.id83.tsv,
      truth_signatures.id83.tsv, truth_exposures.id83.tsv); with --vcf as well, the VCFs
      carry one indel per ID83 count, which `sigil count` turns back into catalog.id83.tsv exactly.

      Examples:
        sigil simulate -o sim/ --active SBS1,SBS5 --optional SBS2,SBS13,SBS3 --samples 50
        sigil simulate -o sim/ --samples 20 --vcf && sigil count -o counts/ --reference-fasta sim/reference.fa sim/vcf/*.vcf.gz
        sigil simulate -o sim/ --samples 20 --vcf --indels --indel-active ID1,ID2 --indel-optional ID8
        sigil simulate -o sim/ --signatures my_sigs.tsv --active A,B --noise nb --dispersion 20
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var seed: SeedOptions
  @OptionGroup var log: LogOptions
  @OptionGroup var referenceOptions: ReferenceOptions

  @Option(help: "Comma-separated signatures active in every sample.")
  var active = "SBS1,SBS5"
  @Option(help: "Comma-separated signatures active in some samples.")
  var optional = "SBS2,SBS13,SBS3,SBS18"
  @Option(help: "Probability that each optional signature is active in a sample.")
  var optionalProbability = 0.3
  @Option(help: "Number of samples.")
  var samples = 30
  @Option(help: "Median mutations per sample (log-normal).")
  var burdenMedian = 2000.0
  @Option(help: "Log-scale standard deviation of the burden.")
  var burdenSpread = 0.5
  @Option(help: "Dirichlet concentration of the active signatures' proportions.")
  var concentration = 1.0
  @Option(help: "Noise: none, poisson or nb (negative binomial).")
  var noise = "poisson"
  @Option(help: "Negative-binomial dispersion r (variance = mean + mean^2/r).")
  var dispersion = 50.0
  @Option(help: "Prefix of sample names.")
  var samplePrefix = "S"
  @Flag(help: "Also write a synthetic reference.fa and one bgzipped VCF per sample (vcf/) matching catalog.tsv.")
  var vcf = false
  @Flag(help: "Also simulate an ID83 (indel) cohort: catalog.id83.tsv and truth_*.id83.tsv; with --vcf the VCFs carry its indels.")
  var indels = false
  @Option(help: "With --indels: comma-separated ID signatures active in every sample.")
  var indelActive = "ID1,ID2"
  @Option(help: "With --indels: comma-separated ID signatures active in some samples (--optional-probability).")
  var indelOptional = "ID8"
  @Option(help: "With --indels: median indels per sample as a fraction of --burden-median.")
  var indelFraction = 0.1
  @Option(help: "With --indels: ID83 signature table (default: the bundled COSMIC v3.4 ID, GRCh37).")
  var indelSignatures: String?

  func run() throws {
    Console.quiet = log.quiet
    let noiseModel: SimulationPlan.Noise
    switch noise {
    case "none": noiseModel = .none
    case "poisson": noiseModel = .poisson
    case "nb", "negative-binomial": noiseModel = .negativeBinomial(dispersion: dispersion)
    default: throw ValidationError("--noise must be none, poisson or nb (got '\(noise)')")
    }
    let table = try referenceOptions.tablePath()
    let source = try SignatureSet.read(path: table)
    let plan = try SimulationPlan(
      signatures: source, alwaysActive: list(active), optional: list(optional),
      optionalProbability: optionalProbability, sampleCount: samples, burdenMedian: burdenMedian,
      burdenSpread: burdenSpread, concentration: concentration, noise: noiseModel, samplePrefix: samplePrefix)
    var rng = SeededGenerator(seed: seed.seed)
    let cohort = plan.simulate(using: &rng)

    let dir = output.output
    try AtomicFile.makeDirectory(dir)
    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
    try cohort.catalog.write(to: path("catalog.tsv"))
    try cohort.signatures.write(to: path("truth_signatures.tsv"))
    try cohort.exposures.write(to: path("truth_exposures.tsv"))
    var indelCohort: SimulatedCohort? = nil
    var indelTable: String? = nil
    if indels {
      guard indelFraction > 0 && indelFraction.isFinite else {
        throw ValidationError("--indel-fraction must be > 0 (got \(indelFraction))")
      }
      let idTable = try indelSignatures ?? ReferenceData.path(version: "cosmic-v3.4", mutationClass: .id83, genome: "GRCh37")
      let idSource = try SignatureSet.read(path: idTable)
      guard idSource.mutationClass == .id83 else {
        throw ValidationError("--indel-signatures must be an ID83 table (got \(idSource.mutationClass.rawValue))")
      }
      let idPlan = try SimulationPlan(
        signatures: idSource, alwaysActive: list(indelActive), optional: list(indelOptional),
        optionalProbability: optionalProbability, sampleCount: samples, burdenMedian: burdenMedian * indelFraction,
        burdenSpread: burdenSpread, concentration: concentration, noise: noiseModel, samplePrefix: samplePrefix)
      // Its own stream, so the SBS96 outputs are those of a run without --indels.
      var idRNG = SeededGenerator.stream(seed: seed.seed, 0x1D83)
      let idCohort = idPlan.simulate(using: &idRNG)
      try idCohort.catalog.write(to: path("catalog.id83.tsv"))
      try idCohort.signatures.write(to: path("truth_signatures.id83.tsv"))
      try idCohort.exposures.write(to: path("truth_exposures.id83.tsv"))
      indelCohort = idCohort
      indelTable = idTable
    }
    var libraries: [String: String] = [:]
    if vcf {
      let files = try SyntheticGenome.write(catalog: cohort.catalog, indels: indelCohort?.catalog, directory: dir, seed: seed.seed)
      libraries["htslib"] = HTSLibInfo.version
      Console.info("wrote \(files.referencePath) and \(files.vcfPaths.count) VCFs in \(path("vcf"))/")
    }
    try RunManifest(
      command: "simulate", seed: seed.seed,
      parameters: ["active": active, "optional": optional,
                   "optional-probability": "\(optionalProbability)", "samples": "\(samples)",
                   "burden-median": "\(burdenMedian)", "burden-spread": "\(burdenSpread)",
                   "concentration": "\(concentration)", "noise": noise, "dispersion": "\(dispersion)"]
        .merging(vcf ? ["vcf": "true"] : [:]) { a, _ in a }
        .merging(indels ? ["indels": "true", "indel-active": indelActive, "indel-optional": indelOptional,
                           "indel-fraction": "\(indelFraction)", "indel-signatures": indelTable ?? ""] : [:]) { a, _ in a }
        .merging(referenceOptions.manifestParameters(table: table)) { $1 },
      inputs: [table] + (indelTable.map { [$0] } ?? []), libraries: libraries, warnings: Console.warnings
    ).write(toDirectory: dir)
    Console.info("simulated \(samples) samples x \(plan.alwaysActive.count + plan.optional.count) signatures into \(dir)/")
    if let indelCohort {
      Console.info("simulated \(Int(indelCohort.catalog.counts.values.reduce(0, +))) indels (\(indelCohort.signatures.names.joined(separator: ","))) into \(dir)/catalog.id83.tsv")
    }
  }

  private func list(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
