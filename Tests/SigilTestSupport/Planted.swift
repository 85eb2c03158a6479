import SigilCore

/// Planted factorisations for recovery tests: V = W · H with known W (from COSMIC) and H.
public enum Planted {
  /// A planted factorisation.
  public struct Factorization: Sendable {
    public let catalog: Matrix
    public let w: Matrix
    public let h: Matrix
  }

  /// V = W·H exactly, with W the given COSMIC signatures and H drawn with burdens around `burden`.
  /// With `poisson`, each cell of V is Poisson around W·H.
  public static func cosmic(_ names: [String], samples: Int, burden: Double = 5000, poisson: Bool = false,
                            using rng: inout some RandomNumberGenerator) throws -> Factorization {
    let w = try Fixtures.cosmicSBS96().selecting(names, path: "COSMIC").matrix
    var h = Matrix(rows: names.count, columns: samples)
    for j in 0..<samples {
      let p = rng.nextDirichlet(Array(repeating: 1, count: names.count))
      let total = rng.nextLogNormal(median: burden, sigma: 0.3)
      for k in 0..<names.count { h[k, j] = total * p[k] }
    }
    var v = NaiveKernels.multiply(w, h)
    if poisson { for i in 0..<v.values.count { v.values[i] = Double(rng.nextPoisson(mean: v.values[i])) } }
    return Factorization(catalog: v, w: w, h: h)
  }
}
