import Foundation
import SigilCore

/// A sequence opportunity: per channel, how many sites of the sequenced territory have the
/// channel's reference context (a whole genome, an exome, a panel's targets).
///
/// SBS96 channels sharing a trinucleotide (`A[C>A]G`, `A[C>G]G`, `A[C>T]G`) hold the same value;
/// DBS78 channels sharing a reference dinucleotide likewise. Only the shape matters when
/// signatures are moved from one opportunity to another (`renormalise`); the absolute numbers
/// matter for the per-Mb scale (`sites`). `sigil count --regions` writes the opportunity of a BED
/// (`opportunity.sbs96.tsv`); the reference opportunity of each bundled COSMIC table ships in
/// `reference/opportunity_SBS96.txt` (`bundled`).
///
/// ```swift
/// let panel = try Opportunity.read(path: "counts/opportunity.sbs96.tsv")
/// let genome = try Opportunity.bundled(genome: "GRCh38", exome: false, mutationClass: .sbs96)
/// let moved = try genome.renormalise(cosmic, to: panel)
/// ```
public struct Opportunity: Sendable, Equatable {
  /// The channel alphabet.
  public let mutationClass: MutationClass
  /// Sites per channel, canonical channel order; finite and >= 0.
  public let values: [Double]
  /// Where it came from (a path, or `bundled GRCh38`), for messages and run.json.
  public let source: String
  /// The file it was read from (checksummed into run.json), or nil when computed.
  public let file: String?

  /// Creates an opportunity. Traps when `values` does not have one entry per channel.
  public init(mutationClass: MutationClass, values: [Double], source: String, file: String? = nil) {
    precondition(values.count == mutationClass.channelCount, "opportunity has \(values.count) values for \(mutationClass.channelCount) channels")
    self.mutationClass = mutationClass; self.values = values; self.source = source; self.file = file
  }

  /// The reference context a channel's opportunity is counted for: `ACG` for `A[C>T]G`, `CG` for `CG>TT`.
  static func context(_ label: String, _ cls: MutationClass) -> String {
    let c = Array(label)
    switch cls {
    case .sbs96: return String([c[0], c[2], c[6]])
    case .dbs78: return String(c.prefix(2))
    default: return label
    }
  }

  /// Number of sites: the sum over distinct contexts (each context counted once, not once per channel).
  public var sites: Double {
    var seen: [String: Double] = [:]
    for (i, label) in mutationClass.channels.enumerated() { seen[Self.context(label, mutationClass)] = values[i] }
    return seen.values.reduce(0, +)
  }

  /// The classes an opportunity can be given for (the ones whose channels have a reference context).
  public static func supports(_ cls: MutationClass) -> Bool { cls == .sbs96 || cls == .dbs78 }

  /// Reads an opportunity table: catalog layout (`MutationType` + values), rows matched by label,
  /// e.g. `opportunity.sbs96.tsv` of `sigil count --regions`; `path` may also be a `sigil count`
  /// folder, then its `opportunity.<class>.tsv` is read. `column` picks a column of a table with
  /// several (the bundled one); otherwise the table must have exactly one.
  /// - Throws: `TableFormatError` for an unreadable table, `FitError.invalidOpportunity` for a
  ///   missing column, a negative or non-finite value, channels of one context that disagree, or
  ///   a class without contexts (ID83).
  public static func read(path: String, mutationClass expected: MutationClass? = nil, column: String? = nil) throws -> Opportunity {
    var file = path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      let cls = expected ?? .sbs96
      file = (path as NSString).appendingPathComponent("opportunity.\(cls.rawValue.lowercased()).tsv")
      guard FileManager.default.fileExists(atPath: file) else {
        throw FitError.invalidOpportunity(path: path, reason: "is a folder without opportunity.\(cls.rawValue.lowercased()).tsv; "
                                          + "give the opportunity file, or a sigil count folder made with --regions")
      }
    }
    let table = try LabeledTable.read(path: file)
    let (cls, m) = try table.canonicalChannels(expected: expected)
    guard supports(cls) else {
      throw FitError.invalidOpportunity(path: file, reason: "\(cls.rawValue) channels have no reference context; an opportunity is given for SBS96 or DBS78")
    }
    let j: Int
    if let column {
      guard let found = table.columnNames.firstIndex(of: column) else {
        throw FitError.invalidOpportunity(path: file, reason: "no column '\(column)' (it has \(table.columnNames.joined(separator: ", ")))")
      }
      j = found
    } else {
      guard table.columnNames.count == 1 else {
        throw FitError.invalidOpportunity(path: file, reason: "expected one column of site counts, found \(table.columnNames.count) "
                                          + "(\(table.columnNames.prefix(4).joined(separator: ", ")))")
      }
      j = 0
    }
    let values = m.column(j)
    var byContext: [String: Double] = [:]
    for (i, label) in cls.channels.enumerated() {
      guard values[i].isFinite, values[i] >= 0 else {
        throw FitError.invalidOpportunity(path: file, reason: "\(label): \(values[i]) is not a finite number >= 0")
      }
      let key = context(label, cls)
      if let other = byContext[key], other != values[i] {
        throw FitError.invalidOpportunity(path: file, reason: "\(label) has \(values[i]) sites but another channel of context \(key) has \(other); "
                                          + "channels of one reference context share one site count")
      }
      byContext[key] = values[i]
    }
    guard values.contains(where: { $0 > 0 }) else {
      throw FitError.invalidOpportunity(path: file, reason: "every channel has 0 sites")
    }
    return Opportunity(mutationClass: cls, values: values, source: file, file: file)
  }

  /// The file holding the bundled reference opportunities (one column per COSMIC v3.4 SBS table).
  public static let bundledFile = "opportunity_SBS96.txt"

  /// The opportunity a bundled COSMIC table is normalised to: genome (or exome) trinucleotide
  /// counts from `reference/opportunity_SBS96.txt`; for DBS78, the dinucleotide counts implied by
  /// them (`dinucleotides(fromTrinucleotides:)`).
  /// - Throws: `ReferenceDataError` when the bundled folder is missing or the genome unknown,
  ///   `FitError.invalidOpportunity` for a class without a bundled opportunity (ID83).
  public static func bundled(genome: String, exome: Bool, mutationClass: MutationClass) throws -> Opportunity {
    guard ReferenceData.genomes.contains(genome) else { throw ReferenceDataError.unknownGenome(genome) }
    guard let dir = ReferenceData.directory() else { throw ReferenceDataError.notFound }
    let path = (dir as NSString).appendingPathComponent(bundledFile)
    guard FileManager.default.fileExists(atPath: path) else { throw ReferenceDataError.notShipped(name: bundledFile, directory: dir) }
    let column = genome + (exome ? "_exome" : "")
    let sbs = try read(path: path, mutationClass: .sbs96, column: column)
    let source = "\(bundledFile) \(column)"
    switch mutationClass {
    case .sbs96: return Opportunity(mutationClass: .sbs96, values: sbs.values, source: source, file: path)
    case .dbs78: return Opportunity(mutationClass: .dbs78, values: dinucleotides(fromTrinucleotides: sbs).values, source: source, file: path)
    default:
      throw FitError.invalidOpportunity(path: path, reason: "no bundled opportunity for \(mutationClass.rawValue); SBS96 and DBS78 only")
    }
  }

  /// DBS78 site counts implied by SBS96 (pyrimidine-folded trinucleotide) site counts.
  ///
  /// A reference dinucleotide `ab` (one of the ten DBS78 ones, each with a pyrimidine) is folded
  /// with its reverse complement, and every such site is the left or right pair of exactly one
  /// folded trinucleotide with a pyrimidine centre: `Σ_x N(x a b)` when `a` is a pyrimidine, else
  /// `Σ_y N(a b y)`. A palindromic dinucleotide (`AT CG GC TA`) is reached from both strands and
  /// is halved. Exact up to the two contig ends.
  public static func dinucleotides(fromTrinucleotides sbs: Opportunity) -> Opportunity {
    precondition(sbs.mutationClass == .sbs96, "dinucleotides(fromTrinucleotides:) needs an SBS96 opportunity")
    var tri: [String: Double] = [:]
    for (i, label) in MutationClass.sbs96.channels.enumerated() { tri[context(label, .sbs96)] = sbs.values[i] }
    let pyrimidines: Set<Character> = ["C", "T"]
    func complement(_ c: Character) -> Character { ["A": "T", "C": "G", "G": "C", "T": "A"][c]! }
    let values = MutationClass.dbs78.channels.map { label -> Double in
      let d = Array(label.prefix(2))
      let total = "ACGT".reduce(0.0) { sum, n in
        sum + (pyrimidines.contains(d[0]) ? tri[String([n, d[0], d[1]])]! : tri[String([d[0], d[1], n])]!)
      }
      let palindrome = complement(d[1]) == d[0]
      return palindrome ? total / 2 : total
    }
    return Opportunity(mutationClass: .dbs78, values: values, source: sbs.source, file: sbs.file)
  }

  /// Signatures moved from this opportunity (the one they were made on) to `target`.
  ///
  /// ```
  /// W_t[c,s] = W[c,s]·ρ[c] / Σ_c' W[c',s]·ρ[c'],   ρ[c] = O_target[c] / O_this[c]
  /// ```
  /// the relation by which COSMIC's exome and mouse/rat tables were made from the GRCh37 genome
  /// table (reproduced to 1e-15 by `OpportunityTests`), and deconstructSigs' `tri.counts.method`.
  /// A channel without sites in the target gets 0.
  /// - Throws: `FitError.invalidOpportunity` when the classes differ, this opportunity has a channel
  ///   with 0 sites where a signature has weight, or a signature has no weight left in the target.
  /// ## References
  /// - Alexandrov et al. (2020), Nature 578:94 (COSMIC v3; exome-normalised signatures).
  /// - Rosenthal et al. (2016), deconstructSigs, Genome Biology 17:31 (`tri.counts.method`).
  public func renormalise(_ signatures: SignatureSet, to target: Opportunity) throws -> SignatureSet {
    guard signatures.mutationClass == mutationClass, target.mutationClass == mutationClass else {
      throw FitError.invalidOpportunity(path: target.source, reason: "is \(target.mutationClass.rawValue) but the signatures are \(signatures.mutationClass.rawValue)")
    }
    let w = signatures.matrix
    var out = Matrix(rows: w.rows, columns: w.columns)
    for s in 0..<w.columns {
      var total = 0.0
      for c in 0..<w.rows where w[c, s] > 0 {
        guard values[c] > 0 else {
          throw FitError.invalidOpportunity(path: source, reason: "\(mutationClass.channels[c]) has 0 sites, but signature \(signatures.names[s]) has weight there")
        }
        out[c, s] = w[c, s] * target.values[c] / values[c]
        total += out[c, s]
      }
      guard total > 0 else {
        throw FitError.invalidOpportunity(path: target.source, reason: "signature \(signatures.names[s]) has no site in this opportunity; leave it out with --exclude")
      }
    }
    return SignatureSet(mutationClass: mutationClass, names: signatures.names, matrix: out)  // normalises each column
  }

  /// Per signature, the reference-genome sites that carry as many of its mutations as `target`:
  /// `Σ_c W[c,s]·O_target[c]·N/O_this[c]`, with `N` = this opportunity's `sites`. A sample's
  /// exposure `x_s` in the target (mutations) then is `x_s / equivalentSites[s]` mutations per
  /// reference site, `· 10⁶` per Mb: the genome scale (`exposures_per_mb.tsv`).
  public func equivalentSites(_ signatures: SignatureSet, in target: Opportunity) -> [Double] {
    let w = signatures.matrix, n = sites
    return (0..<w.columns).map { s in
      (0..<w.rows).reduce(0.0) { $0 + (values[$1] > 0 ? w[$1, s] * target.values[$1] * n / values[$1] : 0) }
    }
  }

  /// The per-context ratio `ρ = O_other / O_base` (normalised to mean 1 over contexts) by which
  /// `other` was made from `base` (`other = normalise(base · ρ)`): the fixed point
  /// `ρ[t] = Σ_{c∈t,s} W_other[c,s]·Z_s / Σ_{c∈t,s} W_base[c,s]`, `Z_s = Σ_c W_base[c,s]·ρ[c]`.
  /// Used to check that two tables are one renormalisation apart (and to derive the bundled
  /// opportunities, reference/derive_opportunity.py).
  public static func ratio(from base: SignatureSet, to other: SignatureSet, iterations: Int = 100) -> [Double] {
    precondition(base.mutationClass == other.mutationClass && base.names == other.names, "ratio needs two tables of the same signatures")
    let cls = base.mutationClass
    let keys = cls.channels.map { context($0, cls) }
    let contexts = Array(Set(keys)).sorted()
    let index = Dictionary(uniqueKeysWithValues: contexts.enumerated().map { ($1, $0) })
    let row = keys.map { index[$0]! }
    let (a, b) = (base.matrix, other.matrix)
    var z = [Double](repeating: 1, count: a.columns)
    var rho = [Double](repeating: 1, count: contexts.count)
    for _ in 0..<iterations {
      var num = [Double](repeating: 0, count: contexts.count), den = num
      for c in 0..<a.rows {
        for s in 0..<a.columns { num[row[c]] += b[c, s] * z[s]; den[row[c]] += a[c, s] }
      }
      rho = zip(num, den).map { $1 > 0 ? $0 / $1 : 0 }
      let mean = rho.reduce(0, +) / Double(rho.count)
      rho = rho.map { $0 / mean }
      z = (0..<a.columns).map { s in (0..<a.rows).reduce(0.0) { $0 + a[$1, s] * rho[row[$1]] } }
    }
    return row.map { rho[$0] }
  }
}
