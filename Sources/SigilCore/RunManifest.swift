import Foundation

/// The provenance record written as `run.json` in every output folder.
///
/// Holds the sigil version, the command line, the seed, every parameter, the linked htslib and
/// BLAS versions and the sha256 of each input, so a result can be traced and re-run. Keys are
/// sorted and there is no timestamp, so the same run writes the same bytes.
public struct RunManifest: Codable, Equatable, Sendable {
  /// One input file and its checksum.
  public struct Input: Codable, Equatable, Sendable {
    public var path: String
    public var sha256: String
  }
  public var tool = "sigil"
  public var version = SigilVersion.current
  public var command: String
  public var argv: [String]
  public var seed: UInt64?
  public var parameters: [String: String]
  public var inputs: [Input]
  public var libraries: [String: String]
  /// Warnings the run printed (e.g. excluded samples), shown again at the top of report.html.
  public var warnings: [String]

  /// Creates a manifest; checksums the `inputs` files (`-` is recorded as "stdin").
  /// - Throws: `TableFormatError.cannotOpen` when an input cannot be read.
  public init(command: String, argv: [String] = CommandLine.arguments, seed: UInt64?, parameters: [String: String],
              inputs: [String], libraries: [String: String], warnings: [String] = []) throws {
    self.command = command
    self.argv = argv
    self.seed = seed
    self.parameters = parameters
    self.libraries = libraries
    self.warnings = warnings
    self.inputs = try inputs.map { path in
      if path == "-" { return Input(path: "-", sha256: "stdin") }
      return Input(path: path, sha256: try Self.sha256(ofFile: path))
    }
  }

  /// Hex sha256 of a file, read in 1 MiB blocks.
  public static func sha256(ofFile path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw TableFormatError.cannotOpen(path: path, reason: "not readable")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while true {
      let block = handle.readData(ofLength: 1 << 20)
      if block.isEmpty { break }
      hasher.update(block)
    }
    return hasher.hexDigest()
  }

  /// The JSON text (sorted keys, pretty-printed, final newline).
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// Writes `run.json` into `directory` atomically.
  public func write(toDirectory directory: String) throws {
    try AtomicFile.write(json(), to: (directory as NSString).appendingPathComponent("run.json"))
  }
}
