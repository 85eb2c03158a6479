import Foundation
import Testing
import SigilTestSupport

/// One line of `Tests/BadInput/manifest.tsv` (format in Tests/BadInput/README.md).
struct BadInputCase: Sendable, CustomTestStringConvertible {
  let id: String
  let exitCode: Int32
  let fragment: String?
  let tags: Set<String>
  let arguments: [String]
  var testDescription: String { id }

  func tag(_ prefix: String) -> String? {
    tags.first { $0.hasPrefix(prefix + "=") }.map { String($0.dropFirst(prefix.count + 1)) }
  }

  static let corpus = Fixtures.repositoryRoot.appendingPathComponent("Tests/BadInput")

  static let all: [BadInputCase] = {
    guard let text = try? String(contentsOf: corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8) else { return [] }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      precondition(f.count == 5, "manifest.tsv: bad line \(line)")
      return BadInputCase(id: f[0], exitCode: Int32(f[1])!, fragment: f[2] == "-" ? nil : f[2],
                          tags: f[3] == "-" ? [] : Set(f[3].split(separator: ",").map(String.init)),
                          arguments: f[4].split(separator: " ").map(String.init))
    }
  }()
}

/// Issue #13: every case of the bad-input corpus through the built binary: the expected exit
/// code (0, 1 data error, 64 usage error; never a crash), a fragment of the message, and after a
/// failure nothing left in -o (absent, or an existing folder unchanged).
@Suite("bad-input corpus (Tests/BadInput)") struct BadInputCorpusTests {
  @Test("the corpus has at least 80 cases and every file it names exists")
  func corpusShape() throws {
    #expect(BadInputCase.all.count >= 80)
    let files = BadInputCase.corpus.appendingPathComponent("files").path
    for c in BadInputCase.all {
      if let s = c.tag("stdin") { #expect(FileManager.default.fileExists(atPath: files + "/" + s), "\(c.id): stdin file \(s)") }
    }
  }

  @Test("each corpus case gives its exit code and message, and leaves nothing in -o", arguments: BadInputCase.all)
  func corpusCase(_ c: BadInputCase) throws {
    // A private copy: a run may build a .fai next to a FASTA.
    let work = Fixtures.temporaryDirectory("sigil-badinput")
    let fm = FileManager.default
    for name in try fm.contentsOfDirectory(atPath: BadInputCase.corpus.appendingPathComponent("files").path) {
      try fm.copyItem(atPath: BadInputCase.corpus.appendingPathComponent("files/" + name).path, toPath: work + "/" + name)
    }
    var outParent = work
    if c.tags.contains("fulldisk") {
      guard getuid() == 0 else { print("note: \(c.id) skipped: a full disk needs a tmpfs, i.e. root"); return }
      outParent = work + "/full"
      try fm.createDirectory(atPath: outParent, withIntermediateDirectories: true)
      #expect(Self.shell("mount -t tmpfs -o size=16k tmpfs '\(outParent)' && head -c 12k /dev/zero > '\(outParent)/fill'") == 0)
    }
    defer { if c.tags.contains("fulldisk") { _ = Self.shell("umount '\(outParent)'") } }
    let out = c.tag("out") ?? outParent + "/out-" + c.id
    let arguments = c.arguments.map { $0 == "{out}" ? out : $0 }
    let sentinel = "written before the run\n"
    // out-exists: a folder sigil did not write (keep.txt); earlier-run and stale: a folder of an
    // earlier sigil run (run.json, plus keep.txt or a consensus_k3.tsv the new run must not keep).
    let earlier = c.tags.contains("earlier-run") || c.tags.contains("stale")
    if c.tags.contains("out-exists") || earlier {
      try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
      try sentinel.write(toFile: out + (c.tags.contains("stale") ? "/consensus_k3.tsv" : "/keep.txt"), atomically: true, encoding: .utf8)
      if earlier { try "{}\n".write(toFile: out + "/run.json", atomically: true, encoding: .utf8) }
    }
    let before = Set(try fm.contentsOfDirectory(atPath: outParent))
    let stdin = try c.tag("stdin").map { try Data(contentsOf: URL(fileURLWithPath: work + "/" + $0)) }
    if c.tags.contains("kill9") {
      // A run killed mid-write: whatever it left must be invisible and cleaned by the next run.
      let p = Process()
      p.executableURL = CLIRunner.executable
      p.arguments = arguments
      p.currentDirectoryURL = URL(fileURLWithPath: work)
      p.standardError = FileHandle.nullDevice
      try p.run()
      usleep(30_000)
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      #expect(!fm.fileExists(atPath: out) || Self.isComplete(out), "\(c.id): a killed run left a visible partial -o")
    }
    let r = try CLIRunner.run(arguments, in: work, stdin: stdin)
    let said = r.stderr + r.stdout
    #expect(r.exitCode == c.exitCode, "\(c.id): exit \(r.exitCode), expected \(c.exitCode)\n\(r.stderr)")
    if let fragment = c.fragment { #expect(said.contains(fragment), "\(c.id): message lacks '\(fragment)':\n\(r.stderr)") }
    if c.exitCode != 0 && out != "-" {
      if c.tags.contains("out-exists") || earlier {
        let left = ((try? fm.contentsOfDirectory(atPath: out)) ?? []).sorted()
        #expect(left == (earlier ? ["keep.txt", "run.json"] : ["keep.txt"]), "\(c.id): -o changed after a failure: \(left)")
        #expect((try? String(contentsOfFile: out + "/keep.txt", encoding: .utf8)) == sentinel)
      } else {
        #expect(!fm.fileExists(atPath: out), "\(c.id): a failed run left \(out)")
      }
    }
    if c.exitCode == 0 && c.tags.contains("earlier-run") {
      #expect(!fm.fileExists(atPath: out + "/keep.txt"), "\(c.id): the earlier run's folder was not replaced whole")
    }
    if c.tags.contains("stale") { #expect(!fm.fileExists(atPath: out + "/consensus_k3.tsv"), "\(c.id): a stale file of an earlier run is still in -o") }
    // No temporary siblings of -o survive the run (kill -9 leftovers included).
    let after = Set(try fm.contentsOfDirectory(atPath: outParent)).subtracting(before).subtracting([(out as NSString).lastPathComponent])
      .filter { !$0.hasSuffix(".fai") && !$0.hasSuffix(".gzi") }  // FASTA indexes built next to the FASTA
    #expect(after.isEmpty, "\(c.id): left next to -o: \(after.sorted())")
  }

  /// Whether a folder holds run.json, which every command writes last.
  static func isComplete(_ folder: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/run.json") }

  static func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try? p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }
}
