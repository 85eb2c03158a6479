import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

@Suite("CohortFitter and bootstrap") struct CohortFitterTests {
  static let cohort: SimulatedCohort = {
    var rng = SeededGenerator(seed: 5)
    let plan = try! SimulationPlan(signatures: try! Fixtures.cosmicSBS96(), alwaysActive: ["SBS1", "SBS5"],
                                   optional: ["SBS2", "SBS13"], sampleCount: 9, burdenMedian: 1500)
    return plan.simulate(using: &rng)
  }()

  @Test("output is identical for 1, 2 and 5 threads")
  func threadsInvariant() throws {
    let fitter = SignatureFitter(signatures: try Fixtures.cosmicSBS96())
    let one = CohortFitter.fit(Self.cohort.catalog, fitter: fitter, bootstrap: 12, seed: 3, threads: 1)
    for t in [2, 5] {
      #expect(CohortFitter.fit(Self.cohort.catalog, fitter: fitter, bootstrap: 12, seed: 3, threads: t) == one, "threads \(t)")
    }
    let other = CohortFitter.fit(Self.cohort.catalog, fitter: fitter, bootstrap: 12, seed: 4, threads: 1)
    #expect(other.intervals != one.intervals, "a different seed should change the bootstrap")
    #expect(other.samples == one.samples, "the point fit does not use randomness")
  }

  @Test("intervals are ordered, fractions in [0, 1], and selected signatures are mostly covered")
  func intervals() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let fit = CohortFitter.fit(Self.cohort.catalog, fitter: SignatureFitter(signatures: cosmic), bootstrap: 40, seed: 1, threads: 2)
    var covered = 0, selected = 0
    for (s, sample) in fit.samples.enumerated() {
      for j in 0..<cosmic.count {
        let iv = fit.intervals[s][j]
        #expect(iv.lower <= iv.upper && iv.lower >= 0)
        #expect((0...1).contains(iv.selectedFraction))
        if sample.exposures[j] > 0 {
          selected += 1
          if iv.lower <= sample.exposures[j] && sample.exposures[j] <= iv.upper { covered += 1 }
        }
      }
    }
    // The point estimate lies inside its own bootstrap interval in the large majority of cases
    // (not always: bootstrap distributions of selected exposures are skewed by selection).
    #expect(Double(covered) >= 0.8 * Double(selected), "\(covered) of \(selected)")
  }

  @Test("a replicate's draw depends only on (seed, sample index, replicate)")
  func perSampleStreams() throws {
    let fitter = SignatureFitter(signatures: try Fixtures.cosmicSBS96())
    let full = CohortFitter.fit(Self.cohort.catalog, fitter: fitter, bootstrap: 10, seed: 8, threads: 2)
    let column = Self.cohort.catalog.counts.column(4)
    let alone = CohortFitter.bootstrap(column, fitter: fitter, replicates: 10, seed: 8, sample: 4,
                                       point: fitter.pointFit(column))
    #expect(full.intervals[4] == alone)
  }

  @Test("type-7 quantiles by hand")
  func quantiles() {
    // h = (5 − 1)·0.025 = 0.1 -> 0 + 0.1·(10 − 0) = 1; h = 4·0.975 = 3.9 -> 30 + 0.9·(40 − 30) = 39.
    #expect(approximatelyEqual(CohortFitter.quantile([0, 10, 20, 30, 40], 0.025), 1, relative: Tolerance.kernel))
    #expect(approximatelyEqual(CohortFitter.quantile([0, 10, 20, 30, 40], 0.975), 39, relative: Tolerance.kernel))
    #expect(CohortFitter.quantile([7], 0.975) == 7)
  }

  @Test("TSV layouts")
  func tables() {
    let fit = CohortFit(
      samples: [SampleFit(exposures: [3, 0], mutations: 3, cosine: 0.5, kl: 1.25, l2: 2, dispersion: 1.5),
                SampleFit(exposures: [0, 0], mutations: 0, cosine: nil, kl: nil, l2: 0),
                SampleFit(exposures: [2, 0], mutations: 2, cosine: 1, kl: 0, l2: 0, dispersion: 1)],
      intervals: [[ExposureInterval(lower: 1, upper: 4.5, selectedFraction: 1), ExposureInterval(lower: 0, upper: 0.5, selectedFraction: 0.25)],
                  [ExposureInterval(lower: 0, upper: 0, selectedFraction: 0), ExposureInterval(lower: 0, upper: 0, selectedFraction: 0)],
                  [ExposureInterval(lower: 2, upper: 2, selectedFraction: 1), ExposureInterval(lower: 0, upper: 0.25, selectedFraction: 0)]],
      bootstrap: 4)
    // Rows: every interval that is not [0, 0]: b has none; c's Y was selected in no replicate but has an upper bound.
    #expect(FitTables.intervals(fit, sampleNames: ["a", "b", "c"], signatureNames: ["X", "Y"]) ==
            "sample\tsignature\texposure\tlower\tupper\tselected_fraction\na\tX\t3\t1\t4.5\t1\na\tY\t0\t0\t0.5\t0.25\n"
            + "c\tX\t2\t2\t2\t1\nc\tY\t0\t0\t0.25\t0\n")
    #expect(FitTables.statistics(fit, sampleNames: ["a", "b", "c"]) ==
            "sample\tmutations\tcosine\tkl\tl2\tsignatures\tdispersion\na\t3\t0.5\t1.25\t2\t1\t1.5\nb\t0\tNA\tNA\t0\t0\tNA\n"
            + "c\t2\t1\t0\t0\t1\t1\n")
  }
}
