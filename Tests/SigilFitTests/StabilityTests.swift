import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

@Suite("Stability filter of the overdispersed rule") struct StabilityTests {
  static let cosmic = DispersionTests.cosmic

  /// One negative-binomial sample (r = 10, ≈ 20,000 mutations, SBS1 + SBS5 + optional ones) and its noise model.
  static func overdispersedSample(seed: UInt64) throws -> ([Double], NoiseModel) {
    let nb = DispersionTests.cohort(noise: .negativeBinomial(dispersion: 10), seed: seed, samples: 1)
    let counts = nb.catalog.counts.column(0)
    let noise = try #require(SignatureFitter(signatures: cosmic).estimate(counts).noise, "sample should be overdispersed")
    return (counts, noise)
  }

  @Test("a planted weak false signature is dropped and the true ones are kept and refitted")
  func plantedFalseSignatureDropped() throws {
    let fitter = SignatureFitter(signatures: Self.cosmic)
    let (counts, noise) = try Self.overdispersedSample(seed: 31)
    var p = fitter.problem(counts)
    p.noise = noise
    let truth = fitter.select(p)
    let name = { (j: Int) in Self.cosmic.names[j] }
    #expect(truth.indices.map(name).contains("SBS1") && truth.indices.map(name).contains("SBS5"))
    // Plant SBS10b (absent, peaked) at 1% of the mutations next to the rule's own selection.
    let planted = try #require(Self.cosmic.names.firstIndex(of: "SBS10b"))
    #expect(!truth.indices.contains(planted))
    let total = counts.reduce(0, +)
    let pairs = (zip(truth.indices, truth.x).map { ($0, $1) } + [(planted, 0.01 * total)]).sorted { $0.0 < $1.0 }
    let chosen = SignatureFitter.Subset(indices: pairs.map(\.0), x: pairs.map(\.1), rss: 0)
    let hits = fitter.stabilityCounts(counts, noise: noise)
    #expect(Double(hits[planted]) < SignatureFitter.stabilityThreshold * Double(SignatureFitter.stabilityReplicates),
            "resamples selecting SBS10b: \(hits[planted])")
    let filtered = fitter.stabilityFiltered(chosen, p)
    #expect(!filtered.indices.contains(planted))
    for j in truth.indices where Double(hits[j]) >= SignatureFitter.stabilityThreshold * Double(SignatureFitter.stabilityReplicates) {
      #expect(filtered.indices.contains(j), "\(name(j)) selected in \(hits[j]) resamples was dropped")
    }
    // Refitted on the kept set (NNLS, then weighted EM), not just truncated.
    var refit = fitter.solve(filtered.indices, p)
    fitter.refine(&refit, p)
    #expect(filtered.x == refit.x)
    // The weighted EM does not conserve Σx = Σb exactly (the weights differ by channel); 0.5% here.
    #expect(abs(filtered.x.reduce(0, +) - total) < 0.02 * total)
  }

  @Test("a stable selection is returned unchanged; samples without a noise model are not resampled")
  func stableUnchanged() throws {
    let fitter = SignatureFitter(signatures: Self.cosmic)
    let (counts, noise) = try Self.overdispersedSample(seed: 32)
    var p = fitter.problem(counts)
    p.noise = noise
    let need = SignatureFitter.stabilityThreshold * Double(SignatureFitter.stabilityReplicates)
    let hits = fitter.stabilityCounts(counts, noise: noise)
    var chosen = fitter.select(p)
    fitter.refine(&chosen, p)
    let stable = chosen.indices.filter { Double(hits[$0]) >= need }
    var kept = fitter.solve(stable, p)
    fitter.refine(&kept, p)
    let filtered = fitter.stabilityFiltered(kept, p)
    #expect(filtered.indices == kept.indices && filtered.x == kept.x)
    let poisson = fitter.problem(counts)  // no noise model: the φ = 1 rule, no filter
    #expect(fitter.stabilityFiltered(kept, poisson).x == kept.x)
  }

  @Test("the point estimate depends on the sample's counts only: same at any catalog position, seed or bootstrap")
  func deterministic() throws {
    let nb = DispersionTests.cohort(noise: .negativeBinomial(dispersion: 10), seed: 33, samples: 4, burden: 5000)
    let fitter = SignatureFitter(signatures: Self.cosmic)
    let a = CohortFitter.fit(nb.catalog, fitter: fitter, bootstrap: 0, seed: 1, threads: 1)
    let b = CohortFitter.fit(nb.catalog, fitter: fitter, bootstrap: 5, seed: 99, threads: 2)
    #expect(a.samples == b.samples)
    for s in 0..<4 { #expect(fitter.fit(nb.catalog.counts.column(s)) == a.samples[s], "sample \(s)") }
    #expect(SignatureFitter.stabilitySeed([1, 2, 3]) == SignatureFitter.stabilitySeed([1, 2, 3]))
    #expect(SignatureFitter.stabilitySeed([1, 2, 3]) != SignatureFitter.stabilitySeed([1, 3, 2]))
  }
}
