import ArgumentParser
import Foundation
import SigilConsensus
import SigilCore
import SigilLinearAlgebra
import SigilNMF

/// `sigil extract`: de novo signatures by consensus NMF, with transparent rank selection.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract de novo signatures: consensus NMF over ranks, rank selection, COSMIC matching.",
    discussion: """
      Writes signatures.tsv, exposures.tsv, reconstruction.tsv, reference_match.tsv, \
      rank_selection.tsv, consensus_k<K>.tsv and run.json, plus per-rank files with \
      --all-ranks and restarts/ with --save-restarts. All-zero samples are excluded \
      with a warning. The chosen rank is printed with its reason (Docs/Methods.md). \
      The default ranks 2..10 are capped at the number of samples, with a note.

      Examples:
        sigil extract -o out/ catalog.tsv
        sigil extract -o out/ catalog.tsv --ranks 2..8 --rank-selection stability
        sigil extract -o part1/ catalog.tsv --restarts 100 --restarts-range 0..49
        sigil extract -o part2/ catalog.tsv --restarts 100 --restarts-range 50..99
        sigil extract -o out/ --merge part1/ part2/
      """)

  @OptionGroup var output: OutputOptions
  @OptionGroup var threads: ThreadOptions
  @OptionGroup var seed: SeedOptions
  @OptionGroup var log: LogOptions
  @OptionGroup var report: ReportFlag
  @Argument(help: "Catalog TSV (channels x samples), e.g. from sigil count; not with --merge.")
  var catalog: String?
  @OptionGroup var options: ExtractOptions
  @OptionGroup var referenceOptions: ReferenceOptions
  @OptionGroup var opportunityOptions: OpportunityOptions
  @Option(parsing: .upToNextOption, help: "Combine restart blocks saved with --save-restarts into one result.")
  var merge: [String] = []

  func validate() throws {
    if merge.isEmpty {
      try require(catalog != nil, "give a catalog file (or --merge DIR...)")
    } else {
      try require(catalog == nil, "--merge takes the catalog from the restart blocks; do not give a catalog file")
      try require(options.ranks == nil && options.restartsRange == nil && !options.saveRestarts,
                  "--merge takes the ranks and restarts from the blocks; --ranks, --restarts-range and --save-restarts do not apply")
    }
    _ = try settings()
    _ = try output.folder(inputs: inputs)
  }

  private var inputs: [String] { (catalog.map { [$0] } ?? []) + merge + (referenceOptions.signatures.map { [$0] } ?? []) + opportunityOptions.inputs }

  private func settings() throws -> ExtractionSettings {
    try options.settings(seed: seed.seed, threads: threads.threads, reference: opportunityOptions.applied(to: referenceOptions.choice))
  }

  func run() throws {
    Console.quiet = log.quiet
    BLASInfo.useSingleThreadedBLAS()
    let folder = try output.folder(inputs: inputs)
    var job = try catalog.map { try ExtractionJob(settings: try settings(), catalogPath: $0) }
      ?? ExtractionJob(settings: try settings(), merging: merge)
    job.messages.forEach { $0.log() }
    let progress = job.loadedRestarts == nil ? RestartProgress(ranks: job.plan.ranks, restarts: job.restartRange.count) : nil
    var restarts = try job.runRestarts(progress: progress?.callback)
    progress?.finish()
    var result = job.isBlock ? nil : try PhaseProfile.shared.measure("analysis") { try job.analyse(restarts) }
    while let previous = result, let added = job.ranksToAdd(after: previous) {  // default span: grow past the chosen rank
      job.growthMessage(previous, adding: added).log()
      let more = RestartProgress(ranks: added, restarts: job.restartRange.count)
      restarts.merge(try job.extend(with: added, progress: more?.callback)) { old, _ in old }
      more?.finish()
      result = try PhaseProfile.shared.measure("analysis") { try job.analyse(restarts, previous: previous) }
    }
    try folder.publish { staging in
      result.map { job.messages(for: $0).forEach { $0.log() } }
      try job.write(restarts: restarts, result: result, toDirectory: staging.stagingPath,
                    libraries: LinkedLibraries.all, warnings: Console.warnings)
      guard result != nil else { return job.blockMessage(savedIn: folder.finalFile("restarts")).log() }
      Console.info("wrote \(folder.path)/signatures.tsv, exposures.tsv, rank_selection.tsv, reference_match.tsv")
      try PhaseProfile.shared.measure("report") { try report.writeReport(staging) }
    }
    PhaseProfile.shared.report()
  }
}
