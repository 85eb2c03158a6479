/// Formats numbers for SVG and HTML with explicit rounding and no locale.
///
/// `String(format:)` depends on the C locale and `Double.description` switches to exponent form
/// (`1e-05`), so neither belongs in a figure that must be byte-identical everywhere. These
/// formatters round half away from zero on the decimal value and build the text from integers.
///
/// ```swift
/// SVGNumber.coordinate(12.3456)          // "12.35"
/// SVGNumber.fixed(0.5, digits: 0)        // "1"
/// SVGNumber.trimmed(-0.0001, digits: 2)  // "0"
/// ```
public enum SVGNumber {
  /// A coordinate rounded to 2 decimals, trailing zeros dropped (`10`, `10.5`, `10.25`).
  public static func coordinate(_ value: Double) -> String { trimmed(value, digits: 2) }

  /// `value` rounded to `digits` decimals with trailing zeros dropped; "0" for -0 and non-finite values.
  public static func trimmed(_ value: Double, digits: Int) -> String {
    var text = fixed(value, digits: digits)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// `value` rounded to exactly `digits` decimals (`fixed(0.25, digits: 3)` is `0.250`).
  ///
  /// Non-finite values print as `0`: figures never receive them (readers reject them), and a
  /// malformed attribute would make the whole SVG invalid.
  public static func fixed(_ value: Double, digits: Int) -> String {
    precondition(digits >= 0 && digits <= 9, "digits must be in 0...9 (got \(digits))")
    guard value.isFinite else { return "0" }
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    // Values beyond ±9e9 do not occur in figures; clamp so the Int64 conversion cannot trap.
    let clamped = Swift.max(-9e9, Swift.min(9e9, value))
    let scaled = Int64((clamped * Double(scale)).rounded(.toNearestOrAwayFromZero))
    if scaled == 0 { return digits == 0 ? "0" : "0." + String(repeating: "0", count: digits) }
    let negative = scaled < 0
    let magnitude = negative ? -scaled : scaled
    let whole = magnitude / scale
    var text = (negative ? "-" : "") + String(whole)
    if digits > 0 {
      let fraction = String(magnitude % scale)
      text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return text
  }

  /// A whole number with commas between thousands (`12,345`), locale-free.
  public static func grouped(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let n = Int64(Swift.max(-9e15, Swift.min(9e15, value)).rounded(.toNearestOrAwayFromZero))
    let digits = String(n < 0 ? -n : n)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// A value for a table cell: whole numbers grouped, others rounded to at most `digits`
  /// decimals (`0.9731`, `12.5`), never in exponent form; "NA" for non-finite values.
  public static func cell(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return "NA" }
    if value == value.rounded() && Swift.abs(value) < 1e12 { return grouped(value) }
    return trimmed(value, digits: digits)
  }
}
