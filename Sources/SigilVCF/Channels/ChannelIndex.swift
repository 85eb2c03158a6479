import SigilCore

/// Maps substitutions to rows of the canonical SBS96, SBS1536, SBS288 and DBS78 catalogs.
///
/// Bases are coded A=0, C=1, G=2, T=3 (`baseCode`), anything else 4. An SBS at a purine
/// reference base is reverse-complemented so the centre is C or T (`A[C>A]G` layout, COSMIC);
/// a doublet whose `REF>ALT` is not a COSMIC DBS78 label is reverse-complemented
/// (`AG>TT` -> `CT>AA`).
///
/// ```swift
/// let row = ChannelIndex.sbs96(five: 0, ref: 1, alt: 3, three: 2)   // A[C>T]G
/// ```
public enum ChannelIndex {
  /// Base code of an ASCII byte (case-insensitive): A=0, C=1, G=2, T=3, anything else 4.
  public static let baseCode: [UInt8] = {
    var t = [UInt8](repeating: 4, count: 256)
    for (i, c) in "ACGT".utf8.enumerated() { t[Int(c)] = UInt8(i); t[Int(c) + 32] = UInt8(i) }
    return t
  }()

  /// Row of an SBS in the canonical SBS96 order, given codes of the 5' base, REF, ALT and 3' base
  /// on the reference's forward strand (all in 0...3, REF != ALT).
  @inline(__always)
  public static func sbs96(five: UInt8, ref: UInt8, alt: UInt8, three: UInt8) -> Int {
    var f = five, r = ref, a = alt, t = three
    if r == 0 || r == 2 { (f, r, a, t) = (3 - t, 3 - r, 3 - a, 3 - f) }
    // r is now C (1) or T (3); substitution class index in C>A, C>G, C>T, T>A, T>C, T>G.
    let sub: Int
    if r == 1 { sub = a == 0 ? 0 : (a == 2 ? 1 : 2) } else { sub = a == 0 ? 3 : (a == 1 ? 4 : 5) }
    return Int(f) * 24 + sub * 4 + Int(t)
  }

  /// Row of an SBS in the canonical SBS1536 order (`AA[C>A]AA`), given the codes of the pentanucleotide
  /// `f1 f2 REF t1 t2` and ALT on the forward strand (all in 0...3, REF != ALT); a purine REF
  /// reverse-complements the whole pentanucleotide, as SigProfilerMatrixGenerator does.
  @inline(__always)
  public static func sbs1536(f1: UInt8, f2: UInt8, ref: UInt8, alt: UInt8, t1: UInt8, t2: UInt8) -> Int {
    var (a1, a2, r, a, b1, b2) = (f1, f2, ref, alt, t1, t2)
    if r == 0 || r == 2 { (a1, a2, r, a, b1, b2) = (3 - t2, 3 - t1, 3 - r, 3 - a, 3 - f2, 3 - f1) }
    let sub: Int
    if r == 1 { sub = a == 0 ? 0 : (a == 2 ? 1 : 2) } else { sub = a == 0 ? 3 : (a == 1 ? 4 : 5) }
    return ((Int(a1) * 4 + Int(a2)) * 6 + sub) * 16 + Int(b1) * 4 + Int(b2)
  }

  /// Row of a doublet in the canonical DBS78 order, from the codes of the two REF and two ALT bases
  /// (forward strand; both bases must change), or nil when it is not a doublet substitution.
  @inline(__always)
  public static func dbs78(ref1: UInt8, ref2: UInt8, alt1: UInt8, alt2: UInt8) -> Int? {
    let v = dbs78Table[Int(ref1) << 6 | Int(ref2) << 4 | Int(alt1) << 2 | Int(alt2)]
    return v < 0 ? nil : Int(v)
  }

  private static let dbs78Table: [Int8] = {
    let bases = Array("ACGT")
    var table = [Int8](repeating: -1, count: 256)
    for r1 in 0..<4 { for r2 in 0..<4 { for a1 in 0..<4 { for a2 in 0..<4 where r1 != a1 && r2 != a2 {
      let label = "\(bases[r1])\(bases[r2])>\(bases[a1])\(bases[a2])"
      let rc = "\(bases[3 - r2])\(bases[3 - r1])>\(bases[3 - a2])\(bases[3 - a1])"
      if let row = MutationClass.dbs78.index(of: label) ?? MutationClass.dbs78.index(of: rc) {
        table[r1 << 6 | r2 << 4 | a1 << 2 | a2] = Int8(row)
      }
    } } } }
    return table
  }()
}
