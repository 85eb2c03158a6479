import ArgumentParser
import SigilVCF

/// Which records count and how many REF mismatches a sample may have: shared by `count` and
/// `attribute`, which must count the same variants to agree.
struct VariantFilterOptions: ParsableArguments {
  @Flag(help: "Count records whatever their FILTER (default: only PASS and '.').")
  var allFilters = false
  @Option(parsing: .unconditional, help: "Largest tolerated fraction of a sample's SNVs whose REF differs from the FASTA (0 to 1).")
  var maxRefMismatch = 0.05

  func validate() throws {
    try require((0...1).contains(maxRefMismatch), "--max-ref-mismatch must be in [0, 1] (got \(maxRefMismatch))")
  }

  /// `configuration` with these options set.
  func applied(to configuration: CountConfiguration) -> CountConfiguration {
    var c = configuration
    c.allFilters = allFilters
    c.maxRefMismatch = maxRefMismatch
    return c
  }
}
