import Foundation
import SigilCore

/// How attribution.tsv compares with a known truth (`--truth`, e.g. `sigil simulate --vcf`'s
/// truth_mutations.tsv): per-signature precision and recall of the most likely signature, and the
/// reliability of the probabilities (Methods-attribute.md §4).
public struct AttributionScore: Sendable {
  /// One reliability bin: (mutation, signature) pairs whose probability is in [lower, upper).
  public struct Bin: Sendable, Equatable {
    public let lower: Double, upper: Double
    public let pairs: Int
    /// Mean probability of its pairs (NaN when empty).
    public let meanProbability: Double
    /// Fraction of its pairs whose signature is the true one (NaN when empty).
    public let observedFraction: Double
  }

  /// One signature's most-likely-assignment scores.
  public struct SignatureScore: Sendable, Equatable {
    public let signature: String
    public let trueCount: Int, assignedCount: Int, correct: Int
    public var precision: Double? { assignedCount > 0 ? Double(correct) / Double(assignedCount) : nil }
    public var recall: Double? { trueCount > 0 ? Double(correct) / Double(trueCount) : nil }
  }

  /// Equal-width probability bins of the reliability diagram.
  public static let binCount = 10

  public let bins: [Bin]
  public let signatures: [SignatureScore]
  /// Attributed mutations found in the truth, and how many of them got the true signature as most likely.
  public let scored: Int, correct: Int
  /// Attributed mutations the truth does not list (not scored).
  public let unmatched: Int
  /// Expected calibration error: Σ bins (pairs / all pairs) · |mean probability − observed fraction|.
  public let expectedCalibrationError: Double
  /// Mean over scored mutations of Σ_s (p_s − [s true])².
  public let brier: Double

  /// Scores `result` against `truthPath` (columns sample, chrom, pos, ..., signature last; a header row).
  /// Mutations are matched by sample, chrom and pos.
  /// - Throws: `TableFormatError` when the file cannot be read or a line has too few columns.
  public init(result: AttributionResult, truthPath: String) throws {
    guard let text = try? String(contentsOfFile: truthPath, encoding: .utf8) else {
      throw TableFormatError.cannotOpen(path: truthPath, reason: "not readable")
    }
    var truth: [String: String] = [:]
    for (n, line) in text.split(separator: "\n").enumerated() where n > 0 {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count >= 4 else {
        throw TableFormatError.cannotOpen(path: truthPath, reason: "line \(n + 1) has \(f.count) columns; expected sample, chrom, pos, ..., signature")
      }
      truth["\(f[0])\t\(f[1])\t\(f[2])"] = String(f[f.count - 1])
    }
    self.init(columns: result.columns, rows: result.rows.map {
      (key: "\($0.variant.sample)\t\($0.variant.contig)\t\($0.variant.position)", probabilities: $0.probabilities, best: $0.best)
    }, truth: truth)
  }

  /// Scores rows (a key, probabilities over `columns` or nil, the most likely column) against
  /// `truth` (key -> true signature name).
  init(columns: [String], rows: [(key: String, probabilities: [Double]?, best: Int?)], truth: [String: String]) {
    var pairs = [(n: Int, sum: Double, hits: Int)](repeating: (0, 0, 0), count: Self.binCount)
    var trueCount: [String: Int] = [:], assigned: [String: Int] = [:], hits: [String: Int] = [:]
    var scored = 0, correct = 0, unmatched = 0, brier = 0.0
    for row in rows {
      guard let t = truth[row.key] else { unmatched += 1; continue }
      scored += 1
      trueCount[t, default: 0] += 1
      guard let p = row.probabilities, let best = row.best else { brier += 1; continue }
      let guess = columns[best]
      assigned[guess, default: 0] += 1
      if guess == t { correct += 1; hits[t, default: 0] += 1 }
      var squared = columns.contains(t) ? 0.0 : 1.0
      for (j, q) in p.enumerated() {
        let isTrue = columns[j] == t
        squared += (q - (isTrue ? 1 : 0)) * (q - (isTrue ? 1 : 0))
        guard q > 0 else { continue }
        let b = Swift.min(Self.binCount - 1, Int(q * Double(Self.binCount)))
        pairs[b].n += 1; pairs[b].sum += q; pairs[b].hits += isTrue ? 1 : 0
      }
      brier += squared
    }
    let total = pairs.reduce(0) { $0 + $1.n }
    bins = pairs.enumerated().map { b, x in
      Bin(lower: Double(b) / Double(Self.binCount), upper: Double(b + 1) / Double(Self.binCount), pairs: x.n,
          meanProbability: x.n > 0 ? x.sum / Double(x.n) : .nan, observedFraction: x.n > 0 ? Double(x.hits) / Double(x.n) : .nan)
    }
    expectedCalibrationError = total == 0 ? .nan : bins.filter { $0.pairs > 0 }.reduce(0.0) {
      $0 + Double($1.pairs) / Double(total) * abs($1.meanProbability - $1.observedFraction)
    }
    let names = columns + Set(trueCount.keys).subtracting(columns).sorted()
    signatures = names.filter { trueCount[$0] != nil || assigned[$0] != nil }.map {
      SignatureScore(signature: $0, trueCount: trueCount[$0] ?? 0, assignedCount: assigned[$0] ?? 0, correct: hits[$0] ?? 0)
    }
    self.scored = scored
    self.correct = correct
    self.unmatched = unmatched
    self.brier = scored > 0 ? brier / Double(scored) : .nan
  }

  /// reliability.tsv: `bin_lower bin_upper pairs mean_probability observed_fraction` (NA for an empty bin).
  public func reliabilityTSV() -> String {
    let f = { (x: Double) in x.isNaN ? "NA" : NumberFormatting.format(x) }
    var out = "bin_lower\tbin_upper\tpairs\tmean_probability\tobserved_fraction\n"
    for b in bins { out += "\(f(b.lower))\t\(f(b.upper))\t\(b.pairs)\t\(f(b.meanProbability))\t\(f(b.observedFraction))\n" }
    return out
  }

  /// attribution_accuracy.tsv: one row per signature (`true_count assigned correct precision recall`),
  /// then a row `all` (scored mutations, accuracy as precision and recall, ECE and Brier as columns).
  public func accuracyTSV() -> String {
    let f = { (x: Double?) in x.map { $0.isNaN ? "NA" : NumberFormatting.format($0) } ?? "NA" }
    var out = "signature\ttrue_count\tassigned\tcorrect\tprecision\trecall\tece\tbrier\n"
    for s in signatures {
      out += "\(s.signature)\t\(s.trueCount)\t\(s.assignedCount)\t\(s.correct)\t\(f(s.precision))\t\(f(s.recall))\tNA\tNA\n"
    }
    let accuracy = scored > 0 ? Double(correct) / Double(scored) : nil
    out += "all\t\(scored)\t\(scored)\t\(correct)\t\(f(accuracy))\t\(f(accuracy))\t\(f(expectedCalibrationError))\t\(f(brier))\n"
    return out
  }
}
