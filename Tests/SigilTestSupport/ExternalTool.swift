import Foundation

/// Runs a command-line tool that tests read sigil's outputs with (gzip, bcftools), found on PATH.
public enum ExternalTool {
  /// Runs `arguments` (the tool first) and returns its exit status and stdout as text.
  public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, output)
  }

  /// The decompressed text of a gzip or bgzip file.
  public static func gunzip(_ path: String) throws -> String { try run(["gzip", "-dc", path]).output }
}
