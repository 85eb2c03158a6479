/// A seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same stream on every platform (integer arithmetic only), which is what
/// makes every sigil output reproducible. `derived(_:)` makes independent streams for numbered
/// units of work, e.g. restart `i` of rank `k` is `SeededGenerator(seed: seed).derived(k, i)`,
/// so a restart's randomness depends on (seed, k, i) only, never on thread scheduling.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.nextUniform()            // in [0, 1)
/// var restart = SeededGenerator.stream(seed: 42, 5, 17)
/// ```
/// ## References
/// - Blackman & Vigna (2021), Scrambled linear pseudorandom number generators, ACM TOMS 47(4).
/// - Steele, Lea & Flood (2014), Fast splittable pseudorandom number generators (SplitMix64).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// Creates a generator whose state is four SplitMix64 outputs of `seed`.
  public init(seed: UInt64) {
    var sm = seed
    s0 = Self.splitMix(&sm); s1 = Self.splitMix(&sm); s2 = Self.splitMix(&sm); s3 = Self.splitMix(&sm)
  }

  /// A generator for the unit of work numbered `path` under `seed` (e.g. rank, restart).
  public static func stream(seed: UInt64, _ path: UInt64...) -> SeededGenerator {
    var key = seed
    for p in path {
      var sm = key ^ (p &* 0x9E37_79B9_7F4A_7C15)
      key = splitMix(&sm) ^ splitMix(&sm)
    }
    return SeededGenerator(seed: key)
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in (0, 1): never 0, for logarithms.
  public mutating func nextOpenUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  @inline(__always) static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
