import Foundation
import Testing
import SigilCore
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
    #expect(VectorMath.cosine(cleaned[0].column, sbs13) > 0.9999)
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
    #expect(VectorMath.cosine(r.signatures.column(1), try mix([("SBS13", 1)])) > 0.9999)
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
