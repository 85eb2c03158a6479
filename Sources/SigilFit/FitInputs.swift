import SigilCore

/// Checks that a catalog and a signature set can be fitted together, and subsets the set.
public enum FitInputs {
  /// Returns the signatures after `include` (keep only these, in the set's order) and `exclude`.
  /// - Throws: `FitError.unknownSignatures` naming names not in the set (`option` is the flag
  ///   name used in the message), `FitError.emptySignatureSet` when nothing is left.
  public static func subset(_ set: SignatureSet, include: [String]?, exclude: [String]) throws -> SignatureSet {
    let known = Set(set.names)
    if let include {
      let unknown = include.filter { !known.contains($0) }
      if !unknown.isEmpty { throw FitError.unknownSignatures(option: "--include", names: unknown, available: set.names) }
    }
    let unknown = exclude.filter { !known.contains($0) }
    if !unknown.isEmpty { throw FitError.unknownSignatures(option: "--exclude", names: unknown, available: set.names) }
    let keep = Set(include ?? set.names).subtracting(exclude)
    let names = set.names.filter { keep.contains($0) }
    guard !names.isEmpty else { throw FitError.emptySignatureSet }
    return try set.selecting(names, path: "signatures")
  }

  /// Verifies that the catalog's channels are the signatures' channels (both are held in
  /// canonical order after reading, so equal classes mean equal labels row by row) and that
  /// every count is finite and non-negative.
  /// - Throws: `FitError.channelMismatch` naming catalog labels the signatures lack,
  ///   `FitError.invalidCount`.
  public static func check(catalog: MutationCatalog, signatures: SignatureSet) throws {
    if catalog.mutationClass != signatures.mutationClass {
      let have = Set(signatures.mutationClass.channels)
      let missing = catalog.channels.filter { !have.contains($0) }
      throw FitError.channelMismatch(catalog: catalog.mutationClass, signatures: signatures.mutationClass,
                                     missing: Array(missing.prefix(5)), missingCount: missing.count)
    }
    let m = catalog.counts
    for j in 0..<m.columns {
      for i in 0..<m.rows where !(m[i, j].isFinite && m[i, j] >= 0) {
        throw FitError.invalidCount(sample: catalog.sampleNames[j], channel: catalog.channels[i], value: m[i, j])
      }
    }
  }
}
