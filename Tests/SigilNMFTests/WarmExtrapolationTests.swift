import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
import Testing
@testable import SigilNMF

/// The opt-in solver of Decision 0023 (`.warmExtrapolated`, `--solver mu-then-extrapolated`): plain MU
/// for the first `Extrapolation.warmupIterations` iterations, then the extrapolated blocks of `.extrapolated`.
@Suite("Plain MU warm-up, then extrapolation") struct WarmExtrapolationTests {
  /// A hand-built 6 x 5 catalog (two planted profiles plus small integer noise) and fixed starting
  /// factors, so the switching point can be followed iteration by iteration.
  static let catalog = Matrix(rows: 6, columns: 5, values: [
    12, 3, 1, 7, 2, 0,
    10, 4, 2, 6, 1, 1,
    2, 9, 11, 3, 5, 4,
    1, 8, 12, 2, 6, 5,
    7, 6, 6, 5, 4, 2,
  ])
  static let w0 = Matrix(rows: 6, columns: 2, values: [0.3, 0.1, 0.2, 0.2, 0.1, 0.1, 0.1, 0.2, 0.2, 0.1, 0.2, 0.2])
  static let h0 = Matrix(rows: 2, columns: 5, values: [20, 10, 15, 15, 10, 20, 12, 18, 16, 14])

  /// The factors after exactly `iterations` iterations of `solver` from the hand-built start.
  func factors(_ solver: NMFSolver, iterations: Int, checkInterval: Int = 10) throws -> [Double] {
    let state = NMFState(v: Self.catalog, mask: nil, w: Self.w0, h: Self.h0, objective: .kullbackLeibler,
                         extrapolation: solver.extrapolates)
    let config = try NMFConfiguration(tolerance: 0, checkInterval: checkInterval, minIterations: iterations,
                                      maxIterations: iterations, solver: solver)
    let outcome = state.iterate(config)
    #expect(outcome.iterations == iterations)
    return Array(UnsafeBufferPointer(start: state.w, count: state.m * state.k))
      + Array(UnsafeBufferPointer(start: state.h, count: state.k * state.n))
  }

  @Test("the warm-up is plain MU bit for bit; extrapolation starts at the first check at or after it")
  func switchingPoint() throws {
    let warmup = NMFState.Extrapolation.warmupIterations
    #expect(warmup == 200)
    // Check interval 10 divides the warm-up: identical to plain MU through iteration 200, not after 210.
    #expect(try factors(.warmExtrapolated, iterations: warmup) == factors(.multiplicative, iterations: warmup))
    #expect(try factors(.warmExtrapolated, iterations: warmup + 10) != factors(.multiplicative, iterations: warmup + 10))
    // `.extrapolated` has no warm-up: it already differs from plain MU after the first block.
    #expect(try factors(.extrapolated, iterations: 10) != factors(.multiplicative, iterations: 10))
    // Check interval 30: the blocks start at 0, 30, ..., 180 (< 200) are plain, so the switch is at 210.
    #expect(try factors(.warmExtrapolated, iterations: 210, checkInterval: 30)
      == factors(.multiplicative, iterations: 210, checkInterval: 30))
    #expect(try factors(.warmExtrapolated, iterations: 240, checkInterval: 30)
      != factors(.multiplicative, iterations: 240, checkInterval: 30))
  }

  @Test("restart i depends only on (seed, k, i): identical bits for threads 1 and 3 and any split")
  func reproducible() throws {
    let v = try NMFTestData.noisyCatalog(samples: 21, rank: 4, seed: 13)
    let config = try NMFConfiguration(maxIterations: 800, solver: .warmExtrapolated)
    let one = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 78, configuration: config, threads: 1)
    let three = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 78, configuration: config, threads: 3)
    let split = try RestartRunner.run(v, rank: 4, restarts: 3..<6, seed: 78, configuration: config, threads: 3)
    #expect(one == three)
    #expect(Array(one[3..<6]) == split)
    // The restarts ran past the warm-up, so the extrapolated part is covered too.
    #expect(one.allSatisfy { $0.iterations > NMFState.Extrapolation.warmupIterations })
  }

  @Test("at the default tolerance: fewer iterations than plain MU and a best KL no higher (Poisson and NB catalogs)")
  func sameOptimum() throws {
    for (seed, dispersion) in [(21, nil), (22, 20.0)] as [(UInt64, Double?)] {
      let v = try NMFTestData.overdispersedCatalog(seed: seed, dispersion: dispersion)
      let plain = try RestartRunner.run(v, rank: 5, restarts: 0..<8, seed: 3,
                                        configuration: NMFConfiguration(solver: .multiplicative), threads: 2)
      let warm = try RestartRunner.run(v, rank: 5, restarts: 0..<8, seed: 3,
                                       configuration: NMFConfiguration(solver: .warmExtrapolated), threads: 2)
      let plainBest = plain.map(\.objective).min()!, warmBest = warm.map(\.objective).min()!
      #expect(warmBest <= plainBest * (1 + NMFConfiguration.defaultTolerance), "seed \(seed): \(warmBest) vs \(plainBest)")
      let plainIterations = plain.map(\.iterations).reduce(0, +), warmIterations = warm.map(\.iterations).reduce(0, +)
      #expect(warmIterations < plainIterations, "seed \(seed): \(warmIterations) vs \(plainIterations) iterations")
    }
  }
}
