import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
import Testing
@testable import SigilNMF

/// The extrapolated solver (NMFState+Extrapolation.swift): safeguarded monotonicity, non-negativity,
/// the same or a lower optimum than plain MU, and the reproducibility contract.
@Suite("Extrapolated multiplicative updates") struct ExtrapolationTests {
  /// Final objective and factors after exactly `iterations` (a multiple of the check interval 10).
  func run(seed: UInt64, objective: NMFObjective, mask: Bool, iterations: Int) throws -> (Double, NMFState) {
    let state = try makeState(seed: seed, objective: objective, mask: mask, samples: 16, rank: 4, extrapolation: true)
    let config = try NMFConfiguration(objective: objective, tolerance: 0, checkInterval: 10, minIterations: iterations,
                                      maxIterations: iterations, solver: .extrapolated)
    let outcome = state.iterate(config)
    #expect(outcome.iterations == iterations)
    return (outcome.objective, state)
  }

  /// Both extrapolating solvers (`mu-then-extrapolated` runs 300 iterations past its warm-up, whose
  /// blocks are never undone).
  @Test("the objective at the checks never increases; W, H stay >= the floor",
        arguments: 0..<4 as Range<UInt64>, [NMFSolver.extrapolated, .warmExtrapolated])
  func monotoneAtChecks(seed: UInt64, solver: NMFSolver) throws {
    var rejections = 0
    let warmup = solver == .warmExtrapolated ? NMFState.Extrapolation.warmupIterations : 0
    for objective in NMFObjective.allCases {
      for mask in [false, true] {
        let state = try makeState(seed: seed, objective: objective, mask: mask, samples: 16, rank: 4, extrapolation: true)
        state.checkHistory = []; state.acceptedHistory = []
        let start = state.objective()
        let config = try NMFConfiguration(objective: objective, tolerance: 0, checkInterval: 10, minIterations: warmup + 300,
                                          maxIterations: warmup + 300, solver: solver)
        let outcome = state.iterate(config)
        let accepted = [start] + state.acceptedHistory!
        for i in 1..<accepted.count {
          #expect(accepted[i] <= accepted[i - 1], "seed \(seed), \(objective), mask \(mask), check \(i): \(accepted[i - 1]) -> \(accepted[i])")
        }
        #expect(outcome.objective == accepted.last! && outcome.objective == state.objective(),
                "the reported objective is the one of the returned factors")
        #expect(Array(state.checkHistory!.prefix(warmup / 10)) == Array(state.acceptedHistory!.prefix(warmup / 10)),
                "no warm-up block is undone: seed \(seed), \(objective), mask \(mask)")
        rejections += zip(state.checkHistory!, accepted.dropLast()).filter { $0 > $1 }.count
        let w = UnsafeBufferPointer(start: state.w, count: state.m * state.k)
        let h = UnsafeBufferPointer(start: state.h, count: state.k * state.n)
        #expect(w.allSatisfy { $0 >= NMFNumerics.factorFloor && $0.isFinite }, "seed \(seed), \(objective)")
        #expect(h.allSatisfy { $0 >= NMFNumerics.factorFloor && $0.isFinite }, "seed \(seed), \(objective)")
      }
    }
    // The safeguard is exercised, not vacuous: some block was undone.
    #expect(rejections > 0, "seed \(seed): no extrapolated block was rejected")
  }

  @Test("the extrapolation accelerates: after 200 iterations the KL is below plain MU's", arguments: 0..<6 as Range<UInt64>)
  func faster(seed: UInt64) throws {
    let (accelerated, _) = try run(seed: seed, objective: .kullbackLeibler, mask: false, iterations: 200)
    let plain = try makeState(seed: seed, objective: .kullbackLeibler, samples: 16, rank: 4)
    let outcome = plain.iterate(try NMFTestData.fixed(200))
    #expect(accelerated < outcome.objective, "seed \(seed): \(accelerated) vs plain \(outcome.objective)")
  }

  @Test("at the default tolerance: fewer iterations and a best KL no higher than plain MU's (Poisson and NB catalogs)")
  func sameOptimum() throws {
    for (seed, dispersion) in [(21, nil), (22, 20.0)] as [(UInt64, Double?)] {
      let v = try NMFTestData.overdispersedCatalog(seed: seed, dispersion: dispersion)
      let plain = try RestartRunner.run(v, rank: 5, restarts: 0..<8, seed: 3,
                                        configuration: NMFConfiguration(solver: .multiplicative), threads: 2)
      let fast = try RestartRunner.run(v, rank: 5, restarts: 0..<8, seed: 3,
                                       configuration: NMFConfiguration(solver: .extrapolated), threads: 2)
      let plainBest = plain.map(\.objective).min()!, fastBest = fast.map(\.objective).min()!
      // Equal optimum to the tolerance the stopping rule resolves (1e-6 per check): lower or within 1e-6.
      #expect(fastBest <= plainBest * (1 + NMFConfiguration.defaultTolerance), "seed \(seed): \(fastBest) vs \(plainBest)")
      let plainIterations = plain.map(\.iterations).reduce(0, +), fastIterations = fast.map(\.iterations).reduce(0, +)
      #expect(fastIterations < plainIterations, "seed \(seed): \(fastIterations) vs \(plainIterations) iterations")
    }
  }

  @Test("identical bits for any thread count and any split of the restarts, both solvers")
  func reproducible() throws {
    let v = try NMFTestData.noisyCatalog(samples: 21, rank: 4, seed: 12)
    for solver in NMFSolver.allCases {
      let config = try NMFConfiguration(maxIterations: 500, solver: solver)
      let one = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 77, configuration: config, threads: 1)
      let three = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 77, configuration: config, threads: 3)
      let split = try RestartRunner.run(v, rank: 4, restarts: 0..<2, seed: 77, configuration: config, threads: 2)
        + RestartRunner.run(v, rank: 4, restarts: 2..<6, seed: 77, configuration: config, threads: 1)
      #expect(one == three && one == split, "\(solver)")
    }
  }

  @Test("masked fits (cross-validation) converge to no higher a masked KL than plain MU")
  func masked() throws {
    let v = try NMFTestData.noisyCatalog(samples: 20, rank: 3, seed: 31)
    var mask = Matrix(rows: v.rows, columns: v.columns, repeating: 1)
    var rng = SeededGenerator(seed: 32)
    for i in mask.values.indices where rng.nextUnit() < 0.1 { mask.values[i] = 0 }
    var best: [NMFSolver: Double] = [:]
    for solver in NMFSolver.allCases {
      for restart in 0..<4 as Range<UInt64> {
        var r = SeededGenerator.stream(seed: 5, restart)
        let fit = try factorizeMasked(v, mask: mask, rank: 3, configuration: NMFConfiguration(solver: solver), using: &r)
        best[solver] = min(best[solver] ?? .infinity, fit.objective)
      }
    }
    #expect(best[.extrapolated]! <= best[.multiplicative]! * (1 + NMFConfiguration.defaultTolerance))
  }
}
