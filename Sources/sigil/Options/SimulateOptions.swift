import ArgumentParser
import SigilCore
import SigilVCF

/// The cohort options of `sigil simulate`.
struct SimulateOptions: ParsableArguments {
  @Option(help: "Comma-separated signatures active in every sample.")
  var active = "SBS1,SBS5"
  @Option(help: "Comma-separated signatures active in some samples.")
  var optional = "SBS2,SBS13,SBS3,SBS18"
  @Option(parsing: .unconditional, help: "Probability that each optional signature is active in a sample (0 to 1).")
  var optionalProbability = 0.3
  @Option(parsing: .unconditional, help: "Number of samples (>= 1).")
  var samples = 30
  @Option(parsing: .unconditional, help: "Median mutations per sample (log-normal; > 0).")
  var burdenMedian = 2000.0
  @Option(parsing: .unconditional, help: "Log-scale standard deviation of the burden (>= 0).")
  var burdenSpread = 0.5
  @Option(parsing: .unconditional, help: "Dirichlet concentration of the active signatures' proportions (> 0).")
  var concentration = 1.0
  @Option(help: "Noise: none, poisson or nb (negative binomial).")
  var noise = Noise.poisson
  @Option(parsing: .unconditional, help: "Negative-binomial dispersion r (variance = mean + mean^2/r; > 0).")
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
  @Option(parsing: .unconditional, help: "With --indels: median indels per sample as a fraction of --burden-median (> 0).")
  var indelFraction = 0.1
  @Option(help: "With --indels: ID83 signature table (default: the bundled COSMIC v3.4 ID, GRCh37).")
  var indelSignatures: String?

  enum Noise: String, CaseIterable, ExpressibleByArgument {
    case none, poisson, nb, negativeBinomial = "negative-binomial"
  }

  func validate() throws {
    try require(samples >= 1, "--samples must be at least 1 (got \(samples))")
    try require(burdenMedian > 0 && burdenMedian.isFinite, "--burden-median must be > 0 (got \(burdenMedian))")
    try require(burdenSpread >= 0 && burdenSpread.isFinite, "--burden-spread must be >= 0 (got \(burdenSpread))")
    try require(concentration > 0 && concentration.isFinite, "--concentration must be > 0 (got \(concentration))")
    try require((0...1).contains(optionalProbability), "--optional-probability must be in [0, 1] (got \(optionalProbability))")
    try require(dispersion > 0 && dispersion.isFinite, "--dispersion must be > 0 (got \(dispersion))")
    try require(indelFraction > 0 && indelFraction.isFinite, "--indel-fraction must be > 0 (got \(indelFraction))")
    try require(!(commaList(active) + commaList(optional)).isEmpty, "give at least one signature (--active or --optional)")
    let names = commaList(active) + commaList(optional)
    try require(Set(names).count == names.count, "a signature is listed twice in --active/--optional")
    try require(indels || indelSignatures == nil, "--indel-signatures needs --indels")
    if indels {
      let ids = commaList(indelActive) + commaList(indelOptional)
      try require(!ids.isEmpty, "give at least one ID signature (--indel-active or --indel-optional)")
      try require(Set(ids).count == ids.count, "a signature is listed twice in --indel-active/--indel-optional")
    }
    try require(!samplePrefix.contains(where: { $0.isWhitespace || $0 == "/" }),
                "--sample-prefix must be without spaces or '/' (got '\(samplePrefix)')")
  }

  func request(seed: UInt64, reference: ReferenceChoice) -> SimulationJob.Request {
    var r = SimulationJob.Request()
    r.reference = reference; r.active = active; r.optional = optional; r.optionalProbability = optionalProbability
    r.samples = samples; r.burdenMedian = burdenMedian; r.burdenSpread = burdenSpread; r.concentration = concentration
    r.noise = noise.rawValue; r.dispersion = dispersion; r.samplePrefix = samplePrefix; r.vcf = vcf; r.indels = indels
    r.indelActive = indelActive; r.indelOptional = indelOptional; r.indelFraction = indelFraction
    r.indelSignatures = indelSignatures; r.seed = seed
    return r
  }
}
