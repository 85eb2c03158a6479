import Foundation
import Testing
import SigilTestSupport

/// Every worked example of Docs/UserGuide.md, run in order in a clean temporary folder, against
/// the excerpts the guide shows (`Docs/capture-userguide.py --check`: numbers to the precision
/// printed, timings ignored). About 90 s of CPU with the debug build: the guide's extract runs.
@Suite("Docs/UserGuide.md") struct UserGuideTests {
  @Test("every UserGuide example prints what the guide shows (re-capture: python3 Docs/capture-userguide.py .build/release/sigil)")
  func examples() throws {
    let script = Fixtures.repositoryRoot.appendingPathComponent("Docs/capture-userguide.py").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, CLIRunner.executable.path, "--check"]
    let err = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let report = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "Docs/UserGuide.md excerpts differ from the binary's output:\n\(report)")
    #expect(report.contains(" blocks: ok"), "\(report)")
  }
}
