import CBLAS

/// Facts about the BLAS library sigil is linked against, for `run.json`.
public enum BLASInfo {
  /// OpenBLAS's build description (`openblas_get_config`), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ...".
  public static var configuration: String {
    guard let p = openblas_get_config() else { return "unknown" }
    return String(cString: p)
  }

  /// Makes BLAS calls on this process single-threaded (`openblas_set_num_threads(1)`), so that
  /// sigil's own workers, not BLAS, use the cores (STYLE.md B3.8).
  public static func useSingleThreadedBLAS() {
    openblas_set_num_threads(1)
  }
}
