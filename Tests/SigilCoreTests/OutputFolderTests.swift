import Foundation
import Testing
@testable import SigilCore

/// `OutputFolder`: complete or absent, replaced whole, only where sigil may replace.
@Suite("OutputFolder") struct OutputFolderTests {
  struct Late: Error {}

  static func fresh() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sigil-of-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func entries(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

  @Test("PathParts splits at the last slash, one-character names included")
  func pathParts() {
    #expect(PathParts.folder(of: "x") == "" && PathParts.name(of: "x") == "x")
    #expect(PathParts.folderOrCurrent(of: "x") == ".")
    #expect(PathParts.folder(of: "/x") == "/" && PathParts.name(of: "/x") == "x")
    #expect(PathParts.folder(of: "a/b/x") == "a/b" && PathParts.name(of: "a/b/x") == "x")
    #expect(PathParts.folder(of: "ab") == "" && PathParts.name(of: "ab") == "ab")
  }

  @Test("publish moves a complete folder into place; a throw leaves nothing")
  func publish() throws {
    let dir = Self.fresh()
    let folder = try OutputFolder(path: dir + "/out/")
    #expect(folder.path == dir + "/out")
    #expect(folder.finalFile("run.json") == dir + "/out/run.json")
    #expect(throws: Late.self) {
      try folder.publish { staging in
        try AtomicFile.write("partial\n", to: staging.file("a.tsv"))
        throw Late()
      }
    }
    #expect(Self.entries(dir).isEmpty)
    try folder.publish { staging in
      #expect(FileManager.default.fileExists(atPath: staging.stagingPath))
      try AtomicFile.write("{}\n", to: staging.file("run.json"))
    }
    #expect(Self.entries(dir) == ["out"])
    #expect(Self.entries(dir + "/out") == ["run.json"])
  }

  @Test("an earlier sigil folder is replaced whole; an empty folder is used")
  func replace() throws {
    let dir = Self.fresh()
    try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    for name in ["run.json", "consensus_k3.tsv"] { try AtomicFile.write("x\n", to: dir + "/out/" + name) }
    try OutputFolder(path: dir + "/out").publish { try AtomicFile.write("{}\n", to: $0.file("run.json")) }
    #expect(Self.entries(dir + "/out") == ["run.json"])
    #expect(Self.entries(dir) == ["out"])
    try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
    try OutputFolder(path: dir + "/empty").publish { try AtomicFile.write("{}\n", to: $0.file("run.json")) }
    #expect(Self.entries(dir + "/empty") == ["run.json"])
  }

  @Test("refused: -, ., .., a file, a foreign non-empty folder, an input inside")
  func refused() throws {
    let dir = Self.fresh()
    for bad in ["-", ".", "..", dir + "/.", ""] {
      #expect(throws: OutputFolderError.notAFolderName(bad)) { try OutputFolder(path: bad) }
    }
    try AtomicFile.write("x\n", to: dir + "/file")
    #expect(throws: OutputFolderError.notADirectory(dir + "/file")) { try OutputFolder(path: dir + "/file") }
    try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
    try AtomicFile.write("x\n", to: dir + "/mine/notes.txt")
    #expect(throws: OutputFolderError.notSigilFolder(dir + "/mine")) { try OutputFolder(path: dir + "/mine") }
    try AtomicFile.write("{}\n", to: dir + "/mine/run.json")
    #expect(throws: OutputFolderError.inputInside(input: dir + "/mine/notes.txt", folder: dir + "/mine")) {
      try OutputFolder(path: dir + "/mine", inputs: [dir + "/mine/notes.txt"])
    }
    _ = try OutputFolder(path: dir + "/mine", inputs: [dir + "/file"])
  }
}
