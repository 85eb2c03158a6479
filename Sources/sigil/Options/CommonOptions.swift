import ArgumentParser
import Foundation

/// `-o/--output DIR`: the run's output folder.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .customLong("output")], help: "Output folder (created if missing).")
  var output: String
}

/// `-j/--threads N`: worker threads; the output does not depend on it.
struct ThreadOptions: ParsableArguments {
  @Option(name: [.customShort("j"), .customLong("threads")],
          help: "Worker threads (default: all cores). Results are identical for any value.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1 (got \(threads))") }
  }
}

/// `--seed N`: the master seed; fixed default so runs are reproducible unless asked otherwise.
struct SeedOptions: ParsableArguments {
  /// The default seed, documented in Docs/CLI.md and written to run.json.
  static let defaultSeed: UInt64 = 20_240_229

  @Option(help: "Random seed; the same seed gives byte-identical outputs.")
  var seed: UInt64 = SeedOptions.defaultSeed
}

/// `-q/--quiet`.
struct LogOptions: ParsableArguments {
  @Flag(name: [.short, .long], help: "Print only warnings and errors.")
  var quiet = false
}
