import Foundation
import Testing
import SigilCore
import SigilTestSupport
import SigilVCF

/// Panels and exomes end to end: `count --regions`, then `fit`/`extract --opportunity` (issue #18).
@Suite("panels: count --regions and fit/extract --opportunity") struct PanelCLITests {
  /// The bundled opportunity column `name` as folded trinucleotide weights (`XRY` -> sites).
  static func bundledContexts(_ name: String) throws -> [String: Double] {
    let table = try LabeledTable.read(path: Fixtures.reference("opportunity_SBS96.txt"))
    let j = table.columnNames.firstIndex(of: name)!
    var out: [String: Double] = [:]
    for (i, label) in table.rowLabels.enumerated() {
      let c = Array(label)
      out[String([c[0], c[2], c[6]])] = table.values[i, j]
    }
    return out
  }

  /// `length` bases from the order-2 Markov chain whose trinucleotides follow `contexts`
  /// (each folded count split evenly between a trinucleotide and its reverse complement), so the
  /// sequence has that composition up to sampling noise.
  static func markovSequence(_ contexts: [String: Double], length: Int, seed: UInt64) -> [UInt8] {
    let bases = Array("ACGT".utf8)
    func rc(_ s: [UInt8]) -> [UInt8] { s.reversed().map { bases[3 - bases.firstIndex(of: $0)!] } }
    var w = [Double](repeating: 0, count: 64)
    for (key, n) in contexts {
      let f = Array(key.utf8)
      for t in [f, rc(f)] { w[t.reduce(0) { $0 * 4 + bases.firstIndex(of: $1)! }] += n / 2 }
    }
    var rng = SeededGenerator(seed: seed)
    var out: [UInt8] = [bases[0], bases[1]]
    var (a, b) = (0, 1)
    out.reserveCapacity(length)
    while out.count < length {
      let row = (0..<4).map { w[a * 16 + b * 4 + $0] }
      var u = Double(rng.next() >> 11) / Double(1 << 53) * row.reduce(0, +)
      var c = 0
      while c < 3 && u >= row[c] { u -= row[c]; c += 1 }
      out.append(bases[c]); (a, b) = (b, c)
    }
    return out
  }

  static func fasta(_ contigs: [(String, [UInt8])]) -> String {
    var out = ""
    for (name, seq) in contigs {
      out += ">\(name)\n"
      var i = 0
      while i < seq.count { out += String(decoding: seq[i..<min(i + 60, seq.count)], as: UTF8.self) + "\n"; i += 60 }
    }
    return out
  }

  /// One-SNV VCF at 1-based `position` of `contig` whose REF is `ref`.
  static func vcf(contig: String, position: Int, ref: UInt8, sample: String = "P1") -> String {
    let alt = ref == UInt8(ascii: "A") ? "C" : "A"
    return "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(sample)\n"
      + "\(contig)\t\(position)\t.\t\(String(decoding: [ref], as: UTF8.self))\t\(alt)\t.\tPASS\t.\tGT\t0/1\n"
  }

  func cosine(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map(*).reduce(0, +) / (a.map { $0 * $0 }.reduce(0, +).squareRoot() * b.map { $0 * $0 }.reduce(0, +).squareRoot())
  }

  @Test("the exome opportunity of an exome-like BED on a synthetic genome reproduces COSMIC's genome -> exome tables")
  func syntheticExome() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    // Contig G: genome composition (GRCh37); contig E: exome composition, targeted by 150-bp
    // "exons" every 250 bp. Same computation as COSMIC's: count both, renormalise the GRCh37 table.
    let genome = Self.markovSequence(try Self.bundledContexts("GRCh37"), length: 2_000_000, seed: 11)
    let exome = Self.markovSequence(try Self.bundledContexts("GRCh37_exome"), length: 1_000_000, seed: 12)
    try Self.fasta([("G", genome), ("E", exome)]).write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
    try "G\t0\t\(genome.count)\n".write(toFile: dir + "/genome.bed", atomically: true, encoding: .utf8)
    try stride(from: 1000, to: exome.count - 1000, by: 250).map { "E\t\($0)\t\($0 + 150)\n" }.joined()
      .write(toFile: dir + "/exome.bed", atomically: true, encoding: .utf8)
    try Self.vcf(contig: "E", position: 1101, ref: exome[1100]).write(toFile: dir + "/p1.vcf", atomically: true, encoding: .utf8)
    for name in ["genome", "exome"] {
      let r = try CLIRunner.run(["count", "-o", dir + "/" + name, "--reference-fasta", dir + "/ref.fa", "--regions", dir + "/\(name).bed", dir + "/p1.vcf"])
      #expect(r.exitCode == 0, "\(r.stderr)")
    }
    let cosmic = Fixtures.reference("COSMIC_v3.4_SBS_GRCh37.txt")
    let fit = try CLIRunner.run(["fit", "-o", dir + "/fit", dir + "/exome/catalog.sbs96.tsv", "--signatures", cosmic,
                                 "--opportunity", dir + "/exome", "--reference-opportunity", dir + "/genome/opportunity.sbs96.tsv",
                                 "--bootstrap", "0"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    let moved = try SignatureSet.read(path: dir + "/fit/signatures_renormalised.tsv")
    let exomeTable = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_SBS_GRCh37_exome.txt"))
    #expect(moved.names == exomeTable.names)
    var worst = 1.0
    for s in 0..<moved.count { worst = min(worst, cosine(moved.matrix.column(s), exomeTable.matrix.column(s))) }
    // Sampling noise of ~0.75 Mb of targets (the rarest context, TCG, has ~7000 sites: ~1.2%
    // relative error per channel): measured min cosine 0.99990 (seeds 11, 12); a wrong fold or ratio gives < 0.99.
    #expect(worst > 0.999, "min cosine \(worst)")
    // Without renormalisation the genome table is further from the exome one.
    let genomeTable = try SignatureSet.read(path: cosmic)
    let unmoved = (0..<moved.count).map { cosine(genomeTable.matrix.column($0), exomeTable.matrix.column($0)) }.min()!
    #expect(unmoved < worst)
  }

  @Test("count --regions: opportunity files and outside_regions, byte-identical for --threads 1 and 3; run.json records the BED")
  func countThreads() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    let sim = try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "3", "--burden-median", "400", "--seed", "6", "--vcf"])
    #expect(sim.exitCode == 0, "\(sim.stderr)")
    let fai = try String(contentsOfFile: dir + "/sim/reference.fa.fai", encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
    let bed = fai.map { "\($0[0])\t1000\t\(Int($0[1])! / 2)\n" }.joined()
    try bed.write(toFile: dir + "/half.bed", atomically: true, encoding: .utf8)
    let vcfs = (1...3).map { dir + "/sim/vcf/S\($0).vcf.gz" }
    for threads in ["1", "3"] {
      let r = try CLIRunner.run(["count", "-o", dir + "/c" + threads, "--reference-fasta", dir + "/sim/reference.fa", "--regions", dir + "/half.bed",
                                 "--threads", threads] + vcfs)
      #expect(r.exitCode == 0, "\(r.stderr)")
      #expect(r.stderr.contains("half.bed: \(fai.count) region line(s), \(fai.count) merged interval(s)"), "\(r.stderr)")
      #expect(r.stderr.contains("record(s) outside the regions were skipped (outside_regions in count_summary.tsv)"))
    }
    for name in ["catalog.sbs96.tsv", "count_summary.tsv", "opportunity.sbs96.tsv", "opportunity.dbs78.tsv"] {
      #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/c1/" + name)) == Data(contentsOf: URL(fileURLWithPath: dir + "/c3/" + name)), "\(name)")
    }
    let full = try MutationCatalog.read(path: dir + "/sim/catalog.tsv"), half = try MutationCatalog.read(path: dir + "/c1/catalog.sbs96.tsv")
    let kept = half.totals.reduce(0, +), all = full.totals.reduce(0, +)
    #expect(kept > 0.3 * all && kept < 0.7 * all, "\(kept) of \(all)")
    let opportunity = try MutationCatalog.read(path: dir + "/c1/opportunity.sbs96.tsv")
    #expect(opportunity.sampleNames == ["opportunity"] && opportunity.counts.values.reduce(0, +) > 0)
    // The DBS78 sites counted directly agree with those implied by the SBS96 sites (the rule of
    // the bundled DBS opportunities, Methods-fit.md §7) up to one site per interval end.
    let dbs = try MutationCatalog.read(path: dir + "/c1/opportunity.dbs78.tsv")
    var tri: [String: Double] = [:]
    for (i, label) in MutationClass.sbs96.channels.enumerated() {
      let c = Array(label); tri[String([c[0], c[2], c[6]])] = opportunity.counts[i, 0]
    }
    var difference = 0.0, total = 0.0
    for (i, label) in MutationClass.dbs78.channels.enumerated() {
      let d = Array(label.prefix(2))
      let sum = "ACGT".reduce(0.0) { $0 + ("CT".contains(d[0]) ? tri[String([$1, d[0], d[1]])]! : tri[String([d[0], d[1], $1])]!) }
      let palindrome = ["AT", "CG", "GC", "TA"].contains(String(d))
      difference += abs((palindrome ? sum / 2 : sum) - dbs.counts[i, 0]); total += dbs.counts[i, 0]
    }
    // At most one site per interval end differs, repeated on up to 9 channels of its dinucleotide
    // (measured: 12 of 4.1 million channel-sites on these 3 intervals).
    #expect(total > 0 && difference <= Double(2 * fai.count * 9), "difference \(difference) of \(total)")
    let run = try String(contentsOfFile: dir + "/c1/run.json", encoding: .utf8)
    #expect(run.contains("\"regions\" : \"\(dir)/half.bed\""))
    // A DBS78 catalog given the count folder takes its opportunity.dbs78.tsv (and the bundled DBS opportunity).
    let fit = try CLIRunner.run(["fit", "-o", dir + "/fit-dbs", dir + "/c1/catalog.dbs78.tsv", "--opportunity", dir + "/c1", "--bootstrap", "0", "--no-report"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    #expect(fit.stderr.contains("opportunity: \(dir)/c1/opportunity.dbs78.tsv"), "\(fit.stderr)")
    #expect(try SignatureSet.read(path: dir + "/fit-dbs/signatures_renormalised.tsv").mutationClass == .dbs78)
  }

  @Test("fit --opportunity equal to the reference's own opportunity changes no exposure; per Mb = exposure / genome sites")
  func identityOpportunity() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    #expect(try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "3", "--seed", "8"]).exitCode == 0)
    let table = try LabeledTable.read(path: Fixtures.reference("opportunity_SBS96.txt"))
    let j = table.columnNames.firstIndex(of: "GRCh37")!
    try TableText.render(corner: "MutationType", columnNames: ["genome"], rowLabels: table.rowLabels,
                         values: table.values.selectingColumns([j])).write(toFile: dir + "/genome.tsv", atomically: true, encoding: .utf8)
    let plain = try CLIRunner.run(["fit", "-o", dir + "/plain", dir + "/sim/catalog.tsv", "--bootstrap", "0"])
    let same = try CLIRunner.run(["fit", "-o", dir + "/same", dir + "/sim/catalog.tsv", "--bootstrap", "0", "--opportunity", dir + "/genome.tsv"])
    #expect(plain.exitCode == 0 && same.exitCode == 0, "\(same.stderr)")
    #expect(same.stderr.contains("opportunity: \(dir)/genome.tsv, 2861.326 Mb of SBS96 sites; reference signatures renormalised to it from opportunity_SBS96.txt GRCh37"), "\(same.stderr)")
    let a = try ExposureTable.read(path: dir + "/plain/exposures.tsv"), b = try ExposureTable.read(path: dir + "/same/exposures.tsv")
    let perMb = try ExposureTable.read(path: dir + "/same/exposures_per_mb.tsv")
    for (x, y) in zip(a.values.values, b.values.values) { #expect(abs(x - y) <= 1e-9 * max(1, x)) }
    for (x, r) in zip(b.values.values, perMb.values.values) { #expect(abs(r - x * 1e6 / 2_861_326_455) <= 1e-12 * max(1, r)) }
    let run = try String(contentsOfFile: dir + "/same/run.json", encoding: .utf8)
    #expect(run.contains("\"opportunity\" : \"\(dir)/genome.tsv\"") && run.contains("\"reference-opportunity\" : \"bundled\""))
    #expect(run.contains("opportunity_SBS96.txt\""), "the bundled opportunity file is checksummed among the inputs: \(run)")
  }

  @Test("a panel fit says which exposures its bootstrap cannot support")
  func support() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    #expect(try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "2", "--seed", "9", "--burden-median", "40",
                               "--active", "SBS1,SBS5,SBS18", "--optional", "SBS13"]).exitCode == 0)
    let ok = try CLIRunner.run(["fit", "-o", dir + "/fit", dir + "/sim/catalog.tsv", "--bootstrap", "50"])
    #expect(ok.exitCode == 0)
    #expect(ok.stderr.contains("selected exposures have a 95% bootstrap interval above 0;"), "\(ok.stderr)")
    #expect(ok.stderr.contains("replicates: not supported by the data"), "\(ok.stderr)")
    // With --opportunity, --threads 1 and 3 write the same bytes (panel and genome scale, intervals).
    let exome = Fixtures.reference("opportunity_SBS96.txt")
    let table = try LabeledTable.read(path: exome)
    try TableText.render(corner: "MutationType", columnNames: ["exome"], rowLabels: table.rowLabels,
                         values: table.values.selectingColumns([table.columnNames.firstIndex(of: "GRCh37_exome")!]))
      .write(toFile: dir + "/exome.tsv", atomically: true, encoding: .utf8)
    for threads in ["1", "3"] {
      let r = try CLIRunner.run(["fit", "-o", dir + "/t" + threads, dir + "/sim/catalog.tsv", "--bootstrap", "30", "--opportunity", dir + "/exome.tsv",
                                 "--threads", threads, "--no-report"])
      #expect(r.exitCode == 0, "\(r.stderr)")
    }
    for name in ["exposures.tsv", "exposures_ci.tsv", "exposures_per_mb.tsv", "signatures_renormalised.tsv", "fit_stats.tsv"] {
      #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/t1/" + name)) == Data(contentsOf: URL(fileURLWithPath: dir + "/t3/" + name)), "\(name)")
    }
    // The report's header names the opportunity and the two scales.
    #expect(try CLIRunner.run(["report", dir + "/t1"]).exitCode == 0)
    let page = try String(contentsOfFile: dir + "/t1/report.html", encoding: .utf8)
    #expect(page.contains("renormalised to the opportunity <code>\(dir)/exome.tsv</code>") && page.contains("exposures_per_mb.tsv"))
  }

  @Test("option and input errors: --reference-opportunity alone, --regions with sigprofiler rules, --signatures without its opportunity")
  func errors() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    let catalog = try UsageCLITests.catalog(in: dir)
    for command in ["fit", "extract"] {
      let r = try CLIRunner.run([command, "-o", dir + "/out", catalog, "--reference-opportunity", catalog])
      #expect(r.exitCode == 64 && r.stderr.contains("--reference-opportunity needs --opportunity"), "\(r.stderr)")
    }
    let rules = try CLIRunner.run(["count", "-o", dir + "/c", "--reference-fasta", dir + "/ref.fa", "--regions", "t.bed", "--rules", "sigprofiler", "x.vcf"])
    #expect(rules.exitCode == 64 && rules.stderr.contains("--regions works with the strict rules only"), "\(rules.stderr)")
    let custom = try CLIRunner.run(["fit", "-o", dir + "/f", catalog, "--signatures", Fixtures.reference("COSMIC_v3.4_SBS_GRCh38.txt"),
                                    "--opportunity", Fixtures.reference("opportunity_SBS96.txt"), "--bootstrap", "0"])
    #expect(custom.exitCode == 1 && custom.stderr.contains("--opportunity needs the opportunity these signatures were made on; pass --reference-opportunity FILE"),
            "\(custom.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/f"))
  }

  @Test("extract --opportunity matches de novo signatures against the reference renormalised to the panel")
  func extract() throws {
    let dir = Fixtures.temporaryDirectory("sigil-panel")
    #expect(try CLIRunner.run(["simulate", "-o", dir + "/sim", "--samples", "8", "--seed", "3", "--active", "SBS1,SBS5"]).exitCode == 0)
    let table = try LabeledTable.read(path: Fixtures.reference("opportunity_SBS96.txt"))
    let j = table.columnNames.firstIndex(of: "GRCh37_exome")!
    try TableText.render(corner: "MutationType", columnNames: ["exome"], rowLabels: table.rowLabels,
                         values: table.values.selectingColumns([j])).write(toFile: dir + "/exome.tsv", atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["extract", "-o", dir + "/ex", dir + "/sim/catalog.tsv", "--rank", "2", "--ranks", "2..2", "--restarts", "4",
                               "--cv-folds", "0", "--max-iterations", "400", "--opportunity", dir + "/exome.tsv"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stderr.contains("reference signatures renormalised to it from opportunity_SBS96.txt GRCh37"), "\(r.stderr)")
    let run = try String(contentsOfFile: dir + "/ex/run.json", encoding: .utf8)
    #expect(run.contains("\"opportunity\" : \"\(dir)/exome.tsv\""), "\(run)")
  }
}
