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

      Examples:
        sigil simulate -o sim/ --active SBS1,SBS5 --optional SBS2,SBS13,SBS3 --samples 50
        sigil simulate -o sim/ --samples 20 --vcf && sigil count -o counts/ --reference-fasta sim/reference.fa sim/vcf/*.vcf.gz
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
    var libraries: [String: String] = [:]
    if vcf {
      let files = try SyntheticGenome.write(catalog: cohort.catalog, directory: dir, seed: seed.seed)
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
        .merging(referenceOptions.manifestParameters(table: table)) { $1 },
      inputs: [table], libraries: libraries, warnings: Console.warnings
    ).write(toDirectory: dir)
    Console.info("simulated \(samples) samples x \(plan.alwaysActive.count + plan.optional.count) signatures into \(dir)/")
  }

  private func list(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
