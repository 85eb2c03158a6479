import Testing

@testable import SigilAttribution

@Suite struct AttributionScoreTests {
  /// Three mutations over signatures A, B; truth A, A, B; one mutation the truth does not list.
  static let score = AttributionScore(
    columns: ["A", "B"],
    rows: [(key: "m1", probabilities: [0.95, 0.05], best: 0),   // right, confident
           (key: "m2", probabilities: [0.3, 0.7], best: 1),     // wrong
           (key: "m3", probabilities: [0, 1], best: 1),         // right, certain
           (key: "x", probabilities: [0.5, 0.5], best: 0)],     // not in the truth
    truth: ["m1": "A", "m2": "A", "m3": "B"])

  @Test func countsAndPerSignatureScores() {
    let s = Self.score
    #expect(s.scored == 3 && s.correct == 2 && s.unmatched == 1)
    let a = s.signatures.first { $0.signature == "A" }!, b = s.signatures.first { $0.signature == "B" }!
    #expect(a.trueCount == 2 && a.assignedCount == 1 && a.correct == 1 && a.precision == 1 && a.recall == 0.5)
    #expect(b.trueCount == 1 && b.assignedCount == 2 && b.correct == 1 && b.precision == 0.5 && b.recall == 1)
  }

  @Test func reliabilityBinsAndCalibrationByHand() {
    let s = Self.score
    // Pairs with p > 0: 0.95 (A true), 0.05 (B false), 0.3 (A true), 0.7 (B false), 1 (B true, in the last bin).
    #expect(s.bins.map(\.pairs) == [1, 0, 0, 1, 0, 0, 0, 1, 0, 2])
    #expect(s.bins[0].observedFraction == 0 && s.bins[3].observedFraction == 1 && s.bins[7].observedFraction == 0)
    #expect(abs(s.bins[9].meanProbability - 0.975) < 1e-15 && s.bins[9].observedFraction == 1)
    // ECE = (1·0.05 + 1·0.7 + 1·0.7 + 2·0.025) / 5 = 1.5 / 5.
    #expect(abs(s.expectedCalibrationError - 0.3) < 1e-12)
    // Brier: m1 0.05²·2, m2 0.7²·2, m3 0 -> (0.005 + 0.98) / 3.
    #expect(abs(s.brier - 0.985 / 3) < 1e-12)
    #expect(s.reliabilityTSV().hasPrefix("bin_lower\tbin_upper\tpairs\tmean_probability\tobserved_fraction\n0\t0.1\t1\t0.05\t0\n0.1\t0.2\t0\tNA\tNA\n"))
  }
}
