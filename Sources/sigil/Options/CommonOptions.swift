import ArgumentParser
import Foundation
import SigilCore

/// `-o/--output DIR`: the run's output folder, written whole at the end of the run.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .customLong("output")],
          help: "Output folder. Written as a whole when the run completes; an existing sigil output folder there is replaced.")
  var output: String

  /// The output folder, checked: a folder name, not an unrelated non-empty folder, no input inside it.
  /// - Throws: `ValidationError` (exit 64).
  func folder(inputs: [String] = []) throws -> OutputFolder {
    if output == "-" {
      throw ValidationError("-o - (stdout) is only for sigil count, whose SBS96 catalog is one table; this command writes a folder")
    }
    do { return try OutputFolder(path: output, inputs: inputs) } catch let error as OutputFolderError {
      throw ValidationError(error.description)
    }
  }
}

/// `-j/--threads N`: worker threads; the output does not depend on it (so run.json records it
/// only in `argv`).
struct ThreadOptions: ParsableArguments {
  @Option(name: [.customShort("j"), .customLong("threads")], parsing: .unconditional,
          help: "Worker threads (default: all cores). Results are identical for any value.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    try require(threads >= 1, "--threads must be at least 1 (got \(threads))")
  }
}

/// `--seed N`: the master seed; fixed default so runs are reproducible unless asked otherwise.
struct SeedOptions: ParsableArguments {
  /// The default seed, documented in Docs/CLI.md and written to run.json.
  static let defaultSeed: UInt64 = 20_240_229

  @Option(parsing: .unconditional, help: "Random seed (0 to 2^64-1); the same seed gives byte-identical outputs.")
  var seed: UInt64 = SeedOptions.defaultSeed
}

/// `-q/--quiet`.
struct LogOptions: ParsableArguments {
  @Flag(name: [.short, .long], help: "Print only warnings and errors.")
  var quiet = false
}

/// The `[sigil]` log on stderr (the library's `RunLog`).
typealias Console = RunLog

/// Throws a usage error (exit 64) unless `condition` holds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition { throw ValidationError(message()) }
}

/// Runs `body`, turning a library error about an option value into a usage error (exit 64).
func usage<T>(_ body: () throws -> T) throws -> T {
  do { return try body() } catch let error as ValidationError { throw error } catch { throw ValidationError("\(error)") }
}

/// `a,b,c` as a list (spaces trimmed, empty items dropped).
func commaList(_ s: String) -> [String] {
  s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// `a..b` (inclusive) or a single number `a`, for --ranks and --restarts-range.
struct IntSpan: ExpressibleByArgument {
  let range: ClosedRange<Int>
  let text: String

  init?(argument: String) {
    let parts = argument.components(separatedBy: "..")
    let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count <= 2, numbers.count == parts.count, let lo = numbers.first, let hi = numbers.last, lo <= hi else { return nil }
    range = lo...hi
    text = argument
  }

  var defaultValueDescription: String { text }
}
