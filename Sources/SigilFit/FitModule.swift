/// Fitting known signatures to catalogs: NNLS with sparse signature selection, bootstrap
/// intervals, and the decomposition of de novo signatures onto a reference set.
///
/// Entry points: `SignatureFitter` (one sample), `CohortFitter` (many samples, bootstrap, threads),
/// `SignatureFitter.decompose(signature:onto:)` (a de novo signature as a sparse mix of reference
/// signatures). Methods and the calibration evidence: Docs/Methods-fit.md.
public enum SigilFitModule {
  /// The NNLS algorithm the fitting builds on.
  public static let reference = "Lawson & Hanson (1974), Solving Least Squares Problems, ch. 23"
}
