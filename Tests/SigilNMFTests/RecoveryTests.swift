import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
import Testing
@testable import SigilNMF

@Suite("Planted recovery and known answers") struct RecoveryTests {
  @Test("rank-1 catalog by hand: V = [1 2; 3 6] gives W = (1/4, 3/4), H = (4, 8) after one KL step")
  func rankOne() throws {
    // One KL MU step from any positive start gives H_j = colsum_j / Σw and W_i ∝ rowsum_i: the
    // independence model rowsum·colsum/total, exact for a rank-1 V. Row sums 3, 9; column sums
    // 4, 8; total 12, so W = (3, 9)/12 = (0.25, 0.75) and H = (4, 8).
    let v = Matrix(rows: 2, columns: 2, values: [1, 3, 2, 6])
    var rng = SeededGenerator(seed: 3)
    let r = try factorize(v, rank: 1, configuration: NMFTestData.fixed(1), using: &rng)
    #expect(approximatelyEqual(r.w[0, 0], 0.25, relative: Tolerance.kernel))
    #expect(approximatelyEqual(r.w[1, 0], 0.75, relative: Tolerance.kernel))
    #expect(approximatelyEqual(r.h[0, 0], 4, relative: Tolerance.kernel))
    #expect(approximatelyEqual(r.h[0, 1], 8, relative: Tolerance.kernel))
    #expect(r.objective <= 1e-12)
  }

  @Test("exact V = W·H from COSMIC signatures is recovered with cosine >= 0.9999", arguments: [(UInt64(1), 4), (UInt64(2), 3)])
  func exact(seed: UInt64, rank: Int) throws {
    let truth = try NMFTestData.separable(rank: rank, samples: 16, burden: 5000, seed: seed)
    let config = try NMFConfiguration(tolerance: 1e-9, maxIterations: 20_000)
    let runs = try RestartRunner.run(truth.catalog, rank: rank, restarts: 0..<2, seed: seed, configuration: config, threads: 2)
    let best = runs.min { $0.objective < $1.objective }!
    let cosines = NMFTestData.matchedCosines(truth: truth.w, found: best.w)
    for (i, c) in cosines.enumerated() {
      #expect(c >= Tolerance.noiselessRecovery, "seed \(seed), signature \(NMFTestData.distinctNames[i]): cosine \(c)")
    }
  }

  @Test("Poisson-noised catalogs at realistic burdens are recovered with cosine >= 0.98", arguments: [UInt64(3), 4])
  func noisy(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    // Realistic: 30 tumours, median 3000 mutations, four distinguishable signatures.
    let names = Array(NMFTestData.distinctNames.prefix(4))
    let truth = try Planted.cosmic(names, samples: 30, burden: 3000, poisson: true, using: &rng)
    let runs = try RestartRunner.run(truth.catalog, rank: 4, restarts: 0..<4, seed: seed,
                                     configuration: NMFConfiguration(), threads: 2)
    let best = runs.min { $0.objective < $1.objective }!
    for (i, c) in NMFTestData.matchedCosines(truth: truth.w, found: best.w).enumerated() {
      #expect(c >= Tolerance.noisyRecovery, "seed \(seed), signature \(names[i]): cosine \(c)")
    }
  }

  @Test("NNDSVD of a rank-1 catalog is exact; NNDSVDa leaves no zeros")
  func nndsvd() throws {
    let v = Matrix(rows: 3, columns: 2, values: [1, 2, 3, 2, 4, 6])  // (1,2,3)ᵀ·(1,2)
    let (w, h) = try #require(NMFInitializer.nndsvd(for: v, rank: 1, fillZeros: false))
    let product = NaiveKernels.multiply(w, h)
    for i in v.values.indices { #expect(approximatelyEqual(product.values[i], v.values[i], relative: 1e-10)) }
    let catalog = try NMFTestData.noisyCatalog(samples: 12, rank: 3, seed: 8)
    let (wa, ha) = try #require(NMFInitializer.nndsvd(for: catalog, rank: 3, fillZeros: true))
    #expect(wa.values.allSatisfy { $0 > 0 } && ha.values.allSatisfy { $0 > 0 })
    var rng = SeededGenerator(seed: 1)
    let a = try factorize(catalog, rank: 3, configuration: NMFConfiguration(initialization: .nndsvda), using: &rng)
    let random = try factorize(catalog, rank: 3, configuration: NMFConfiguration(), using: &rng)
    // NNDSVDa reaches the random-start optimum (within 1%). Plain NNDSVD is not held to this: its
    // zeros sit at the factor floor, which multiplicative updates leave only slowly (documented).
    #expect(a.objective <= random.objective * 1.01, "nndsvda \(a.objective) vs random \(random.objective)")
    let plain = try factorize(catalog, rank: 3, configuration: NMFConfiguration(initialization: .nndsvd), using: &rng)
    #expect(plain.objective.isFinite && plain.w.values.allSatisfy { $0 >= 0 })
  }
}

@Suite("Degenerate catalogs") struct DegenerateTests {
  @Test("channels never mutated (zero rows) get ~0 signature weight and finite objective")
  func zeroRows() throws {
    var v = try NMFTestData.noisyCatalog(samples: 15, rank: 3, seed: 4)
    let zeroRows = [0, 5, 17, 95]
    for i in zeroRows { for j in 0..<v.columns { v[i, j] = 0 } }
    for objective in NMFObjective.allCases {
      var rng = SeededGenerator(seed: 4)
      let r = try factorize(v, rank: 3, configuration: NMFConfiguration(objective: objective), using: &rng)
      #expect(r.objective.isFinite)
      for i in zeroRows { for c in 0..<3 { #expect(r.w[i, c] < 1e-6, "\(objective) row \(i)") } }
      #expect(r.w.values.allSatisfy { $0.isFinite } && r.h.values.allSatisfy { $0.isFinite })
    }
  }

  @Test("rank equal to the number of samples fits the catalog almost exactly")
  func fullRank() throws {
    let v = try NMFTestData.noisyCatalog(samples: 5, rank: 3, seed: 9)
    var rng = SeededGenerator(seed: 9)
    let r = try factorize(v, rank: 5, configuration: NMFConfiguration(tolerance: 1e-10, maxIterations: 20_000), using: &rng)
    #expect(r.w.values.allSatisfy { $0.isFinite && $0 >= 0 })
    // k = n lets W absorb every sample: the divergence per count falls far below Poisson noise (~0.5 per cell).
    let total = v.values.reduce(0, +)
    #expect(r.objective / total < 1e-3, "KL per count \(r.objective / total)")
  }

  @Test("huge counts (1e12 per sample) stay finite and recover the signatures")
  func hugeCounts() throws {
    var rng = SeededGenerator(seed: 6)
    let truth = try NMFTestData.separable(rank: 3, samples: 20, burden: 1e12, seed: 6)
    let r = try factorize(truth.catalog, rank: 3, configuration: NMFConfiguration(tolerance: 1e-10, maxIterations: 20_000),
                          using: &rng)
    #expect(r.objective.isFinite && r.h.values.allSatisfy { $0.isFinite })
    for c in NMFTestData.matchedCosines(truth: truth.w, found: r.w) { #expect(c >= Tolerance.noisyRecovery) }
  }

  @Test("a resampled column that is all zero does not break the restart")
  func resampledZeroColumn() throws {
    var v = try NMFTestData.noisyCatalog(samples: 8, rank: 2, seed: 10)
    for i in 0..<96 { v[i, 3] = 0 }
    v[0, 3] = 1e-3  // passes the boundary; Poisson(1e-3) is almost surely 0
    var rng = SeededGenerator(seed: 10)
    let r = try factorize(v, rank: 2, configuration: NMFConfiguration(resample: true), using: &rng)
    #expect(r.objective.isFinite && r.h.values.allSatisfy { $0.isFinite && $0 >= 0 })
  }
}

@Suite("Restart runner") struct RestartRunnerTests {
  @Test("threads 1 and threads 4 give identical bits, also with resampling")
  func threads() throws {
    let v = try NMFTestData.noisyCatalog(samples: 21, rank: 4, seed: 12)
    for resample in [false, true] {
      // Determinism does not need convergence: 500 iterations keep the debug-build test short.
      let config = try NMFConfiguration(maxIterations: 500, resample: resample)
      let one = try RestartRunner.run(v, rank: 4, restarts: 0..<8, seed: 77, configuration: config, threads: 1)
      let four = try RestartRunner.run(v, rank: 4, restarts: 0..<8, seed: 77, configuration: config, threads: 4)
      #expect(one == four, "resample \(resample)")
      #expect(Set(one.map(\.objective)).count > 1, "restarts differ from each other")
    }
  }

  @Test("restart i depends on (seed, rank, i) only: subsets merge to the full run")
  func subsets() throws {
    let v = try NMFTestData.noisyCatalog(samples: 12, rank: 3, seed: 13)
    let config = try NMFConfiguration()
    let all = try RestartRunner.run(v, rank: 3, restarts: 0..<6, seed: 5, configuration: config, threads: 2)
    let first = try RestartRunner.run(v, rank: 3, restarts: 0..<2, seed: 5, configuration: config, threads: 1)
    let rest = try RestartRunner.run(v, rank: 3, restarts: 2..<6, seed: 5, configuration: config, threads: 3)
    #expect(all == first + rest)
    var rng = SeededGenerator.stream(seed: 5, 3, 4)
    #expect(try factorize(v, rank: 3, configuration: config, using: &rng) == all[4])
  }

  @Test("progress is reported once per restart, counting up")
  func progress() throws {
    let v = try NMFTestData.noisyCatalog(samples: 8, rank: 2, seed: 14)
    final class Log: @unchecked Sendable { var values: [Int] = [] }  // appended under the runner's lock
    let log = Log()
    _ = try RestartRunner.run(v, rank: 2, restarts: 0..<5, seed: 1, configuration: NMFConfiguration(), threads: 3) {
      log.values.append($0)
    }
    #expect(log.values == [1, 2, 3, 4, 5])
  }
}
