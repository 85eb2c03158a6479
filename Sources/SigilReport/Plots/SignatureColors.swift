/// One fixed colour per signature for every figure of a page.
///
/// Colours are assigned to the signatures the page *shows*, in the given order (e.g. the
/// columns of `exposures.tsv` with a non-zero exposure), not to every signature of the
/// reference table: a fit of 86 COSMIC signatures of which 7 are found gets the 7 most distinct
/// colours, and the stacked bars, their legend and the interval strips all look a signature up
/// here, so they agree. Distinct names always get distinct colours (`Palette.signature`).
///
/// ```swift
/// let colors = SignatureColors(["SBS1", "SBS5", "SBS18"])
/// colors["SBS5"]   // "#F28E2B"
/// ```
public struct SignatureColors: Sendable, Equatable {
  /// The signatures in assignment order.
  public let names: [String]
  private let index: [String: Int]

  /// Assigns colours to `names` in order (a repeated name keeps its first colour).
  public init(_ names: [String]) {
    var seen: [String: Int] = [:]
    var ordered: [String] = []
    for name in names where seen[name] == nil {
      seen[name] = ordered.count
      ordered.append(name)
    }
    self.names = ordered
    self.index = seen
  }

  /// The colour of `name`; a name that was not assigned is drawn grey (`#AAAAAA`), which no
  /// assigned signature gets.
  public subscript(name: String) -> String {
    index[name].map(Palette.signature) ?? "#AAAAAA"
  }
}
