import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
import Testing
@testable import SigilNMF

/// Cyclic coordinate descent with Newton steps (NMFState+CoordinateDescent.swift): the certified
/// Newton step by hand, monotonicity, the floor, recovery, the same or a lower optimum than the
/// extrapolated MU it competes with, and the reproducibility contract.
@Suite("Coordinate descent (KL, Newton)") struct CoordinateDescentTests {
  func ccdState(seed: UInt64, mask: Bool, samples: Int = 16, rank: Int = 4) throws -> NMFState {
    let v = try NMFTestData.noisyCatalog(samples: samples, rank: rank, seed: seed, burden: 500)
    var rng = SeededGenerator.stream(seed: seed, 99)
    let (w, h) = NMFInitializer.random(for: v, rank: rank, using: &rng)
    var weights: Matrix? = nil
    if mask {
      var m = Matrix(rows: v.rows, columns: v.columns, repeating: 1)
      // 0/1 held-out cells times negative-binomial-like weights in (0.3, 1], as cross-validation uses.
      for i in m.values.indices { m.values[i] = rng.nextUniform() < 0.1 ? 0 : 0.3 + 0.7 * rng.nextUniform() }
      weights = m
    }
    return NMFState(v: v, mask: weights, w: w, h: h, objective: .kullbackLeibler, coordinateDescent: true)
  }

  /// Runs `solveLine` on one column: V = `v` (m x 1), W = `w` (m x 1), H = (h), k = 1.
  func newton(v: [Double], w: [Double], h: Double, steps: Int) -> (h: Double, y: [Double]) {
    let state = NMFState(v: Matrix(rows: v.count, columns: 1, values: v), mask: nil,
                         w: Matrix(rows: w.count, columns: 1, values: w), h: Matrix(rows: 1, columns: 1, values: [h]),
                         objective: .kullbackLeibler, coordinateDescent: true)
    var y = w.map { $0 * h }, vv = v, ww = w, x = [h], sums = [w.reduce(0, +)]
    y.withUnsafeMutableBufferPointer { yp in
      state.solveLine(y: yp.baseAddress!, v: &vv, length: v.count, basis: &ww, basisStride: v.count, sums: &sums,
                      sumStride: 1, x: &x, xStride: 1, newtonSteps: steps)
    }
    return (x[0], y)
  }

  @Test("Newton steps to the right by hand: V = (4, 2), W = (1, 1), h = 1 → 5/3 → 65/27 (optimum 3)")
  func newtonRight() {
    // g′(0) = Σw − Σ w·v/y = 2 − 6 = −4, g″(0) = Σ w²v/y² = 6: step 2/3, h = 5/3.
    // At y = 5/3: g′ = 2 − 18/5 = −8/5, g″ = 54/25: step 20/27, h = 65/27 (still left of 3: Newton on
    // this convex g with decreasing g″ never overshoots to the right).
    let one = newton(v: [4, 2], w: [1, 1], h: 1, steps: 1)
    #expect(approximatelyEqual(one.h, 5.0 / 3, relative: 1e-14))
    #expect(one.y.allSatisfy { approximatelyEqual($0, 5.0 / 3, relative: 1e-14) }, "W·H is updated with the step")
    let two = newton(v: [4, 2], w: [1, 1], h: 1, steps: 2)
    #expect(approximatelyEqual(two.h, 65.0 / 27, relative: 1e-14))
    #expect(two.y.allSatisfy { approximatelyEqual($0, 65.0 / 27, relative: 1e-14) })
  }

  @Test("steps to the left are halved until certified: V = (1, 1), W = (1, 1), h = 3 → 1.5 → 1.125 (optimum 1)")
  func newtonLeftHalving() {
    // g′ = 2 − 2/3 = 4/3, g″ = 2/9: the Newton step −6 is projected to the floor (h ≈ 0), where
    // g″ = ∞ fails the bound g′s + ½g″(s)s² <= 0; halved to s = −3 fails too (y = 0 → ∞), halved to
    // −1.5: g″(−1.5) = 2/2.25, bound −2 + 1 = −1 <= 0, accepted (h = 1.5).
    // Second step: g′ = 2 − 2/1.5 = 2/3, g″ = 8/9, step −0.75: g″ at h = 0.75 is 32/9, bound
    // −0.5 + 1 = 0.5 > 0, rejected; −0.375: g″ at 1.125 = 2/1.265625, bound −0.25 + 0.111 < 0, accepted.
    let one = newton(v: [1, 1], w: [1, 1], h: 3, steps: 1)
    #expect(approximatelyEqual(one.h, 1.5, relative: 1e-14))
    #expect(one.y.allSatisfy { approximatelyEqual($0, 1.5, relative: 1e-14) })
    let two = newton(v: [1, 1], w: [1, 1], h: 3, steps: 2)
    #expect(approximatelyEqual(two.h, 1.125, relative: 1e-14))
    #expect(two.y.allSatisfy { approximatelyEqual($0, 1.125, relative: 1e-14) })
  }

  @Test("an entry whose counts are all zero goes to the floor in one step")
  func zeroCounts() {
    let r = newton(v: [0, 0], w: [1, 2], h: 5, steps: 1)
    #expect(r.h == NMFNumerics.factorFloor)
  }

  @Test("every sweep lowers the (weighted) KL; the checks never go up; W, H stay >= the floor",
        arguments: 0..<4 as Range<UInt64>)
  func monotone(seed: UInt64) throws {
    for mask in [false, true] {
      let state = try ccdState(seed: seed, mask: mask)
      var before = state.objective()
      for sweep in 1...60 {
        state.coordinateDescentSweep()
        let after = state.objective()
        #expect(after <= before * (1 + 1e-12), "seed \(seed), mask \(mask), sweep \(sweep): \(before) -> \(after)")
        before = after
      }
      let checked = try ccdState(seed: seed, mask: mask)
      checked.checkHistory = []; checked.acceptedHistory = []
      let start = checked.objective()
      let config = try NMFConfiguration(tolerance: 0, checkInterval: 10, minIterations: 200, maxIterations: 200,
                                        solver: .coordinateDescent)
      let outcome = checked.iterate(config)
      let accepted = [start] + checked.acceptedHistory!
      for i in 1..<accepted.count { #expect(accepted[i] <= accepted[i - 1], "seed \(seed), mask \(mask), check \(i)") }
      #expect(outcome.objective == accepted.last! && outcome.objective == checked.objective())
      let w = UnsafeBufferPointer(start: checked.w, count: checked.m * checked.k)
      let h = UnsafeBufferPointer(start: checked.h, count: checked.k * checked.n)
      #expect(w.allSatisfy { $0 >= NMFNumerics.factorFloor && $0.isFinite }, "seed \(seed), mask \(mask)")
      #expect(h.allSatisfy { $0 >= NMFNumerics.factorFloor && $0.isFinite }, "seed \(seed), mask \(mask)")
    }
  }

  @Test("more progress per iteration: after 30 sweeps the KL is below plain MU's after 30 iterations",
        arguments: 0..<4 as Range<UInt64>)
  func faster(seed: UInt64) throws {
    let ccd = try ccdState(seed: seed, mask: false)
    _ = ccd.iterate(try NMFTestData.fixed(30, solver: .coordinateDescent))
    let mu = try makeState(seed: seed, objective: .kullbackLeibler, samples: 16, rank: 4)
    _ = mu.iterate(try NMFTestData.fixed(30))
    #expect(ccd.objective() < mu.objective(), "seed \(seed)")
  }

  @Test("converged means a plain MU block from the final factors decreased by at most the tolerance")
  func convergenceMeaning() throws {
    let v = try NMFTestData.noisyCatalog(samples: 20, rank: 4, seed: 41)
    var rng = SeededGenerator(seed: 42)
    let config = try NMFConfiguration(solver: .coordinateDescent)
    let fit = try factorize(v, rank: 4, configuration: config, using: &rng)
    #expect(fit.converged)
    let state = NMFState(v: v, mask: nil, w: fit.w, h: fit.h, objective: .kullbackLeibler)
    let start = state.objective()
    #expect(approximatelyEqual(start, fit.objective, relative: 1e-9))
    for _ in 0..<10 { state.step() }
    #expect(start - state.objective() <= NMFConfiguration.defaultTolerance * start * 1.0001)
  }

  @Test("at the default tolerance the best KL is no higher than extrapolated MU's (Poisson and NB catalogs)")
  func sameOptimum() throws {
    for (seed, dispersion) in [(51, nil), (52, 20.0)] as [(UInt64, Double?)] {
      let v = try NMFTestData.overdispersedCatalog(seed: seed, dispersion: dispersion)
      let mu = try RestartRunner.run(v, rank: 5, restarts: 0..<6, seed: 3,
                                     configuration: NMFConfiguration(solver: .extrapolated), threads: 2)
      let ccd = try RestartRunner.run(v, rank: 5, restarts: 0..<6, seed: 3,
                                      configuration: NMFConfiguration(solver: .coordinateDescent), threads: 2)
      let muBest = mu.map(\.objective).min()!, ccdBest = ccd.map(\.objective).min()!
      #expect(ccdBest <= muBest * (1 + NMFConfiguration.defaultTolerance), "seed \(seed): \(ccdBest) vs \(muBest)")
      #expect(ccd.allSatisfy { $0.converged }, "seed \(seed)")
    }
  }

  @Test("recovers the signatures of a `sigil simulate` cohort (cosine >= 0.95) no worse than extrapolated MU")
  func recovery() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let plan = try SimulationPlan(signatures: cosmic, alwaysActive: ["SBS1", "SBS7a"], optional: ["SBS2", "SBS13", "SBS17b"],
                                  sampleCount: 40, burdenMedian: 3000)
    var rng = SeededGenerator(seed: 61)
    let sim = plan.simulate(using: &rng)
    let truth = sim.signatures.matrix, k = truth.columns
    var worst: [NMFSolver: Double] = [:]
    for solver in [NMFSolver.extrapolated, .coordinateDescent] {
      let runs = try RestartRunner.run(sim.catalog.counts, rank: k, restarts: 0..<2, seed: 62,
                                       configuration: NMFConfiguration(solver: solver), threads: 2)
      let best = runs.min { $0.objective < $1.objective }!
      worst[solver] = NMFTestData.matchedCosines(truth: truth, found: best.w).min()!
    }
    #expect(worst[.coordinateDescent]! >= 0.95, "worst cosine \(worst[.coordinateDescent]!)")
    #expect(worst[.coordinateDescent]! >= worst[.extrapolated]! - 1e-3, "\(worst)")
  }

  @Test("masked and weighted fits (cross-validation) reach no higher a weighted KL than extrapolated MU")
  func masked() throws {
    let v = try NMFTestData.noisyCatalog(samples: 20, rank: 3, seed: 31)
    var mask = Matrix(rows: v.rows, columns: v.columns, repeating: 1)
    var rng = SeededGenerator(seed: 32)
    for i in mask.values.indices { mask.values[i] = rng.nextUnit() < 0.1 ? 0 : 0.5 + 0.5 * rng.nextUnit() }
    var best: [NMFSolver: Double] = [:]
    for solver in [NMFSolver.extrapolated, .coordinateDescent] {
      for restart in 0..<4 as Range<UInt64> {
        var r = SeededGenerator.stream(seed: 5, restart)
        let fit = try factorizeMasked(v, mask: mask, rank: 3, configuration: NMFConfiguration(solver: solver), using: &r)
        best[solver] = min(best[solver] ?? .infinity, fit.objective)
      }
    }
    #expect(best[.coordinateDescent]! <= best[.extrapolated]! * (1 + NMFConfiguration.defaultTolerance))
  }

  @Test("identical bits for threads 1, 2, 3 and for split restart blocks")
  func reproducible() throws {
    let v = try NMFTestData.noisyCatalog(samples: 21, rank: 4, seed: 13)
    let config = try NMFConfiguration(maxIterations: 300, solver: .coordinateDescent)
    let one = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 78, configuration: config, threads: 1)
    for threads in [2, 3] {
      let many = try RestartRunner.run(v, rank: 4, restarts: 0..<6, seed: 78, configuration: config, threads: threads)
      #expect(one == many, "threads \(threads)")
    }
    let split = try RestartRunner.run(v, rank: 4, restarts: 0..<4, seed: 78, configuration: config, threads: 2)
      + RestartRunner.run(v, rank: 4, restarts: 4..<6, seed: 78, configuration: config, threads: 1)
    #expect(one == split)
  }

  @Test("the Frobenius objective runs the extrapolated MU, bit for bit")
  func frobeniusFallsBack() throws {
    let v = try NMFTestData.noisyCatalog(samples: 12, rank: 3, seed: 71)
    var a = SeededGenerator(seed: 72), b = SeededGenerator(seed: 72)
    let ccd = try factorize(v, rank: 3, configuration: NMFConfiguration(objective: .frobenius, solver: .coordinateDescent), using: &a)
    let mu = try factorize(v, rank: 3, configuration: NMFConfiguration(objective: .frobenius, solver: .extrapolated), using: &b)
    #expect(ccd == mu)
  }
}
