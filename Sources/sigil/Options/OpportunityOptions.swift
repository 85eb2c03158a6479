import ArgumentParser
import SigilCore

/// `--opportunity FILE` and `--reference-opportunity FILE` of fit and extract: renormalise the
/// reference signatures to a panel's or exome's sequence opportunity (Docs/Methods-fit.md §7).
struct OpportunityOptions: ParsableArguments {
  @Option(help: "Opportunity of the sequenced regions (opportunity.sbs96.tsv of count --regions, or that count folder): renormalise the reference signatures to it.")
  var opportunity: String?
  @Option(help: "Opportunity the reference signatures were made on (default: the bundled genome or exome of --genome; needed with --signatures).")
  var referenceOpportunity: String?

  func validate() throws {
    try require(referenceOpportunity == nil || opportunity != nil, "--reference-opportunity needs --opportunity")
  }

  /// The files to checksum and to keep out of the output folder.
  var inputs: [String] { [opportunity, referenceOpportunity].compactMap { $0 } }

  /// `choice` with these options set.
  func applied(to choice: ReferenceChoice) -> ReferenceChoice {
    var c = choice
    c.opportunity = opportunity; c.referenceOpportunity = referenceOpportunity
    return c
  }
}
