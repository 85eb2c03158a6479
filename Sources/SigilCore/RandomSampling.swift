import Foundation

/// Samplers for the distributions sigil simulates and resamples with.
///
/// Each takes its randomness from the generator it is called on, so a seeded `SeededGenerator`
/// gives the same draws everywhere. Algorithms are the standard exact ones (no normal
/// approximations), chosen so that cost does not grow with the mean:
/// - normal: Box–Muller; gamma: Marsaglia & Tsang (2000); Poisson: inversion below mean 30, PTRS
///   above (Hörmann 1993); binomial: inversion when n·min(p, 1−p) < 10, BTRS above (Hörmann 1993).
/// ## References
/// - Marsaglia & Tsang (2000), A simple method for generating gamma variables, ACM TOMS 26(3).
/// - Hörmann (1993), The transformed rejection method for generating Poisson random variables,
///   Insurance: Mathematics and Economics 12(1); and The generation of binomial random variates,
///   J. Stat. Comput. Simul. 46.
extension RandomNumberGenerator {
  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in (0, 1), safe for logarithms.
  @inlinable public mutating func nextOpenUnit() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw (Box–Muller; the second value is discarded to keep the API stateless).
  public mutating func nextStandardNormal() -> Double {
    let u1 = nextOpenUnit(), u2 = nextUnit()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// A log-normal draw with the given median and log-scale standard deviation `sigma`.
  public mutating func nextLogNormal(median: Double, sigma: Double) -> Double {
    median * Foundation.exp(sigma * nextStandardNormal())
  }

  /// A Gamma(shape, scale) draw (Marsaglia & Tsang). `shape` and `scale` must be > 0.
  public mutating func nextGamma(shape: Double, scale: Double = 1) -> Double {
    precondition(shape > 0 && scale > 0, "gamma needs shape > 0 and scale > 0 (got \(shape), \(scale))")
    if shape < 1 {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
      return nextGamma(shape: shape + 1, scale: scale) * Foundation.pow(nextOpenUnit(), 1 / shape)
    }
    let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double, v: Double
      repeat { x = nextStandardNormal(); v = 1 + c * x } while v <= 0
      v = v * v * v
      let u = nextOpenUnit()
      if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
      if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v * scale }
    }
  }

  /// A Poisson draw with the given mean (>= 0).
  public mutating func nextPoisson(mean lambda: Double) -> Int {
    precondition(lambda >= 0 && lambda.isFinite, "Poisson mean must be finite and >= 0 (got \(lambda))")
    if lambda == 0 { return 0 }
    if lambda < 30 {
      // Inversion by sequential search: expected lambda + 1 steps.
      var k = 0, p = Foundation.exp(-lambda), cdf = p
      let u = nextUnit()
      while u > cdf && k < 10_000 { k += 1; p *= lambda / Double(k); cdf += p }
      return k
    }
    // PTRS, Hörmann (1993), constants as published.
    let slam = lambda.squareRoot(), loglam = Foundation.log(lambda)
    let b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b
    let invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = nextUnit() - 0.5, v = nextUnit(), us = 0.5 - Swift.abs(u)
      let k = Foundation.floor((2 * a / us + b) * u + lambda + 0.43)
      if us >= 0.07 && v <= vr { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
        <= -lambda + k * loglam - Foundation.lgamma(k + 1) { return Int(k) }
    }
  }

  /// A negative-binomial draw with the given mean and dispersion `r` (variance = mean + mean²/r),
  /// drawn as Poisson(Gamma(r, mean/r)).
  public mutating func nextNegativeBinomial(mean: Double, dispersion r: Double) -> Int {
    if mean == 0 { return 0 }
    return nextPoisson(mean: nextGamma(shape: r, scale: mean / r))
  }

  /// A Binomial(n, p) draw.
  public mutating func nextBinomial(trials n: Int, probability p: Double) -> Int {
    precondition(n >= 0 && p >= 0 && p <= 1, "binomial needs n >= 0 and p in [0, 1] (got \(n), \(p))")
    if n == 0 || p == 0 { return 0 }
    if p == 1 { return n }
    if p > 0.5 { return n - nextBinomial(trials: n, probability: 1 - p) }
    let q = 1 - p, nd = Double(n)
    if nd * p < 10 {
      // Inversion: walk the pmf from 0 with the recurrence P(x) = P(x-1)·(n-x+1)/x·p/q.
      let s = p / q, a = (nd + 1) * s
      var r = Foundation.pow(q, nd), u = nextUnit(), x = 0
      while u > r {
        u -= r; x += 1
        if x > n { return n }
        r *= a / Double(x) - s
      }
      return x
    }
    // BTRS, Hörmann (1993).
    let spq = (nd * p * q).squareRoot()
    let b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p
    let c = nd * p + 0.5, vr = 0.92 - 4.2 / b
    let alpha = (2.83 + 5.1 / b) * spq, lpq = Foundation.log(p / q)
    let m = Foundation.floor((nd + 1) * p)
    let h = Foundation.lgamma(m + 1) + Foundation.lgamma(nd - m + 1)
    while true {
      let u = nextUnit() - 0.5, v = nextUnit(), us = 0.5 - Swift.abs(u)
      let k = Foundation.floor((2 * a / us + b) * u + c)
      if k < 0 || k > nd { continue }
      if us >= 0.07 && v <= vr { return Int(k) }
      let lv = Foundation.log(v * alpha / (a / (us * us) + b))
      if lv <= h - Foundation.lgamma(k + 1) - Foundation.lgamma(nd - k + 1) + (k - m) * lpq { return Int(k) }
    }
  }

  /// A multinomial draw of `n` trials over `probabilities` (need not sum to 1; they are normalised),
  /// by sequential conditional binomials.
  public mutating func nextMultinomial(trials n: Int, probabilities: [Double]) -> [Int] {
    var remainingMass = probabilities.reduce(0, +)
    precondition(remainingMass > 0, "multinomial needs a positive total probability")
    var remaining = n
    var out = [Int](repeating: 0, count: probabilities.count)
    for (i, p) in probabilities.enumerated() {
      if remaining == 0 { break }
      if i == probabilities.count - 1 { out[i] = remaining; break }
      let conditional = remainingMass > 0 ? Swift.min(1, Swift.max(0, p / remainingMass)) : 0
      let x = nextBinomial(trials: remaining, probability: conditional)
      out[i] = x
      remaining -= x
      remainingMass -= p
    }
    return out
  }

  /// A Dirichlet draw with the given concentrations (each > 0).
  public mutating func nextDirichlet(_ alphas: [Double]) -> [Double] {
    let g = alphas.map { nextGamma(shape: $0) }
    let total = g.reduce(0, +)
    return total > 0 ? g.map { $0 / total } : Array(repeating: 1 / Double(alphas.count), count: alphas.count)
  }
}
