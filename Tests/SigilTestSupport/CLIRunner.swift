import Foundation

/// Runs the built `sigil` binary the way a user would, capturing stdout, stderr and the exit code
/// (cf. argument-parser's `AssertExecuteCommand`).
public enum CLIRunner {
  /// The result of one run.
  public struct Result: Sendable {
    public let stdout: String
    public let stderr: String
    public let exitCode: Int32
  }

  /// The `sigil` executable next to the test bundle (same build folder).
  public static var executable: URL {
    // The test process's own executable (Foundation finds it on Linux and macOS alike).
    Bundle.main.executableURL!.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("sigil")
  }

  /// Runs `sigil arguments...` in `directory` and waits for it.
  public static func run(_ arguments: [String], in directory: String? = nil, stdin: Data? = nil,
                         environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    env["SIGIL_REFERENCE_DIR"] = env["SIGIL_REFERENCE_DIR"] ?? Fixtures.repositoryRoot.appendingPathComponent("reference").path
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a large stdout cannot block the child on a full stderr.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                  exitCode: process.terminationStatus)
  }
}
