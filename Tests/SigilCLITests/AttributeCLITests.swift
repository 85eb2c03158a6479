import Foundation
import SigilCore
import SigilTestSupport
import Testing

/// `sigil attribute` end to end on a simulated cohort whose true signature per mutation is known.
@Suite("sigil attribute") struct AttributeCLITests {
  /// A simulated cohort (SBS + ID, VCFs), its counts and SBS96 / ID83 fits; made once per test.
  struct Cohort {
    let dir: String
    var sim: String { dir + "/sim" }
    var vcfs: [String] { (1...4).map { "\(dir)/sim/vcf/S\($0).vcf.gz" } }

    init() throws {
      dir = Fixtures.temporaryDirectory("sigil-attribute")
      let steps: [[String]] = [
        ["simulate", "-q", "-o", dir + "/sim", "--samples", "4", "--vcf", "--indels", "--burden-median", "400", "--seed", "11",
         "--active", "SBS1,SBS5", "--optional", "SBS2,SBS13", "--optional-probability", "1"],
        ["count", "-q", "-o", dir + "/counts", "--reference-fasta", dir + "/sim/reference.fa"] + (1...4).map { "\(dir)/sim/vcf/S\($0).vcf.gz" },
        ["fit", "-q", "-o", dir + "/fit", dir + "/counts/catalog.sbs96.tsv", "--bootstrap", "10"],
        ["fit", "-q", "-o", dir + "/fitid", dir + "/counts/catalog.id83.tsv", "--bootstrap", "0"],
      ]
      for step in steps {
        let r = try CLIRunner.run(step)
        guard r.exitCode == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["step": step, "stderr": r.stderr]) }
      }
    }
  }

  static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    return (lines[0], Array(lines.dropFirst()))
  }

  @Test("every counted mutation gets a row: its channel as counted, probabilities summing to 1, the argmax named, inside its bounds")
  func attributionTable() throws {
    let c = try Cohort()
    let out = c.dir + "/att"
    let r = try CLIRunner.run(["attribute", "-o", out, "--reference-fasta", c.sim + "/reference.fa", "--fit", c.dir + "/fit",
                               "--fit", c.dir + "/fitid"] + c.vcfs)
    #expect(r.exitCode == 0, "\(r.stderr)")
    let (header, rows) = try Self.table(out + "/attribution.tsv")
    #expect(Array(header.prefix(11)) == ["sample", "chrom", "pos", "ref", "alt", "class", "channel", "signature", "probability",
                                         "probability_lower", "probability_upper"])
    let truth = try Self.table(c.sim + "/truth_mutations.tsv").rows
    #expect(rows.count == truth.count)   // the simulation plants only countable SNVs and indels
    var truthChannel: [String: String] = [:]
    for t in truth { truthChannel[t[0] + ":" + t[1] + ":" + t[2]] = t[5] }
    let signatureColumns = Array(header.dropFirst(11))
    for row in rows {
      #expect(truthChannel[row[0] + ":" + row[1] + ":" + row[2]] == row[6], "channel of \(row[0]) \(row[1]):\(row[2])")
      let p = row.dropFirst(11).map { Double($0)! }
      #expect(abs(p.reduce(0, +) - 1) < 1e-9)
      let best = p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }!
      #expect(signatureColumns[best] == row[7] && Double(row[8])! == p[best])
      if row[5] == "SBS96" {
        let lower = Double(row[9])!, upper = Double(row[10])!
        #expect(lower <= p[best] && p[best] <= upper)
        #expect(!signatureColumns[best].hasPrefix("ID"))
      } else {
        #expect(row[9] == "NA" && row[10] == "NA")   // the ID83 fit ran without bootstrap
      }
    }
    let again = try CLIRunner.run(["attribute", "-q", "-j", "1", "-o", c.dir + "/att1", "--reference-fasta", c.sim + "/reference.fa",
                                   "--fit", c.dir + "/fit", "--fit", c.dir + "/fitid"] + c.vcfs)
    #expect(again.exitCode == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/attribution.tsv"))
            == Data(contentsOf: URL(fileURLWithPath: c.dir + "/att1/attribution.tsv")))
    let run = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
    #expect(run.contains("\"command\" : \"attribute\""))
  }

  @Test("with the true exposures, the probabilities are calibrated: per signature, their sum over mutations is its true count")
  func calibratedWithTruth() throws {
    let c = try Cohort()
    let out = c.dir + "/oracle"
    let r = try CLIRunner.run(["attribute", "-q", "-o", out, "--reference-fasta", c.sim + "/reference.fa",
                               "--signatures", c.sim + "/truth_signatures.tsv", "--exposures", c.sim + "/truth_exposures.tsv",
                               "--truth", c.sim + "/truth_mutations.tsv"] + c.vcfs)
    #expect(r.exitCode == 0, "\(r.stderr)")
    let (header, rows) = try Self.table(out + "/attribution.tsv")
    let truth = try Self.table(c.sim + "/truth_mutations.tsv").rows.filter { $0[5].contains("[") }
    #expect(rows.count == truth.count)
    for (j, name) in header.enumerated().dropFirst(9) {
      let expected = rows.reduce(0.0) { $0 + Double($1[j])! }
      let variance = rows.reduce(0.0) { let p = Double($1[j])!; return $0 + p * (1 - p) }
      let observed = Double(truth.filter { $0[6] == name }.count)
      // The truth is drawn from exactly this posterior: observed - expected is a sum of independent
      // centred Bernoullis, so 5 standard deviations is a false alarm rate below 1e-6.
      #expect(abs(observed - expected) <= 5 * variance.squareRoot() + 1, "\(name): \(observed) true, \(expected) expected")
    }
    // --truth scores the same rows: every SBS row matched, and the oracle is well calibrated (about
    // 1,600 SNVs: the bins' sampling error keeps the ECE near 0.01-0.02; 0.05 would mean a real bias).
    let accuracy = try Self.table(out + "/attribution_accuracy.tsv").rows
    let all = try #require(accuracy.last)
    #expect(all[0] == "all" && Int(all[1]) == rows.count)
    #expect(try #require(Double(all[6])) < 0.05, "ECE \(all[6])")
    let reliability = try Self.table(out + "/reliability.tsv").rows
    #expect(reliability.count == 10)
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("Attribution against the truth") && html.contains("figures/reliability.svg"))
  }

  @Test("--vcf-out writes bgzipped, indexed VCFs with SIGIL_SIG and SIGIL_PROB that count back to the same catalog")
  func annotatedVCF() throws {
    let c = try Cohort()
    let out = c.dir + "/att"
    let r = try CLIRunner.run(["attribute", "-q", "-o", out, "--reference-fasta", c.sim + "/reference.fa", "--fit", c.dir + "/fit",
                               "--vcf-out"] + c.vcfs)
    #expect(r.exitCode == 0, "\(r.stderr)")
    let annotated = (1...4).map { "\(out)/vcf/S\($0).sigil.vcf.gz" }
    for path in annotated { #expect(FileManager.default.fileExists(atPath: path + ".tbi")) }
    let text = try ExternalTool.gunzip(annotated[0])
    #expect(text.contains("##INFO=<ID=SIGIL_SIG,Number=A,Type=String"))
    let rows = try Self.table(out + "/attribution.tsv").rows.filter { $0[0] == "S1" }
    let first = try #require(rows.first)
    let expected = "\t\(first[1])\t\(first[2])\t.\t\(first[3])\t\(first[4])\t.\tPASS\tSIGIL_SIG=\(first[7]);SIGIL_PROB="
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(first[1] + "\t" + first[2] + "\t") })
    #expect(("\t" + line).hasPrefix(expected), "\(line)")
    // bcftools (installed by `make deps`) reads the tags through the index: a region query finds the record.
    let (status, queried) = try ExternalTool.run(["bcftools", "query", "-r", "\(first[1]):\(first[2])", "-f", "%POS\t%INFO/SIGIL_SIG\n", annotated[0]])
    #expect(status == 0)
    #expect(queried == "\(first[2])\t\(first[7])\n", "\(queried)")
    let tagged = text.split(separator: "\n").filter { $0.contains("SIGIL_SIG=") }.count
    #expect(tagged == rows.count)   // every SNV tagged; indels were not attributed (no ID83 fit given)
    let recount = try CLIRunner.run(["count", "-q", "-o", c.dir + "/recount", "--reference-fasta", c.sim + "/reference.fa"] + annotated)
    #expect(recount.exitCode == 0, "\(recount.stderr)")
    let before = try MutationCatalog.read(path: c.dir + "/counts/catalog.sbs96.tsv")
    let after = try MutationCatalog.read(path: c.dir + "/recount/catalog.sbs96.tsv")
    #expect(before.counts == after.counts)
  }

  @Test("a panel fit (--opportunity) is attributed with the signatures renormalised to the panel, as its exposures were fitted")
  func panelFit() throws {
    let c = try Cohort()
    // Any opportunity unlike the genome's: the bundled exome column as the target.
    let opportunity = try LabeledTable.read(path: Fixtures.reference("opportunity_SBS96.txt"))
    let j = opportunity.columnNames.firstIndex(of: "GRCh37_exome")!
    let rows = opportunity.rowLabels.enumerated().map { "\($0.element)\t\(opportunity.values[$0.offset, j])" }
    try (["Type\tpanel"] + rows).joined(separator: "\n").appending("\n").write(toFile: c.dir + "/panel.tsv", atomically: true, encoding: .utf8)
    let fit = try CLIRunner.run(["fit", "-q", "-o", c.dir + "/panelfit", c.dir + "/counts/catalog.sbs96.tsv", "--bootstrap", "10",
                                 "--opportunity", c.dir + "/panel.tsv"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    let sbs = c.vcfs.map { $0 }
    let byFolder = try CLIRunner.run(["attribute", "-q", "-o", c.dir + "/attp", "--reference-fasta", c.sim + "/reference.fa",
                                      "--fit", c.dir + "/panelfit"] + sbs)
    let explicit = try CLIRunner.run(["attribute", "-q", "-o", c.dir + "/attq", "--reference-fasta", c.sim + "/reference.fa",
                                      "--fit", c.dir + "/panelfit", "--signatures", c.dir + "/panelfit/signatures_renormalised.tsv"] + sbs)
    let genome = try CLIRunner.run(["attribute", "-q", "-o", c.dir + "/attg", "--reference-fasta", c.sim + "/reference.fa",
                                    "--fit", c.dir + "/fit"] + sbs)
    #expect(byFolder.exitCode == 0 && explicit.exitCode == 0 && genome.exitCode == 0, "\(byFolder.stderr)\(explicit.stderr)")
    func bytes(_ d: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: c.dir + "/\(d)/attribution.tsv")) }
    #expect(try bytes("attp") == bytes("attq"))
    #expect(try bytes("attp") != bytes("attg"))   // the renormalisation moved the probabilities
  }

  @Test("--regions attributes only the records inside the BED, the ones count --regions counts")
  func regions() throws {
    let c = try Cohort()
    let all = try Self.table(c.sim + "/truth_mutations.tsv").rows
    let contig = all[0][1]
    let positions = all.filter { $0[1] == contig }.compactMap { Int($0[2]) }.sorted()
    let cut = positions[positions.count / 2]   // BED half-open, 0-based: 1-based positions <= cut
    try "\(contig)\t0\t\(cut)\n".write(toFile: c.dir + "/half.bed", atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["attribute", "-q", "-o", c.dir + "/atth", "--reference-fasta", c.sim + "/reference.fa",
                               "--fit", c.dir + "/fit", "--fit", c.dir + "/fitid", "--regions", c.dir + "/half.bed"] + c.vcfs)
    #expect(r.exitCode == 0, "\(r.stderr)")
    let rows = try Self.table(c.dir + "/atth/attribution.tsv").rows
    #expect(!rows.isEmpty && rows.count < all.count)
    #expect(rows.allSatisfy { $0[1] == contig && Int($0[2])! <= cut })
    let counted = try CLIRunner.run(["count", "-q", "-o", c.dir + "/counth", "--reference-fasta", c.sim + "/reference.fa",
                                     "--regions", c.dir + "/half.bed"] + c.vcfs)
    #expect(counted.exitCode == 0)
    let catalog = try MutationCatalog.read(path: c.dir + "/counth/catalog.sbs96.tsv")
    #expect(rows.filter { $0[5] == "SBS96" }.count == Int(catalog.totals.reduce(0, +)))
    #expect(try String(contentsOfFile: c.dir + "/atth/run.json", encoding: .utf8).contains("half.bed"))
  }

  @Test("clear errors: sample without exposures, a class attribute cannot use, unknown exposure columns, not a fit folder, usage")
  func errors() throws {
    let c = try Cohort()
    let ref = c.sim + "/reference.fa"
    // Exposures of S1..S3 only.
    let exposures = try String(contentsOfFile: c.sim + "/truth_exposures.tsv", encoding: .utf8).split(separator: "\n").prefix(4)
    try (exposures.joined(separator: "\n") + "\n").write(toFile: c.dir + "/three.tsv", atomically: true, encoding: .utf8)
    let missing = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--signatures", c.sim + "/truth_signatures.tsv",
                                     "--exposures", c.dir + "/three.tsv"] + c.vcfs)
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("sample(s) S4 of the variant files have no exposures in \(c.dir)/three.tsv"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: c.dir + "/x"))

    var sbs288 = "MutationType\tA\n"
    for label in MutationClass.sbs288.channels { sbs288 += "\(label)\t\(1.0 / 288)\n" }
    try sbs288.write(toFile: c.dir + "/sbs288.tsv", atomically: true, encoding: .utf8)
    let wrongClass = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--signatures", c.dir + "/sbs288.tsv",
                                        "--exposures", c.dir + "/three.tsv"] + c.vcfs)
    #expect(wrongClass.exitCode == 1)
    #expect(wrongClass.stderr.contains("SBS288 signatures cannot be attributed"), "\(wrongClass.stderr)")

    let extract = try String(contentsOfFile: c.sim + "/truth_signatures.tsv", encoding: .utf8)
      .replacingOccurrences(of: "\tSBS13", with: "\tSBS13x")
    try extract.write(toFile: c.dir + "/renamed.tsv", atomically: true, encoding: .utf8)
    let unknown = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--signatures", c.dir + "/renamed.tsv",
                                     "--exposures", c.sim + "/truth_exposures.tsv"] + c.vcfs)
    #expect(unknown.exitCode == 1)
    #expect(unknown.stderr.contains("exposure column(s) SBS13 are not signatures of"), "\(unknown.stderr)")

    let notFit = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--fit", c.dir + "/counts"] + c.vcfs)
    #expect(notFit.exitCode == 1)
    #expect(notFit.stderr.contains("not a sigil fit or extract folder (its run.json is from 'sigil count')"), "\(notFit.stderr)")

    let twice = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--fit", c.dir + "/fit",
                                   "--fit", c.dir + "/fit"] + c.vcfs)
    #expect(twice.exitCode == 1)
    #expect(twice.stderr.contains("two SBS96 signature sets given"))

    let usage = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref] + c.vcfs)
    #expect(usage.exitCode == 64)
    #expect(usage.stderr.contains("give --fit DIR"))
  }

  @Test("a MAF is attributed like the VCF it came from; --vcf-out refuses it")
  func mafInput() throws {
    let c = try Cohort()
    // S1's SNVs as a MAF (the columns count reads).
    let truth = try Self.table(c.sim + "/truth_mutations.tsv").rows.filter { $0[0] == "S1" && $0[5].contains("[") }
    var maf = "Chromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
    for t in truth { maf += "\(t[1])\t\(t[2])\t\(t[3])\t\(t[4])\tS1\n" }
    try maf.write(toFile: c.dir + "/s1.maf", atomically: true, encoding: .utf8)
    let ref = c.sim + "/reference.fa"
    let fromMAF = try CLIRunner.run(["attribute", "-q", "--no-report", "-o", c.dir + "/maf", "--reference-fasta", ref, "--fit", c.dir + "/fit", c.dir + "/s1.maf"])
    #expect(fromMAF.exitCode == 0, "\(fromMAF.stderr)")
    let fromVCF = try CLIRunner.run(["attribute", "-q", "--no-report", "-o", c.dir + "/vcf", "--reference-fasta", ref, "--fit", c.dir + "/fit", c.vcfs[0]])
    #expect(fromVCF.exitCode == 0, "\(fromVCF.stderr)")
    let vcfRows = try Self.table(c.dir + "/vcf/attribution.tsv").rows.filter { $0[5] == "SBS96" }
    #expect(try Self.table(c.dir + "/maf/attribution.tsv").rows == vcfRows)
    let refused = try CLIRunner.run(["attribute", "-o", c.dir + "/x", "--reference-fasta", ref, "--fit", c.dir + "/fit", "--vcf-out", c.dir + "/s1.maf"])
    #expect(refused.exitCode == 1)
    #expect(refused.stderr.contains("s1.maf: --vcf-out writes VCFs back, and this input is a MAF"), "\(refused.stderr)")
  }
}
