import Testing
import SigilCore
import SigilLinearAlgebra
@testable import SigilFit

/// The `.kl` estimator's update runs over all signatures at once (issue #17); these tests hold it
/// to the signature-by-signature loop it replaced, bit for bit, so `extract` and `fit` outputs
/// did not move.
@Suite("Poisson exposures") struct PoissonExposuresTests {
  /// The update as written before #17: one signature at a time, every channel with counts.
  static func textbook(_ x: [Double], w: [Double], channels m: Int, k: Int) -> [Double] {
    let total = x.reduce(0, +)
    guard total > 0, k > 0 else { return [Double](repeating: 0, count: k) }
    let floor = SignatureFitter.poissonDenominatorFloor
    var h = [Double](repeating: total / Double(k), count: k)
    var wh = [Double](repeating: 0, count: m)
    let colSums = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + w[$1 + c * m] } }
    func reconstruct() {
      for i in 0..<m { wh[i] = 0 }
      for c in 0..<k where h[c] != 0 { for i in 0..<m { wh[i] += w[i + c * m] * h[c] } }
    }
    func loss() -> Double { reconstruct(); return Divergence.kullbackLeibler(x, wh) }
    var previous = loss()
    var iteration = 0
    while iteration < SignatureFitter.poissonMaxIterations {
      iteration += 1
      reconstruct()
      var next = h
      for c in 0..<k where h[c] > 0 {
        var num = 0.0
        for i in 0..<m where x[i] > 0 { num += w[i + c * m] * x[i] / max(wh[i], floor) }
        next[c] = h[c] * num / max(colSums[c], floor)
      }
      h = next
      if iteration % SignatureFitter.poissonCheckInterval == 0 {
        let current = loss()
        if (previous - current) / max(abs(previous), floor) < SignatureFitter.poissonTolerance { break }
        previous = current
      }
    }
    return h.map { $0 < SignatureFitter.poissonRelativeZero * total ? 0 : $0 }
  }

  /// Random signatures (some channels exactly 0) and Poisson-like counts with many zeros.
  static func problem(seed: UInt64, channels m: Int, k: Int) -> (x: [Double], w: [Double]) {
    var rng = SeededGenerator(seed: seed)
    var w = [Double](repeating: 0, count: m * k)
    for c in 0..<k {
      var column = (0..<m).map { _ in Double(rng.next() % 1000) < 150 ? 0 : Double(rng.next() % 10_000) + 1 }
      let s = column.reduce(0, +)
      column = column.map { $0 / s }
      for i in 0..<m { w[i + c * m] = column[i] }
    }
    let x = (0..<m).map { _ in Double(rng.next() % 100) < 40 ? 0 : Double(rng.next() % 50) }
    return (x, w)
  }

  @Test("equals the signature-by-signature update bit for bit", arguments: [1, 2, 3, 5, 8, 13, 20])
  func bitIdentical(k: Int) {
    for seed in UInt64(1)...6 {
      let (x, w) = Self.problem(seed: seed &* 31 &+ UInt64(k), channels: 96, k: k)
      let fast = SignatureFitter.poissonExposures(x, w: w, channels: 96, k: k)
      let slow = Self.textbook(x, w: w, channels: 96, k: k)
      #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern), "k=\(k) seed \(seed)")
      #expect(fast.contains { $0 > 0 })
    }
  }

  @Test("a signature with no mass where the sample has counts stays at the same value as before")
  func unreachableSignature() {
    // Signature 1 lives only on channels where x is 0: its exposure decays to 0 in both loops.
    let m = 4
    let w = [0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5]
    let x = [10.0, 3, 0, 0]
    let fast = SignatureFitter.poissonExposures(x, w: w, channels: m, k: 2)
    #expect(fast.map(\.bitPattern) == Self.textbook(x, w: w, channels: m, k: 2).map(\.bitPattern))
    #expect(fast[1] == 0 && abs(fast[0] - 13) < 1e-9)
  }
}
