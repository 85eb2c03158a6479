import SigilCore
import SigilFit
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

/// Matching of de novo signatures to a reference set: the best single match (highest cosine) and
/// SigilFit's decomposition (`SignatureFitter.decompose(signature:onto:)`, the one decomposition
/// rule, Docs/Methods-extract.md §5), whose cosine decides `novel`.
public enum ReferenceMatching {
  /// Decomposition cosine below which a signature is called novel (`SignatureFitter.novelThreshold`).
  public static let novelThreshold = SignatureFitter.novelThreshold

  /// Returns the best match and sparse decomposition of one signature.
  /// - Parameters:
  ///   - signature: The de novo signature (channels, summing to 1), in the reference's channel order.
  ///   - name: Its name, copied into the result.
  ///   - reference: The reference set.
  /// - Complexity: that of `SignatureFitter.decompose(signature:onto:)`.
  public static func match(signature: [Double], name: String, reference: SignatureSet) -> ReferenceMatch {
    let w = reference.matrix
    let n = w.columns
    precondition(signature.count == w.rows, "signature has \(signature.count) channels, the reference \(w.rows)")
    let cosines = (0..<n).map { cosineSimilarity(signature, w.column($0)) }
    var best = 0
    for j in 1..<max(n, 1) where cosines[j] > cosines[best] { best = j }
    let d = SignatureFitter.decompose(signature: signature, onto: reference)
    let index = Dictionary(uniqueKeysWithValues: reference.names.enumerated().map { ($1, $0) })
    let components = d.components.map { (name: $0, weight: d.weights[index[$0]!]) }
    return ReferenceMatch(name: name, bestMatch: reference.names[best], bestCosine: cosines[best], components: components,
                          decompositionCosine: d.cosine, isNovel: d.isNovel)
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
  /// every sample bleeds into another (Docs/Methods-extract.md §5): the likelihood cannot tell
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
