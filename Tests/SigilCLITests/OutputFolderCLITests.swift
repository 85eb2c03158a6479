import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// The output folder is the unit of atomicity (#13): complete or absent, replaced whole, and what
/// a killed run left is cleaned up by the next run.
@Suite("output folders") struct OutputFolderCLITests {
  static func catalog(_ path: String, _ cls: MutationClass = .sbs96, samples: [String]) throws {
    let columns = samples.indices.map { j in (0..<cls.channelCount).map { i in Double((i * 7 + j * 13) % 50 + 1) } }
    try MutationCatalog(mutationClass: cls, sampleNames: samples, counts: Matrix(rows: cls.channelCount, columns: columns)).write(to: path)
  }

  /// Entries of `dir` (hidden ones included), sorted.
  static func entries(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
  }

  @Test("a late error (duplicate sample in merge) leaves no folder and no temporary folder")
  func lateMergeError() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A", "B"])
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/a.tsv", dir + "/a.tsv"])
    #expect(r.exitCode == 1, "\(r.stderr)")
    #expect(r.stderr.contains("appears twice"))
    #expect(Self.entries(dir) == ["a.tsv"], "\(Self.entries(dir))")
  }

  @Test("one-character names for -o and the FASTA work (Foundation 6.0 trapped on them)")
  func oneCharacterNames() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A"])
    let merged = try CLIRunner.run(["merge", "-q", "-o", "x", "a.tsv"], in: dir)
    #expect(merged.exitCode == 0, "\(merged.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/x/run.json"))
    try ">1\nACGTACGTACGTACGTACGT\n".write(toFile: dir + "/r", atomically: true, encoding: .utf8)
    try "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\tPASS\t.\n"
      .write(toFile: dir + "/v.vcf", atomically: true, encoding: .utf8)
    let counted = try CLIRunner.run(["count", "-q", "-o", "c", "--reference-fasta", "r", "v.vcf"], in: dir)
    #expect(counted.exitCode == 0, "\(counted.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/c/run.json"))
  }

  @Test("a late error keeps the earlier folder as it was")
  func lateErrorKeepsOldFolder() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A"])
    #expect(try CLIRunner.run(["merge", "-q", "-o", dir + "/out", dir + "/a.tsv"]).exitCode == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/run.json"))
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/a.tsv", dir + "/a.tsv"])
    #expect(r.exitCode == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/run.json")) == before)
    #expect(Self.entries(dir) == ["a.tsv", "out"])
  }

  @Test("a class mismatch with --signatures (found once the files are read) leaves no folder")
  func classMismatch() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A", "B"])
    let r = try CLIRunner.run(["fit", "-o", dir + "/out", dir + "/a.tsv", "--signatures",
                               Fixtures.reference("COSMIC_v3.4_ID_GRCh37.txt"), "--bootstrap", "0"])
    #expect(r.exitCode == 1, "\(r.stderr)")
    #expect(Self.entries(dir) == ["a.tsv"], "\(Self.entries(dir))")
  }

  @Test("a re-run replaces the folder whole: no stale file of the earlier run survives")
  func replacesWhole() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.sbs96.tsv", samples: ["A"])
    try Self.catalog(dir + "/a.dbs78.tsv", .dbs78, samples: ["A"])
    #expect(try CLIRunner.run(["merge", "-q", "-o", dir + "/out/", dir + "/a.sbs96.tsv", dir + "/a.dbs78.tsv"]).exitCode == 0)
    #expect(Self.entries(dir + "/out") == ["catalog.dbs78.tsv", "catalog.sbs96.tsv", "run.json"])
    let r = try CLIRunner.run(["merge", "-o", dir + "/out/", dir + "/a.sbs96.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("into \(dir)/out/:"), "no doubled slash: \(r.stderr)")
    #expect(Self.entries(dir + "/out") == ["catalog.sbs96.tsv", "run.json"])
    #expect(Self.entries(dir) == ["a.dbs78.tsv", "a.sbs96.tsv", "out"])
  }

  @Test("an empty existing folder (pre-created by a workflow) is used; a foreign non-empty one is refused")
  func existingFolders() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A"])
    try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
    #expect(try CLIRunner.run(["merge", "-q", "-o", dir + "/empty", dir + "/a.tsv"]).exitCode == 0)
    #expect(Self.entries(dir + "/empty") == ["catalog.sbs96.tsv", "run.json"])
    try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
    try "notes".write(toFile: dir + "/mine/notes.txt", atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["merge", "-o", dir + "/mine", dir + "/a.tsv"])
    #expect(r.exitCode == 64, "\(r.stderr)")
    #expect(r.stderr.contains("holds no run.json"), "\(r.stderr)")
    #expect(Self.entries(dir + "/mine") == ["notes.txt"])
  }

  @Test("an input inside the folder the run would replace is refused")
  func inputInside() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A"])
    #expect(try CLIRunner.run(["merge", "-q", "-o", dir + "/out", dir + "/a.tsv"]).exitCode == 0)
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/out/catalog.sbs96.tsv"])
    #expect(r.exitCode == 64, "\(r.stderr)")
    #expect(r.stderr.contains("lies inside -o"), "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/out/catalog.sbs96.tsv"))
  }

  @Test("a temporary folder left by a killed run (dead pid) is removed by the next run; a live one is kept")
  func leftovers() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: ["A"])
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let dead = dir + "/.out.sigil-tmp-\(OutputFolder.hostName)-\(finished.processIdentifier)"
    let live = dir + "/.other.sigil-tmp-\(OutputFolder.hostName)-\(getpid())"
    let elsewhere = dir + "/.out.sigil-tmp-some_other_host-\(finished.processIdentifier)"
    for d in [dead, live, elsewhere] {
      try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
      try "partial".write(toFile: d + "/catalog.sbs96.tsv", atomically: false, encoding: .utf8)
    }
    let r = try CLIRunner.run(["merge", "-q", "-o", dir + "/out", dir + "/a.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dead), "the dead run's folder is removed")
    #expect(FileManager.default.fileExists(atPath: live), "a running process's folder is kept")
    #expect(FileManager.default.fileExists(atPath: elsewhere), "another machine's folder is kept")
  }

  @Test("kill -9 while the run works leaves no -o folder; the next run cleans up and succeeds")
  func killed() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: (1...20).map { "S\($0)" })
    _ = try Self.simulateInterrupted(in: dir, by: SIGKILL)
    #expect(!FileManager.default.fileExists(atPath: dir + "/sim"), "no partial -o after kill -9")
    let r = try CLIRunner.run(["simulate", "-q", "-o", dir + "/sim", "--samples", "2"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(!Self.entries(dir).contains(where: { $0.contains(".sigil-tmp-") }), "\(Self.entries(dir))")
  }
}

extension OutputFolderCLITests {
  @Test("a full disk leaves no -o folder and no temporary folder (tmpfs; root only)")
  func diskFull() throws {
    let dir = Fixtures.temporaryDirectory()
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir]
    mount.standardError = FileHandle.nullDevice
    guard getuid() == 0, (try? mount.run()) != nil, ({ mount.waitUntilExit(); return mount.terminationStatus == 0 })() else {
      print("skipped: mounting a small tmpfs needs root")
      return
    }
    defer {
      let umount = Process()
      umount.executableURL = URL(fileURLWithPath: "/bin/umount")
      umount.arguments = [dir]
      try? umount.run()
      umount.waitUntilExit()
    }
    let r = try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "30", "--vcf"])
    #expect(r.exitCode == 1, "\(r.stderr)")
    #expect(r.stderr.contains("\(dir)/sim/"), "the message names -o, not the temporary folder: \(r.stderr)")
    #expect(!r.stderr.contains("sigil-tmp"), "\(r.stderr)")
    #expect(Self.entries(dir).isEmpty, "\(Self.entries(dir))")
  }
}

extension OutputFolderCLITests {
  @Test("SIGTERM or SIGINT while writing removes the temporary folder at once", arguments: [SIGTERM, SIGINT])
  func terminated(_ number: Int32) throws {
    let dir = Fixtures.temporaryDirectory()
    let process = try Self.simulateInterrupted(in: dir, by: number)
    // Ended by the signal, or by the write error the removal causes first (exit 1): never a success.
    #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0)
    #expect(Self.entries(dir).isEmpty, "\(Self.entries(dir))")
  }
}

extension OutputFolderCLITests {
  @Test("extract reads --signatures before the NMF sweep: a table of another class fails at once, no folder")
  func extractClassMismatchFirst() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(dir + "/a.tsv", samples: (1...12).map { "S\($0)" })
    let start = Date()
    let r = try CLIRunner.run(["extract", "-o", dir + "/out", dir + "/a.tsv", "--restarts", "1000",
                               "--signatures", Fixtures.reference("COSMIC_v3.4_ID_GRCh37.txt")])
    #expect(r.exitCode == 1, "\(r.stderr)")
    #expect(r.stderr.contains("expected the 96 SBS96 channels"), "\(r.stderr)")
    #expect(Date().timeIntervalSince(start) < 10, "no NMF restart ran")
    #expect(Self.entries(dir) == ["a.tsv"])
  }
}

extension OutputFolderCLITests {
  /// Starts a 400-sample `simulate --vcf` into `dir/sim`, waits until it is writing (its temporary
  /// folder exists), sends `signal` and waits for the process to end.
  static func simulateInterrupted(in dir: String, by signal: Int32) throws -> Process {
    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = ["simulate", "-q", "-o", dir + "/sim", "--samples", "400", "--vcf"]
    process.environment = ["SIGIL_REFERENCE_DIR": Fixtures.repositoryRoot.appendingPathComponent("reference").path]
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline && !entries(dir).contains(where: { $0.hasPrefix(".sim.sigil-tmp-") }) { usleep(2_000) }
    usleep(50_000)
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return process
  }
}
