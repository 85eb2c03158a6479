import SigilCore

/// The signatures and per-sample exposures of one mutation class, ready to attribute its channels.
///
/// P(signature s | channel c, sample j) = w[c, s] · h[s, j] / Σ_t w[c, t] · h[t, j]
/// (Bayes' rule with the exposures as the prior weight of each signature in the sample and the
/// signature as the likelihood of the channel; SigProfilerAssignment and MutationalPatterns use
/// the same posterior; Methods-attribute.md).
public struct AttributionModel: Sendable {
  /// The signatures (columns sum to 1), their channels in canonical order.
  public let signatures: SignatureSet
  /// Samples of the exposure table.
  public let sampleNames: [String]
  /// Exposures, samples x signatures, columns in `signatures.names` order (0 where the table has none).
  public let exposures: Matrix
  /// Bootstrap 95% intervals of the exposures (samples x signatures each), when the fit has them.
  public let intervals: (lower: Matrix, upper: Matrix)?
  /// Where it came from (a folder or the tables), for messages and run.json.
  public let source: String
  /// The files read (for run.json checksums).
  public let files: [String]

  private let sampleIndex: [String: Int]

  /// Creates a model; `exposures` and `intervals` are samples x `signatures.count`.
  public init(signatures: SignatureSet, sampleNames: [String], exposures: Matrix, intervals: (lower: Matrix, upper: Matrix)?,
              source: String, files: [String]) {
    precondition(exposures.rows == sampleNames.count && exposures.columns == signatures.count, "exposure shape mismatch")
    self.signatures = signatures
    self.sampleNames = sampleNames
    self.exposures = exposures
    self.intervals = intervals
    self.source = source
    self.files = files
    var index: [String: Int] = [:]
    for (i, name) in sampleNames.enumerated() where index[name] == nil { index[name] = i }
    sampleIndex = index
  }

  public var mutationClass: MutationClass { signatures.mutationClass }

  /// Row of `sample` in the exposures, or nil.
  public func sample(named sample: String) -> Int? { sampleIndex[sample] }

  /// P(signature | `channel`, `sample`) for every signature, or nil when no signature with a
  /// non-zero exposure in the sample can make this channel (the denominator is 0).
  /// - Complexity: O(signatures).
  public func probabilities(channel: Int, sample: Int) -> [Double]? {
    let k = signatures.count
    var p = [Double](repeating: 0, count: k)
    var total = 0.0
    for s in 0..<k {
      p[s] = signatures.matrix[channel, s] * exposures[sample, s]
      total += p[s]
    }
    guard total > 0, total.isFinite else { return nil }
    for s in 0..<k { p[s] /= total }
    return p
  }

  /// Bounds of P(`signature` | `channel`, `sample`) over every exposure vector inside the marginal
  /// bootstrap intervals: the probability rises with the signature's own exposure and falls with
  /// every other's, so the lower bound takes its own lower and the others' upper ends, the upper
  /// bound the reverse. Conservative (the box of marginal intervals holds more than the joint 95%).
  /// nil without intervals or when a bound's denominator is 0.
  public func probabilityBounds(signature: Int, channel: Int, sample: Int) -> (lower: Double, upper: Double)? {
    guard let intervals else { return nil }
    let w = signatures.matrix[channel, signature]
    var othersLow = 0.0, othersHigh = 0.0
    for t in 0..<signatures.count where t != signature {
      othersLow += signatures.matrix[channel, t] * intervals.lower[sample, t]
      othersHigh += signatures.matrix[channel, t] * intervals.upper[sample, t]
    }
    let ownLow = w * intervals.lower[sample, signature], ownHigh = w * intervals.upper[sample, signature]
    guard ownLow + othersHigh > 0, ownHigh + othersLow > 0 else { return nil }
    return (ownLow / (ownLow + othersHigh), ownHigh / (ownHigh + othersLow))
  }
}
