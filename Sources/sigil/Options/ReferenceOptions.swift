import ArgumentParser
import SigilCore

/// `--signatures FILE` or a bundled COSMIC table (`--reference`, `--genome`, `--exome`):
/// the reference signatures that simulate draws from, extract matches against and fit fits.
struct ReferenceOptions: ParsableArguments {
  @Option(help: "Signature table to use instead of a bundled reference (COSMIC, SigProfiler or sigil layout).")
  var signatures: String?
  @Option(help: "Bundled reference set: cosmic-v3.4 or cosmic-v3.6.")
  var reference = "cosmic-v3.4"
  @Option(help: "Genome build of the bundled reference: GRCh37 or GRCh38.")
  var genome = "GRCh37"
  @Flag(help: "Use the exome-normalised bundled reference (SBS96).")
  var exome = false

  /// The table's path: `--signatures`, else the bundled table of `mutationClass`.
  /// - Throws: `ReferenceDataError` when the bundled table cannot be found or is not shipped.
  func tablePath(for mutationClass: MutationClass = .sbs96) throws -> String {
    try signatures ?? ReferenceData.path(version: reference, mutationClass: mutationClass, genome: genome, exome: exome)
  }

  /// The run.json parameters naming the reference used; `signatures` is the table's path, which
  /// the report reads for its reference profiles.
  func manifestParameters(table: String) -> [String: String] {
    ["signatures": table, "reference": reference, "genome": genome, "exome": String(exome)]
  }
}
