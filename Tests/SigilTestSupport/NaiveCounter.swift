import SigilCore

/// A deliberately plain re-implementation of the strict counting rules (strings, sets,
/// dictionaries), the oracle the htslib counter is checked against (STYLE B8.3).
public enum NaiveCounter {
  /// Counts per channel label plus the summary counters.
  public struct Counts: Equatable, Sendable {
    public var sbs: [String: Int] = [:]
    /// SBS1536 labels (`AA[C>A]AA`); an SNV is in `sbs` exactly when it is here.
    public var sbs1536: [String: Int] = [:]
    public var dbs: [String: Int] = [:]
    public var filtered = 0, missingContig = 0, snvs = 0, indels = 0, other = 0, duplicates = 0
    public var refMismatch = 0, nContext = 0, sbsTotal = 0, dbsTotal = 0, mnvRuns = 0, mnvSNVs = 0
  }

  /// Counts `records` for one sample; `carried(record)` gives the ALT indices (1-based) the
  /// sample carries, or nil for all.
  public static func count(_ records: [PlantedRecord], genome: TestGenome, allFilters: Bool = false,
                           contigAlias: (String) -> String? = { $0 },
                           carried: (PlantedRecord) -> Set<Int>? = { _ in nil }) -> Counts {
    var out = Counts()
    struct SNV: Hashable { var contig: String; var pos: Int; var ref: Character; var alt: Character }
    var snvs: [SNV] = []
    for rec in records {
      guard let contig = contigAlias(rec.contig), genome.contigs.contains(where: { $0.name == contig }) else { out.missingContig += 1; continue }
      if !allFilters && rec.filter != "PASS" && rec.filter != "." { out.filtered += 1; continue }
      let keep = carried(rec)
      for (k, alt) in rec.alts.enumerated() where keep == nil || keep!.contains(k + 1) {
        if alt.hasPrefix("<") || alt == "*" || alt == "." { out.other += 1; continue }
        if alt.count != rec.ref.count { out.indels += 1; continue }
        var any = false
        for (i, (r, a)) in zip(rec.ref.uppercased(), alt.uppercased()).enumerated() where r != a {
          snvs.append(SNV(contig: contig, pos: rec.position + i, ref: r, alt: a)); any = true
        }
        if !any { out.other += 1 }
      }
    }
    out.snvs = snvs.count
    var seen = Set<SNV>(), valid: [SNV] = []
    for s in snvs {
      if !seen.insert(s).inserted { out.duplicates += 1; continue }
      if genome.base(s.contig, s.pos) != s.ref { out.refMismatch += 1; continue }
      valid.append(s)
    }
    let comp: [Character: Character] = ["A": "T", "C": "G", "G": "C", "T": "A"]
    for contig in Set(valid.map(\.contig)) {
      let here = valid.filter { $0.contig == contig }.sorted { ($0.pos, String($0.alt)) < ($1.pos, String($1.alt)) }
      var i = 0
      while i < here.count {
        var j = i + 1
        while j < here.count && here[j].pos - here[j - 1].pos <= 1 { j += 1 }
        let run = Array(here[i..<j])
        let width = run.last!.pos - run.first!.pos + 1
        if width == 1 {
          for s in run {
            // The whole pentanucleotide must be inside the contig and ACGT (SBS96 and SBS1536 alike).
            guard let f1 = genome.base(contig, s.pos - 2), let five = genome.base(contig, s.pos - 1),
                  let three = genome.base(contig, s.pos + 1), let t2 = genome.base(contig, s.pos + 2),
                  [f1, five, three, t2].allSatisfy({ "ACGT".contains($0) }) else { out.nContext += 1; continue }
            var (g, f, r, a, t, u) = (f1, five, s.ref, s.alt, three, t2)
            if r == "A" || r == "G" { (g, f, r, a, t, u) = (comp[t2]!, comp[three]!, comp[r]!, comp[a]!, comp[five]!, comp[f1]!) }
            out.sbs["\(f)[\(r)>\(a)]\(t)", default: 0] += 1
            out.sbs1536["\(g)\(f)[\(r)>\(a)]\(t)\(u)", default: 0] += 1
            out.sbsTotal += 1
          }
        } else if width == 2 && run.count == 2 {
          var label = "\(run[0].ref)\(run[1].ref)>\(run[0].alt)\(run[1].alt)"
          if MutationClass.dbs78.index(of: label) == nil {
            label = "\(comp[run[1].ref]!)\(comp[run[0].ref]!)>\(comp[run[1].alt]!)\(comp[run[0].alt]!)"
          }
          out.dbs[label, default: 0] += 1
          out.dbsTotal += 1
        } else {
          out.mnvRuns += 1
          out.mnvSNVs += run.count
        }
        i = j
      }
    }
    return out
  }
}
