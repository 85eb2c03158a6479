import Foundation
import SigilCore

/// The counting rule profiles (`--rules`).
public enum CountRules: String, Sendable, CaseIterable {
  /// sigil's rules (Docs/Methods.md): FILTER, GT, REF checks, DBS78 from exact adjacent pairs.
  case strict
  /// SigProfilerMatrixGenerator 1.4.0's behaviour, to reproduce matrices made with it.
  case sigprofiler
}

/// SigProfilerMatrixGenerator 1.4.0 (SPMG) counting, reproduced (`--rules sigprofiler`).
///
/// Differences from strict, each taken from SPMG's `convert_input_to_simple_files.convertVCF` and
/// `MutationMatrixGenerator.catalogue_generator_single` (default `seqInfo=True`):
/// FILTER and GT ignored; one sample per file named `name.split('.')[0]`; a record with several
/// ALTs is dropped; REF/ALT must be upper-case ACGT; a 2-bp record becomes two SNVs and is dropped
/// if either base is unchanged; a record whose whole line equals the previous kept line is dropped;
/// contig names longer than 2 lose their first 3 characters (`M`/`mt` -> `MT`); SBS96 needs the
/// pentanucleotide in range and N-free and REF equal to the reference, and every SNV (doublet
/// members too) counts; an adjacent pair (sorted by sample, position) is a DBS78 unless SPMG's
/// MNS rule (consecutive gaps <= 5 bp) claims it; DBS REF is not checked, its flanks must be in
/// range and N-free, and at position 1 the left flank is the contig's last base (Python index -1).
/// SPMG sorts the SNVs of all samples of a chromosome together, so samples are processed jointly.
/// Indel-branch records are classified into ID83 by SPMG's own rules (`SigProfilerIndels.swift`).
enum SigProfilerCounting {
  /// SNVs of one file: per reference contig, keys `position << 32 | order << 4 | ref << 2 | alt`.
  struct FileSNVs: Sendable {
    let path: String
    let sample: String
    var contigs: [Int: [UInt64]] = [:]
    /// Records of SPMG's INDEL branch, per reference contig, in file order.
    var indels: [Int: [IndelLine]] = [:]
    var summary = CountSummary()
    var missing = Set<String>()
    /// Warnings about the file (incomplete header), as `FileCount.warnings`.
    var warnings: [String] = []
  }

  /// The contig name as SPMG normalises it (`chr1` -> `1`, `chrM`/`M`/`mt` -> `MT`).
  static func vcfContigName(_ name: String) -> String {
    var c = name.count > 2 ? String(name.dropFirst(3)) : name
    if c.uppercased() == "M" || c == "mt" { c = "MT" }
    return c
  }

  /// The FASTA contig name as SPMG's custom-genome install names its chromosome files.
  static func fastaContigName(_ name: String) -> String { name.count > 2 ? String(name.dropFirst(3)) : name }

  /// SPMG's sample name for a file: the file name up to its first dot.
  static func sampleName(fromPath path: String) -> String {
    if path == "-" { return "stdin" }
    return String((path as NSString).lastPathComponent.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
  }

  /// Reads one VCF/BCF the way SPMG's converter does.
  static func read(path: String, contigIndex: [String: Int], decompressionThreads: Int) throws -> FileSNVs {
    let input = try HTSInput(path: path)
    guard input.kind == .variants else {
      throw VCFError.readFailed(path: path, record: 0, reason: "--rules sigprofiler reads VCF/BCF only (SigProfilerMatrixGenerator's vcf input)")
    }
    input.setDecompressionThreads(decompressionThreads)
    var file = FileSNVs(path: path, sample: sampleName(fromPath: path))
    var ridContig: [Int] = []
    var order: UInt64 = 0
    var previousKey: (rid: Int, pos: Int, ref: [UInt8], alt: [UInt8])?
    let code = ChannelIndex.baseCode
    func upperACGT(_ b: UInt8) -> UInt8? { b == 65 || b == 67 || b == 71 || b == 84 ? code[Int(b)] : nil }
    while try input.nextRecord() {
      file.summary.records += 1
      let rid = input.rid
      if rid >= ridContig.count { ridContig += Array(repeating: -2, count: rid - ridContig.count + 1) }
      if ridContig[rid] == -2 {
        ridContig[rid] = contigIndex[vcfContigName(input.contigName)] ?? -1
        if ridContig[rid] < 0 { file.missing.insert(input.contigName) }
      }
      let contig = ridContig[rid]
      let ref = Array(UnsafeBufferPointer(start: UnsafeRawPointer(input.allele(0)).assumingMemoryBound(to: UInt8.self), count: strlen(input.allele(0))))
      // ALT as SPMG sees the text: "." when missing, "A,C" (length >= 3) when multi-allelic.
      let alt: [UInt8] = input.alleleCount < 2 ? [UInt8(ascii: ".")]
        : (input.alleleCount > 2 ? [0, 0, 0] : Array(UnsafeBufferPointer(start: UnsafeRawPointer(input.allele(1)).assumingMemoryBound(to: UInt8.self), count: strlen(input.allele(1)))))
      let dash = UInt8(ascii: "-")
      func isDuplicate() -> Bool {
        guard let p = previousKey, p.rid == rid, p.pos == input.position, p.ref == ref, p.alt == alt else { return false }
        return input.currentLineEqualsPrevious()
      }
      func keep() { previousKey = (rid, input.position, ref, alt); input.keepCurrentAsPrevious() }
      let position = input.position + 1
      if ref.count == 1 && alt.count == 1 && ref[0] != dash && alt[0] != dash {
        guard let r = upperACGT(ref[0]), let a = upperACGT(alt[0]), r != a else { file.summary.otherAlleles += 1; continue }
        if isDuplicate() { file.summary.duplicates += 1; continue }
        if contig >= 0 {
          file.summary.snvs += 1
          file.contigs[contig, default: []].append(UInt64(position) << 32 | order << 4 | UInt64(r) << 2 | UInt64(a))
          order += 1
        } else { file.summary.missingContig += 1 }
        keep()
      } else if ref.count == 2 && alt.count == 2 && !ref.contains(dash) && !alt.contains(dash) {
        guard let r1 = upperACGT(ref[0]), let a1 = upperACGT(alt[0]), r1 != a1 else { file.summary.otherAlleles += 1; continue }
        if isDuplicate() { file.summary.duplicates += 1; continue }
        guard let r2 = upperACGT(ref[1]), let a2 = upperACGT(alt[1]), r2 != a2 else { file.summary.otherAlleles += 1; continue }
        if contig >= 0 {
          file.summary.snvs += 2
          file.contigs[contig, default: []].append(UInt64(position) << 32 | order << 4 | UInt64(r1) << 2 | UInt64(a1))
          file.contigs[contig, default: []].append(UInt64(position + 1) << 32 | (order + 1) << 4 | UInt64(r2) << 2 | UInt64(a2))
          order += 2
        } else { file.summary.missingContig += 1 }
        keep()
      } else {
        // SPMG's INDEL branch (also multi-allelic records and longer substitutions), classified in `count`.
        if contig >= 0 {
          file.summary.indels += 1
          file.indels[contig, default: []].append(IndelLine(position: position, order: file.indels[contig]?.count ?? 0, ref: ref, alt: alt))
        } else { file.summary.missingContig += 1 }
        keep()
      }
      guard order < 1 << 28 else { throw VCFError.readFailed(path: path, record: input.recordNumber, reason: "more than 2^28 SNVs in one file") }
    }
    for key in file.contigs.keys { file.contigs[key]!.sort() }
    file.warnings = FileCounting.headerWarnings(input)
    return file
  }

  /// Counts SPMG-style over all files: per contig, the SNVs of every sample sorted by (sample, position).
  static func count(_ files: [FileSNVs], reference: HTSFasta, genes: GeneAnnotation? = nil)
    throws -> (sbs: [[Int]], dbs: [[Int]], id: [[Int]], sbs1536: [[Int]], strand384: [[Int]], summaries: [CountSummary]) {
    var sbs = [[Int]](repeating: [Int](repeating: 0, count: 96), count: files.count)
    var sbs1536 = [[Int]](repeating: [Int](repeating: 0, count: 1536), count: files.count)
    var strand384 = [[Int]](repeating: genes == nil ? [] : [Int](repeating: 0, count: 384), count: files.count)
    var id = [[Int]](repeating: [Int](repeating: 0, count: 83), count: files.count)
    var dbs = [[Int]](repeating: [Int](repeating: 0, count: 78), count: files.count)
    var summaries = files.map(\.summary)
    // Python sorts samples by string (code points); UTF-8 byte order is the same order.
    let sampleOrder = files.indices.sorted { files[$0].sample.utf8.lexicographicallyPrecedes(files[$1].sample.utf8) }
    let contigs = Set(files.flatMap { $0.contigs.keys }).union(files.flatMap { $0.indels.keys }).sorted()
    let code = ChannelIndex.baseCode
    for contig in contigs {
      let sequence = try reference.sequence(of: contig)  // once per contig, for indels and SNVs
      let indelLines = files.map { $0.indels[contig] ?? [] }
      if let seq = sequence.bytes, indelLines.contains(where: { !$0.isEmpty }) {
        countIndels(indelLines, sampleOrder: sampleOrder, sequence: seq, length: sequence.count, id: &id, summaries: &summaries)
      }
      var sample: [Int32] = [], pos: [Int] = [], ref: [UInt8] = [], alt: [UInt8] = []
      for f in sampleOrder {
        for key in files[f].contigs[contig] ?? [] {
          sample.append(Int32(f)); pos.append(Int(key >> 32)); ref.append(UInt8((key >> 2) & 3)); alt.append(UInt8(key & 3))
        }
      }
      let n = pos.count
      guard n > 0 else { continue }
      let length = sequence.count
      guard let seq = sequence.bytes else { continue }
      @inline(__always) func base(_ i: Int) -> UInt8 { code[Int(seq[i])] }  // 4 = N or other

      // DBS: SPMG's dinuc_index after its MNS rule (seqInfo=True), ported index for index.
      var dinucTemp: [Int] = [], mnvTemp: [Int] = []
      for i in 0..<max(0, n - 1) {
        let d = pos[i + 1] - pos[i]
        if d == 1 { dinucTemp.append(i) }
        if d > 0 && d <= 5 { mnvTemp.append(i) }
      }
      var dinuc = dinucTemp
      if mnvTemp.count > 1 {
        let t = mnvTemp, isDinuc = Set(dinucTemp)
        var mnv = Set<Int>()
        if t[0] + 1 == t[1] {
          if sample[t[0]] == sample[t[1]] { mnv.insert(t[0]) }
        } else if !isDinuc.contains(t[0]) { mnv.insert(t[0]) }
        if t.count > 2 {
          for i in 1..<(t.count - 1) {
            if t[i] + 1 == t[i + 1] {
              if sample[t[i]] == sample[t[i + 1]] { mnv.insert(t[i]) }
            } else if t[i] - 1 == t[i - 1] {
              if sample[t[i]] == sample[t[i - 1]] { mnv.insert(t[i]) }
            } else if !isDinuc.contains(t[i]) { mnv.insert(t[i]) }
          }
        }
        let last = t.count - 1
        if t[last] - 1 == t[last - 1] {
          if sample[t[last]] == sample[t[last - 1]] { mnv.insert(t[last]) }
        } else if !isDinuc.contains(t[last]) { mnv.insert(t[last]) }
        dinuc = dinucTemp.filter { !mnv.contains($0) }
        for x in dinucTemp where mnv.contains(x) && sample[x] == sample[x + 1] { summaries[Int(sample[x])].mnvRuns += 1 }
      }
      for x in dinuc where sample[x] == sample[x + 1] {
        let s = Int(sample[x]), start = pos[x]
        // Left flank chrom_string[start - 2] (Python: index -1 is the last base), right flank chrom_string[start + 1].
        let left = start - 2 >= 0 ? start - 2 : length + (start - 2)
        guard left >= 0, start + 1 < length, base(left) < 4, base(start + 1) < 4,
              let row = ChannelIndex.dbs78(ref1: ref[x], ref2: ref[x + 1], alt1: alt[x], alt2: alt[x + 1]) else { continue }
        dbs[s][row] += 1
        summaries[s].dbs78 += 1
      }
      // SBS: every SNV, pentanucleotide chrom_string[start-3 ... start+1] in range and N-free, REF checked.
      let track = genes?.tracks[contig]
      var cursor = Int.max
      for i in 0..<n {
        let s = Int(sample[i]), start = pos[i]
        guard start >= 3, start + 1 < length, base(start - 1) == ref[i] || base(start - 1) >= 4 else {
          if start >= 3 && start + 1 < length { summaries[s].refMismatch += 1 } else { summaries[s].nContext += 1 }
          continue
        }
        guard base(start - 3) < 4, base(start - 2) < 4, base(start - 1) < 4, base(start) < 4, base(start + 1) < 4 else {
          summaries[s].nContext += 1; continue
        }
        let row = ChannelIndex.sbs96(five: base(start - 2), ref: ref[i], alt: alt[i], three: base(start))
        sbs[s][row] += 1
        sbs1536[s][ChannelIndex.sbs1536(f1: base(start - 3), f2: base(start - 2), ref: ref[i], alt: alt[i],
                                        t1: base(start), t2: base(start + 1))] += 1
        summaries[s].sbs96 += 1
        if genes != nil {
          // SPMG reads the strand of the forward base at 0-based start - 1, then swaps T/U for a purine REF.
          var state = track?.state(at: start - 1, cursor: &cursor) ?? .none
          if ref[i] == 0 || ref[i] == 2 { state = state.reversed }
          strand384[s][Int(state.rawValue) * 96 + row] += 1
        }
      }
    }
    return (sbs, dbs, id, sbs1536, strand384, summaries)
  }
}
