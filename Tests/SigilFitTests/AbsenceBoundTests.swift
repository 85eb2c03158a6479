import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

@Suite("Upper bounds for signatures the fit leaves out") struct AbsenceBoundTests {
  /// Four signatures on the first four of 96 channels: A = (½, ½, 0, 0), B = (0, 0, ½, ½),
  /// C = (¼, ¼, ¼, ¼), D = (0.4, 0.4, 0.2, 0).
  static let tiny: SignatureSet = {
    var m = Matrix(rows: 96, columns: 4)
    for (j, column) in [[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5], [0.25, 0.25, 0.25, 0.25], [0.4, 0.4, 0.2, 0]].enumerated() {
      for (i, v) in column.enumerated() { m[i, j] = v }
    }
    return SignatureSet(mutationClass: .sbs96, names: ["A", "B", "C", "D"], matrix: m)
  }()

  static func counts(_ head: [Double]) -> [Double] { head + [Double](repeating: 0, count: 96 - head.count) }

  @Test("bound by hand: the exposure a signature takes when added to the selection")
  func handComputed() throws {
    let fitter = SignatureFitter(signatures: Self.tiny)
    // b = (10, 10, 2, 0), S = {A}: x_A = (Aᵀb)/(AᵀA) = 10/0.5 = 20.
    // B: w = Bᵀ(b − 20A) = ½·2 = 1, σ = BᵀB = ½ -> x_B = 2 (orthogonal to A).
    // C: w = Cᵀb − (CᵀA)·20 = 5.5 − 0.25·20 = 0.5, σ = CᵀC − (CᵀA)²/AᵀA = 0.25 − 0.125 -> x_C = 4
    //    (x_A = 20 − (0.25/0.5)·4 = 18 > 0; the residual (0, 0, 1, −1) is orthogonal to A and C).
    let p = fitter.problem(Self.counts([10, 10, 2, 0]))
    let bound = fitter.augmentedExposures([0], p)
    #expect(bound[0] == 0, "a selected signature has no bound of its own")
    #expect(approximatelyEqual(bound[1], 2, relative: Tolerance.kernel))
    #expect(approximatelyEqual(bound[2], 4, relative: Tolerance.kernel))
    // D on b = (10, 10, 6, 0): least squares on {A, D} gives x_D = 30, x_A = −4 < 0, so NNLS drops A:
    // x_D minimises 2(10 − 0.4d)² + (6 − 0.2d)² -> 0.72·d = 18.4 (the fallback solve).
    let q = fitter.problem(Self.counts([10, 10, 6, 0]))
    #expect(approximatelyEqual(fitter.augmentedExposures([0], q)[3], 18.4 / 0.72, relative: Tolerance.kernel))
    // Adding a signature that cannot lower the residual (gradient ≤ 0) gives 0: b = 20·A exactly.
    let r = fitter.problem(Self.counts([10, 10, 0, 0]))
    let exact = fitter.augmentedExposures([0], r)
    #expect(exact[1] == 0 && exact[3] == 0)
    // From the empty set: the one-signature least-squares fit, x_j = Wⱼᵀb / WⱼᵀWⱼ.
    let empty = fitter.augmentedExposures([], p)
    #expect(approximatelyEqual(empty[0], 20, relative: Tolerance.kernel))
    #expect(approximatelyEqual(empty[2], 5.5 / 0.25, relative: Tolerance.kernel))
  }

  @Test("on COSMIC, every candidate's bound equals a fresh NNLS solve on the selection plus it")
  func agreesWithFreshSolve() throws {
    let cosmic = DispersionTests.cosmic
    let fitter = SignatureFitter(signatures: cosmic)
    let cohort = DispersionTests.cohort(noise: .poisson, seed: 41, samples: 2, burden: 3000)
    for s in 0..<2 {
      let p = fitter.problem(cohort.catalog.counts.column(s))
      var chosen = fitter.select(p)
      fitter.refine(&chosen, p)
      let bound = fitter.augmentedExposures(chosen.indices, p)
      let base = fitter.solve(chosen.indices, p).indices
      for j in 0..<cosmic.count where !chosen.indices.contains(j) {
        let trial = fitter.solve((base + [j]).sorted(), p)
        let expected = trial.indices.firstIndex(of: j).map { trial.x[$0] } ?? 0
        #expect(abs(bound[j] - expected) <= 1e-8 * max(1, expected), "sample \(s) \(cosmic.names[j]): \(bound[j]) vs \(expected)")
      }
    }
  }

  @Test("intervals: reported exposures keep their percentile interval; the others get [0, u], u ≥ the selection-only quantile")
  func invariants() throws {
    let cosmic = DispersionTests.cosmic
    let fitter = SignatureFitter(signatures: cosmic)
    for noise in [SimulationPlan.Noise.poisson, .negativeBinomial(dispersion: 10)] {
      let cohort = DispersionTests.cohort(noise: noise, seed: 43, samples: 3, burden: 4000)
      let replicates = 20, seed: UInt64 = 6
      for s in 0..<3 {
        let counts = cohort.catalog.counts.column(s)
        let point = fitter.pointFit(counts)
        let intervals = CohortFitter.bootstrap(counts, fitter: fitter, replicates: replicates, seed: seed, sample: s, point: point)
        // The selection-only draws, replicate by replicate (same streams).
        let total = Int(counts.reduce(0, +).rounded())
        var excluded = [Bool](repeating: false, count: cosmic.count)
        for j in point.unstable { excluded[j] = true }
        var draws = [[Double]](repeating: [], count: cosmic.count)
        for b in 0..<replicates {
          var rng = SeededGenerator.stream(seed: seed, UInt64(s), UInt64(b))
          let resampled = point.noise.map { CohortFitter.gammaMultinomial(trials: total, proportions: counts, size: $0.size, using: &rng) }
            ?? rng.nextMultinomial(trials: total, probabilities: counts).map(Double.init)
          let x = fitter.replicate(resampled, noise: point.noise, excluded: point.unstable.isEmpty ? [] : excluded).exposures
          for j in 0..<cosmic.count { draws[j].append(x[j]) }
        }
        var bounded = 0
        for j in 0..<cosmic.count {
          let iv = intervals[j], sorted = draws[j].sorted()
          let plain = (CohortFitter.quantile(sorted, 0.025), CohortFitter.quantile(sorted, 0.975))
          #expect(iv.lower >= 0 && iv.lower <= iv.upper)
          if point.fit.exposures[j] > 0 {
            #expect(iv.lower == plain.0 && iv.upper == plain.1, "reported \(cosmic.names[j]) changed")
          } else {
            #expect(iv.lower == 0, "unreported \(cosmic.names[j]) has lower \(iv.lower)")
            #expect(iv.upper >= plain.1, "unreported \(cosmic.names[j]): bound \(iv.upper) below its selection-only quantile \(plain.1)")
            if iv.upper > 0 { bounded += 1 }
          }
          if point.unstable.contains(j) { #expect(iv.selectedFraction == 0) }
        }
        #expect(bounded > 0, "some unreported signature should get a positive bound (\(noise), sample \(s))")
      }
    }
  }

  @Test("signatures the stability filter removed: exposure 0, lower 0, selected in no replicate, an upper bound")
  func unstableConsistent() throws {
    let cosmic = DispersionTests.cosmic
    let fitter = SignatureFitter(signatures: cosmic)
    let cohort = DispersionTests.cohort(noise: .negativeBinomial(dispersion: 10), seed: 47, samples: 12, burden: 20000)
    // The first sample whose stability filter removes a signature (point fits only: cheap).
    let found = (0..<12).lazy.map { s in (s, fitter.pointFit(cohort.catalog.counts.column(s))) }.first { !$0.1.unstable.isEmpty }
    let (s, point) = try #require(found, "this cohort should have a signature the filter removes")
    let counts = cohort.catalog.counts.column(s)
    #expect(point.fit == fitter.fit(counts))
    let intervals = CohortFitter.bootstrap(counts, fitter: fitter, replicates: 10, seed: 3, sample: s, point: point)
    for j in point.unstable {
      let iv = intervals[j]
      #expect(point.fit.exposures[j] == 0 && iv.lower == 0 && iv.selectedFraction == 0 && iv.upper > 0,
              "sample \(s) \(cosmic.names[j]): \(iv)")
    }
  }
}
