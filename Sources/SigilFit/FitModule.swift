/// Fitting known signatures to catalogs (NNLS with sparse selection, bootstrap intervals).
/// The solvers land with the fitting issue; this namespace holds module-wide facts.
public enum SigilFitModule {
  /// The NNLS algorithm the fitting builds on.
  public static let reference = "Lawson & Hanson (1974), Solving Least Squares Problems, ch. 23"
}
