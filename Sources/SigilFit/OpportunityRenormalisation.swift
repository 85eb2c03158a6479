import Foundation
import SigilCore

/// The signatures of a fit moved to the sequenced territory's opportunity (`sigil fit --opportunity`),
/// and the way back to the genome scale.
///
/// Reference signatures describe mutations in the opportunity they were made on (COSMIC: the
/// GRCh37 genome, or its exome). A panel or exome sees each context at another rate, so the fit
/// uses `reference.renormalise(signatures, to: target)`; its exposures count mutations in the
/// panel (panel scale). `perMegabase` turns them into mutations per Mb of the reference genome
/// (genome scale, `Opportunity.equivalentSites`), comparable between panels, exomes and genomes.
public struct OpportunityRenormalisation: Sendable {
  /// The sequenced territory's opportunity (`--opportunity`).
  public let target: Opportunity
  /// The opportunity the signatures were made on (`--reference-opportunity`, or bundled).
  public let reference: Opportunity
  /// The signatures renormalised to `target`.
  public let renormalised: SignatureSet
  /// Per signature, reference sites carrying as many of its mutations as the target (`Opportunity.equivalentSites`).
  public let equivalentSites: [Double]

  /// The renormalisation `reference` asks for (`ReferenceChoice.opportunity`), or nil when it asks for none.
  /// - Throws: as `init(signatures:targetPath:referencePath:reference:)`.
  public init?(signatures: SignatureSet, reference: ReferenceChoice) throws {
    guard let target = reference.opportunity else { return nil }
    try self.init(signatures: signatures, targetPath: target, referencePath: reference.referenceOpportunity, reference: reference)
  }

  /// Reads the opportunities and renormalises `signatures`.
  /// - Parameters:
  ///   - signatures: The reference signatures (after `--include`/`--exclude`).
  ///   - targetPath: An opportunity table, or a `sigil count --regions` folder.
  ///   - referencePath: The signatures' own opportunity, or nil for the bundled one of `reference`
  ///     (an error with `--signatures FILE`, whose opportunity is unknown).
  ///   - reference: The `--reference`/`--genome`/`--exome` choice.
  /// - Throws: `FitError.invalidOpportunity`, `TableFormatError`, `ReferenceDataError`.
  public init(signatures: SignatureSet, targetPath: String, referencePath: String?, reference: ReferenceChoice) throws {
    let cls = signatures.mutationClass
    guard Opportunity.supports(cls) else {
      throw FitError.invalidOpportunity(path: targetPath, reason: "--opportunity applies to SBS96 and DBS78 catalogs, not \(cls.rawValue)")
    }
    if referencePath == nil, let table = reference.signatures {
      throw FitError.invalidOpportunity(path: table, reason: "--opportunity needs the opportunity these signatures were made on; "
                                        + "pass --reference-opportunity FILE (e.g. opportunity.sbs96.tsv of sigil count --regions on a BED of the whole genome)")
    }
    target = try Opportunity.read(path: targetPath, mutationClass: cls)
    if let referencePath {
      self.reference = try Opportunity.read(path: referencePath, mutationClass: cls)
    } else {
      self.reference = try Opportunity.bundled(genome: reference.genome, exome: reference.exome, mutationClass: cls)
    }
    renormalised = try self.reference.renormalise(signatures, to: target)
    equivalentSites = self.reference.equivalentSites(signatures, in: target)
  }

  /// Exposures (mutations in the target) as mutations per Mb of the reference genome:
  /// `x[sample, s] · 10⁶ / equivalentSites[s]`.
  public func perMegabase(_ exposures: ExposureTable) -> ExposureTable {
    var m = exposures.values
    for i in 0..<m.rows { for s in 0..<m.columns { m[i, s] = m[i, s] * 1e6 / equivalentSites[s] } }
    return ExposureTable(sampleNames: exposures.sampleNames, signatureNames: exposures.signatureNames, values: m)
  }

  /// The files read, for run.json's checksums (the bundled opportunity file included).
  var inputs: [String] { [target.file, reference.file].compactMap { $0 } }

  /// What was renormalised to what.
  public var messages: [RunMessage] {
    let mb = target.sites / 1e6
    return [.info("opportunity: \(target.source), \(NumberFormatting.format((mb * 1000).rounded() / 1000)) Mb of \(target.mutationClass.rawValue) sites; "
                  + "reference signatures renormalised to it from \(reference.source)")]
  }
}
