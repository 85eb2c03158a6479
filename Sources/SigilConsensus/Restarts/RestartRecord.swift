import SigilCore
import SigilNMF

/// One restart of one rank, as the consensus statistics use it and as `--save-restarts` stores it.
///
/// ```swift
/// let records = results.enumerated().map { RestartRecord(rank: 5, index: $0.offset, result: $0.element) }
/// ```
public struct RestartRecord: Sendable, Equatable {
  /// The rank k.
  public let rank: Int
  /// The restart number i (its generator is `SeededGenerator.stream(seed:, k, i)`).
  public let index: Int
  /// Signatures W, channels x k, columns summing to 1.
  public let w: Matrix
  /// Exposures H, k x samples.
  public let h: Matrix
  /// Final objective (KL divergence or ½‖V − WH‖², per the configuration).
  public let objective: Double
  /// Iterations run.
  public let iterations: Int
  /// Whether the stopping rule was met before the iteration cap.
  public let converged: Bool

  /// Creates a record from its parts.
  public init(rank: Int, index: Int, w: Matrix, h: Matrix, objective: Double, iterations: Int, converged: Bool) {
    precondition(w.columns == rank && h.rows == rank, "restart \(index): W has \(w.columns) and H \(h.rows) signatures, expected \(rank)")
    self.rank = rank; self.index = index; self.w = w; self.h = h
    self.objective = objective; self.iterations = iterations; self.converged = converged
  }

  /// Creates a record from an NMF result.
  public init(rank: Int, index: Int, result: NMFResult) {
    self.init(rank: rank, index: index, w: result.w, h: result.h, objective: result.objective,
              iterations: result.iterations, converged: result.converged)
  }
}

/// Which restarts enter the signature clustering (stability and consensus signatures).
///
/// Rule: keep restart r when `objective_r ≤ best · (1 + tolerance)`, with `best` the smallest
/// objective of the rank; with `tolerance` nil every restart is kept. The consensus matrix and
/// cophenetic correlation always use every restart (Brunet 2004), since the spread of restarts is
/// what they measure.
public struct RestartFilter: Sendable, Equatable {
  /// Relative objective tolerance, or nil to keep every restart.
  public let tolerance: Double?

  /// The default of the consensus filter (`--consensus-filter`): restarts within 0.1% of the
  /// best objective give the consensus signatures (Docs/Methods-extract.md §2).
  public static let consensusDefault = try! RestartFilter(tolerance: 1e-3, option: "--consensus-filter")

  /// Creates a filter.
  /// - Parameter option: The command-line option named in the error message.
  /// - Throws: `ConsensusError.invalidParameter` for a negative or non-finite tolerance.
  public init(tolerance: Double?, option: String = "--restart-filter") throws {
    if let t = tolerance, !(t >= 0 && t.isFinite) {
      throw ConsensusError.invalidParameter("\(option) must be a finite number >= 0 (got \(t))")
    }
    self.tolerance = tolerance
  }

  /// Returns the indices (into `records`) of the restarts kept, in order.
  public func kept(_ records: [RestartRecord]) -> [Int] {
    guard let tolerance, let best = records.map(\.objective).min() else { return Array(records.indices) }
    return records.indices.filter { records[$0].objective <= best + Swift.abs(best) * tolerance }
  }
}
