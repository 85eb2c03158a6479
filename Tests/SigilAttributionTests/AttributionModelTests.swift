import Foundation
import SigilCore
import Testing

@testable import SigilAttribution

@Suite struct AttributionModelTests {
  /// Two signatures over the 96 channels, hand-made so each probability can be computed by hand.
  static func model(intervals: (lower: Matrix, upper: Matrix)? = nil) -> AttributionModel {
    var w = Matrix(rows: 96, columns: 2)
    // Channel 0: A makes 0.5 of its mutations there, B 0.1; channel 1: only B; the rest spread evenly.
    w[0, 0] = 0.5; w[0, 1] = 0.1; w[1, 1] = 0.2
    for c in 2..<96 { w[c, 0] = 0.5 / 94; w[c, 1] = 0.7 / 94 }
    let signatures = SignatureSet(mutationClass: .sbs96, names: ["A", "B"], matrix: w)
    var h = Matrix(rows: 2, columns: 2)
    h[0, 0] = 100; h[0, 1] = 300   // sample X
    h[1, 0] = 0; h[1, 1] = 50      // sample Y: only B
    return AttributionModel(signatures: signatures, sampleNames: ["X", "Y"], exposures: h, intervals: intervals,
                            source: "test", files: [])
  }

  /// SignatureSet renormalises each column (a sum of 96 doubles), so values move by a few ulps.
  static let tolerance = 1e-12

  @Test func posteriorMatchesHandComputedValues() throws {
    let m = Self.model()
    // X, channel 0: 0.5*100 = 50 vs 0.1*300 = 30 -> 50/80, 30/80.
    let p = try #require(m.probabilities(channel: 0, sample: 0))
    #expect(abs(p[0] - 0.625) < Self.tolerance && abs(p[1] - 0.375) < Self.tolerance)
    // X, channel 1: only B can make it.
    #expect(m.probabilities(channel: 1, sample: 0) == [0, 1])  // exact: 0 / x and x / x
    // Y has no A: every channel is B's.
    #expect(m.probabilities(channel: 0, sample: 1) == [0, 1])
  }

  @Test func probabilitiesSumToOneAndUndefinedWithoutExposure() throws {
    let m = Self.model()
    for c in 0..<96 {
      let p = try #require(m.probabilities(channel: c, sample: 0))
      #expect(abs(p.reduce(0, +) - 1) < 1e-12)
    }
    var w = Matrix(rows: 96, columns: 1)
    w[5, 0] = 1
    let narrow = AttributionModel(signatures: SignatureSet(mutationClass: .sbs96, names: ["C"], matrix: w), sampleNames: ["Z"],
                                  exposures: Matrix(rows: 1, columns: 1, values: [10]), intervals: nil, source: "t", files: [])
    #expect(narrow.probabilities(channel: 4, sample: 0) == nil)   // no signature makes channel 4
    let empty = AttributionModel(signatures: SignatureSet(mutationClass: .sbs96, names: ["C"], matrix: w), sampleNames: ["Z"],
                                 exposures: Matrix(rows: 1, columns: 1, values: [0]), intervals: nil, source: "t", files: [])
    #expect(empty.probabilities(channel: 5, sample: 0) == nil)    // no exposure at all
  }

  @Test func boundsTakeOwnLowAgainstOthersHighAndReverse() throws {
    var lower = Matrix(rows: 2, columns: 2), upper = Matrix(rows: 2, columns: 2)
    lower[0, 0] = 80; upper[0, 0] = 120; lower[0, 1] = 250; upper[0, 1] = 350
    let m = Self.model(intervals: (lower, upper))
    let b = try #require(m.probabilityBounds(signature: 0, channel: 0, sample: 0))
    // lower: 0.5*80 / (0.5*80 + 0.1*350) = 40/75; upper: 60 / (60 + 25) = 60/85.
    #expect(abs(b.lower - 40.0 / 75) < Self.tolerance && abs(b.upper - 60.0 / 85) < Self.tolerance)
    #expect(b.lower <= 0.625 && 0.625 <= b.upper)
    #expect(Self.model().probabilityBounds(signature: 0, channel: 0, sample: 0) == nil)
  }

  @Test("exposures_ci.tsv: rows that only carry an unreported signature's upper bound count as [0, 0]")
  func boundOnlyRowsIgnored() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ci-\(UUID().uuidString).tsv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ("sample\tsignature\texposure\tlower\tupper\tselected_fraction\n"
         + "T1\tA\t5\t1\t8\t1\nT1\tB\t0\t0\t30\t0\nT1\tC\t0\t0\t4\t0.2\n").write(toFile: path, atomically: true, encoding: .utf8)
    let iv = try #require(try AttributionSource.readIntervals(path: path, samples: ["T1"], column: ["A": 0, "B": 1, "C": 2]))
    #expect(iv.lower[0, 0] == 1 && iv.upper[0, 0] == 8)
    #expect(iv.lower[0, 1] == 0 && iv.upper[0, 1] == 0, "bound-only row of B")
    #expect(iv.lower[0, 2] == 0 && iv.upper[0, 2] == 4, "C was selected in some replicates: its interval stands")
  }
}
