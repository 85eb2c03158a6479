import SigilCore

/// Average-linkage (UPGMA) agglomerative clustering of a distance matrix.
///
/// Repeatedly merges the two closest clusters; the distance from the merged cluster to any other
/// is the size-weighted mean of the two old distances (Lance–Williams update for average
/// linkage), i.e. the mean of all pairwise distances between members. Ties are broken by the
/// smallest (lower index, then upper index) pair, so the tree is deterministic.
///
/// ```swift
/// let tree = AverageLinkage(distances: d)        // d: n x n, symmetric, zero diagonal
/// let coph = tree.copheneticDistances()          // n x n
/// ```
/// - Complexity: O(n²) memory; O(n²) time per merge in the worst case with a cached nearest
///   neighbour per cluster (as R's `hclust`), typically close to O(n²) overall.
/// ## References
/// - Sokal & Michener (1958), A statistical method for evaluating systematic relationships,
///   Univ. Kansas Sci. Bull. 38:1409-1438.
/// - Murtagh (1983), A survey of recent advances in hierarchical clustering algorithms,
///   Comput. J. 26(4):354-359 (nearest-neighbour caching).
public struct AverageLinkage: Sendable {
  /// One merge: the clusters' members and the height (average distance) at which they joined.
  public struct Merge: Sendable, Equatable {
    public let left: [Int]
    public let right: [Int]
    public let height: Double
  }

  /// The n − 1 merges in order of increasing height.
  public let merges: [Merge]
  /// Number of leaves.
  public let count: Int

  /// Builds the tree of a symmetric distance matrix (the diagonal is ignored).
  public init(distances: Matrix) {
    precondition(distances.rows == distances.columns, "distance matrix must be square")
    let n = distances.rows
    count = n
    // Working copy, transposed: t[j + i·n] = distances[i, j], so the scans along a row of the
    // distance matrix (the nearest-neighbour search, the Lance–Williams update) read contiguous
    // memory. The same entries are read and written as with the matrix itself, in the same order.
    var t = [Double](repeating: 0, count: n * n)
    distances.values.withUnsafeBufferPointer { d in
      for j in 0..<n { for i in 0..<n { t[j + i * n] = d[i + j * n] } }
    }
    var active = [Bool](repeating: true, count: n)
    var size = [Int](repeating: 1, count: n)
    var members: [[Int]] = (0..<n).map { [$0] }
    var nn = [Int](repeating: -1, count: n)
    var nnDist = [Double](repeating: .infinity, count: n)

    // Nearest active neighbour of i among j > i (R hclust's convention keeps each pair once).
    func scan(_ i: Int) {
      var best = -1, bestDistance = Double.infinity
      t.withUnsafeBufferPointer { t in
        active.withUnsafeBufferPointer { active in
          let row = i * n
          var j = i + 1
          while j < n {
            if active[j] && t[row + j] < bestDistance { bestDistance = t[row + j]; best = j }
            j += 1
          }
        }
      }
      nn[i] = best; nnDist[i] = bestDistance
    }
    for i in 0..<n { scan(i) }

    var out: [Merge] = []
    out.reserveCapacity(max(n - 1, 0))
    for _ in 0..<max(n - 1, 0) {
      // Closest pair: the smallest nnDist, first i on ties.
      var a = -1
      for i in 0..<n where active[i] && nn[i] >= 0 {
        if a < 0 || nnDist[i] < nnDist[a] { a = i }
      }
      let b = nn[a]  // a < b
      let height = nnDist[a]
      out.append(Merge(left: members[a], right: members[b], height: height))
      // Lance–Williams for average linkage; the merged cluster keeps index a.
      let na = Double(size[a]), nb = Double(size[b])
      for k in 0..<n where active[k] && k != a && k != b {
        let v = (na * t[k + a * n] + nb * t[k + b * n]) / (na + nb)
        t[k + a * n] = v; t[a + k * n] = v
      }
      active[b] = false
      size[a] += size[b]
      members[a] += members[b]
      members[b] = []
      // Refresh the nearest-neighbour cache where it may have changed.
      for k in 0..<n where active[k] {
        if k == a || nn[k] == a || nn[k] == b {
          scan(k)
        } else if k < a && t[a + k * n] < nnDist[k] {
          nnDist[k] = t[a + k * n]; nn[k] = a
        } else if k < a && t[a + k * n] == nnDist[k] && a < nn[k] {
          nn[k] = a  // same distance, lower index wins, as a full scan would choose
        }
      }
    }
    merges = out
  }

  /// Returns the cophenetic distances: for each pair, the height of the merge that first joins them.
  public func copheneticDistances() -> Matrix {
    var c = Matrix(rows: count, columns: count)
    for m in merges {
      for i in m.left { for j in m.right { c[i, j] = m.height; c[j, i] = m.height } }
    }
    return c
  }
}
