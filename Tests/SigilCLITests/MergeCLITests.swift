import Foundation
import Testing
import SigilCore
import SigilTestSupport

/// `sigil merge`: the gather step the Snakemake/CWL/WDL/Nextflow workflows rely on
/// (per-VCF `count` + `merge` must equal one `count` over all VCFs).
@Suite("sigil merge") struct MergeCLITests {
  /// A catalog with distinct whole counts per cell, so a misplaced column or row shows.
  static func catalog(_ cls: MutationClass, samples: [String], offset: Double = 0) -> MutationCatalog {
    let rows = cls.channelCount
    let columns = samples.indices.map { j in (0..<rows).map { i in Double((i * 7 + j * 13) % 50) + offset } }
    return MutationCatalog(mutationClass: cls, sampleNames: samples, counts: Matrix(rows: rows, columns: columns))
  }

  static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test("merging the column blocks of a catalog gives back its exact bytes, in input order")
  func roundTrip() throws {
    let dir = Fixtures.temporaryDirectory("sigil merge test")   // a space in the path, as workflows meet
    let whole = Self.catalog(.sbs96, samples: ["S1", "S2", "S3", "S4", "S5"])
    try whole.write(to: dir + "/whole.tsv")
    try whole.selectingSamples([0, 1]).write(to: dir + "/a.tsv")
    try whole.selectingSamples([2]).write(to: dir + "/b.tsv")
    try whole.selectingSamples([3, 4]).write(to: dir + "/c.tsv")
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/a.tsv", dir + "/b.tsv", dir + "/c.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("merged 3 catalogs into \(dir)/out/: catalog.sbs96.tsv (5 samples)"))
    #expect(try Self.read(dir + "/out/catalog.sbs96.tsv") == (try Self.read(dir + "/whole.tsv")))
    let manifest = try String(contentsOfFile: dir + "/out/run.json", encoding: .utf8)
    #expect(manifest.contains("\"command\" : \"merge\""))
    #expect(manifest.contains(dir + "/b.tsv"))
    let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
    #expect(names == ["catalog.sbs96.tsv", "run.json"], "no temporary files left behind")
  }

  @Test("sample order follows input order, not names")
  func order() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(.sbs96, samples: ["A"]).write(to: dir + "/a.tsv")
    try Self.catalog(.sbs96, samples: ["B", "C"], offset: 1).write(to: dir + "/bc.tsv")
    let r = try CLIRunner.run(["merge", "-q", "-o", dir + "/out", dir + "/bc.tsv", dir + "/a.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty, "--quiet prints nothing on success")
    let merged = try MutationCatalog.read(path: dir + "/out/catalog.sbs96.tsv")
    #expect(merged.sampleNames == ["B", "C", "A"])
    #expect(merged.counts.column(2) == Self.catalog(.sbs96, samples: ["A"]).counts.column(0))
  }

  @Test("inputs of two classes are written as one catalog per class")
  func byClass() throws {
    let dir = Fixtures.temporaryDirectory()
    for s in ["X", "Y"] {
      try Self.catalog(.sbs96, samples: [s]).write(to: dir + "/\(s).sbs96.tsv")
      try Self.catalog(.dbs78, samples: [s], offset: 2).write(to: dir + "/\(s).dbs78.tsv")
    }
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/X.sbs96.tsv", dir + "/X.dbs78.tsv",
                               dir + "/Y.sbs96.tsv", dir + "/Y.dbs78.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("catalog.sbs96.tsv (2 samples), catalog.dbs78.tsv (2 samples)"))
    let sbs = try MutationCatalog.read(path: dir + "/out/catalog.sbs96.tsv")
    let dbs = try MutationCatalog.read(path: dir + "/out/catalog.dbs78.tsv")
    #expect(sbs.mutationClass == .sbs96 && sbs.sampleNames == ["X", "Y"])
    #expect(dbs.mutationClass == .dbs78 && dbs.sampleNames == ["X", "Y"])
    #expect(dbs == (try MutationCatalog.merging([Self.catalog(.dbs78, samples: ["X"], offset: 2),
                                                   Self.catalog(.dbs78, samples: ["Y"], offset: 2)])))
  }

  @Test("rows in any order and a COSMIC-style header are read and written in canonical order")
  func foreignLayout() throws {
    let dir = Fixtures.temporaryDirectory()
    let cat = Self.catalog(.sbs96, samples: ["T1"])
    var text = "Type\tT1\r\n"
    for i in (0..<96).reversed() { text += "\(cat.channels[i])\t\(Int(cat.counts[i, 0]))\r\n" }
    try text.write(toFile: dir + "/cosmic.txt", atomically: true, encoding: .utf8)
    try Self.catalog(.sbs96, samples: ["T2"], offset: 3).write(to: dir + "/t2.tsv")
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/cosmic.txt", dir + "/t2.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    let expected = try MutationCatalog.merging([cat, Self.catalog(.sbs96, samples: ["T2"], offset: 3)])
    #expect(try String(contentsOfFile: dir + "/out/catalog.sbs96.tsv", encoding: .utf8) == expected.tsv())
  }

  @Test("a sample in two inputs is an error naming the sample and both files; nothing is written")
  func duplicate() throws {
    let dir = Fixtures.temporaryDirectory()
    try Self.catalog(.sbs96, samples: ["S1", "S2"]).write(to: dir + "/a.tsv")
    try Self.catalog(.sbs96, samples: ["S3", "S2"]).write(to: dir + "/b.tsv")
    let r = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/a.tsv", dir + "/b.tsv"])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("sample 'S2' appears in both \(dir)/a.tsv and \(dir)/b.tsv; sample names must be unique"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/catalog.sbs96.tsv"))
    let twice = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/a.tsv", dir + "/a.tsv"])
    #expect(twice.exitCode == 1)
    #expect(twice.stderr.contains("sample 'S1' appears twice because \(dir)/a.tsv is given more than once"))
  }

  @Test("usage and input errors: no inputs exits 64, a missing or malformed file exits 1 naming it")
  func errors() throws {
    let dir = Fixtures.temporaryDirectory()
    let none = try CLIRunner.run(["merge", "-o", dir + "/out"])
    #expect(none.exitCode == 64)
    #expect(none.stderr.contains("give at least one catalog to merge"))
    let missing = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/nope.tsv"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("\(dir)/nope.tsv: cannot open: no such file"))
    try "MutationType\tS1\nA[C>A]A\t3\n".write(toFile: dir + "/short.tsv", atomically: true, encoding: .utf8)
    let short = try CLIRunner.run(["merge", "-o", dir + "/out", dir + "/short.tsv"])
    #expect(short.exitCode == 1)
    #expect(short.stderr.contains("\(dir)/short.tsv: 95 of the 96 SBS96 channels are missing"))
  }

  /// The contract every workflow (Snakemake, CWL, WDL, Nextflow) relies on for its count scatter.
  @Test("count per VCF then merge gives the bytes of one count over all VCFs (any --threads)")
  func scatterGather() throws {
    let dir = Fixtures.temporaryDirectory("sigil scatter")
    let sim = try CLIRunner.run(["simulate", "-q", "-o", dir + "/sim", "--samples", "4", "--seed", "3", "--vcf",
                                 "--active", "SBS1,SBS5", "--optional", "SBS13", "--burden-median", "300"])
    try #require(sim.exitCode == 0, "\(sim.stderr)")
    let vcfs = try FileManager.default.contentsOfDirectory(atPath: dir + "/sim/vcf")
      .filter { $0.hasSuffix(".vcf.gz") }.sorted().map { dir + "/sim/vcf/" + $0 }
    try #require(vcfs.count == 4)
    let fasta = dir + "/sim/reference.fa"
    let whole = try CLIRunner.run(["count", "-q", "-o", dir + "/whole", "--reference-fasta", fasta, "--threads", "2"] + vcfs)
    try #require(whole.exitCode == 0, "\(whole.stderr)")
    var parts: [String] = []
    for (i, vcf) in vcfs.enumerated() {
      let part = dir + "/part \(i)"
      let r = try CLIRunner.run(["count", "-q", "-o", part, "--reference-fasta", fasta, "--threads", "1", vcf])
      try #require(r.exitCode == 0, "\(r.stderr)")
      parts += [part + "/catalog.sbs96.tsv", part + "/catalog.dbs78.tsv"]
    }
    // Interleaved classes, as the CWL/WDL workflows pass them, and grouped, as Snakemake does.
    let grouped = parts.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      + parts.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    for (label, inputs) in [("interleaved", parts), ("grouped", grouped)] {
      let out = dir + "/merged " + label
      let r = try CLIRunner.run(["merge", "-q", "-o", out] + inputs)
      try #require(r.exitCode == 0, "\(r.stderr)")
      for name in ["catalog.sbs96.tsv", "catalog.dbs78.tsv"] {
        #expect(try Self.read(out + "/" + name) == (try Self.read(dir + "/whole/" + name)), "\(label): \(name)")
      }
    }
    #expect(try Self.read(dir + "/whole/catalog.sbs96.tsv") == (try Self.read(dir + "/sim/catalog.tsv")))
  }

  @Test("merge is listed in --help")
  func help() throws {
    let r = try CLIRunner.run(["--help"])
    #expect(r.stdout.contains("merge") && r.stdout.contains("Merge catalogs side by side"))
  }
}
