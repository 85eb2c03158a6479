/// A linear axis from a lower to an upper bound with "nice" tick marks (1, 2, 2.5 or 5 × 10ⁿ).
///
/// Only layout: it picks round tick values that cover the data, the way plotting libraries do,
/// and maps data values to pixels.
///
/// ```swift
/// let axis = AxisScale(minimum: 0, maximum: 7.3)   // ticks 0, 2, 4, 6, 8
/// let y = axis.position(of: 4, from: 200, to: 20)  // pixel between bottom 200 and top 20
/// ```
public struct AxisScale: Equatable, Sendable {
  /// The axis bounds, both on a tick.
  public let lower: Double, upper: Double
  /// Distance between ticks.
  public let step: Double

  /// Creates an axis covering `minimum...maximum` with at most about `targetTicks + 1` ticks.
  /// A degenerate range (equal bounds, or non-finite) becomes `minimum...minimum + 1`.
  public init(minimum: Double, maximum: Double, targetTicks: Int = 4) {
    var lo = minimum.isFinite ? minimum : 0
    var hi = maximum.isFinite ? maximum : lo + 1
    if hi <= lo { hi = lo + (lo == 0 ? 1 : Swift.abs(lo) * 0.1) }
    let raw = (hi - lo) / Double(Swift.max(1, targetTicks))
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    lo = (lo / step).rounded(.down) * step
    hi = (hi / step).rounded(.up) * step
    self.lower = lo
    self.upper = hi
    self.step = step
  }

  /// The tick values from `lower` to `upper`.
  public var ticks: [Double] {
    let n = Int(((upper - lower) / step).rounded())
    return (0...n).map { lower + Double($0) * step }
  }

  /// Decimals needed to print every tick exactly (0 for whole steps, 1 for 0.5, 2 for 0.25...).
  public var decimals: Int {
    var d = 0
    var s = step
    while d < 6 && Swift.abs(s - s.rounded()) > 1e-9 * Swift.max(1, Swift.abs(s)) { s *= 10; d += 1 }
    return d
  }

  /// A tick label with `decimals` decimals and an optional suffix.
  public func label(_ value: Double, suffix: String = "") -> String {
    SVGNumber.fixed(value, digits: decimals) + suffix
  }

  /// The pixel of `value` when `lower` maps to `start` and `upper` to `end`.
  public func position(of value: Double, from start: Double, to end: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }
}
