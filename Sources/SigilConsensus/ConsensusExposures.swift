import SigilCore
import SigilFit
import SigilNMF

/// The exposures of a catalog on consensus signatures: SigilFit's estimator without selection for
/// the run's NMF objective, so `extract/exposures.tsv` is what `sigil fit --signatures
/// extract/signatures.tsv --method kl` (or `nnls` after `--objective frobenius`) gives.
///
/// ```swift
/// let h = ConsensusExposures.fit(catalog: v, signatures: w, objective: .kullbackLeibler)   // k x samples
/// ```
public enum ConsensusExposures {
  /// The `sigil fit` method that is the exposure estimator of an NMF objective: Poisson maximum
  /// likelihood (`.kl`) for KL, least squares (`.nnls`) for Frobenius.
  public static func method(for objective: NMFObjective) -> FitMethod {
    objective == .frobenius ? .nnls : .kl
  }

  /// Exposures H (k x samples) of V (channels x samples) on W (channels x k, columns summing to 1).
  public static func fit(catalog v: Matrix, signatures w: Matrix, objective: NMFObjective) -> Matrix {
    SignatureFitter.exposures(catalog: v, signatures: w, method: method(for: objective))
  }
}
