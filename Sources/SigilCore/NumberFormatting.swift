/// Formats numbers for machine-readable output (TSV, JSON).
///
/// Whole numbers below 2^53 are written without a fraction (`12`, not `12.0`), so catalogs look
/// like SigProfiler's; everything else uses Swift's shortest round-trip `description`
/// (`0.0123`, `5.8e-07`), which is locale-independent and reads back to the same `Double`.
public enum NumberFormatting {
  /// The shortest text that reads back as `value`.
  public static func format(_ value: Double) -> String {
    if value == 0 { return "0" }
    if value == value.rounded(), Swift.abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
    return value.description
  }
}
