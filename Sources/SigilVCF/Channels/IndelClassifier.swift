import SigilCore

/// An insertion or deletion in minimal form, on the reference's forward strand.
///
/// `sequence` holds base codes (A=0, C=1, G=2, T=3). For a deletion, `position` is the 0-based
/// index of the first deleted reference base; for an insertion, the 0-based index of the reference
/// base the inserted bases go in front of (so they sit between `position - 1` and `position`).
struct Indel: Hashable, Comparable {
  var position: Int
  var isDeletion: Bool
  var sequence: [UInt8]

  static func < (a: Indel, b: Indel) -> Bool {
    if a.position != b.position { return a.position < b.position }
    if a.isDeletion != b.isDeletion { return a.isDeletion }
    return a.sequence.lexicographicallyPrecedes(b.sequence)
  }
}

/// What REF/ALT trimming makes of an allele pair whose lengths differ.
enum TrimmedAllele: Equatable {
  /// A pure insertion or deletion (one allele empty after trimming the shared bases).
  case indel(Indel)
  /// Both alleles keep bases after trimming (e.g. `ACT>AGGT`, a substitution plus an indel): not ID83.
  case complex
  /// An allele has a base other than A, C, G, T (case-insensitive).
  case nonACGT
}

/// A contig's bases seen through the base-code table: out-of-contig positions read as 4 (like N).
struct ReferenceBases {
  let bytes: UnsafePointer<UInt8>
  let count: Int
  let code: UnsafeBufferPointer<UInt8>

  /// Code (0...3) of the base at 0-based `i`, or 4 for N, any other letter, or a position outside the contig.
  @inline(__always) subscript(_ i: Int) -> UInt8 { i >= 0 && i < count ? code[Int(bytes[i])] : 4 }
}

/// Classifies insertions and deletions into the 83 COSMIC ID83 channels (strict rules).
///
/// The definition is that of Alexandrov et al. (2020) and SigProfilerMatrixGenerator (Bergstrom et
/// al. 2019), applied to a left-normalised indel (shifted 5' as far as the reference allows, so the
/// repeat unit is in phase):
/// ```
/// 1 bp deletion of b:  1:Del:{C|T}:n   n = further copies of b 3' of the deleted one (run length - 1), 0...5+
/// 1 bp insertion of b: 1:Ins:{C|T}:n   n = copies of b 3' of the insertion point, 0...5+
/// L >= 2 deletion of S: L:Del:R:n      n = copies of S 3' of the deleted one, 1...5+
///                       L:Del:M:m      if n = 0: m = bases of S's 5' end repeated right after it, 1...5+
///                       L:Del:R:0      if n = 0 and m = 0
/// L >= 2 insertion of S: L:Ins:R:n     n = copies of S 3' of the insertion point, 0...5+ (no M channels)
/// ```
/// `b` is reported by its pyrimidine (A -> T, G -> C); `L` is capped at 5 (5+). An indel whose
/// 5' neighbour, or the base that ends a scan (run, repeat or microhomology), is N, non-ACGT or
/// outside the contig is not classified (`nil`), like SBS96 with an N flank.
///
/// ```swift
/// // Reference ...G AAAA C...; deleting one A gives 1:Del:T:3.
/// ```
/// ## References
/// - Alexandrov et al. (2020), The repertoire of mutational signatures in human cancer, Nature 578:94-101,
///   doi:10.1038/s41586-020-1943-3 (ID83 definition, Figure 1 and Methods).
/// - Bergstrom et al. (2019), SigProfilerMatrixGenerator, BMC Genomics 20:685, doi:10.1186/s12864-019-6041-2.
enum IndelClassifier {
  /// Largest count a channel distinguishes (`5` means 5 or more).
  static let cap = 5

  /// Trims the shared suffix, then the shared prefix, of `ref` and `alt` (ASCII bytes, `ref` at
  /// 0-based `position`), which must differ in length.
  static func trim(ref: UnsafeBufferPointer<UInt8>, alt: UnsafeBufferPointer<UInt8>, position: Int,
                   code: UnsafeBufferPointer<UInt8>) -> TrimmedAllele {
    for b in ref where code[Int(b)] > 3 { return .nonACGT }
    for b in alt where code[Int(b)] > 3 { return .nonACGT }
    var refEnd = ref.count, altEnd = alt.count
    while refEnd > 0 && altEnd > 0 && code[Int(ref[refEnd - 1])] == code[Int(alt[altEnd - 1])] { refEnd -= 1; altEnd -= 1 }
    var start = 0
    while start < refEnd && start < altEnd && code[Int(ref[start])] == code[Int(alt[start])] { start += 1 }
    if start < refEnd && start < altEnd { return .complex }
    let isDeletion = refEnd > start
    let source = isDeletion ? ref : alt
    let sequence = (start..<(isDeletion ? refEnd : altEnd)).map { code[Int(source[$0])] }
    return .indel(Indel(position: position + start, isDeletion: isDeletion, sequence: sequence))
  }

  /// Shifts `indel` 5' as far as the reference allows (an equivalent event), rotating its sequence.
  static func leftNormalised(_ indel: Indel, in ref: ReferenceBases) -> Indel {
    var p = indel.position
    var s = indel.sequence
    let l = s.count
    guard l > 0 else { return indel }
    if indel.isDeletion {
      // Deleting ref[p-1 ..< p-1+l] leaves the same sequence when ref[p-1] == ref[p+l-1].
      while p > 0, ref[p - 1] < 4, ref[p - 1] == ref[p + l - 1] { p -= 1 }
      s = (p..<(p + l)).map { ref[$0] }
    } else {
      // Inserting rotate(s) one base earlier is the same when the base before equals s's last base.
      var rotation = 0  // s rotated right by `rotation`
      while p > 0, ref[p - 1] < 4, ref[p - 1] == s[(l - 1 - rotation % l + l) % l] { p -= 1; rotation += 1 }
      let r = rotation % l
      if r != 0 { s = Array(s[(l - r)...] + s[..<(l - r)]) }
    }
    return Indel(position: p, isDeletion: indel.isDeletion, sequence: s)
  }

  /// The ID83 row (canonical COSMIC order) of a left-normalised indel, or nil when the context it
  /// needs has N, a non-ACGT base, or runs off the contig.
  /// - Complexity: O(6 · length of the indel).
  static func row(of indel: Indel, in ref: ReferenceBases) -> Int? {
    let s = indel.sequence, l = s.count, p = indel.position
    guard l > 0, p > 0, ref[p - 1] < 4 else { return nil }  // the 5' neighbour bounds the event
    // Copies of s in the reference starting at `first`, first mismatch offset within the window that ended the scan.
    var copies = 0, mismatchOffset = 0
    var q = indel.isDeletion ? p + l : p
    scan: while copies < cap {
      for j in 0..<l {
        let b = ref[q + j]
        if b != s[j] {
          if b > 3 { return nil }
          mismatchOffset = j
          break scan
        }
      }
      copies += 1
      q += l
    }
    if l == 1 {
      let pyrimidineIsT = s[0] == 0 || s[0] == 3  // A or T -> T; C or G -> C
      return (indel.isDeletion ? 0 : 12) + (pyrimidineIsT ? 6 : 0) + copies
    }
    let size = min(l, cap)
    if !indel.isDeletion || copies > 0 || mismatchOffset == 0 {
      return 24 + (indel.isDeletion ? 0 : 24) + (size - 2) * 6 + copies
    }
    // Microhomology: the first `mismatchOffset` bases of s repeat right after the deletion (< l, as copies == 0).
    return microhomologyRow(size: size, length: min(mismatchOffset, cap))
  }

  /// Row of `size:Del:M:length` (size in 2...5, length in 1...min(size - 1, 5) with 5 for 5+ bp).
  @inline(__always)
  static func microhomologyRow(size: Int, length: Int) -> Int {
    // 72 = first M row; 2:Del:M has 1 row, 3:Del:M 2, 4:Del:M 3, 5:Del:M 5.
    let offset = size == 2 ? 72 : (size == 3 ? 73 : (size == 4 ? 75 : 78))
    return offset + length - 1
  }
}
