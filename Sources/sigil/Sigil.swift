import ArgumentParser
import SigilCore

/// The `sigil` command: mutational signature analysis, count -> extract -> fit.
@main
struct Sigil: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sigil",
    abstract: "Mutational signature analysis: count catalogs, extract and fit signatures.",
    discussion: """
      Typical run:
        sigil count   -o counts/  --reference-fasta ref.fa *.vcf.gz
        sigil extract -o extract/ counts/catalog.sbs96.tsv
        sigil fit     -o fit/     counts/catalog.sbs96.tsv
      """,
    version: SigilVersion.current,
    subcommands: [SimulateCommand.self, CountCommand.self, MergeCommand.self, ExtractCommand.self, FitCommand.self, AttributeCommand.self, ReportCommand.self]
  )
}
