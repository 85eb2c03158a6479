import SigilCore

/// SigProfilerMatrixGenerator 1.4.0's ID83 classification (`--rules sigprofiler`), ported rule for
/// rule from `MutationMatrixGenerator.catalogue_generator_INDEL_single` (with `limited_indel=True`,
/// as `SigProfilerMatrixGeneratorFunc` sets it).
///
/// The records of SPMG's INDEL branch (REF/ALT not both 1 bp, not both 2 bp; multi-allelic records
/// too) are sorted by (sample, position), stable. Then, per record: REF/ALT upper-cased; a `-`
/// allele gets a `-` prefix on the other; any base outside `ACGT-` skips it; REF == ALT skips it;
/// a line equal to the previous kept line is a duplicate; a POS beyond the contig skips it; REF's
/// first base must equal the reference base at POS. ALT of length 1 is a deletion of `REF[1...]`,
/// else REF of length 1 an insertion of `ALT[1...]`, else "complex" (not ID83). Unlike the strict
/// rules, the input is not normalised: copies of the indel's sequence are counted on both sides
/// in the phase of the record (`len(sequence) / L - 1`), and a deletion without copies takes the
/// longer of its 3' microhomology (prefix of the deleted bases after it) and 5' one (suffix before
/// it). Insertion microhomology counts as `R:0`. Python's indexing is reproduced: a negative index
/// wraps to the contig end; reading past the end raises, and SPMG then skips the record.
extension SigProfilerCounting {
  /// One record of SPMG's INDEL branch, as written to its INDEL simple file.
  struct IndelLine: Sendable {
    /// 1-based POS.
    let position: Int
    /// Line order within the file (SPMG's sort is stable).
    let order: Int
    let ref: [UInt8]
    let alt: [UInt8]
  }

  /// What SPMG makes of one INDEL-branch record.
  enum IndelOutcome: Equatable {
    case row(Int)
    case complex
    case invalidBases, sameAlleles, duplicate, outOfRange, refMismatch
  }

  /// Reading past the contig end: SPMG's `IndexError`, caught per record.
  struct PastContigEnd: Error {}

  /// Classifies SPMG's INDEL-branch records of one contig, all samples (outer index = sample in
  /// `order`), into `id` and `summaries`.
  static func countIndels(_ lines: [[IndelLine]], sampleOrder: [Int], sequence: UnsafePointer<UInt8>, length: Int,
                          id: inout [[Int]], summaries: inout [CountSummary]) {
    var previous: (sample: Int, line: IndelLine)?
    for s in sampleOrder {
      let sorted = lines[s].sorted { ($0.position, $0.order) < ($1.position, $1.order) }
      for line in sorted {
        let outcome = classify(line, isDuplicate: {
          guard let p = previous, p.sample == s else { return false }
          return p.line.position == line.position && p.line.ref == line.ref && p.line.alt == line.alt
        }, markKept: { previous = (s, line) }, sequence: sequence, length: length)
        switch outcome {
        case let .row(row): id[s][row] += 1; summaries[s].id83 += 1
        case .complex, .sameAlleles: summaries[s].indelComplex += 1
        case .invalidBases: summaries[s].indelNContext += 1; summaries[s].indelNonACGT += 1
        case .outOfRange: summaries[s].indelNContext += 1
        case .duplicate: summaries[s].indelDuplicates += 1
        case .refMismatch: summaries[s].indelRefMismatch += 1
        }
      }
    }
  }

  /// SPMG's outcome for one record (see the type's documentation); `markKept` is called where SPMG sets `prev_line`.
  static func classify(_ line: IndelLine, isDuplicate: () -> Bool, markKept: () -> Void,
                       sequence: UnsafePointer<UInt8>, length: Int) -> IndelOutcome {
    let dash = UInt8(ascii: "-")
    func upper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b - 32 : b }
    var ref = line.ref.map(upper), mut = line.alt.map(upper)
    if ref == [dash] { mut = [dash] + mut }
    if mut == [dash] { ref = [dash] + ref }
    let valid = Set("ACGT-".utf8)
    guard ref.allSatisfy(valid.contains), mut.allSatisfy(valid.contains) else { return .invalidBases }
    if ref == mut { return .sameAlleles }
    if isDuplicate() { return .duplicate }
    markKept()
    let code = ChannelIndex.baseCode
    let letters = Array("ACGTN".utf8)
    /// `chrom_string[i]` as a base letter, with Python's index rules.
    func at(_ i: Int) throws -> UInt8 {
      let j = i < 0 ? i + length : i
      guard j >= 0 && j < length else { throw PastContigEnd() }
      return letters[Int(code[Int(sequence[j])])]
    }
    func slice(_ from: Int, _ to: Int) throws -> [UInt8] { try (from..<max(from, to)).map(at) }
    let start = line.position
    do {
      let base = try at(start - 1)
      if ref[0] != base && ref[0] != dash { return .refMismatch }
      let isDeletion: Bool
      if mut.count == 1 { isDeletion = true } else if ref.count == 1 { isDeletion = false } else { return .complex }
      let unit = Array(isDeletion ? ref[1...] : mut[1...])
      let l = unit.count
      guard l > 0 else { return .sameAlleles }  // SPMG would loop forever; unreachable from a VCF
      var sequenceLength = l
      // 5' copies: the l bases ending at POS (the padding base), then further 5'.
      var posRev = start
      var actual = try slice(posRev - l, posRev)
      while posRev - l > 0 && actual == unit {
        sequenceLength += l
        posRev -= l
        actual = try slice(posRev - l, posRev)
      }
      // 3' copies: after the deleted bases, or right after POS for an insertion.
      var pos = isDeletion ? start + l : start
      var next = try slice(pos, pos + l)
      while pos + l < length && next == unit {
        sequenceLength += l
        pos += l
        next = try slice(pos, pos + l)
      }
      if l == 1 {
        let isC = unit[0] == UInt8(ascii: "C") || unit[0] == UInt8(ascii: "G")
        return .row((isDeletion ? 0 : 12) + (isC ? 0 : 6) + min(sequenceLength - 1, 5))
      }
      let size = min(l, 5)
      if isDeletion && sequenceLength == l {
        var forward = 0
        for i in stride(from: l - 1, through: 1, by: -1) where try slice(start + l, start + l + i) == Array(unit[..<i]) {
          forward = i; break
        }
        var reverse = 0
        for i in stride(from: l - 1, through: 1, by: -1) where try slice(start - i, start) == Array(unit[(l - i)...]) {
          reverse = i; break
        }
        if forward > 0 || reverse > 0 { return .row(IndelClassifier.microhomologyRow(size: size, length: min(max(forward, reverse), 5))) }
      }
      // Insertion microhomology is R:0 under limited_indel; so is a repeat-free insertion.
      return .row(24 + (isDeletion ? 0 : 24) + (size - 2) * 6 + min(sequenceLength / l - 1, 5))
    } catch {
      return .outOfRange
    }
  }
}
