import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
import Testing
@testable import SigilNMF

/// A state on a noisy planted catalog from a seeded random initialisation.
func makeState(seed: UInt64, objective: NMFObjective,
               mask: Bool = false, samples: Int = 12, rank: Int = 3, extrapolation: Bool = false) throws -> NMFState {
  let v = try NMFTestData.noisyCatalog(samples: samples, rank: rank, seed: seed, burden: 500)
  var rng = SeededGenerator.stream(seed: seed, 99)
  let (w, h) = NMFInitializer.random(for: v, rank: rank, using: &rng)
  var weights: Matrix? = nil
  if mask {
    var m = Matrix(rows: v.rows, columns: v.columns, repeating: 1)
    for i in m.values.indices where rng.nextUniform() < 0.1 { m.values[i] = 0 }
    weights = m
  }
  return NMFState(v: v, mask: weights, w: w, h: h, objective: objective, extrapolation: extrapolation)
}

@Suite("Multiplicative updates: properties over seeds") struct UpdatePropertyTests {
  @Test("KL divergence never increases and W, H stay >= 0", arguments: 0..<16 as Range<UInt64>)
  func klMonotone(seed: UInt64) throws {
    let state = try makeState(seed: seed, objective: .kullbackLeibler)
    var before = state.objective()
    for step in 1...150 {
      state.step()
      let after = state.objective()
      #expect(after <= before * (1 + Tolerance.monotoneSlack), "seed \(seed), step \(step): \(before) -> \(after)")
      before = after
    }
    let (w, h) = state.normalizedFactors()
    #expect(w.values.allSatisfy { $0 >= 0 } && h.values.allSatisfy { $0 >= 0 }, "seed \(seed)")
  }

  @Test("Frobenius objective never increases under its updates", arguments: 0..<16 as Range<UInt64>)
  func frobeniusMonotone(seed: UInt64) throws {
    let state = try makeState(seed: seed, objective: .frobenius)
    var before = state.objective()
    for step in 1...150 {
      state.step()
      let after = state.objective()
      #expect(after <= before * (1 + Tolerance.monotoneSlack), "seed \(seed), step \(step): \(before) -> \(after)")
      before = after
    }
    let (w, h) = state.normalizedFactors()
    #expect(w.values.allSatisfy { $0 >= 0 } && h.values.allSatisfy { $0 >= 0 }, "seed \(seed)")
  }

  @Test("masked KL and masked Frobenius objectives never increase", arguments: 0..<8 as Range<UInt64>)
  func maskedMonotone(seed: UInt64) throws {
    for objective in NMFObjective.allCases {
      let state = try makeState(seed: seed, objective: objective, mask: true)
      var before = state.objective()
      for step in 1...100 {
        state.step()
        let after = state.objective()
        #expect(after <= before * (1 + Tolerance.monotoneSlack), "seed \(seed), \(objective), step \(step)")
        before = after
      }
    }
  }

  @Test("normalising W's columns to sum 1 leaves W·H unchanged", arguments: 0..<8 as Range<UInt64>)
  func normalisation(seed: UInt64) throws {
    let state = try makeState(seed: seed, objective: .kullbackLeibler)
    for _ in 0..<50 { state.step() }
    state.updateReconstruction()
    let raw = Matrix(rows: state.m, columns: state.n, values: Array(UnsafeBufferPointer(start: state.wh, count: state.m * state.n)))
    let (w, h) = state.normalizedFactors()
    for c in 0..<w.columns {
      #expect(abs(w.column(c).reduce(0, +) - 1) <= 1e-14, "seed \(seed), column \(c)")
    }
    let product = NaiveKernels.multiply(w, h)
    for i in raw.values.indices {
      #expect(approximatelyEqual(product.values[i], raw.values[i], relative: Tolerance.kernel), "seed \(seed), cell \(i)")
    }
  }

  @Test("permuting samples permutes H's columns", arguments: 0..<6 as Range<UInt64>)
  func permutation(seed: UInt64) throws {
    let v = try NMFTestData.noisyCatalog(samples: 10, rank: 3, seed: seed)
    var rng = SeededGenerator.stream(seed: seed, 7)
    let (w0, h0) = NMFInitializer.random(for: v, rank: 3, using: &rng)
    var order = Array(0..<10)
    order.shuffle(using: &rng)
    let config = try NMFTestData.fixed(200)
    let a = NMFState(v: v, mask: nil, w: w0, h: h0, objective: .kullbackLeibler)
    _ = a.iterate(config)
    let b = NMFState(v: v.selectingColumns(order), mask: nil, w: w0, h: h0.selectingColumns(order),
                     objective: .kullbackLeibler)
    _ = b.iterate(config)
    let (wa, ha) = a.normalizedFactors(), (wb, hb) = b.normalizedFactors()
    let permuted = ha.selectingColumns(order)
    // Only the order of sums over samples differs: agreement far beyond the science, loose enough for 200 steps of rounding.
    for i in hb.values.indices { #expect(approximatelyEqual(hb.values[i], permuted.values[i], relative: 1e-9), "seed \(seed)") }
    for i in wb.values.indices { #expect(approximatelyEqual(wb.values[i], wa.values[i], relative: 1e-9), "seed \(seed)") }
  }

  @Test("scaling V scales H and leaves W unchanged", arguments: 0..<4 as Range<UInt64>)
  func scaling(seed: UInt64) throws {
    let v = try NMFTestData.noisyCatalog(samples: 10, rank: 3, seed: seed)
    var scaled = v
    for i in scaled.values.indices { scaled.values[i] *= 8 }  // power of two: exact scaling
    var r1 = SeededGenerator(seed: seed), r2 = SeededGenerator(seed: seed)
    let config = try NMFTestData.fixed(100)
    let a = try factorize(v, rank: 3, configuration: config, using: &r1)
    let b = try factorize(scaled, rank: 3, configuration: config, using: &r2)
    // The random init scales with sqrt(mean V), i.e. by √8 in W and H, so W·H scales by 8 and KL MU is scale-equivariant.
    for i in a.w.values.indices { #expect(approximatelyEqual(a.w.values[i], b.w.values[i], relative: 1e-9), "seed \(seed)") }
    for i in a.h.values.indices { #expect(approximatelyEqual(8 * a.h.values[i], b.h.values[i], relative: 1e-9), "seed \(seed)") }
  }
}
