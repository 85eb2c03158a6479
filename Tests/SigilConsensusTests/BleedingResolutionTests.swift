import Foundation
import Testing
import SigilCore
import SigilLinearAlgebra
import SigilTestSupport
@testable import SigilConsensus

@Suite("Bleeding resolution") struct BleedingResolutionTests {
  /// Columns mixed from COSMIC v3.4 SBS signatures, each summing to 1.
  func mix(_ parts: [(String, Double)]) throws -> [Double] {
    let m = try Fixtures.cosmicSBS96().selecting(parts.map(\.0), path: "COSMIC").matrix
    return (0..<96).map { i in parts.indices.reduce(0) { $0 + parts[$1].1 * m[i, $1] } }
  }

  func matrix(_ columns: [[Double]]) -> Matrix {
    var w = Matrix(rows: columns[0].count, columns: columns.count)
    for (j, c) in columns.enumerated() { for i in c.indices { w[i, j] = c[i] } }
    return w
  }

  /// V = W·H with SBS1 in every sample (exact, no noise), and H for the bled W that gives the same
  /// V: h_D = h_13 / 0.7, h_A = h_1 − 0.3·h_D (non-negative because SBS1 is large everywhere).
  func bledCohort() throws -> (v: Matrix, w: Matrix, h: Matrix) {
    let truth = matrix([try mix([("SBS1", 1)]), try mix([("SBS13", 1)])])
    let samples = 12
    var hTrue = Matrix(rows: 2, columns: samples)
    for j in 0..<samples { hTrue[0, j] = 4000 + 100 * Double(j); hTrue[1, j] = j % 3 == 0 ? 0 : 500 + 150 * Double(j) }
    let v = VectorMath.multiply(truth, hTrue)
    let bled = matrix([try mix([("SBS1", 1)]), try mix([("SBS13", 0.7), ("SBS1", 0.3)])])
    var h = Matrix(rows: 2, columns: samples)
    for j in 0..<samples { h[1, j] = hTrue[1, j] / 0.7; h[0, j] = hTrue[0, j] - 0.3 * h[1, j] }
    return (v, bled, h)
  }

  @Test("the flagged column minus the shared extracted column, clipped and normalised, by hand")
  func cleanedColumnByHand() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let (_, w, _) = try bledCohort()
    let matches = (0..<2).map { ReferenceMatching.match(signature: w.column($0), name: ["A", "D"][$0], reference: cosmic) }
    let cleaned = BleedingResolution.cleanedColumns(signatures: w, names: ["A", "D"], matches: matches)
    try #require(cleaned.count == 1)
    #expect(cleaned[0].index == 1 && cleaned[0].removed.map(\.signature) == ["A"])
    let weight = cleaned[0].removed[0].weight
    #expect(abs(weight - 0.3) < 1e-3)
    // (0.7·SBS13 + 0.3·SBS1 − weight·SBS1)⁺ / its sum, computed here channel by channel.
    let sbs13 = try mix([("SBS13", 1)]), sbs1 = try mix([("SBS1", 1)])
    let expected = (0..<96).map { max(0.7 * sbs13[$0] + (0.3 - weight) * sbs1[$0], 0) }
    let total = expected.reduce(0, +)
    for c in 0..<96 { #expect(abs(cleaned[0].column[c] - expected[c] / total) < 1e-12) }
    #expect(cosineSimilarity(cleaned[0].column, sbs13) > 0.9999)
  }

  @Test("an equally good factorisation is taken: SBS13 comes back, the fit does not change")
  func equivalentFactorisationKept() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let (v, w, h) = try bledCohort()
    let names = ["A", "D"]
    let matches = (0..<2).map { ReferenceMatching.match(signature: w.column($0), name: names[$0], reference: cosmic) }
    let r = BleedingResolution.resolve(catalog: v, signatures: w, exposures: h, names: names, matches: matches, objective: .kullbackLeibler)
    try #require(r.steps.count == 1)
    #expect(r.steps[0].kept && r.steps[0].signature == "D")
    #expect(r.steps[0].devianceIncrease < 1)
    #expect(cosineSimilarity(r.signatures.column(1), try mix([("SBS13", 1)])) > 0.9999)
    #expect(r.signatures.column(0) == w.column(0))
    for j in 0..<v.columns { for k in 0..<2 { #expect(r.exposures[k, j] >= 0) } }
  }

  @Test("a resolution that costs fit is refused and the solution is left as it was")
  func costlyResolutionRefused() throws {
    // A is 0.85·SBS1 + 0.15·SBS5 (still matches SBS1): taking 0.3·A out of D = 0.7·SBS13 + 0.3·SBS1
    // leaves negative channels (D has no SBS5), whose clipping loses counts the data do have.
    let cosmic = try Fixtures.cosmicSBS96()
    let w = matrix([try mix([("SBS1", 0.85), ("SBS5", 0.15)]), try mix([("SBS13", 0.7), ("SBS1", 0.3)])])
    var h = Matrix(rows: 2, columns: 10)
    for j in 0..<10 { h[0, j] = 20_000; h[1, j] = 5_000 + 2_000 * Double(j) }
    let v = VectorMath.multiply(w, h)
    let names = ["A", "D"]
    let matches = (0..<2).map { ReferenceMatching.match(signature: w.column($0), name: names[$0], reference: cosmic) }
    try #require(!ReferenceMatching.sharedComponents(matches)[1].isEmpty)
    let r = BleedingResolution.resolve(catalog: v, signatures: w, exposures: h, names: names, matches: matches, objective: .kullbackLeibler)
    try #require(r.steps.count == 1)
    #expect(!r.steps[0].kept)
    #expect(r.steps[0].devianceIncrease > BleedingResolution.maximumDevianceIncrease)
    #expect(r.signatures == w && r.exposures == h)
  }

  @Test("the main component, not the best match, says what a signature is: SBS1 bled into a signature read as SBS1")
  func mainComponentNotBestMatch() throws {
    // B = 0.75·SBS5 + 0.25·SBS1 has SBS1 as its best single match (cosine 0.82) but is mostly SBS5.
    let cosmic = try Fixtures.cosmicSBS96()
    let signatures = [("A", try mix([("SBS1", 1)])), ("B", try mix([("SBS5", 0.75), ("SBS1", 0.25)]))]
    let matches = signatures.map { ReferenceMatching.match(signature: $0.1, name: $0.0, reference: cosmic) }
    try #require(matches[1].bestMatch == "SBS1" && matches[1].components.first?.name == "SBS5")
    let shared = ReferenceMatching.sharedComponents(matches)
    #expect(shared[1].map(\.signature) == ["A"] && shared[1].map(\.reference) == ["SBS1"])
    #expect(shared[0].isEmpty)
  }

  @Test("passes repeat: a signature cleaned of SBS1 then represents SBS5 and SBS5 comes out of a third")
  func cascadingResolution() throws {
    // Truth SBS1, SBS5, SBS40a; SBS1 and SBS5 in every sample. Bled: B = 0.75·SBS5 + 0.25·SBS1,
    // E = 0.6·SBS40a + 0.4·B. Same V either way (H chosen to match), so both steps cost nothing.
    let cosmic = try Fixtures.cosmicSBS96()
    let truth = matrix([try mix([("SBS1", 1)]), try mix([("SBS5", 1)]), try mix([("SBS40a", 1)])])
    let samples = 8
    var hTrue = Matrix(rows: 3, columns: samples)
    for j in 0..<samples {
      hTrue[0, j] = 3000 + 50 * Double(j); hTrue[1, j] = 3000 + 80 * Double(j); hTrue[2, j] = j % 2 == 0 ? 0 : 400 + 30 * Double(j)
    }
    let v = VectorMath.multiply(truth, hTrue)
    let b = try mix([("SBS5", 0.75), ("SBS1", 0.25)])
    let e = (0..<96).map { 0.6 * truth[$0, 2] + 0.4 * b[$0] }
    let w = matrix([truth.column(0), b, e])
    // h such that W·h = truth·hTrue: E carries SBS40a/0.6; B the remaining SBS5; A the remaining SBS1.
    var h = Matrix(rows: 3, columns: samples)
    for j in 0..<samples {
      h[2, j] = hTrue[2, j] / 0.6
      h[1, j] = (hTrue[1, j] - 0.4 * 0.75 * h[2, j]) / 0.75
      h[0, j] = hTrue[0, j] - 0.25 * h[1, j] - 0.4 * 0.25 * h[2, j]
      for k in 0..<3 { try #require(h[k, j] >= 0) }
    }
    let names = ["SBS96A", "SBS96B", "SBS96C"]
    let matches = (0..<3).map { ReferenceMatching.match(signature: w.column($0), name: names[$0], reference: cosmic) }
    let solution = try #require(Extraction.resolveBleeding(
      RankSolution(statistics: RankStatistics(rank: 3, restarts: 1, keptRestarts: 1, consensusRestarts: 1, convergedRestarts: 1,
                                              bestObjective: 0, kullbackLeibler: 0, relativeFrobenius: 0),
                   signatures: w, exposures: h, sampleCosines: [], consensus: Matrix(rows: samples, columns: samples)),
      matches: matches, catalog: v, reference: cosmic, names: names, objective: .kullbackLeibler))
    // Pass 1: SBS1 out of B (25%) and out of C (its 10% SBS1 component); pass 2: the cleaned B, now
    // SBS5, out of C (a third of what is left).
    #expect(solution.2.map(\.signature) == ["SBS96B", "SBS96C", "SBS96C"] && solution.2.allSatisfy(\.kept),
            "\(solution.2.map { ($0.signature, $0.removed.map(\.signature), $0.removed.map(\.weight)) })")
    #expect(solution.2.map { $0.removed.map(\.signature) } == [["SBS96A"], ["SBS96A"], ["SBS96B"]])
    for (column, reference) in [(1, "SBS5"), (2, "SBS40a")] {
      #expect(cosineSimilarity(solution.0.signatures.column(column), try mix([(reference, 1)])) > 0.99, "\(reference)")
    }
    #expect(solution.1.allSatisfy { $0.components.count == 1 })
  }

  @Test("a flagged signature called novel is not resolved: its decomposition does not describe it")
  func novelLeftAlone() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let (_, w, _) = try bledCohort()
    var matches = (0..<2).map { ReferenceMatching.match(signature: w.column($0), name: ["A", "D"][$0], reference: cosmic) }
    try #require(!ReferenceMatching.sharedComponents(matches)[1].isEmpty)
    let d = matches[1]
    matches[1] = ReferenceMatch(name: d.name, bestMatch: d.bestMatch, bestCosine: d.bestCosine, components: d.components,
                                decompositionCosine: 0.7, isNovel: true)
    #expect(BleedingResolution.cleanedColumns(signatures: w, names: ["A", "D"], matches: matches).isEmpty)
  }

  @Test("nothing flagged: no steps, solution unchanged")
  func nothingFlagged() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let w = matrix([try mix([("SBS1", 1)]), try mix([("SBS13", 1)])])
    var h = Matrix(rows: 2, columns: 4)
    for j in 0..<4 { h[0, j] = 100; h[1, j] = 50 * Double(j) }
    let v = VectorMath.multiply(w, h)
    let matches = (0..<2).map { ReferenceMatching.match(signature: w.column($0), name: ["A", "B"][$0], reference: cosmic) }
    let r = BleedingResolution.resolve(catalog: v, signatures: w, exposures: h, names: ["A", "B"], matches: matches, objective: .kullbackLeibler)
    #expect(r.steps.isEmpty && r.signatures == w && r.exposures == h)
  }
}
