/// Non-negative matrix factorisation of catalogs, V (channels x samples) ≈ W · H.
/// The solvers land with the NMF engine issue; this namespace holds module-wide facts.
public enum SigilNMFModule {
  /// The orientation every API in this module uses.
  public static let orientation = "V (channels x samples) ≈ W (channels x k) · H (k x samples)"
}
