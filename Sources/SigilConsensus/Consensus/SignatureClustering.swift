import SigilCore
import SigilLinearAlgebra

/// The k x R restart signatures of one rank grouped into k clusters, one member per restart,
/// with the cosine silhouette of each cluster (signature stability).
///
/// Clustering (as SigProfilerExtractor, made deterministic): the centroids start as the
/// signatures of the `initial` restart (the one with the best objective); then, repeatedly, each
/// restart's k signatures are matched one-to-one to the k centroids by the Hungarian algorithm on
/// cosine distance `1 − cos`, and each centroid becomes the mean of its members, until no
/// assignment changes (a fixed point) or `maxIterations` passes.
///
/// Stability is the silhouette of every signature with cosine distance (Rousseeuw 1987):
/// ```
/// a(i) = mean distance to the other members of its cluster
/// b(i) = min over other clusters of the mean distance to their members
/// s(i) = (b(i) − a(i)) / max(a(i), b(i))          (0 when max is 0)
/// ```
/// averaged per cluster (`clusterSilhouettes`) and over all signatures (`meanSilhouette`, as
/// scikit-learn's `silhouette_score`). Undefined (nil) for k = 1 or fewer than 2 restarts.
///
/// ```swift
/// let clusters = SignatureClustering(signatures: results.map(\.w), initial: best)
/// print(clusters.minimumSilhouette ?? .nan, clusters.centroids)
/// ```
/// ## References
/// - Alexandrov et al. (2013), Deciphering signatures of mutational processes operative in human
///   cancer, Cell Reports 3(1):246-259.
/// - Islam et al. (2022), Uncovering novel mutational signatures by de novo extraction with
///   SigProfilerExtractor, Cell Genomics 2(11):100179.
/// - Rousseeuw (1987), Silhouettes, J. Comput. Appl. Math. 20:53-65.
public struct SignatureClustering: Sendable {
  /// Iteration cap of the assign / re-centre loop (it usually stops in 2–5 passes).
  public static let defaultMaxIterations = 100

  /// `assignment[r][c]`: the column of restart r's W placed in cluster c.
  public let assignment: [[Int]]
  /// Cluster centroids, channels x k, each column the mean of its members (sums to 1).
  public let centroids: Matrix
  /// Mean silhouette of each cluster's members; nil when undefined.
  public let clusterSilhouettes: [Double]?
  /// Mean silhouette over all k x R signatures; nil when undefined.
  public let meanSilhouette: Double?
  /// Number of assign / re-centre passes run.
  public let iterations: Int
  /// Whether a fixed point was reached.
  public let converged: Bool

  /// Cluster centroids from a subset of the restarts, keeping the clustering's assignment:
  /// column c is the mean of `signatures[r]`'s assigned column over `members` (in the given
  /// order), normalised to sum 1.
  /// - Parameters:
  ///   - signatures: The W matrices this clustering was built from.
  ///   - members: Indices into `signatures` of the restarts to average (not empty).
  public func centroids(of signatures: [Matrix], members: [Int]) -> Matrix {
    precondition(!members.isEmpty && signatures.count == assignment.count, "centroids need the clustered restarts and at least one member")
    let means = Self.memberMeans(signatures, assignment: assignment, members: members)
    return Matrix(rows: signatures[0].rows, columns: means.map(VectorMath.normalizedToSum))
  }

  /// Per cluster, the mean of the members' assigned columns, accumulated in `members` order.
  private static func memberMeans(_ signatures: [Matrix], assignment: [[Int]], members: [Int]) -> [[Double]] {
    let channels = signatures[0].rows, k = signatures[0].columns
    var sums = [[Double]](repeating: [Double](repeating: 0, count: channels), count: k)
    for s in members {
      for c in 0..<k {
        let col = assignment[s][c], w = signatures[s]
        for i in 0..<channels { sums[c][i] += w[i, col] }
      }
    }
    return sums.map { $0.map { $0 / Double(members.count) } }
  }

  /// The smallest per-cluster silhouette: the stability of the least stable signature.
  public var minimumSilhouette: Double? { clusterSilhouettes?.min() }

  /// Clusters the signatures of R restarts of the same rank.
  /// - Parameters:
  ///   - signatures: One W per restart (channels x k, same shape), columns summing to 1.
  ///   - initial: Index into `signatures` of the restart whose signatures seed the centroids.
  ///   - maxIterations: Cap on assign / re-centre passes.
  /// - Complexity: O(iterations · R · k² · channels) for the clustering, (kR)²/2 · channels
  ///   multiply-adds and (kR)² doubles of memory for the silhouettes (32 MB at k = 20, R = 100).
  public init(signatures: [Matrix], initial: Int = 0, maxIterations: Int = SignatureClustering.defaultMaxIterations) {
    precondition(!signatures.isEmpty, "clustering needs at least one restart")
    let channels = signatures[0].rows, k = signatures[0].columns
    precondition(signatures.allSatisfy { $0.rows == channels && $0.columns == k }, "restart signatures differ in shape")
    let r = signatures.count
    let units: [[[Double]]] = signatures.map { w in (0..<k).map { unitVector(w.column($0)) } }

    var centroid: [[Double]] = (0..<k).map { signatures[initial].column($0) }
    var assignment: [[Int]] = []
    var iterations = 0, converged = false
    while iterations < maxIterations {
      iterations += 1
      let centroidUnits = centroid.map(unitVector)
      var next: [[Int]] = []
      next.reserveCapacity(r)
      for s in 0..<r {
        let cost = (0..<k).map { c in (0..<k).map { col in 1 - unitCosine(centroidUnits[c], units[s][col]) } }
        next.append(Hungarian.assign(cost))
      }
      // New centroids: mean of members, accumulated in restart order.
      centroid = Self.memberMeans(signatures, assignment: next, members: Array(0..<r))
      if next == assignment { converged = true; assignment = next; break }
      assignment = next
    }
    self.assignment = assignment
    self.iterations = iterations
    self.converged = converged
    self.centroids = Matrix(rows: channels, columns: centroid.map(VectorMath.normalizedToSum))

    // Silhouettes over all k·R signatures with cosine distance.
    guard k >= 2, r >= 2 else {
      clusterSilhouettes = nil; meanSilhouette = nil
      return
    }
    var points: [[Double]] = [], label: [Int] = []
    points.reserveCapacity(k * r); label.reserveCapacity(k * r)
    for s in 0..<r { for c in 0..<k { points.append(units[s][assignment[s][c]]); label.append(c) } }
    let n = points.count
    // Rounding can push 1 − cos a hair below 0 for identical vectors: clamp to 0.
    let distance = pairwiseUnitCosines(points).map { max(0, 1 - $0) }
    var perCluster = [Double](repeating: 0, count: k)
    var total = 0.0
    var meanDistance = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for c in 0..<k { meanDistance[c] = 0 }
      for j in 0..<n where j != i { meanDistance[label[j]] += distance[j + i * n] }
      let own = label[i]
      let a = meanDistance[own] / Double(r - 1)
      var b = Double.infinity
      for c in 0..<k where c != own { b = min(b, meanDistance[c] / Double(r)) }
      let denominator = max(a, b)
      let s = denominator > 0 ? (b - a) / denominator : 0
      perCluster[own] += s
      total += s
    }
    clusterSilhouettes = perCluster.map { $0 / Double(r) }
    meanSilhouette = total / Double(n)
  }
}
