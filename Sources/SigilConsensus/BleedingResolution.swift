import SigilCore
import SigilNMF

/// Takes out of a consensus signature the other extracted signatures that bleed into it
/// (`sigil extract --resolve-bleeding`).
///
/// NMF cannot tell `w_i` from `w_i + a·w_j` when signature j is present in (almost) every sample:
/// both fit the counts equally well (Docs/Methods-extract.md §5). The bleeding check
/// (`ReferenceMatching.sharedComponents`) finds such an i: its reference decomposition holds, with
/// weight `a`, the reference signature that another extracted signature j matches. Resolving
/// replaces `w_i` by `max(w_i − Σ a·w_j, 0)`, normalised: the subtracted part is the data's own
/// `w_j`, not the reference profile, so the signature stays de novo; the reference only says how
/// much to take out. The exposures are then fitted again. A resolution is kept only while the
/// catalog's Poisson deviance stays within `maximumDevianceIncrease` of the unresolved solution's
/// (a likelihood-ratio check: the data must not object to the cleaner signatures). Passes repeat
/// (`Extraction`) while they keep something: a signature cleaned of SBS1 may then represent SBS5
/// and reveal SBS5 bleeding into a third.
///
/// ```swift
/// let r = BleedingResolution.resolve(catalog: v, signatures: w, exposures: h, names: names,
///                                    matches: m, objective: .kullbackLeibler)
/// for step in r.steps { print(step.signature, step.removed, step.devianceIncrease, step.kept) }
/// ```
public enum BleedingResolution {
  /// One signature cleaned of others.
  public struct Step: Sendable, Equatable {
    /// The resolved signature's name (before resolution, e.g. `SBS96D`).
    public let signature: String
    /// The signatures taken out of it, with the weight taken.
    public let removed: [(signature: String, weight: Double)]
    /// Poisson deviance (2·KL) after this step minus that of the unresolved solution.
    public let devianceIncrease: Double
    /// Whether the resolution was kept (`devianceIncrease < maximumDevianceIncrease`).
    public let kept: Bool

    public static func == (a: Step, b: Step) -> Bool {
      a.signature == b.signature && a.devianceIncrease == b.devianceIncrease && a.kept == b.kept
        && a.removed.map(\.signature) == b.removed.map(\.signature) && a.removed.map(\.weight) == b.removed.map(\.weight)
    }
  }

  /// Largest accepted rise of the Poisson deviance: the 95% quantile of χ² with 96 degrees of
  /// freedom (one signature's SBS96 values), 119.87. Measured (Docs/Methods-extract.md §5): true bleeds cost 1–21,
  /// a resolution that would distort a real signature (UV pair SBS7a/SBS7b) 428–683.
  public static let maximumDevianceIncrease = 119.87

  /// The flagged signature columns with the bleeding taken out (empty when nothing is flagged);
  /// signatures called novel are left alone.
  /// - Parameters:
  ///   - signatures: W, channels x k, columns summing to 1.
  ///   - names: Column names, as in `matches`.
  ///   - matches: Reference matches of the columns (the bleeding check's input).
  /// - Returns: Per flagged column: its index, the new column, and what was taken out.
  public static func cleanedColumns(signatures w: Matrix, names: [String], matches: [ReferenceMatch])
    -> [(index: Int, column: [Double], removed: [(signature: String, weight: Double)])] {
    let index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    var out: [(index: Int, column: [Double], removed: [(signature: String, weight: Double)])] = []
    // A novel signature's decomposition is not a faithful reading of it: it says nothing of how
    // much of another signature it holds.
    for (i, shared) in ReferenceMatching.sharedComponents(matches).enumerated() where !shared.isEmpty && !matches[i].isNovel {
      var column = w.column(i)
      var removed: [(signature: String, weight: Double)] = []
      for part in shared {
        guard let j = index[part.signature] else { continue }
        for c in 0..<w.rows { column[c] -= part.weight * w[c, j] }
        removed.append((part.signature, part.weight))
      }
      for c in column.indices where column[c] < 0 { column[c] = 0 }
      let total = column.reduce(0, +)
      guard total > 0, !removed.isEmpty else { continue }
      out.append((i, column.map { $0 / total }, removed))
    }
    return out
  }

  /// One pass: every flagged signature, one at a time in column order, each applied to the solution
  /// as resolved so far and kept only while the deviance stays within `maximumDevianceIncrease` of
  /// `baselineDeviance` (default: the deviance of `w`, `h`).
  /// - Returns: The new signatures and exposures (signatures in the original column order) and the steps.
  public static func resolve(catalog v: Matrix, signatures w: Matrix, exposures h: Matrix, names: [String],
                             matches: [ReferenceMatch], objective: NMFObjective, baselineDeviance: Double? = nil)
    -> (signatures: Matrix, exposures: Matrix, steps: [Step]) {
    let baseline = baselineDeviance ?? deviance(catalog: v, signatures: w, exposures: h)
    var current = (w: w, h: h)
    var steps: [Step] = []
    for cleaned in cleanedColumns(signatures: w, names: names, matches: matches) {
      var trial = current.w
      for c in 0..<trial.rows { trial[c, cleaned.index] = cleaned.column[c] }
      let th = ConsensusExposures.fit(catalog: v, signatures: trial, objective: objective)
      let increase = deviance(catalog: v, signatures: trial, exposures: th) - baseline
      let kept = increase < maximumDevianceIncrease
      steps.append(Step(signature: names[cleaned.index], removed: cleaned.removed, devianceIncrease: increase, kept: kept))
      if kept { current = (trial, th) }
    }
    return (current.w, current.h, steps)
  }

  /// Poisson deviance 2·KL(V‖WH).
  public static func deviance(catalog v: Matrix, signatures w: Matrix, exposures h: Matrix) -> Double {
    2 * Reconstruction(catalog: v, signatures: w, exposures: h).kullbackLeibler
  }
}
