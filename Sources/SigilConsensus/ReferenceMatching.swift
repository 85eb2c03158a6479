import SigilCore
import SigilLinearAlgebra

/// How a de novo signature relates to a reference set (e.g. COSMIC v3.4): its best single match
/// and a sparse non-negative decomposition into reference signatures.
///
/// ```swift
/// let m = ReferenceMatching.match(signature: w.column(0), name: "SBS96A", reference: cosmic)
/// print(m.bestMatch, m.bestCosine, m.decompositionText, m.isNovel)
/// ```
public struct ReferenceMatch: Sendable, Equatable {
  /// The de novo signature's name.
  public let name: String
  /// The reference signature with the highest cosine similarity (first in table order on ties).
  public let bestMatch: String
  /// That cosine similarity.
  public let bestCosine: Double
  /// Reference signatures of the decomposition with their weights (summing to 1), in order of
  /// decreasing weight.
  public let components: [(name: String, weight: Double)]
  /// Cosine similarity of the signature with the decomposition's reconstruction.
  public let decompositionCosine: Double
  /// Whether `decompositionCosine` is below `ReferenceMatching.novelThreshold`.
  public let isNovel: Bool

  /// The decomposition as `SBS2:0.61;SBS13:0.39` (shortest round-trip weights).
  public var decompositionText: String {
    components.map { "\($0.name):\(NumberFormatting.format($0.weight))" }.joined(separator: ";")
  }

  public static func == (a: ReferenceMatch, b: ReferenceMatch) -> Bool {
    a.name == b.name && a.bestMatch == b.bestMatch && a.bestCosine == b.bestCosine
      && a.decompositionText == b.decompositionText && a.decompositionCosine == b.decompositionCosine && a.isNovel == b.isNovel
  }
}

/// Matching of de novo signatures to a reference set.
///
/// Decomposition (forward selection with NNLS, in the spirit of SigProfilerExtractor's
/// decomposition step): start from no component; at each step try adding each unused reference
/// signature, fit the weights by non-negative least squares (Lawson–Hanson) on the chosen set, and
/// keep the addition that gives the highest cosine between the signature and its reconstruction;
/// stop when the best addition improves the cosine by less than `minimumImprovement`, or at
/// `maxComponents` components. Weights are rescaled to sum to 1. A signature whose decomposition
/// cosine is below `novelThreshold` (0.8, SigProfilerExtractor's default) is reported novel.
/// ## References
/// - Islam et al. (2022), Cell Genomics 2(11):100179 (decomposition into COSMIC, 0.8 threshold).
/// - Lawson & Hanson (1974), Solving Least Squares Problems, ch. 23.
public enum ReferenceMatching {
  /// Decomposition cosine below which a signature is called novel (SigProfilerExtractor's 0.8).
  public static let novelThreshold = 0.8
  /// At most this many reference signatures in a decomposition.
  public static let maxComponents = 5
  /// An added component must raise the decomposition cosine by at least this much.
  public static let minimumImprovement = 0.01

  /// Returns the best match and sparse decomposition of one signature.
  /// - Parameters:
  ///   - signature: The de novo signature (channels, summing to 1), in the reference's channel order.
  ///   - name: Its name, copied into the result.
  ///   - reference: The reference set.
  /// - Complexity: O(maxComponents · n · (channels + maxComponents³)) for n reference signatures.
  public static func match(signature: [Double], name: String, reference: SignatureSet) -> ReferenceMatch {
    let w = reference.matrix
    let n = w.columns
    precondition(signature.count == w.rows, "signature has \(signature.count) channels, the reference \(w.rows)")
    let columns = (0..<n).map { w.column($0) }
    let cosines = columns.map { cosineSimilarity(signature, $0) }
    var best = 0
    for j in 1..<max(n, 1) where cosines[j] > cosines[best] { best = j }

    var gram = Matrix(rows: n, columns: n)
    for a in 0..<n { for b in 0...a { let g = VectorMath.dot(columns[a], columns[b]); gram[a, b] = g; gram[b, a] = g } }
    let atb = columns.map { VectorMath.dot($0, signature) }

    func fit(_ chosen: [Bool]) -> (x: [Double], cosine: Double) {
      let x = NNLS.solve(gram: gram, atb: atb, allowed: chosen).x
      var recon = [Double](repeating: 0, count: w.rows)
      for j in 0..<n where x[j] > 0 { for i in 0..<w.rows { recon[i] += x[j] * columns[j][i] } }
      return (x, cosineSimilarity(signature, recon))
    }

    var chosen = [Bool](repeating: false, count: n)
    var current: (x: [Double], cosine: Double) = ([Double](repeating: 0, count: n), 0)
    while chosen.filter({ $0 }).count < min(maxComponents, n) {
      var bestTry: (index: Int, x: [Double], cosine: Double)? = nil
      for j in 0..<n where !chosen[j] {
        var trial = chosen
        trial[j] = true
        let f = fit(trial)
        if bestTry == nil || f.cosine > bestTry!.cosine { bestTry = (j, f.x, f.cosine) }
      }
      guard let step = bestTry, step.cosine - current.cosine >= minimumImprovement else { break }
      chosen[step.index] = true
      current = (step.x, step.cosine)
    }
    let total = current.x.reduce(0, +)
    var components: [(name: String, weight: Double)] = []
    for j in 0..<n where current.x[j] > 0 {
      let weight: Double = total > 0 ? current.x[j] / total : 0
      components.append((name: reference.names[j], weight: weight))
    }
    components.sort { a, b in a.weight != b.weight ? a.weight > b.weight : a.name < b.name }
    return ReferenceMatch(name: name, bestMatch: reference.names[best], bestCosine: cosines[best], components: components,
                          decompositionCosine: current.cosine, isNovel: current.cosine < novelThreshold)
  }

  /// A component must weigh at least this much in a decomposition to count as shared.
  public static let sharedMinimumWeight = 0.1
  /// Another signature represents a reference signature when it matches it at least this well.
  public static let representativeCosine = 0.9

  /// For each signature, the other extracted signatures whose reference signature is also part of
  /// its decomposition: e.g. SBS96D = 0.67·SBS13 + 0.33·SBS1 while SBS96A matches SBS1 gives
  /// SBS96D `[("SBS96A", "SBS1", 0.33)]`.
  ///
  /// That pattern is what NMF's rotational ambiguity produces when a signature present in (almost)
  /// every sample bleeds into another (Docs/Methods-extract.md §6): the likelihood cannot tell
  /// `w_D` from `w_D + a·w_A`. The decomposition, not the best match, is then the better reading.
  /// Rule: component c of signature i, weight ≥ `sharedMinimumWeight`, c is not i's main component
  /// (the largest weight; its best match when it has no decomposition), and another signature j has
  /// best match c with cosine ≥ `representativeCosine`. The main component, not the best match,
  /// says what i is: a signature read as 77% SBS5 + 23% SBS1 can have SBS1 as its best single match
  /// (cosine 0.80), and it is the SBS1 in it that bled.
  public static func sharedComponents(_ matches: [ReferenceMatch]) -> [[(signature: String, reference: String, weight: Double)]] {
    matches.enumerated().map { i, m in
      let main = m.components.first?.name ?? m.bestMatch
      return m.components.compactMap { component -> (signature: String, reference: String, weight: Double)? in
        guard component.weight >= sharedMinimumWeight, component.name != main,
              let j = matches.indices.first(where: { $0 != i && matches[$0].bestMatch == component.name
                                                     && matches[$0].bestCosine >= representativeCosine }) else { return nil }
        return (matches[j].name, component.name, component.weight)
      }
    }
  }
}
