import Testing
import SigilCore
import SigilTestSupport
import SigilLinearAlgebra
import SigilNMF
@testable import SigilConsensus

@Suite("Hungarian assignment") struct HungarianTests {
  @Test("a 3 x 3 case worked by hand")
  func byHand() {
    // Rows -> columns. The six permutations cost: (0,1,2) 4+0+2=6, (0,2,1) 4+5+2=11,
    // (1,0,2) 1+2+2=5, (1,2,0) 1+5+3=9, (2,0,1) 3+2+2=7, (2,1,0) 3+0+3=6: the optimum is (1,0,2).
    let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    #expect(Hungarian.assign(cost) == [1, 0, 2])
    #expect(Hungarian.assign([[7]]) == [0])
    #expect(Hungarian.assign([]) == [])
  }

  @Test("matches brute force over all permutations", arguments: 0..<12 as Range<UInt64>)
  func bruteForce(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 5
    let cost = (0..<n).map { _ in (0..<n).map { _ in rng.nextUniform() } }
    func total(_ p: [Int]) -> Double { (0..<n).reduce(0) { $0 + cost[$1][p[$1]] } }
    var best = Double.infinity
    func permute(_ prefix: [Int], _ rest: [Int]) {
      if rest.isEmpty { best = min(best, total(prefix)); return }
      for (i, x) in rest.enumerated() { var r = rest; r.remove(at: i); permute(prefix + [x], r) }
    }
    permute([], Array(0..<n))
    let p = Hungarian.assign(cost)
    #expect(Set(p).count == n, "seed \(seed): not a permutation")
    #expect(approximatelyEqual(total(p), best, relative: Tolerance.kernel), "seed \(seed)")
  }
}

@Suite("Signature clustering and silhouette stability") struct SignatureClusteringTests {
  @Test("two restarts, two signatures: clusters, centroids and silhouettes worked by hand")
  func byHand() throws {
    // Restart 0: A0 = (1,0), B0 = (0,1). Restart 1 lists its signatures in the other order:
    // B1 = (1,3)/4, A1 = (3,1)/4. Cosines: A0·A1 = B0·B1 = 3/sqrt10, A0·B1 = B0·A1 = 1/sqrt10,
    // A1·B1 = 6/10, A0·B0 = 0. Distances 1 - cos: d(A0,A1) = 0.051317, d(A0,B1) = 0.683772,
    // d(A1,B1) = 0.4, d(A0,B0) = 1.
    // s(A0) = (b - a)/b with a = 0.051317, b = (1 + 0.683772)/2 = 0.841886 -> 0.939046
    // s(A1): a = 0.051317, b = (0.683772 + 0.4)/2 = 0.541886 -> 0.905300
    // B mirrors A, so each cluster and the mean have (0.939046 + 0.905300)/2 = 0.922173.
    let w0 = Matrix(rows: 2, columns: [[1, 0], [0, 1]])
    let w1 = Matrix(rows: 2, columns: [[0.25, 0.75], [0.75, 0.25]])
    let clusters = SignatureClustering(signatures: [w0, w1], initial: 0)
    #expect(clusters.assignment == [[0, 1], [1, 0]])
    #expect(clusters.converged)
    #expect(clusters.centroids == Matrix(rows: 2, columns: [[0.875, 0.125], [0.125, 0.875]]))
    let expected = 0.9221726969736325
    let perCluster = try #require(clusters.clusterSilhouettes)
    for s in perCluster { #expect(approximatelyEqual(s, expected, relative: 1e-12)) }
    #expect(approximatelyEqual(try #require(clusters.meanSilhouette), expected, relative: 1e-12))
  }

  @Test("centroids of a subset of restarts keep the assignment and average only the members")
  func subsetCentroids() {
    // Same restarts as above plus a third, (0.5,0.5)/(0,1) listed in order. Members {0, 1}: the
    // centroids of the two-restart case; member {1} alone: restart 1's columns in cluster order.
    let w0 = Matrix(rows: 2, columns: [[1, 0], [0, 1]])
    let w1 = Matrix(rows: 2, columns: [[0.25, 0.75], [0.75, 0.25]])
    let w2 = Matrix(rows: 2, columns: [[0.5, 0.5], [0, 1]])
    let all = [w0, w1, w2]
    let clusters = SignatureClustering(signatures: all, initial: 0)
    #expect(clusters.assignment == [[0, 1], [1, 0], [0, 1]])
    #expect(clusters.centroids(of: all, members: [0, 1]) == Matrix(rows: 2, columns: [[0.875, 0.125], [0.125, 0.875]]))
    #expect(clusters.centroids(of: all, members: [1]) == Matrix(rows: 2, columns: [[0.75, 0.25], [0.25, 0.75]]))
    // All three: A = (1 + 0.75 + 0.5, 0 + 0.25 + 0.5) = (2.25, 0.75) -> (0.75, 0.25);
    // B = (0 + 0.25 + 0, 1 + 0.75 + 1) = (0.25, 2.75) -> (1/12, 11/12).
    let three = clusters.centroids(of: all, members: [0, 1, 2])
    let expected: [Double] = [0.75, 0.25, 1.0 / 12, 11.0 / 12]
    for (x, y) in zip(three.values, expected) { #expect(approximatelyEqual(x, y, relative: 1e-15)) }
  }

  @Test("consensus signatures average only restarts within the consensus filter")
  func consensusFilter() throws {
    // Two signatures, six samples. Restart 0 (best objective) and restart 1 (within 0.1%) found
    // the planted pair; restart 2 (objective 10% worse) a rotated pair. With the default filter
    // the consensus is the mean of restarts 0 and 1; with every restart it is pulled towards 2.
    let a: [Double] = [0.7, 0.2, 0.1], b: [Double] = [0.1, 0.2, 0.7]
    let rotatedA: [Double] = [0.5, 0.3, 0.2], rotatedB: [Double] = [0.2, 0.3, 0.5]
    let h = Matrix(rows: 2, columns: (0..<6).map { j in [Double(10 + j), Double(20 - j)] })
    let v = BLAS.multiply(Matrix(rows: 3, columns: [a, b]), h)
    func record(_ i: Int, _ w: [[Double]], _ objective: Double) -> RestartRecord {
      RestartRecord(rank: 2, index: i, w: Matrix(rows: 3, columns: w), h: h, objective: objective, iterations: 10, converged: true)
    }
    let restarts = [record(0, [a, b], 100), record(1, [b, a], 100.05), record(2, [rotatedA, rotatedB], 110)]
    let filtered = try RankAnalysis.analyse(catalog: v, restarts: restarts, filter: RestartFilter(tolerance: nil),
                                            objective: .kullbackLeibler)
    #expect(filtered.statistics.keptRestarts == 3 && filtered.statistics.consensusRestarts == 2)
    let columns = Set((0..<2).map { filtered.signatures.column($0).map { ($0 * 1e12).rounded() / 1e12 } })
    #expect(columns == Set([a, b]))
    let everything = try RankAnalysis.analyse(catalog: v, restarts: restarts, filter: RestartFilter(tolerance: nil),
                                              consensusFilter: RestartFilter(tolerance: nil), objective: .kullbackLeibler)
    #expect(everything.statistics.consensusRestarts == 3)
    let drift = (0..<2).map { c in zip(everything.signatures.column(c), a).map { Swift.abs($0 - $1) }.max()! }.min()!
    #expect(drift > 0.01, "averaging the rotated restart in must move the consensus away from the planted pair")
  }

  @Test("silhouette is undefined for one signature or one restart")
  func undefined() {
    let one = SignatureClustering(signatures: [Matrix(rows: 2, columns: [[0.5, 0.5]]), Matrix(rows: 2, columns: [[0.4, 0.6]])])
    #expect(one.clusterSilhouettes == nil && one.meanSilhouette == nil)
    let single = SignatureClustering(signatures: [Matrix(rows: 2, columns: [[1, 0], [0, 1]])])
    #expect(single.minimumSilhouette == nil)
  }

  @Test("planted permuted restarts cluster back into their true groups", arguments: 0..<4 as Range<UInt64>)
  func planted(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let truth = try Fixtures.cosmicSBS96().selecting(["SBS1", "SBS5", "SBS13", "SBS7a"], path: "COSMIC").matrix
    var restarts: [Matrix] = []
    var perms: [[Int]] = []
    for _ in 0..<6 {
      var p = Array(0..<4); p.shuffle(using: &rng); perms.append(p)
      var w = truth.selectingColumns(p)
      for i in 0..<w.values.count { w.values[i] *= 1 + 0.05 * rng.nextUniform() }
      for j in 0..<4 { w.setColumn(j, to: VectorMath.normalizedToSum(w.column(j))) }
      restarts.append(w)
    }
    let clusters = SignatureClustering(signatures: restarts, initial: 0)
    for (r, p) in perms.enumerated() {
      for c in 0..<4 { #expect(p[clusters.assignment[r][c]] == perms[0][c], "seed \(seed) restart \(r)") }
    }
    #expect(try #require(clusters.minimumSilhouette) > 0.5, "seed \(seed)")
  }

  @Test("silhouettes equal the pair-by-pair unitCosine loop bit for bit", arguments: 0..<3 as Range<UInt64>)
  func silhouetteOracle(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let k = 5, r = 9, m = 96
    // Two identical restarts: distances that round a hair below 0 are clamped the same way.
    var restarts = (0..<(r - 1)).map { _ in
      Matrix(rows: m, columns: (0..<k).map { _ in VectorMath.normalizedToSum((0..<m).map { _ in rng.nextUniform() }) })
    }
    restarts.append(restarts[0])
    let clusters = SignatureClustering(signatures: restarts)
    var points: [[Double]] = [], label: [Int] = []
    for s in 0..<r { for c in 0..<k { points.append(unitVector(restarts[s].column(clusters.assignment[s][c]))); label.append(c) } }
    var perCluster = [Double](repeating: 0, count: k), total = 0.0
    for i in points.indices {
      var mean = [Double](repeating: 0, count: k)
      for j in points.indices where j != i { mean[label[j]] += max(0, 1 - unitCosine(points[i], points[j])) }
      let a = mean[label[i]] / Double(r - 1)
      let b = (0..<k).filter { $0 != label[i] }.map { mean[$0] / Double(r) }.min()!
      let s = max(a, b) > 0 ? (b - a) / max(a, b) : 0
      perCluster[label[i]] += s; total += s
    }
    #expect(try #require(clusters.clusterSilhouettes) == perCluster.map { $0 / Double(r) })
    #expect(clusters.meanSilhouette == total / Double(points.count))
  }
}

@Suite("Reconstruction statistics and exposure fit") struct ReconstructionTests {
  @Test("KL, relative Frobenius and cosine worked by hand")
  func byHand() {
    // V = (2, 0), WH = (1, 0): KL = 2 ln 2 - 2 + 1 = 0.386294; ||V - WH|| / ||V|| = 1/2; cosine 1.
    let r = Reconstruction(catalog: Matrix(rows: 2, columns: [[2, 0]]), signatures: Matrix(rows: 2, columns: [[1, 0]]),
                           exposures: Matrix(rows: 1, columns: [[1]]))
    #expect(approximatelyEqual(r.kullbackLeibler, 0.3862943611198906, relative: Tolerance.kernel))
    #expect(r.relativeFrobenius == 0.5)
    #expect(r.sampleCosines == [1])
    #expect(r.meanCosine == 1 && r.minimumCosine == 1)
  }

  @Test("exposure fit recovers planted exposures exactly for both objectives")
  func exposureFit() {
    // W columns (1/2, 1/2, 0) and (0, 1/2, 1/2); h = (10, 30) gives x = (5, 20, 15).
    let w = Matrix(rows: 3, columns: [[0.5, 0.5, 0], [0, 0.5, 0.5]])
    let v = Matrix(rows: 3, columns: [[5, 20, 15], [0, 0, 0], [4, 2, 0]])
    for objective in [NMFObjective.kullbackLeibler, .frobenius] {
      let h = ConsensusExposures.fit(catalog: v, signatures: w, objective: objective)
      #expect(approximatelyEqual(h[0, 0], 10, relative: 1e-6), "\(objective)")
      #expect(approximatelyEqual(h[1, 0], 30, relative: 1e-6), "\(objective)")
      #expect(h[0, 1] == 0 && h[1, 1] == 0, "all-zero sample has zero exposures")
      #expect(h.values.allSatisfy { $0 >= 0 })
    }
  }
}
