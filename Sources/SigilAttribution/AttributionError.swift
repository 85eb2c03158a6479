import SigilCore

/// Why `sigil attribute` cannot attribute the given variants with the given signatures and exposures.
///
/// Each case names the file or folder at fault and says what was expected.
public enum AttributionError: Error, Equatable, CustomStringConvertible, Sendable {
  case notAFitFolder(path: String, reason: String)
  case signatureTableMissing(folder: String, table: String)
  case signatureTableChanged(folder: String, table: String)
  case unsupportedClass(path: String, mutationClass: String)
  case duplicateClass(mutationClass: String, first: String, second: String)
  case exposureSignaturesUnknown(path: String, names: [String], table: String)
  case samplesMissing(source: String, samples: [String], available: [String])
  case noVariants(inputs: [String])
  case noModelForCounted(classes: [String])
  case vcfOutNeedsVCF(path: String)
  case malformedIntervals(path: String, line: Int, reason: String)

  public var description: String {
    switch self {
    case let .notAFitFolder(path, reason):
      return "\(path): not a sigil fit or extract folder (\(reason)); give a folder written by 'sigil fit' or 'sigil extract', "
        + "or --signatures FILE with --exposures FILE"
    case let .signatureTableMissing(folder, table):
      return "\(folder): the signature table its run.json names, \(table), cannot be read from here; give it with --signatures"
    case let .signatureTableChanged(folder, table):
      return "\(folder): the signature table \(table) differs from the one the fit used (sha256 in run.json); give the fit's table with --signatures"
    case let .unsupportedClass(path, mutationClass):
      return "\(path): \(mutationClass) signatures cannot be attributed to counted variants; attribute works on SBS96, DBS78 and ID83 "
        + "(the channels count assigns each variant to)"
    case let .duplicateClass(mutationClass, first, second):
      return "two \(mutationClass) signature sets given (\(first) and \(second)); give one per mutation class"
    case let .exposureSignaturesUnknown(path, names, table):
      return "\(path): exposure column(s) \(RunLog.list(names)) are not signatures of \(table); the exposures and the signatures must come from the same fit"
    case let .samplesMissing(source, samples, available):
      return "sample(s) \(RunLog.list(samples)) of the variant files have no exposures in \(source) (it has \(RunLog.list(available))); "
        + "fit these samples first, or choose samples with --samples"
    case let .noVariants(inputs):
      return "no variant of \(RunLog.list(inputs)) was counted (see the counting rules in 'sigil count --help'); nothing to attribute"
    case let .noModelForCounted(classes):
      return "the variants were counted as \(classes.joined(separator: ", ")) but no signatures of those classes were given; "
        + "give a fit of the matching catalog (e.g. --fit fit-sbs96/)"
    case let .vcfOutNeedsVCF(path):
      return "\(path): --vcf-out writes VCFs back, and this input is a MAF; attribution.tsv has its mutations (leave out --vcf-out, or give VCFs)"
    case let .malformedIntervals(path, line, reason):
      return "\(path): line \(line): \(reason); expected sample, signature, exposure, lower, upper, selected_fraction"
    }
  }
}
