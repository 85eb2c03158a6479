import Foundation
import Testing
import SigilTestSupport

/// The bundled reference tables are found from the executable's own path (Foundation's
/// `Bundle.main`, no `/proc`), so an installed or symlinked binary works without
/// `SIGIL_REFERENCE_DIR`.
@Suite("Reference lookup") struct ReferenceLookupTests {
  private func fitDefault(executable: String) throws -> (status: Int32, stderr: String) {
    let sim = Fixtures.temporaryDirectory("sigil-ref-sim")
    #expect(try CLIRunner.run(["simulate", "-o", sim, "--samples", "2", "--seed", "2"]).exitCode == 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["fit", "-o", Fixtures.temporaryDirectory("sigil-ref-fit"), sim + "/catalog.tsv", "--bootstrap", "0", "--quiet"]
    var env = ProcessInfo.processInfo.environment
    env["SIGIL_REFERENCE_DIR"] = nil
    process.environment = env
    let err = Pipe()
    process.standardError = err
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("an installed layout (prefix/bin/sigil, prefix/share/sigil/reference) run through a symlink finds its tables")
  func installedLayout() throws {
    let prefix = Fixtures.temporaryDirectory("sigil-prefix"), elsewhere = Fixtures.temporaryDirectory("sigil-link")
    let fm = FileManager.default
    try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: prefix + "/share/sigil/reference", withIntermediateDirectories: true)
    try fm.copyItem(atPath: CLIRunner.executable.path, toPath: prefix + "/bin/sigil")
    try fm.createSymbolicLink(atPath: elsewhere + "/sigil", withDestinationPath: prefix + "/bin/sigil")
    let table = "COSMIC_v3.4_SBS_GRCh37.txt"   // the default table of an SBS96 fit
    try fm.copyItem(atPath: Fixtures.reference(table), toPath: prefix + "/share/sigil/reference/" + table)
    let r = try fitDefault(executable: elsewhere + "/sigil")
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test("the build-tree binary finds reference/ in its ancestors without SIGIL_REFERENCE_DIR")
  func buildTree() throws {
    let r = try fitDefault(executable: CLIRunner.executable.path)
    #expect(r.status == 0, "\(r.stderr)")
  }
}
