import ArgumentParser
import SigilCore

/// `--signatures FILE` or a bundled COSMIC table (`--reference`, `--genome`, `--exome`):
/// the reference signatures that simulate draws from, extract matches against and fit fits.
struct ReferenceOptions: ParsableArguments {
  @Option(help: "Signature table to use instead of a bundled reference (COSMIC, SigProfiler or sigil layout).")
  var signatures: String?
  @Option(help: "Bundled reference set.")
  var reference = BundledName<Versions>(default: ReferenceChoice().version)
  @Option(help: "Genome build of the bundled reference.")
  var genome = BundledName<Genomes>(default: ReferenceChoice().genome)
  @Flag(help: "Use the exome-normalised bundled reference (SBS96).")
  var exome = false

  func validate() throws {
    try require(!(exome && signatures != nil), "--exome picks a bundled table; it has no effect with --signatures FILE")
  }

  /// The choice as the library takes it.
  var choice: ReferenceChoice {
    ReferenceChoice(signatures: signatures, version: reference.name, genome: genome.name, exome: exome)
  }

  enum Versions: NameList { static var names: [String] { ReferenceData.versions } }
  enum Genomes: NameList { static var names: [String] { ReferenceData.genomes } }
}

/// The names a bundled-reference option accepts (`ReferenceData` is the one list).
protocol NameList { static var names: [String] { get } }

/// One of `List.names`; anything else is a usage error listing them.
struct BundledName<List: NameList>: ExpressibleByArgument {
  let name: String
  init?(argument: String) {
    guard List.names.contains(argument) else { return nil }
    name = argument
  }
  /// The default value (one of `List.names`, checked by the tests through --help).
  init(default name: String) { self.name = name }
  static var allValueStrings: [String] { List.names }
  var defaultValueDescription: String { name }
}
