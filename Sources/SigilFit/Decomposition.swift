import SigilCore
import SigilLinearAlgebra

/// A signature written as a sparse non-negative mix of reference signatures.
public struct Decomposition: Sendable, Equatable {
  /// Weight of each reference signature (same order as the reference set), summing to 1 over the
  /// selected ones; 0 = not used.
  public var weights: [Double]
  /// Cosine similarity of the signature and `Σ weight · reference`.
  public var cosine: Double
  /// Names of the reference signatures used, by decreasing weight (ties: by name).
  public var components: [String]
  /// Whether `cosine` is below `SignatureFitter.novelThreshold`: no mix of reference signatures
  /// reproduces the signature.
  public var isNovel: Bool { cosine < SignatureFitter.novelThreshold }
}

/// Decomposition of a (de novo) signature onto a reference set: sigil's one decomposition rule,
/// used by `sigil extract` (`reference_match.tsv`) and documented in Docs/Methods-extract.md §5.
///
/// Forward selection with NNLS, in the spirit of SigProfilerExtractor's decomposition step:
/// start from no component; at each step try adding each unused reference signature, fit the
/// weights by non-negative least squares (Lawson–Hanson) on the chosen set, and keep the addition
/// that gives the highest cosine between the signature and its reconstruction (the first in table
/// order on ties); stop when the best addition raises the cosine by less than
/// `decompositionMinimumImprovement`, or at `decompositionMaxComponents` components. Weights are
/// rescaled to sum to 1. A decomposition cosine below `novelThreshold` (0.8,
/// SigProfilerExtractor's default) calls the signature novel.
/// ## References
/// - Islam et al. (2022), Cell Genomics 2(11):100179 (decomposition into COSMIC, 0.8 threshold).
/// - Lawson & Hanson (1974), Solving Least Squares Problems, ch. 23.
extension SignatureFitter {
  /// Decomposition cosine below which a signature is called novel (SigProfilerExtractor's 0.8).
  public static let novelThreshold = 0.8
  /// At most this many reference signatures in a decomposition.
  public static let decompositionMaxComponents = 5
  /// An added component must raise the decomposition cosine by at least this much.
  public static let decompositionMinimumImprovement = 0.01

  /// Decomposes a signature onto a reference set (the rule above).
  /// - Parameters:
  ///   - signature: Channel values in the reference set's channel order, ≥ 0 (scale is irrelevant).
  ///   - reference: The signatures to decompose onto (e.g. COSMIC v3.4 SBS96).
  /// - Returns: Weights (sum 1 over used signatures), the reconstruction cosine and the names used.
  /// - Complexity: O(maxComponents · n · (channels + n³)) for n reference signatures.
  public static func decompose(signature: [Double], onto reference: SignatureSet) -> Decomposition {
    let w = reference.matrix
    let n = w.columns, m = w.rows
    precondition(signature.count == m, "signature has \(signature.count) channels, the reference \(m)")
    let gram = Matrix(rows: n, columns: n, values: Self.gram(w.values, channels: m, k: n))
    var atb = [Double](repeating: 0, count: n)
    for j in 0..<n {
      var s = 0.0
      for i in 0..<m { s += w[i, j] * signature[i] }
      atb[j] = s
    }
    func fit(_ chosen: [Bool]) -> (x: [Double], cosine: Double) {
      let x = NNLS.solve(gram: gram, atb: atb, allowed: chosen).x
      var recon = [Double](repeating: 0, count: m)
      for j in 0..<n where x[j] > 0 { for i in 0..<m { recon[i] += x[j] * w[i, j] } }
      return (x, cosineSimilarity(signature, recon))
    }

    var chosen = [Bool](repeating: false, count: n)
    var current: (x: [Double], cosine: Double) = ([Double](repeating: 0, count: n), 0)
    while chosen.filter({ $0 }).count < min(decompositionMaxComponents, n) {
      var bestTry: (index: Int, x: [Double], cosine: Double)? = nil
      for j in 0..<n where !chosen[j] {
        var trial = chosen
        trial[j] = true
        let f = fit(trial)
        if bestTry == nil || f.cosine > bestTry!.cosine { bestTry = (j, f.x, f.cosine) }
      }
      guard let step = bestTry, step.cosine - current.cosine >= decompositionMinimumImprovement else { break }
      chosen[step.index] = true
      current = (step.x, step.cosine)
    }
    let total = current.x.reduce(0, +)
    let weights = current.x.map { total > 0 && $0 > 0 ? $0 / total : 0 }
    let order = (0..<n).filter { weights[$0] > 0 }.sorted { a, b in
      weights[a] != weights[b] ? weights[a] > weights[b] : reference.names[a] < reference.names[b]
    }
    return Decomposition(weights: weights, cosine: current.cosine, components: order.map { reference.names[$0] })
  }
}
