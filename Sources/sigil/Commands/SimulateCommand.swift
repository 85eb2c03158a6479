import ArgumentParser
import Foundation
import SigilCore
import SigilVCF

/// `sigil simulate`: a ground-truth cohort from known signatures.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a cohort with known signatures and exposures.",
    discussion: """
      Writes catalog.tsv, truth_signatures.tsv, truth_exposures.tsv and run.json.
      With --vcf also reference.fa (+ .fai) and vcf/<sample>.vcf.gz, which `sigil count`
      turns back into catalog.tsv exactly, and truth_mutations.tsv: the signature that made
      each planted mutation (for scoring `sigil attribute`).
      With --indels also an ID83 cohort from COSMIC ID signatures (catalog.id83.tsv,
      truth_signatures.id83.tsv, truth_exposures.id83.tsv); with --vcf as well, the VCFs
      carry one indel per ID83 count, which `sigil count` turns back into catalog.id83.tsv exactly.

      Examples:
        sigil simulate -o sim/ --active SBS1,SBS5 --optional SBS2,SBS13,SBS3 --samples 50
        sigil simulate -o sim/ --samples 20 --vcf && sigil count -o counts/ --reference-fasta sim/reference.fa sim/vcf/*.vcf.gz
        sigil simulate -o sim/ --samples 20 --vcf --indels --indel-active ID1,ID2 --indel-optional ID8
        sigil simulate -o sim/ --signatures my_sigs.tsv --active A,B --noise nb --dispersion 20
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var seed: SeedOptions
  @OptionGroup var log: LogOptions
  @OptionGroup var referenceOptions: ReferenceOptions
  @OptionGroup var options: SimulateOptions

  func validate() throws {
    try options.validate()
    _ = try output.folder(inputs: [referenceOptions.signatures, options.indelSignatures].compactMap { $0 })
  }

  func run() throws {
    Console.quiet = log.quiet
    let folder = try output.folder(inputs: [referenceOptions.signatures, options.indelSignatures].compactMap { $0 })
    let job = try SimulationJob(options.request(seed: seed.seed, reference: referenceOptions.choice))
    let messages = try folder.publish { staging in
      try job.write(toDirectory: staging.stagingPath, shownDirectory: folder.path, warnings: { Console.warnings })
    }
    messages.forEach { $0.log() }
  }
}
