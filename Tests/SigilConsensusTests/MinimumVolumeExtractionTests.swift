import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilNMF
import SigilTestSupport
@testable import SigilConsensus

@Suite("Extraction with --min-volume") struct MinimumVolumeExtractionTests {
  /// Restarts of ranks 2 and 3 (computed once per cohort; the analysis is what varies).
  static func restarts(_ v: MutationCatalog) throws -> (RestartPlan, [Int: [RestartRecord]]) {
    let plan = RestartPlan(ranks: [2, 3], restarts: 4, seed: 5, configuration: try NMFConfiguration())
    return (plan, try Extraction.runRestarts(catalog: v.counts, plan: plan, range: 0..<4, threads: 2))
  }

  static func extract(_ v: MutationCatalog, _ run: (RestartPlan, [Int: [RestartRecord]]), mode: MinimumVolumeRefinement.Mode,
                      polish: NegativeBinomialPolish.Mode = .auto, threads: Int = 2) throws -> ExtractionResult {
    var analysis = AnalysisPlan(filter: try RestartFilter(tolerance: nil), crossValidation: nil,
                                selection: .auto, fixedRank: 3, reference: try Fixtures.cosmicSBS96(), negativeBinomialPolish: polish)
    analysis.minimumVolume = mode
    return try Extraction.analyse(catalog: v, restarts: run.1, plan: run.0, analysis: analysis, threads: threads)
  }

  @Test("overdispersed counts: only the selected rank is refined, at the polish's size; threads 1 and 3 agree")
  func overdispersed() throws {
    let nb = try NegativeBinomialPolishExtractionTests.cohort(noise: .negativeBinomial(dispersion: 5), seed: 11).catalog
    let run = try Self.restarts(nb)
    let off = try Self.extract(nb, run, mode: .off), auto = try Self.extract(nb, run, mode: .auto, threads: 1), on = try Self.extract(nb, run, mode: .on)
    let m = try #require(auto.minimumVolume)
    #expect(off.minimumVolume == nil && on.minimumVolume == m)
    #expect(m.rank == 3 && m.size == off.solutions[3]!.statistics.polishSize && m.size != nil && m.weight > 0)
    #expect(auto.decision.rank == off.decision.rank)
    #expect(auto.solutions[2]!.signatures == off.solutions[2]!.signatures)
    #expect(auto.solutions[3]!.signatures != off.solutions[3]!.signatures)
    for c in 0..<3 { #expect(approximatelyEqual(auto.solutions[3]!.signatures.column(c).reduce(0, +), 1, relative: 1e-12)) }
    #expect(MinimumVolumeRefinement.logVolume(auto.solutions[3]!.signatures).value < MinimumVolumeRefinement.logVolume(off.solutions[3]!.signatures).value)
    // The statistics the rank rule reads are those of the unrefined solution; the reconstruction ones follow the refinement.
    let a = auto.solutions[3]!.statistics, o = off.solutions[3]!.statistics
    #expect(a.meanStability == o.meanStability && a.cophenetic == o.cophenetic && a.consensusSize == o.consensusSize)
    #expect(a.kullbackLeibler != o.kullbackLeibler && auto.statistics.first { $0.rank == 3 }! == a)
    #expect(auto.matches[3]!.map(\.bestCosine) != off.matches[3]!.map(\.bestCosine))
    #expect(ExtractionJob.volumeDescription(auto, mode: .auto, polish: .auto, objective: .kullbackLeibler).hasPrefix("auto: yes (k=3, negative-binomial size "))
    #expect(ExtractionJob.volumeDescription(off, mode: .off, polish: .auto, objective: .kullbackLeibler) == "no")
    let three = try Self.extract(nb, run, mode: .auto, threads: 3)
    #expect(ExtractionOutput.rankSelection(auto.statistics) == ExtractionOutput.rankSelection(three.statistics))
    #expect(auto.solutions[3]!.signatures == three.solutions[3]!.signatures && auto.solutions[3]!.exposures == three.solutions[3]!.exposures)
  }

  @Test("--no-nb-polish: --min-volume still refines under the negative-binomial divergence, at the size the polish would use; auto does not refine")
  func polishOff() throws {
    let nb = try NegativeBinomialPolishExtractionTests.cohort(noise: .negativeBinomial(dispersion: 5), seed: 11).catalog
    let run = try Self.restarts(nb)
    let polished = try Self.extract(nb, run, mode: .on)
    let on = try Self.extract(nb, run, mode: .on, polish: .off), auto = try Self.extract(nb, run, mode: .auto, polish: .off)
    let m = try #require(on.minimumVolume)
    // r̂ is estimated for the refinement from the same unpolished consensus the polish reads, so it is that size exactly.
    #expect(m.size != nil && m.size == polished.minimumVolume?.size && m.size == polished.solutions[3]!.statistics.consensusSize)
    #expect(on.solutions[3]!.statistics.polishSize == nil && on.solutions[3]!.statistics.consensusSize == nil)
    #expect(auto.minimumVolume == nil && auto.solutions[3]!.signatures != on.solutions[3]!.signatures)
    #expect(ExtractionJob.volumeDescription(on, mode: .on, polish: .off, objective: .kullbackLeibler).hasPrefix("yes (k=3, negative-binomial size "))
    #expect(ExtractionJob.volumeDescription(auto, mode: .auto, polish: .off, objective: .kullbackLeibler)
            == "auto: no (negative-binomial polish off; --min-volume refines without it)")
  }

  @Test("the gate: Poisson counts are left as they are under auto (byte-identical tables); --min-volume refines under KL")
  func gate() throws {
    let p = try NegativeBinomialPolishExtractionTests.cohort(noise: .poisson, seed: 11).catalog
    let run = try Self.restarts(p)
    let off = try Self.extract(p, run, mode: .off), auto = try Self.extract(p, run, mode: .auto), on = try Self.extract(p, run, mode: .on)
    #expect(auto.minimumVolume == nil)
    #expect(ExtractionOutput.rankSelection(auto.statistics) == ExtractionOutput.rankSelection(off.statistics))
    #expect(auto.solutions[3]!.signatures == off.solutions[3]!.signatures && auto.solutions[3]!.exposures == off.solutions[3]!.exposures)
    #expect(ExtractionJob.volumeDescription(auto, mode: .auto, polish: .auto, objective: .kullbackLeibler) == "auto: no (counts not overdispersed: negative-binomial size infinite at a rank explored)")
    // Forced on a cohort whose size at rank 3 is infinite: KL.
    let m = try #require(on.minimumVolume)
    #expect(on.solutions[3]!.signatures != off.solutions[3]!.signatures)
    if let r = off.solutions[3]!.statistics.consensusSize, r.isFinite { #expect(m.size == r) } else { #expect(m.size == nil) }
    // The gate on given statistics.
    func stats(_ sizes: [Double?]) -> [RankStatistics] {
      sizes.enumerated().map { var s = RankStatistics(rank: $0.offset + 1, cophenetic: nil, meanStability: nil, minimumStability: nil,
                                                      crossValidationDeviance: nil); s.consensusSize = $0.element; return s }
    }
    #expect(Extraction.refinesVolume(.auto, statistics: stats([3, 9.5, 8.8]), objective: .kullbackLeibler))
    #expect(!Extraction.refinesVolume(.auto, statistics: stats([3, 9.5, 28]), objective: .kullbackLeibler))
    #expect(!Extraction.refinesVolume(.auto, statistics: stats([3, .infinity]), objective: .kullbackLeibler))
    #expect(!Extraction.refinesVolume(.auto, statistics: stats([nil, nil]), objective: .kullbackLeibler))
    #expect(!Extraction.refinesVolume(.auto, statistics: stats([9.5]), objective: .frobenius))
    #expect(Extraction.refinesVolume(.on, statistics: stats([.infinity]), objective: .kullbackLeibler))
    #expect(!Extraction.refinesVolume(.off, statistics: stats([9.5]), objective: .kullbackLeibler))
  }
}
