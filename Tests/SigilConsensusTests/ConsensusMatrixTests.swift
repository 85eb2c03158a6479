import Testing
import SigilCore
import SigilTestSupport
@testable import SigilConsensus

/// A symmetric matrix from its upper triangle given row by row (diagonal included).
private func symmetric(_ n: Int, _ upper: [Double]) -> Matrix {
  var m = Matrix(rows: n, columns: n)
  var k = 0
  for i in 0..<n { for j in i..<n { m[i, j] = upper[k]; m[j, i] = upper[k]; k += 1 } }
  return m
}

@Suite("Consensus matrix, dispersion and cophenetic correlation") struct ConsensusMatrixTests {
  @Test("consensus averages connectivity: labels [0,0,1] and [0,1,1] give 1/2 for neighbours, 0 for the ends")
  func consensusByHand() {
    // Restart 1: samples 0,1 dominated by signature 0, sample 2 by signature 1.
    let h1 = Matrix(rows: 2, columns: [[5, 1], [3, 2], [0, 4]])
    // Restart 2: sample 0 by signature 0; samples 1,2 by signature 1 (ties go to the first row: none here).
    let h2 = Matrix(rows: 2, columns: [[2, 1], [1, 2], [0, 9]])
    let c = ConsensusMatrix.consensus([h1, h2])
    #expect(c == symmetric(3, [1, 0.5, 0, 1, 0.5, 1]))
    // Dispersion by hand: diagonal 3 x 4(1/2)^2 = 3; off-diagonal zeros (0,2),(2,0) give 1 each;
    // the four 1/2 entries give 0. (3 + 2) / 9.
    #expect(ConsensusMatrix.dispersion(c) == 5.0 / 9.0)
  }

  @Test("a consensus over chosen samples is the full consensus restricted to them; large cohorts are evenly subsampled")
  func consensusOfSubset() {
    let h1 = Matrix(rows: 2, columns: [[5, 1], [3, 2], [0, 4]])
    let h2 = Matrix(rows: 2, columns: [[2, 1], [1, 2], [0, 9]])
    let full = ConsensusMatrix.consensus([h1, h2])
    let sub = ConsensusMatrix.consensus([h1, h2], samples: [0, 2])
    #expect(sub == Matrix(rows: 2, columns: [[full[0, 0], full[2, 0]], [full[0, 2], full[2, 2]]]))
    #expect(ConsensusMatrix.sampleIndices(count: 5, limit: 10) == [0, 1, 2, 3, 4])
    #expect(ConsensusMatrix.sampleIndices(count: 10, limit: 4) == [0, 2, 5, 7])
    let big = ConsensusMatrix.sampleIndices(count: 20_000)
    #expect(big.count == ConsensusMatrix.sampleLimit && big.first == 0 && big.last == 19_990 && Set(big).count == big.count)
  }

  @Test("dominant signature ties resolve to the first row, as R's which.max")
  func ties() {
    #expect(ConsensusMatrix.dominantSignatures(Matrix(rows: 3, columns: [[1, 1, 0], [0, 2, 2]])) == [0, 1])
  }

  @Test("a perfectly block-diagonal consensus has cophenetic correlation exactly 1 and dispersion 1")
  func blockDiagonal() {
    // Blocks {0,1,2} and {3,4}, in a shuffled order to exercise the tree.
    let groups = [0, 1, 0, 1, 0]
    var c = Matrix(rows: 5, columns: 5)
    for i in 0..<5 { for j in 0..<5 where groups[i] == groups[j] { c[i, j] = 1 } }
    #expect(ConsensusMatrix.cophenetic(c) == 1)
    #expect(ConsensusMatrix.dispersion(c) == 1)
  }

  @Test("degenerate cases follow R NMF cophcor: diagonal gives 1, constant distances give nil")
  func degenerate() {
    var identity = Matrix(rows: 4, columns: 4)
    for i in 0..<4 { identity[i, i] = 1 }
    #expect(ConsensusMatrix.cophenetic(identity) == 1)
    // All samples always together: every distance is 0, correlation undefined.
    #expect(ConsensusMatrix.cophenetic(Matrix(rows: 4, columns: 4, repeating: 1)) == nil)
    // Two samples: a single pair, no variance.
    #expect(ConsensusMatrix.cophenetic(symmetric(2, [1, 0.5, 1])) == nil)
    #expect(ConsensusMatrix.cophenetic(Matrix(rows: 0, columns: 0)) == nil)
    #expect(ConsensusMatrix.dispersion(Matrix(rows: 0, columns: 0)) == nil)
  }

  @Test("cophenetic correlation of a 3-sample consensus worked by hand is 2.5/sqrt(7)")
  func threeSamples() throws {
    // d = 1 - C: d01 = 0.2, d02 = 0.8, d12 = 0.6. UPGMA joins {0,1} at 0.2, then {0,1} with 2 at
    // (0.8 + 0.6)/2 = 0.7, so the cophenetic distances are (0.2, 0.7, 0.7) against (0.2, 0.8, 0.6).
    // Pearson: centred x = (-1/3, 4/15, 1/15), y = (-1/3, 1/6, 1/6); sxy = 1/6, sxx = 42/225,
    // syy = 1/6, r = (1/6) / sqrt(42/225 * 1/6) = 15 / (6 sqrt 7) = 2.5 / sqrt 7 = 0.944911...
    let c = symmetric(3, [1, 0.8, 0.2, 1, 0.4, 1])
    let tree = AverageLinkage(distances: Matrix(rows: 3, columns: 3, values: c.values.map { 1 - $0 }))
    #expect(tree.merges.count == 2)
    #expect(tree.merges[0].left == [0] && tree.merges[0].right == [1])
    #expect(approximatelyEqual(tree.merges[1].height, 0.7, relative: Tolerance.kernel))
    let rho = try #require(ConsensusMatrix.cophenetic(c))
    #expect(approximatelyEqual(rho, 2.5 / 7.0.squareRoot(), relative: Tolerance.kernel))
  }

  @Test("average linkage with cached neighbours matches the textbook O(n^3) loop", arguments: 0..<8 as Range<UInt64>)
  func linkageOracle(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 12
    var d = Matrix(rows: n, columns: n)
    // Quantised distances so ties occur.
    for j in 0..<n { for i in 0..<j { let v = Double(Int(rng.nextUniform() * 6)) / 6; d[i, j] = v; d[j, i] = v } }
    let fast = AverageLinkage(distances: d).copheneticDistances()
    #expect(fast == naiveCophenetic(d), "seed \(seed)")
  }

  @Test("consensus equals the mean of the connectivity matrices, for every sample and for a subset", arguments: 0..<4 as Range<UInt64>)
  func consensusOracle(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 37, k = 3
    // Few distinct values so dominant-signature ties occur.
    let hs = (0..<9).map { _ in Matrix(rows: k, columns: n, values: (0..<(k * n)).map { _ in Double(Int(rng.nextUniform() * 3)) }) }
    for samples in [nil, [0, 3, 4, 10, 36, 20]] as [[Int]?] {
      let columns = samples ?? Array(0..<n)
      var mean = Matrix(rows: columns.count, columns: columns.count)
      for h in hs {
        let m = ConsensusMatrix.connectivity(h)
        for (q, j) in columns.enumerated() { for (p, i) in columns.enumerated() { mean[p, q] += m[i, j] } }
      }
      // Integer sums then one division, as the documented formula.
      mean = Matrix(rows: mean.rows, columns: mean.columns, values: mean.values.map { $0 / Double(hs.count) })
      #expect(ConsensusMatrix.consensus(hs, samples: samples) == mean, "seed \(seed)")
    }
  }

  @Test("average linkage of a consensus-like matrix (many ties, 150 samples) matches the textbook loop")
  func linkageOracleLarge() {
    var rng = SeededGenerator(seed: 42)
    let n = 150
    let hs = (0..<20).map { _ in Matrix(rows: 4, columns: n, values: (0..<(4 * n)).map { _ in rng.nextUniform() }) }
    let c = ConsensusMatrix.consensus(hs)
    var d = Matrix(rows: n, columns: n)
    for j in 0..<n { for i in 0..<n where i != j { d[i, j] = 1 - c[i, j] } }
    #expect(AverageLinkage(distances: d).copheneticDistances() == naiveCophenetic(d))
  }

  /// Textbook UPGMA: scan all pairs of clusters each step, average over all member pairs.
  private func naiveCophenetic(_ d: Matrix) -> Matrix {
    let n = d.rows
    var clusters: [[Int]] = (0..<n).map { [$0] }
    var coph = Matrix(rows: n, columns: n)
    // Cluster distances kept with the same Lance-Williams arithmetic, indexed by the lowest member
    // slot, so that ties and rounding match the fast version.
    var dist = d
    var alive = Array(repeating: true, count: n)
    var size = Array(repeating: 1.0, count: n)
    for _ in 0..<(n - 1) {
      var best: (Int, Int)? = nil
      for a in 0..<n where alive[a] { for b in (a + 1)..<n where alive[b] {
        if best == nil || dist[a, b] < dist[best!.0, best!.1] { best = (a, b) }
      } }
      let (a, b) = best!
      for i in clusters[a] { for j in clusters[b] { coph[i, j] = dist[a, b]; coph[j, i] = dist[a, b] } }
      for k in 0..<n where alive[k] && k != a && k != b {
        let v = (size[a] * dist[a, k] + size[b] * dist[b, k]) / (size[a] + size[b])
        dist[a, k] = v; dist[k, a] = v
      }
      alive[b] = false; size[a] += size[b]; clusters[a] += clusters[b]
    }
    return coph
  }
}
