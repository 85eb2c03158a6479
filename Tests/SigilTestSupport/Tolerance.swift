/// Named tolerances for numerical tests, each with its reason (STYLE.md B8).
public enum Tolerance {
  /// BLAS vs naive kernel: only the summation order differs.
  public static let kernel = 1e-12
  /// Values from other tools: about half the digits of a Double.
  public static let crossTool = Double.ulpOfOne.squareRoot()
  /// Noiseless planted recovery, per signature cosine.
  public static let noiselessRecovery = 0.9999
  /// Poisson-noised planted recovery at realistic burdens, per signature cosine.
  public static let noisyRecovery = 0.98
  /// Slack for "never increases" checks: one part in 1e12 absorbs rounding in the objective sum.
  public static let monotoneSlack = 1e-12
  /// Golden tables recorded on one CPU, read on another: OpenBLAS picks its kernels per CPU (seen:
  /// the recording machine vs an AMD EPYC), which moves the last bits of every product (~1e-13
  /// relative; 1e-10 on entries near 1e-14, hence the absolute floor). An engine change moves far more.
  public static let crossMachine = (relative: 1e-9, absolute: 1e-12)
}

/// Whether `a` and `b` agree to `relative` (scaled by the larger magnitude), or both are tiny.
public func approximatelyEqual(_ a: Double, _ b: Double, relative: Double, absolute: Double = 1e-300) -> Bool {
  abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}
