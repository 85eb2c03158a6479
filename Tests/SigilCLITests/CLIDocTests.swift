import Foundation
import Testing
import SigilTestSupport

@Suite("Docs/CLI.md") struct CLIDocTests {
  @Test("Docs/CLI.md matches the --help of the built binary (regenerate: bash Docs/make-cli-doc.sh .build/release/sigil)")
  func current() throws {
    let out = Fixtures.temporaryDirectory() + "/CLI.md"
    let script = Fixtures.repositoryRoot.appendingPathComponent("Docs/make-cli-doc.sh").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [script, CLIRunner.executable.path, out]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let generated = try String(contentsOfFile: out, encoding: .utf8)
    let committed = try String(contentsOfFile: Fixtures.repositoryRoot.appendingPathComponent("Docs/CLI.md").path, encoding: .utf8)
    #expect(generated == committed, "Docs/CLI.md is out of date: run bash Docs/make-cli-doc.sh .build/release/sigil")
  }
}
