import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

/// Moving signatures between sequence opportunities (genome, exome, panel; human, mouse, rat),
/// checked against the way COSMIC made its own tables (issue #18, Docs/Methods-fit.md §5).
@Suite("Opportunity renormalisation") struct OpportunityTests {
  static let derivedColumns = ["GRCh37_exome", "GRCh38", "GRCh38_exome", "mm10", "mm10_exome", "mm39", "mm39_exome", "rn7", "rn7_exome"]

  /// Largest absolute difference between two signature sets with the same names.
  func maxDifference(_ a: SignatureSet, _ b: SignatureSet) -> Double {
    zip(a.matrix.values, b.matrix.values).map { abs($0 - $1) }.max()!
  }

  func cosine(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map(*).reduce(0, +) / (a.map { $0 * $0 }.reduce(0, +).squareRoot() * b.map { $0 * $0 }.reduce(0, +).squareRoot())
  }

  @Test("the GRCh37 genome table renormalised to each bundled opportunity is COSMIC's table of that build (SBS96, every table)",
        arguments: derivedColumns)
  func cosmicSBS(column: String) throws {
    let genome = try Fixtures.cosmicSBS96()
    let from = try Opportunity.bundled(genome: "GRCh37", exome: false, mutationClass: .sbs96)
    let build = column.replacingOccurrences(of: "_exome", with: "")
    let to = try Opportunity.bundled(genome: build, exome: column.hasSuffix("_exome"), mutationClass: .sbs96)
    let cosmic = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_SBS_\(column).txt"))
    // The shipped columns carry 17 significant digits and COSMIC's tables ~16: agreement to 1e-12.
    #expect(maxDifference(try from.renormalise(genome, to: to), cosmic) < 1e-12, "\(column)")
  }

  @Test("DBS78: the dinucleotide opportunity implied by the trinucleotide columns reproduces COSMIC's DBS tables of every build",
        arguments: ["GRCh38", "mm10", "mm39", "rn7"])
  func cosmicDBS(build: String) throws {
    // An independent check: the DBS tables were not used to derive the bundled opportunities.
    let genome = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_DBS_GRCh37.txt"))
    let cosmic = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_DBS_\(build).txt"))
    let moved = try Opportunity.bundled(genome: "GRCh37", exome: false, mutationClass: .dbs78)
      .renormalise(genome, to: try Opportunity.bundled(genome: build, exome: false, mutationClass: .dbs78))
    for s in 0..<genome.count {
      // Measured: min cosine 0.999993 (GRCh38), 0.9999978 (mm10), > 0.9999999 (mm39, rn7); the
      // deconstructSigs hg19 counts differ slightly from the ones COSMIC used.
      #expect(cosine(moved.matrix.column(s), cosmic.matrix.column(s)) > 0.99999, "\(build) \(genome.names[s])")
    }
    #expect(maxDifference(moved, cosmic) < 2e-3)
  }

  @Test("COSMIC's exome and rodent tables are one renormalisation of the GRCh37 table: ratio() recovers ρ and reproduces them",
        arguments: derivedColumns)
  func ratioOfTables(column: String) throws {
    let genome = try Fixtures.cosmicSBS96()
    let other = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_SBS_\(column).txt"))
    let rho = Opportunity.ratio(from: genome, to: other)
    let moved = try Opportunity(mutationClass: .sbs96, values: [Double](repeating: 1, count: 96), source: "1")
      .renormalise(genome, to: Opportunity(mutationClass: .sbs96, values: rho, source: "ρ"))
    #expect(maxDifference(moved, other) < 1e-12, "\(column)")
  }

  @Test("renormalising to the same opportunity changes nothing; there and back is the identity; a planted ρ is recovered",
        arguments: [1, 2, 3] as [UInt64])
  func properties(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let set = try Fixtures.cosmicSBS96()
    func randomOpportunity() -> Opportunity {
      var byContext: [String: Double] = [:]
      let values = MutationClass.sbs96.channels.map { label -> Double in
        let key = Opportunity.context(label, .sbs96)
        if byContext[key] == nil { byContext[key] = Double(rng.next() % 100_000 + 1) }
        return byContext[key]!
      }
      return Opportunity(mutationClass: .sbs96, values: values, source: "random")
    }
    let a = randomOpportunity(), b = randomOpportunity()
    #expect(maxDifference(try a.renormalise(set, to: a), set) < 1e-15, "seed \(seed)")
    #expect(maxDifference(try b.renormalise(try a.renormalise(set, to: b), to: a), set) < 1e-14, "seed \(seed)")
    let rho = Opportunity.ratio(from: set, to: try a.renormalise(set, to: b))
    let planted = zip(b.values, a.values).map { $0 / $1 }
    let scale = planted[0] / rho[0]
    for c in 0..<96 { #expect(abs(rho[c] * scale / planted[c] - 1) < 1e-9, "seed \(seed) channel \(c)") }
  }

  @Test("a panel gets the same signatures from the genome table as from the exome table (--exome --opportunity)",
        arguments: ["GRCh37", "GRCh38", "mm10", "rn7"])
  func exomeOrGenome(build: String) throws {
    let genome = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_SBS_\(build).txt"))
    let exome = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_SBS_\(build)_exome.txt"))
    // A panel half-way between the two compositions.
    let g = try Opportunity.bundled(genome: build, exome: false, mutationClass: .sbs96)
    let e = try Opportunity.bundled(genome: build, exome: true, mutationClass: .sbs96)
    let panel = Opportunity(mutationClass: .sbs96, values: zip(g.values, e.values).map { ($0 * $1).squareRoot() / 1000 }, source: "panel")
    #expect(maxDifference(try g.renormalise(genome, to: panel), try e.renormalise(exome, to: panel)) < 1e-12, "\(build)")
  }

  @Test("equivalent sites: the reference itself gives its site count; per-Mb exposures divide by it")
  func equivalentSites() throws {
    let set = try Fixtures.cosmicSBS96()
    let genome = try Opportunity.bundled(genome: "GRCh37", exome: false, mutationClass: .sbs96)
    // Σ over the 32 contexts of deconstructSigs' hg19 counts.
    #expect(genome.sites == 2_861_326_455)
    for n in genome.equivalentSites(set, in: genome) { #expect(abs(n / genome.sites - 1) < 1e-12) }
    // A panel with half of every context: every signature sees half the sites.
    let half = Opportunity(mutationClass: .sbs96, values: genome.values.map { $0 / 2 }, source: "half")
    for n in genome.equivalentSites(set, in: half) { #expect(abs(n / (genome.sites / 2) - 1) < 1e-12) }
  }

  @Test("DBS78 sites from trinucleotides: Σ over the flank next to the pyrimidine, palindromes halved")
  func dinucleotides() throws {
    // N(XYZ) = 1 for every folded trinucleotide except N(ACG) = 10.
    let values = MutationClass.sbs96.channels.map { Opportunity.context($0, .sbs96) == "ACG" ? 10.0 : 1.0 }
    let di = Opportunity.dinucleotides(fromTrinucleotides: Opportunity(mutationClass: .sbs96, values: values, source: "t"))
    func sites(_ ref: String) -> Double { di.values[MutationClass.dbs78.channels.firstIndex { $0.hasPrefix(ref + ">") }!] }
    // CG: C is a pyrimidine: Σ_x N(xCG) = ACG + CCG + GCG + TCG = 10 + 3 = 13, palindrome -> 6.5.
    #expect(sites("CG") == 6.5)
    // AC: C is the pyrimidine at the right: Σ_y N(ACy) = 10 + 3 = 13. TT: 4. TA: Σ_x N(xTA) / 2 = 2.
    #expect(sites("AC") == 13 && sites("TT") == 4 && sites("TA") == 2)
  }

  @Test("unusable opportunity tables are refused naming the file and the problem")
  func badTables() throws {
    let dir = Fixtures.temporaryDirectory()
    func write(_ name: String, columns: [String], _ value: (String, Int) -> Double) throws -> String {
      var m = Matrix(rows: 96, columns: columns.count)
      for (i, label) in MutationClass.sbs96.channels.enumerated() { for j in columns.indices { m[i, j] = value(label, j) } }
      let path = dir + "/" + name
      try AtomicFile.write(TableText.render(corner: "MutationType", columnNames: columns, rowLabels: MutationClass.sbs96.channels, values: m), to: path)
      return path
    }
    let mixed = try write("mixed.tsv", columns: ["o"]) { label, _ in label == "A[C>T]G" ? 5 : 1 }
    #expect(throws: FitError.invalidOpportunity(path: mixed, reason: "A[C>T]G has 5.0 sites but another channel of context ACG has 1.0; channels of one reference context share one site count")) {
      _ = try Opportunity.read(path: mixed)
    }
    let two = try write("two.tsv", columns: ["a", "b"]) { _, _ in 1 }
    #expect(throws: FitError.invalidOpportunity(path: two, reason: "expected one column of site counts, found 2 (a, b)")) { _ = try Opportunity.read(path: two) }
    let zero = try write("zero.tsv", columns: ["o"]) { _, _ in 0 }
    #expect(throws: FitError.invalidOpportunity(path: zero, reason: "every channel has 0 sites")) { _ = try Opportunity.read(path: zero) }
    #expect(throws: FitError.self) { _ = try Opportunity.read(path: dir) }   // a folder without opportunity.sbs96.tsv
    #expect(FitError.invalidOpportunity(path: "p", reason: "r").description == "p: r")
  }
}
