import CHTSlib
import Foundation
import SigilCore

/// An indexed reference FASTA opened through htslib faidx (`fai_load3`).
///
/// Ownership: owns the `faidx_t*` (freed by `fai_destroy` in `deinit`). faidx keeps one file handle,
/// so an instance is used by one thread; each counting task opens its own (cheap: reads the .fai).
final class HTSFasta {
  let path: String
  private let index: OpaquePointer
  /// Contig names in .fai order.
  let contigNames: [String]
  /// Contig lengths in .fai order.
  let contigLengths: [Int]

  /// Opens `path`, building `path.fai` (and `.gzi` for bgzip) with `fai_build` when missing.
  /// - Throws: `VCFError.referenceCannotOpen`, `.referenceIndexNotWritable`, `.referenceIndexFailed`.
  init(path: String) throws {
    sig_hts_quiet()
    self.path = path
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw VCFError.referenceCannotOpen(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw VCFError.referenceCannotOpen(path: path, reason: "is a folder; expected a FASTA file (plain or bgzip)")
    }
    guard fm.isReadableFile(atPath: path) else { throw VCFError.referenceCannotOpen(path: path, reason: "not readable") }
    if !fm.fileExists(atPath: path + ".fai") {
      guard Self.canCreateFile(in: PathParts.folderOrCurrent(of: path)) else { throw VCFError.referenceIndexNotWritable(path: path) }
      // fai_build keeps the first of two same-named contigs with only a log warning: refuse them first.
      if let duplicate = try Self.duplicateContig(path: path) { throw VCFError.referenceDuplicateContig(path: path, contig: duplicate) }
      guard fai_build(path) == 0 else { throw VCFError.referenceIndexFailed(path: path) }
    }
    guard let fai = fai_load3(path, nil, nil, 0) else { throw VCFError.referenceIndexFailed(path: path) }
    index = fai
    let n = Int(faidx_nseq(fai))
    var names: [String] = [], lengths: [Int] = []
    names.reserveCapacity(n); lengths.reserveCapacity(n)
    for i in 0..<n {
      let name = faidx_iseq(fai, Int32(i))!
      names.append(String(cString: name))
      lengths.append(Int(faidx_seq_len(fai, name)))
    }
    contigNames = names
    contigLengths = lengths
  }

  deinit { fai_destroy(index) }

  /// The whole sequence of contig `i` (`faidx_fetch_seq64`), as stored (soft-masked bases stay lower-case).
  /// - Throws: `VCFError.referenceFetchFailed`.
  func sequence(of i: Int) throws -> ContigSequence {
    var length: hts_pos_t = 0
    let end = hts_pos_t(Swift.max(contigLengths[i] - 1, 0))
    guard contigLengths[i] > 0 else { return ContigSequence(bytes: nil, count: 0) }
    guard let s = faidx_fetch_seq64(index, contigNames[i], 0, end, &length) else {
      throw VCFError.referenceFetchFailed(path: path, contig: contigNames[i])
    }
    guard length == contigLengths[i] else {
      free(s)  // ours since faidx returned it: freed here, not leaked
      throw VCFError.referenceFetchFailed(path: path, contig: contigNames[i])
    }
    return ContigSequence(bytes: UnsafeMutableRawPointer(s).assumingMemoryBound(to: UInt8.self), count: Int(length))
  }

  /// Whether a file can be created in `folder` (tried for real: `access(2)` says yes to root even on a read-only folder).
  static func canCreateFile(in folder: String) -> Bool {
    let probe = (folder as NSString).appendingPathComponent(".sigil-write-probe-\(getpid())")
    let fd = open(probe, O_CREAT | O_EXCL | O_WRONLY, 0o600)
    guard fd >= 0 else { return false }
    close(fd)
    unlink(probe)
    return true
  }

  /// Builds `path.fai` for a FASTA (`fai_build`).
  static func buildIndex(path: String) throws {
    sig_hts_quiet()
    if let duplicate = try duplicateContig(path: path) { throw VCFError.referenceDuplicateContig(path: path, contig: duplicate) }
    guard fai_build(path) == 0 else { throw VCFError.referenceIndexFailed(path: path) }
  }

  /// The first contig name that a FASTA's `>` lines give twice, or nil (one pass over the file,
  /// done only when the index is built; an existing .fai is trusted).
  static func duplicateContig(path: String) throws -> String? {
    guard let fp = hts_open(path, "r") else { throw VCFError.referenceIndexFailed(path: path) }
    defer { hts_close(fp) }
    var line = kstring_t(l: 0, m: 0, s: nil)
    defer { if let s = line.s { free(s) } }
    var seen = Set<String>()
    while hts_getline(fp, Int32(SIG_KS_SEP_LINE), &line) >= 0 {
      guard let s = line.s, line.l > 1, s[0] == CChar(UInt8(ascii: ">")) else { continue }
      var end = 1
      while end < Int(line.l), s[end] != 0x20, s[end] != 0x09 { end += 1 }
      let name = String(decoding: UnsafeRawBufferPointer(start: s + 1, count: end - 1), as: UTF8.self)
      if !seen.insert(name).inserted { return name }
    }
    return nil
  }
}

/// One contig's bases in memory; owns the buffer faidx allocated (freed in `deinit`).
final class ContigSequence {
  let bytes: UnsafeMutablePointer<UInt8>?
  let count: Int
  init(bytes: UnsafeMutablePointer<UInt8>?, count: Int) { self.bytes = bytes; self.count = count }
  deinit { if let bytes { free(bytes) } }
}
