import Foundation
import SigilCore
import SigilLinearAlgebra

/// How well W · H reproduces a catalog: KL divergence, relative Frobenius error and per-sample
/// cosine similarity.
///
/// ```
/// KL(V‖WH)   = Σᵢⱼ Vᵢⱼ log(Vᵢⱼ / (WH)ᵢⱼ) − Vᵢⱼ + (WH)ᵢⱼ        (0 · log 0 = 0)
/// relative L2 = ‖V − WH‖_F / ‖V‖_F
/// cosine_j    = ⟨V₋ⱼ, (WH)₋ⱼ⟩ / (‖V₋ⱼ‖ ‖(WH)₋ⱼ‖)
/// ```
/// ```swift
/// let r = Reconstruction(catalog: v, signatures: w, exposures: h)
/// print(r.kullbackLeibler, r.meanCosine, r.minimumCosine)
/// ```
public struct Reconstruction: Sendable, Equatable {
  /// Floor on a reconstructed count inside the logarithm (`Divergence.expectedCountFloor`).
  public static let expectedCountFloor = Divergence.expectedCountFloor

  /// Generalised Kullback–Leibler divergence D(V‖WH).
  public let kullbackLeibler: Double
  /// ‖V − WH‖_F / ‖V‖_F (0 for an all-zero catalog).
  public let relativeFrobenius: Double
  /// Cosine similarity of each sample's counts with its reconstruction.
  public let sampleCosines: [Double]

  /// Mean of `sampleCosines` (nil without samples).
  public var meanCosine: Double? { sampleCosines.isEmpty ? nil : sampleCosines.reduce(0, +) / Double(sampleCosines.count) }
  /// Minimum of `sampleCosines` (nil without samples).
  public var minimumCosine: Double? { sampleCosines.min() }

  /// Scores the reconstruction W · H of V.
  /// - Parameters:
  ///   - catalog: V, channels x samples.
  ///   - signatures: W, channels x k.
  ///   - exposures: H, k x samples.
  public init(catalog v: Matrix, signatures w: Matrix, exposures h: Matrix) {
    precondition(w.rows == v.rows && h.columns == v.columns && w.columns == h.rows, "reconstruction shapes do not fit")
    let wh = VectorMath.multiply(w, h)
    var diff = 0.0, norm = 0.0
    for idx in 0..<v.values.count {
      let x = v.values[idx]
      diff += (x - wh.values[idx]) * (x - wh.values[idx])
      norm += x * x
    }
    kullbackLeibler = max(0, Divergence.kullbackLeibler(v.values, wh.values))  // rounding can leave -1e-12 for a perfect fit
    relativeFrobenius = norm > 0 ? (diff / norm).squareRoot() : 0
    sampleCosines = (0..<v.columns).map { cosineSimilarity(v.column($0), wh.column($0)) }
  }
}
