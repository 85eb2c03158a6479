import Foundation
import Testing
import SigilCore
import SigilTestSupport

@Suite("sigil report") struct ReportCLITests {
  /// A copy of a hand-made fixture folder, so the test never writes into the source tree.
  static func folder(_ kind: String) throws -> String {
    let destination = Fixtures.temporaryDirectory("sigil-report-cli") + "/" + kind
    try FileManager.default.copyItem(atPath: Fixtures.fixture("report/" + kind), toPath: destination)
    return destination
  }

  @Test("rebuilds report.html and figures/ from an extract folder, warnings on stderr, nothing on stdout")
  func extract() throws {
    let dir = try Self.folder("extract")
    let r = try CLIRunner.run(["report", dir, "--signatures", Fixtures.fixture("report/reference.tsv")])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("[sigil] warning: SigB: best reference match RefY has cosine 0.750 < 0.8; possibly a novel signature\n"))
    #expect(r.stderr.contains("[sigil] report: \(dir)/report.html (8 figures in \(dir)/figures/)\n"))
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.range(of: "http", options: .caseInsensitive) == nil)
    #expect(FileManager.default.fileExists(atPath: dir + "/figures/signature_SigA_vs_RefX.svg"))
    let quiet = try CLIRunner.run(["report", dir, "-q", "--signatures", Fixtures.fixture("report/reference.tsv")])
    #expect(quiet.exitCode == 0)
    #expect(!quiet.stderr.contains("[sigil] report:"))
    #expect(quiet.stderr.contains("warning: SigB"))   // --quiet never hides warnings
  }

  @Test("fit and count folders")
  func fitAndCount() throws {
    for (kind, figures) in [("fit", 5), ("count", 3)] {
      let dir = try Self.folder(kind)
      let r = try CLIRunner.run(["report", dir])
      #expect(r.exitCode == 0, "\(kind): \(r.stderr)")
      #expect(r.stderr.contains("(\(figures) figures in"), "\(kind): \(r.stderr)")
    }
  }

  @Test("errors: not a folder and an unrecognised folder exit 1 with the reason; bad option exits 64")
  func errors() throws {
    let missing = try CLIRunner.run(["report", "/nonexistent/out"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("/nonexistent/out: not a folder; pass the output folder of sigil count, extract or fit"))
    let empty = Fixtures.temporaryDirectory("sigil-report-empty")
    let unknown = try CLIRunner.run(["report", empty])
    #expect(unknown.exitCode == 1)
    #expect(unknown.stderr.contains("\(empty): no sigil outputs found; expected signatures.tsv (extract)"))
    let usage = try CLIRunner.run(["report", empty, "--max-profiles=-1"])
    #expect(usage.exitCode == 64)
    #expect(usage.stderr.contains("--max-profiles must be at least 0 (got -1)"))
  }

  @Test("--help lists the folder argument and every option")
  func help() throws {
    let r = try CLIRunner.run(["report", "--help"])
    #expect(r.exitCode == 0)
    for text in ["USAGE: sigil report <folder>", "--signatures <signatures>", "--max-profiles <max-profiles>", "-q, --quiet"] {
      #expect(r.stdout.contains(text), "missing '\(text)' in:\n\(r.stdout)")
    }
  }
}

extension ReportCLITests {
  @Test("a truncated table is reported: the page is written, the exit code is 1")
  func truncatedTable() throws {
    let dir = Fixtures.temporaryDirectory()
    let names = ["A", "B", "C"]
    let columns = names.indices.map { j in (0..<96).map { i in Double((i * 7 + j * 13) % 50 + 1) } }
    try MutationCatalog(mutationClass: .sbs96, sampleNames: names, counts: Matrix(rows: 96, columns: columns))
      .write(to: dir + "/c.tsv")
    #expect(try CLIRunner.run(["merge", "-q", "-o", dir + "/out", dir + "/c.tsv"]).exitCode == 0)
    let text = try String(contentsOfFile: dir + "/out/catalog.sbs96.tsv", encoding: .utf8)
    try String(text.prefix(text.count / 2)).write(toFile: dir + "/out/catalog.sbs96.tsv", atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["report", dir + "/out"])
    #expect(r.exitCode == 1, "\(r.stderr)")
    #expect(r.stderr.contains("could not be read"), "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/out/report.html"))
  }
}

extension ReportCLITests {
  @Test("--sample draws a named sample's panel; an unknown one exits 64 listing the folder's samples, writing nothing")
  func namedSamples() throws {
    let dir = try Self.folder("fit")
    let r = try CLIRunner.run(["report", dir, "--sample", "T1", "--signatures", Fixtures.fixture("report/reference.tsv")])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/figures/sample_T1.svg"))
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(html.contains("<a href=\"#sample-T1\">T1</a> (named)"))
    try FileManager.default.removeItem(atPath: dir + "/report.html")
    let bad = try CLIRunner.run(["report", dir, "--sample", "T1", "--sample", "T9"])
    #expect(bad.exitCode == 64)
    #expect(bad.stderr == "Error: --sample: 'T9' not in \(dir)/exposures.tsv; its samples are T1, T2\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
    let catalog = try CLIRunner.run(["report", dir, "--catalog", dir + "/nonexistent.tsv"])
    #expect(catalog.exitCode == 64)
    #expect(catalog.stderr.contains("--catalog: \(dir)/nonexistent.tsv: no such file"))
  }
}
