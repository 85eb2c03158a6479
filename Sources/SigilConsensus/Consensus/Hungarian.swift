/// The Hungarian algorithm (Kuhn–Munkres) for the square linear assignment problem.
///
/// Finds the permutation `p` minimising `Σᵢ cost[i][p[i]]`, using row/column potentials and
/// shortest augmenting paths (Jonker–Volgenant style). Ties resolve to the first column scanned,
/// so the result is deterministic.
///
/// ```swift
/// let p = Hungarian.assign([[4, 1], [2, 3]])   // [1, 0]: row 0 -> column 1, row 1 -> column 0
/// ```
/// - Complexity: O(n³).
/// ## References
/// - Kuhn (1955), The Hungarian method for the assignment problem, Naval Res. Logist. Q. 2:83-97.
/// - Munkres (1957), Algorithms for the assignment and transportation problems, J. SIAM 5(1):32-38.
public enum Hungarian {
  /// Returns, for each row, the column assigned to it in a minimum-cost perfect matching.
  /// - Parameter cost: A square matrix as rows (n x n), finite values.
  public static func assign(_ cost: [[Double]]) -> [Int] {
    let n = cost.count
    guard n > 0 else { return [] }
    precondition(cost.allSatisfy { $0.count == n }, "the cost matrix must be square")
    // 1-based arrays with a virtual column 0, as in the classic potential formulation.
    var u = [Double](repeating: 0, count: n + 1)
    var v = [Double](repeating: 0, count: n + 1)
    var p = [Int](repeating: 0, count: n + 1)    // p[j]: row matched to column j
    var way = [Int](repeating: 0, count: n + 1)
    for i in 1...n {
      p[0] = i
      var j0 = 0
      var minv = [Double](repeating: .infinity, count: n + 1)
      var used = [Bool](repeating: false, count: n + 1)
      repeat {
        used[j0] = true
        let i0 = p[j0]
        var delta = Double.infinity
        var j1 = 0
        for j in 1...n where !used[j] {
          let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
          if cur < minv[j] { minv[j] = cur; way[j] = j0 }
          if minv[j] < delta { delta = minv[j]; j1 = j }
        }
        for j in 0...n {
          if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
        }
        j0 = j1
      } while p[j0] != 0
      repeat {
        let j1 = way[j0]
        p[j0] = p[j1]
        j0 = j1
      } while j0 != 0
    }
    var assignment = [Int](repeating: 0, count: n)
    for j in 1...n { assignment[p[j] - 1] = j - 1 }
    return assignment
  }
}
