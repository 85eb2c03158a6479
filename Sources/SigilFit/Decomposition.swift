import SigilCore

/// A signature written as a sparse non-negative mix of reference signatures.
public struct Decomposition: Sendable, Equatable {
  /// Weight of each reference signature (same order as the reference set), summing to 1 over the
  /// selected ones; 0 = not used.
  public var weights: [Double]
  /// Cosine similarity of the signature and `Σ weight · reference`.
  public var cosine: Double
  /// Names of the reference signatures used, by decreasing weight.
  public var components: [String]
}

extension SignatureFitter {
  /// The thresholds used to decompose de novo signatures: the cosine rule with
  /// SigProfilerExtractor's decomposition penalties (add when the cosine rises by > 0.05, remove
  /// when it drops by < 0.01), which suit a noise-free probability vector.
  public static let decompositionConfiguration = try! FitConfiguration(method: .cosine, addThreshold: 0.05, removeThreshold: 0.01)

  /// Decomposes a (de novo) signature onto a reference set by sparse NNLS.
  ///
  /// The signature is scaled to sum 1, fitted as a sample with the cosine forward/backward rule
  /// (scale-free, unlike the likelihood rule, which needs counts), and the weights are normalised
  /// to sum 1.
  /// - Parameters:
  ///   - signature: Channel values in the reference set's channel order (length = channels), ≥ 0,
  ///     not all zero.
  ///   - reference: The signatures to decompose onto (e.g. COSMIC v3.4 SBS96).
  ///   - configuration: Selection rule; default `decompositionConfiguration`.
  /// - Returns: Weights (sum 1 over used signatures), the reconstruction cosine and the names used.
  /// - Complexity: one sparse fit, O(channels · k) plus small NNLS solves.
  public static func decompose(signature: [Double], onto reference: SignatureSet,
                               configuration: FitConfiguration = decompositionConfiguration) -> Decomposition {
    precondition(signature.count == reference.matrix.rows, "signature has \(signature.count) channels, reference has \(reference.matrix.rows)")
    let total = signature.reduce(0, +)
    precondition(total > 0 && signature.allSatisfy { $0 >= 0 && $0.isFinite }, "signature must be non-negative and not all zero")
    let fitter = SignatureFitter(signatures: reference, configuration: configuration)
    let fit = fitter.fit(signature.map { $0 / total })
    let sum = fit.exposures.reduce(0, +)
    let weights = sum > 0 ? fit.exposures.map { $0 / sum } : fit.exposures
    let order = weights.indices.filter { weights[$0] > 0 }.sorted { weights[$0] > weights[$1] || weights[$0] == weights[$1] && $0 < $1 }
    return Decomposition(weights: weights, cosine: fit.cosine ?? 0, components: order.map { reference.names[$0] })
  }
}
