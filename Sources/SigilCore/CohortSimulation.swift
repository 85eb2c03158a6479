import Foundation

/// A recipe for a synthetic cohort with known signatures and exposures (`sigil simulate`).
///
/// Each sample gets a mutation burden from a log-normal distribution, the `alwaysActive`
/// signatures plus each `optional` signature with probability `optionalProbability`, Dirichlet
/// proportions over its active signatures, and counts drawn around `W · h` with the chosen noise.
///
/// ```swift
/// let plan = try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1", "SBS5"],
///                               optional: ["SBS2", "SBS13"], sampleCount: 30)
/// var rng = SeededGenerator(seed: 1)
/// let cohort = plan.simulate(using: &rng)
/// ```
public struct SimulationPlan: Sendable {
  /// How observed counts scatter around their expectation.
  public enum Noise: Equatable, Sendable {
    /// Expected counts rounded to whole numbers.
    case none
    /// Poisson counts (sampling noise only).
    case poisson
    /// Negative binomial counts with dispersion r (variance μ + μ²/r): overdispersed, as real data.
    case negativeBinomial(dispersion: Double)
  }

  public let signatures: SignatureSet
  public let alwaysActive: [String]
  public let optional: [String]
  public let optionalProbability: Double
  public let sampleCount: Int
  public let burdenMedian: Double
  public let burdenSpread: Double
  public let concentration: Double
  public let noise: Noise
  public let samplePrefix: String

  /// Validates a plan.
  /// - Parameters:
  ///   - signatures: The table the signatures are taken from.
  ///   - alwaysActive: Signatures present in every sample (at least one signature overall).
  ///   - optional: Signatures each present with `optionalProbability` (default 0.3).
  ///   - sampleCount: Number of samples (>= 1).
  ///   - burdenMedian: Median mutations per sample (> 0); `burdenSpread` is the log-scale sd (>= 0).
  ///   - concentration: Dirichlet concentration of each active signature (> 0); 1 is uniform.
  /// - Throws: `SimulationError.invalidParameter` saying which value is wrong.
  public init(signatures: SignatureSet, alwaysActive: [String], optional: [String] = [],
              optionalProbability: Double = 0.3, sampleCount: Int, burdenMedian: Double = 2000,
              burdenSpread: Double = 0.5, concentration: Double = 1, noise: Noise = .poisson,
              samplePrefix: String = "S") throws {
    func check(_ ok: Bool, _ message: String) throws { if !ok { throw SimulationError.invalidParameter(message) } }
    try check(!(alwaysActive + optional).isEmpty, "at least one signature is needed (--active or --optional)")
    try check(Set(alwaysActive + optional).count == (alwaysActive + optional).count, "a signature is listed twice in --active/--optional")
    try check(sampleCount >= 1, "samples must be at least 1 (got \(sampleCount))")
    try check(burdenMedian > 0 && burdenMedian.isFinite, "burden median must be > 0 (got \(burdenMedian))")
    try check(burdenSpread >= 0 && burdenSpread.isFinite, "burden spread must be >= 0 (got \(burdenSpread))")
    try check(concentration > 0 && concentration.isFinite, "concentration must be > 0 (got \(concentration))")
    try check((0...1).contains(optionalProbability), "optional probability must be in [0, 1] (got \(optionalProbability))")
    if case let .negativeBinomial(r) = noise { try check(r > 0 && r.isFinite, "dispersion must be > 0 (got \(r))") }
    let unknown = (alwaysActive + optional).filter { !signatures.names.contains($0) }
    if !unknown.isEmpty {
      throw SimulationError.invalidParameter("unknown signature(s) \(unknown.joined(separator: ", ")); the table has e.g. \(signatures.names.prefix(6).joined(separator: ", "))")
    }
    self.signatures = signatures
    self.alwaysActive = alwaysActive
    self.optional = optional
    self.optionalProbability = optionalProbability
    self.sampleCount = sampleCount
    self.burdenMedian = burdenMedian
    self.burdenSpread = burdenSpread
    self.concentration = concentration
    self.noise = noise
    self.samplePrefix = samplePrefix
  }

  /// Draws a cohort. The same plan and generator state give the same cohort.
  /// - Complexity: O(samples · channels · signatures) plus the noise draws.
  public func simulate(using rng: inout some RandomNumberGenerator) -> SimulatedCohort {
    let names = alwaysActive + optional
    let truth = try! signatures.selecting(names, path: "signatures")
    let channels = truth.mutationClass.channelCount
    let width = String(sampleCount).count
    let sampleNames = (1...sampleCount).map { i in
      samplePrefix + String(repeating: "0", count: width - String(i).count) + String(i)
    }
    var exposures = Matrix(rows: sampleCount, columns: names.count)
    var counts = Matrix(rows: channels, columns: sampleCount)
    for s in 0..<sampleCount {
      let burden = Swift.max(1, (rng.nextLogNormal(median: burdenMedian, sigma: burdenSpread)).rounded())
      var active = Array(0..<alwaysActive.count)
      for o in 0..<optional.count where rng.nextUnit() < optionalProbability { active.append(alwaysActive.count + o) }
      if active.isEmpty { active = [alwaysActive.count + Int(rng.nextUnit() * Double(optional.count))] }
      let proportions = rng.nextDirichlet(Array(repeating: concentration, count: active.count))
      for (a, p) in zip(active, proportions) { exposures[s, a] = burden * p }
      for c in 0..<channels {
        var expected = 0.0
        for a in active { expected += truth.matrix[c, a] * exposures[s, a] }
        switch noise {
        case .none: counts[c, s] = expected.rounded()
        case .poisson: counts[c, s] = Double(rng.nextPoisson(mean: expected))
        case let .negativeBinomial(r): counts[c, s] = Double(rng.nextNegativeBinomial(mean: expected, dispersion: r))
        }
      }
    }
    return SimulatedCohort(
      catalog: MutationCatalog(mutationClass: truth.mutationClass, sampleNames: sampleNames, counts: counts),
      signatures: truth,
      exposures: ExposureTable(sampleNames: sampleNames, signatureNames: names, values: exposures))
  }
}

/// A simulated cohort and the truth it was drawn from.
public struct SimulatedCohort: Sendable {
  /// Observed counts.
  public let catalog: MutationCatalog
  /// The signatures used (columns in the order active, then optional).
  public let signatures: SignatureSet
  /// Expected mutations per sample and signature (burden x proportion), one row per sample.
  public let exposures: ExposureTable
}

/// Why a simulation plan is invalid.
public enum SimulationError: Error, Equatable, CustomStringConvertible, Sendable {
  case invalidParameter(String)
  public var description: String {
    switch self { case let .invalidParameter(m): return m }
  }
}
