import Foundation
import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
@testable import SigilNMF

/// Shared builders for the NMF tests.
enum NMFTestData {
  /// A Poisson-noised planted catalog (96 x samples) from `rank` COSMIC signatures.
  static let cosmicNames = ["SBS1", "SBS2", "SBS3", "SBS5", "SBS13", "SBS18", "SBS8", "SBS17b"]

  static func noisyCatalog(samples: Int, rank: Int, seed: UInt64, burden: Double = 2000) throws -> Matrix {
    var rng = SeededGenerator(seed: seed)
    return try Planted.cosmic(Array(cosmicNames.prefix(rank)), samples: samples, burden: burden, poisson: true,
                              using: &rng).catalog
  }

  /// 30 samples of 5 COSMIC signatures (~1,500 mutations each) with Poisson noise, or negative
  /// binomial noise of size `dispersion`: the catalogs the solver-equivalence tests compare on.
  static func overdispersedCatalog(seed: UInt64, dispersion: Double?) throws -> Matrix {
    var rng = SeededGenerator(seed: seed)
    var v = try Planted.cosmic(Array(cosmicNames.prefix(5)), samples: 30, burden: 1500, poisson: false, using: &rng).catalog
    for i in v.values.indices {
      if let r = dispersion {
        v.values[i] = Double(rng.nextNegativeBinomial(mean: v.values[i], dispersion: r))
      } else {
        v.values[i] = Double(rng.nextPoisson(mean: v.values[i]))
      }
    }
    return v
  }

  /// Random positive starting factors of rank 3 for `v` (W entries in (0.01, 1.01), H in (1, 501)):
  /// the start of the polish and refinement tests, far from any optimum.
  static func randomStart(for v: Matrix, seed: UInt64) -> (w: Matrix, h: Matrix) {
    var rng = SeededGenerator(seed: seed)
    let w = Matrix(rows: v.rows, columns: 3, values: (0..<(v.rows * 3)).map { _ in rng.nextUnit() + 0.01 })
    let h = Matrix(rows: 3, columns: v.columns, values: (0..<(3 * v.columns)).map { _ in 500 * rng.nextUnit() + 1 })
    return (w, h)
  }

  /// A configuration that runs exactly `iterations` iterations (tolerance 0 never fires before the cap
  /// unless the objective stalls exactly); plain multiplicative updates unless `solver` says otherwise.
  static func fixed(_ iterations: Int, objective: NMFObjective = .kullbackLeibler,
                    solver: NMFSolver = .multiplicative) throws -> NMFConfiguration {
    try NMFConfiguration(objective: objective, tolerance: 0, checkInterval: 1, minIterations: iterations,
                         maxIterations: iterations, solver: solver)
  }

  /// For each true signature, the best cosine with a recovered one under the best one-to-one
  /// matching (all permutations; k <= 8).
  static func matchedCosines(truth: Matrix, found: Matrix) -> [Double] {
    let k = truth.columns
    var cos = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for a in 0..<k { for b in 0..<k { cos[a][b] = cosineSimilarity(truth.column(a), found.column(b)) } }
    var best: [Double] = [], bestSum = -Double.infinity
    func search(_ a: Int, _ used: inout [Bool], _ current: inout [Double]) {
      if a == k {
        let s = current.reduce(0, +)
        if s > bestSum { bestSum = s; best = current }
        return
      }
      for b in 0..<k where !used[b] {
        used[b] = true; current.append(cos[a][b])
        search(a + 1, &used, &current)
        used[b] = false; current.removeLast()
      }
    }
    var used = [Bool](repeating: false, count: k), current: [Double] = []
    search(0, &used, &current)
    return best
  }

  /// Signatures with clearly different profiles. The flat SBS3/SBS5 pair is left out of exact
  /// recovery: mixtures of flat profiles make the factorisation non-unique (any W in the cone
  /// fits exactly), so no solver can be held to cosine 0.9999 on them.
  static let distinctNames = ["SBS2", "SBS7a", "SBS13", "SBS17b", "SBS1", "SBS4"]

  /// An exact, separable planted factorisation: sample c < k is pure signature c (which makes
  /// the NMF unique: Donoho & Stodden 2003), the rest Dirichlet(0.5) mixtures at `burden`.
  static func separable(rank: Int, samples: Int, burden: Double, seed: UInt64) throws -> (catalog: Matrix, w: Matrix) {
    var rng = SeededGenerator(seed: seed)
    let w = try Fixtures.cosmicSBS96().selecting(Array(distinctNames.prefix(rank)), path: "COSMIC").matrix
    var h = Matrix(rows: rank, columns: samples)
    for j in 0..<samples {
      let p = j < rank ? (0..<rank).map { $0 == j ? 1.0 : 0 } : rng.nextDirichlet(Array(repeating: 0.5, count: rank))
      let total = rng.nextLogNormal(median: burden, sigma: 0.3)
      for c in 0..<rank { h[c, j] = total * p[c] }
    }
    return (NaiveKernels.multiply(w, h), w)
  }

  /// W·H by the naive loop.
  static func product(_ r: NMFResult) -> Matrix { NaiveKernels.multiply(r.w, r.h) }
}
