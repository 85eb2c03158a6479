import Foundation

/// Which reference signatures a run uses: a table given with `--signatures`, or a bundled COSMIC
/// set (`--reference`, `--genome`, `--exome`) of the catalog's class.
public struct ReferenceChoice: Sendable {
  public var signatures: String?
  public var version: String
  public var genome: String
  public var exome: Bool
  /// `--opportunity`: the sequenced territory's opportunity (a panel's or exome's); the signatures
  /// are renormalised to it (SigilFit `OpportunityRenormalisation`). Nil: used as they are.
  public var opportunity: String?
  /// `--reference-opportunity`: the opportunity the signatures were made on; nil = the bundled one.
  public var referenceOpportunity: String?

  public init(signatures: String? = nil, version: String = "cosmic-v3.4", genome: String = "GRCh37", exome: Bool = false,
              opportunity: String? = nil, referenceOpportunity: String? = nil) {
    self.signatures = signatures; self.version = version; self.genome = genome; self.exome = exome
    self.opportunity = opportunity; self.referenceOpportunity = referenceOpportunity
  }

  /// The table's path: `signatures`, else the bundled table of `mutationClass`.
  /// - Throws: `ReferenceDataError` when the bundled table cannot be found or is not shipped.
  public func tablePath(for mutationClass: MutationClass = .sbs96) throws -> String {
    try signatures ?? ReferenceData.path(version: version, mutationClass: mutationClass, genome: genome, exome: exome)
  }

  /// The table signatures are matched to, or nil when none was given and none ships for this
  /// class (SBS1536, SBS288): extraction then runs without matching instead of failing.
  public func matchingTable(for mutationClass: MutationClass) throws -> String? {
    do {
      return try tablePath(for: mutationClass)
    } catch ReferenceDataError.notShipped where signatures == nil && !ReferenceData.publishes(mutationClass) {
      return nil
    }
  }

  /// The run.json parameters naming the reference used; `signatures` is the table's path, which
  /// the report reads for its reference profiles.
  public func parameters(table: String) -> [String: String] {
    var p = ["signatures": table, "reference": version, "genome": genome, "exome": String(exome)]
    if let opportunity { p["opportunity"] = opportunity; p["reference-opportunity"] = referenceOpportunity ?? "bundled" }
    return p
  }
}
