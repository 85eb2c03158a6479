import SigilCore

/// Connectivity and consensus matrices of NMF restarts (Brunet et al. 2004).
///
/// A restart's connectivity matrix has `M[i, j] = 1` when samples `i` and `j` have the same
/// dominant signature (the largest exposure in their column of `H`), else 0. The consensus
/// matrix is the mean of the restarts' connectivity matrices: `C[i, j]` is the fraction of
/// restarts that put `i` and `j` together.
///
/// ```swift
/// let c = ConsensusMatrix.consensus(restarts.map(\.h))   // samples x samples
/// let rho = ConsensusMatrix.cophenetic(c)                  // Double?
/// ```
/// ## References
/// - Brunet, Tamayo, Golub & Mesirov (2004), Metagenes and molecular pattern discovery using
///   matrix factorization, PNAS 101(12):4164-4169, doi:10.1073/pnas.0308531101.
public enum ConsensusMatrix {
  /// Returns each sample's dominant signature: the row of the largest value in its column of `h`
  /// (the first such row on ties, as R's `which.max`).
  /// - Parameter h: Exposures, k x samples.
  public static func dominantSignatures(_ h: Matrix) -> [Int] {
    (0..<h.columns).map { j in
      var best = 0
      for r in 1..<max(h.rows, 1) where h[r, j] > h[best, j] { best = r }
      return best
    }
  }

  /// Returns the connectivity matrix of one restart (samples x samples, 0/1, ones on the diagonal).
  /// - Parameter h: Exposures, k x samples.
  public static func connectivity(_ h: Matrix) -> Matrix {
    let labels = dominantSignatures(h)
    let n = labels.count
    var m = Matrix(rows: n, columns: n)
    for j in 0..<n { for i in 0..<n where labels[i] == labels[j] { m[i, j] = 1 } }
    return m
  }

  /// The most samples a consensus matrix covers. Its memory and the average-linkage tree grow
  /// with samples² (20,000 samples would need about 13 GB, issue #17), so larger cohorts use the
  /// evenly spaced samples of `sampleIndices`: cophenetic correlation and dispersion are then
  /// statistics of that subset, and `consensus_k<K>.tsv` lists it. Signatures, exposures,
  /// stability and cross-validation always use every sample.
  public static let sampleLimit = 2_000

  /// The samples a consensus matrix covers: all of `count` up to `limit`, else `limit` evenly
  /// spaced ones (`i · count / limit`, first sample included), with no randomness involved.
  public static func sampleIndices(count: Int, limit: Int = sampleLimit) -> [Int] {
    guard count > limit, limit > 0 else { return Array(0..<count) }
    return (0..<limit).map { $0 * count / limit }
  }

  /// Returns the consensus matrix: the mean of the restarts' connectivity matrices.
  ///
  /// ```
  /// C[i, j] = (1/R) Σ_r 1[argmax_k H_r[k, i] = argmax_k H_r[k, j]]
  /// ```
  /// - Parameter exposures: One `H` (k x samples) per restart, all with the same sample count.
  /// - Returns: Samples x samples, symmetric, entries in [0, 1], ones on the diagonal. An empty
  ///   list gives a 0 x 0 matrix.
  /// - Complexity: O(R · samples² / 2) label comparisons.
  /// - Parameter samples: The columns (samples) it covers, in order; nil for every sample.
  public static func consensus(_ exposures: [Matrix], samples: [Int]? = nil) -> Matrix {
    guard let first = exposures.first else { return Matrix(rows: 0, columns: 0) }
    let columns = samples ?? Array(0..<first.columns)
    let n = columns.count
    var counts = [Int32](repeating: 0, count: n * n)
    var labels = [Int32](repeating: 0, count: n)
    for h in exposures {
      precondition(h.columns == first.columns, "restart exposures have \(h.columns) samples, expected \(first.columns)")
      let all = dominantSignatures(h)
      for (p, c) in columns.enumerated() { labels[p] = Int32(all[c]) }
      // Upper triangle only, without branches (the loop vectorises); mirrored below.
      counts.withUnsafeMutableBufferPointer { counts in
        labels.withUnsafeBufferPointer { labels in
          for j in 0..<n {
            let lj = labels[j], base = j * n
            for i in 0...j { counts[base + i] &+= labels[i] == lj ? 1 : 0 }
          }
        }
      }
    }
    for j in 0..<n { for i in (j + 1)..<n { counts[i + j * n] = counts[j + i * n] } }
    // Integer counts then one division: the result does not depend on the order of restarts.
    let r = Double(exposures.count)
    return Matrix(rows: n, columns: n, values: counts.map { Double($0) / r })
  }

  /// Returns the dispersion coefficient of a consensus matrix (Kim & Park 2007).
  ///
  /// ```
  /// ρ = (1/n²) Σᵢⱼ 4 (C[i, j] − 1/2)²
  /// ```
  /// 1 for a matrix of only 0s and 1s (perfectly reproducible clustering), lower when entries
  /// sit near 1/2; the same formula as R NMF's `dispersion`.
  /// - Returns: nil for an empty matrix.
  /// ## References
  /// - Kim & Park (2007), Sparse non-negative matrix factorizations via alternating
  ///   non-negativity-constrained least squares, Bioinformatics 23(12):1495-1502.
  public static func dispersion(_ c: Matrix) -> Double? {
    precondition(c.rows == c.columns, "a consensus matrix is square (got \(c.rows) x \(c.columns))")
    guard c.rows > 0 else { return nil }
    var s = 0.0
    for x in c.values { s += 4 * (x - 0.5) * (x - 0.5) }
    return s / Double(c.rows * c.rows)
  }

  /// Returns the cophenetic correlation coefficient of a consensus matrix (Brunet et al. 2004).
  ///
  /// The Pearson correlation, over the pairs `i < j`, between the distances `1 − C[i, j]` and the
  /// cophenetic distances of their average-linkage (UPGMA) tree. Degenerate cases follow R NMF's
  /// `cophcor`: a consensus whose off-diagonal entries are all 0 (every sample alone in every
  /// restart) gives 1; otherwise, when either set of distances is constant (e.g. all samples always
  /// together, or fewer than 3 samples) the correlation is undefined and the result is nil, never NaN.
  /// A perfectly block-diagonal consensus (entries 0 or 1 only, at least two blocks) gives exactly 1.
  /// - Parameter c: Consensus matrix, samples x samples, symmetric, entries in [0, 1].
  /// - Returns: The correlation in [-1, 1], or nil when undefined.
  /// - Complexity: O(n²) memory, O(n²)–O(n³) time for the tree (see `AverageLinkage`).
  /// ## References
  /// - Brunet et al. (2004), PNAS 101(12):4164-4169.
  /// - Gaujoux & Seoighe (2010), A flexible R package for nonnegative matrix factorization,
  ///   BMC Bioinformatics 11:367 (`cophcor`).
  public static func cophenetic(_ c: Matrix) -> Double? {
    precondition(c.rows == c.columns, "a consensus matrix is square (got \(c.rows) x \(c.columns))")
    let n = c.rows
    guard n > 0 else { return nil }
    var offDiagonalAllZero = true
    for j in 0..<n { for i in 0..<j where c[i, j] != 0 { offDiagonalAllZero = false } }
    if offDiagonalAllZero { return 1 }  // R NMF's guard for a diagonal consensus
    var d = Matrix(rows: n, columns: n)
    for j in 0..<n { for i in 0..<n where i != j { d[i, j] = 1 - c[i, j] } }
    let tree = AverageLinkage(distances: d)
    let coph = tree.copheneticDistances()
    var xs: [Double] = [], ys: [Double] = []
    xs.reserveCapacity(n * (n - 1) / 2); ys.reserveCapacity(n * (n - 1) / 2)
    for j in 0..<n { for i in 0..<j { xs.append(d[i, j]); ys.append(coph[i, j]) } }
    return pearson(xs, ys)
  }

  /// Pearson correlation; nil when fewer than 2 pairs or either variance is 0. Identical inputs
  /// with positive variance give exactly 1 (no rounding drift above or below).
  static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count >= 2, x.count == y.count else { return nil }
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0..<x.count {
      let dx = x[i] - mx, dy = y[i] - my
      sxy += dx * dy; sxx += dx * dx; syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    if x == y { return 1 }
    return max(-1, min(1, sxy / (sxx.squareRoot() * syy.squareRoot())))
  }
}
