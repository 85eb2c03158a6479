import Testing
@testable import SigilCore
import SigilTestSupport

@Suite("SeededGenerator and samplers") struct RandomTests {
  @Test("same seed, same stream; xoshiro256** known first output for seed 0")
  func determinism() {
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
    for _ in 0..<1000 { #expect(a.next() == b.next()) }
    // SplitMix64(0) first outputs are e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f,
    // f88bb8a8724c81ec (Vigna's reference); xoshiro256** on that state gives this first value,
    // computed by hand from the published recurrence: rotl(s1 * 5, 7) * 9.
    var z = SeededGenerator(seed: 0)
    let s1: UInt64 = 0x6e78_9e6a_a1b9_65f4
    let expected = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    #expect(z.next() == expected)
  }

  @Test("derived streams differ by path and are stable")
  func streams() {
    var a = SeededGenerator.stream(seed: 1, 5, 0), b = SeededGenerator.stream(seed: 1, 5, 1)
    var c = SeededGenerator.stream(seed: 1, 5, 0)
    let x = a.next()
    #expect(x != b.next())
    #expect(x == c.next())
  }

  /// Sample mean and variance of `n` draws.
  func moments(_ n: Int, _ draw: () -> Double) -> (Double, Double) {
    var s = 0.0, ss = 0.0
    for _ in 0..<n { let x = draw(); s += x; ss += x * x }
    let m = s / Double(n)
    return (m, ss / Double(n) - m * m)
  }

  // Tolerances: 5 standard errors of the mean (sd/sqrt(n)) for n = 40,000 draws; variance within 5%.
  @Test("Poisson mean and variance", arguments: [0.3, 4.0, 29.0, 31.0, 250.0, 1e5])
  func poisson(lambda: Double) {
    var rng = SeededGenerator(seed: 11)
    let (m, v) = moments(40_000) { Double(rng.nextPoisson(mean: lambda)) }
    #expect(abs(m - lambda) < 5 * (lambda / 40_000).squareRoot(), "lambda \(lambda) mean \(m)")
    #expect(abs(v - lambda) < 0.05 * lambda, "lambda \(lambda) variance \(v)")
  }

  @Test("binomial mean and variance", arguments: [(20, 0.1), (1000, 0.003), (1000, 0.4), (50_000, 0.7)])
  func binomial(n: Int, p: Double) {
    var rng = SeededGenerator(seed: 12)
    let mean = Double(n) * p, variance = mean * (1 - p)
    let (m, v) = moments(40_000) {
      let x = rng.nextBinomial(trials: n, probability: p)
      #expect((0...n).contains(x))
      return Double(x)
    }
    #expect(abs(m - mean) < 5 * (variance / 40_000).squareRoot(), "n \(n) p \(p) mean \(m)")
    #expect(abs(v - variance) < 0.05 * variance, "n \(n) p \(p) variance \(v)")
  }

  @Test("gamma mean and variance", arguments: [0.3, 1.0, 7.5])
  func gamma(shape: Double) {
    var rng = SeededGenerator(seed: 13)
    let (m, v) = moments(40_000) { rng.nextGamma(shape: shape, scale: 2) }
    #expect(abs(m - 2 * shape) < 5 * (4 * shape / 40_000).squareRoot())
    #expect(abs(v - 4 * shape) < 0.06 * 4 * shape)
  }

  @Test("multinomial keeps the total and the expected proportions")
  func multinomial() {
    var rng = SeededGenerator(seed: 14)
    let p = [0.5, 0.0, 0.2, 0.3]
    var sums = [0.0, 0, 0, 0]
    for _ in 0..<2000 {
      let x = rng.nextMultinomial(trials: 1000, probabilities: p)
      #expect(x.reduce(0, +) == 1000)
      #expect(x[1] == 0)
      for i in 0..<4 { sums[i] += Double(x[i]) }
    }
    for i in 0..<4 { #expect(abs(sums[i] / 2_000_000 - p[i]) < 0.002) }
  }
}
