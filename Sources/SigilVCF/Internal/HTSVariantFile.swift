import CHTSlib
import Foundation

/// An open htslib input (`hts_open`): a VCF/BCF stream with its header, or a text stream read by lines.
///
/// Ownership: this class owns the `htsFile*`, the `bcf_hdr_t*`, one reused `bcf1_t*` (the
/// rust-htslib `bcf::Reader` pattern) and the genotype buffer that `bcf_get_genotypes` reallocates;
/// `deinit` frees them all. Not shared across threads: every counting task opens its own.
final class HTSInput {
  enum Kind { case variants, text }

  let path: String
  let kind: Kind
  private let file: UnsafeMutablePointer<htsFile>
  private var header: UnsafeMutablePointer<bcf_hdr_t>?
  private var record: UnsafeMutablePointer<bcf1_t>
  /// The record kept by `keepCurrentAsPrevious()` (SigProfiler duplicate rule); swapped, never copied.
  private var previous: UnsafeMutablePointer<bcf1_t>?
  private var textA = kstring_t(l: 0, m: 0, s: nil), textB = kstring_t(l: 0, m: 0, s: nil)
  private var genotypeBuffer: UnsafeMutablePointer<Int32>?
  private var genotypeCapacity: Int32 = 0
  private var line = kstring_t(l: 0, m: 0, s: nil)
  private var passID: Int32 = 0
  /// 1-based number of the last record (VCF/BCF) or line (text) read.
  private(set) var recordNumber = 0
  /// Whether the input is VCF text (not BCF): its lines get the column and POS checks.
  private let isVCFText: Bool
  /// Sample columns of the #CHROM line (before `restrictSamples`, after which htslib checks none).
  private var headerSampleCount = 0
  /// Contigs used by records but not declared in the header (htslib added them, as bcftools does).
  private(set) var undeclaredContigs: [String] = []
  /// The first record with an INFO, FILTER or FORMAT key the header does not declare (htslib then
  /// declares it, Type=String, so later records with the same key are not flagged again).
  private(set) var firstUndeclaredTagRecord: Int?

  /// Opens `path` (`-` is stdin) and reads the VCF/BCF header when it is one.
  /// - Throws: `VCFError.cannotOpen`, `.notVariantFile` (binary non-VCF data), `.unreadableHeader`,
  ///   `.sampleNameNotUTF8`.
  init(path: String) throws {
    sig_hts_quiet()
    self.path = path
    if path != "-" {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw VCFError.cannotOpen(path: path, reason: "no such file")
      }
      if isDirectory.boolValue { throw VCFError.cannotOpen(path: path, reason: "is a folder, expected a VCF, BCF or MAF file") }
    }
    errno = 0
    guard let fp = hts_open(path, "r") else {
      // htslib says ENOEXEC ("exec format error") for data in no format it knows.
      if errno == ENOEXEC { throw VCFError.notVariantFile(path: path) }
      let reason = errno != 0 ? String(cString: strerror(errno)) : "htslib cannot open it"
      throw VCFError.cannotOpen(path: path, reason: reason.lowercased())
    }
    file = fp
    record = bcf_init()
    kind = sig_hts_is_variant_file(fp) == 1 ? .variants : .text
    isVCFText = kind == .variants && sig_hts_is_bcf(fp) == 0
    // Every stored property is set: from here a throw runs `deinit`, which frees `file` and
    // `record` exactly once. Nothing below may free them itself.
    guard kind == .variants else { return }
    guard let h = bcf_hdr_read(fp) else { throw VCFError.unreadableHeader(path: path) }
    header = h
    passID = Int32(sig_bcf_hdr_id2int_filter(h, "PASS"))
    headerSampleCount = Int(sig_bcf_hdr_nsamples(h))
    for i in 0..<Int(sig_bcf_hdr_nsamples(h)) where String(validatingCString: sig_bcf_hdr_sample(h, Int32(i))) == nil {
      throw VCFError.sampleNameNotUTF8(path: path, column: 10 + i)
    }
  }

  deinit {
    if let header { bcf_hdr_destroy(header) }
    bcf_destroy(record)
    if let previous { bcf_destroy(previous) }
    hts_close(file)
    if let s = textA.s { free(s) }
    if let s = textB.s { free(s) }
    if let genotypeBuffer { free(genotypeBuffer) }
    if let s = line.s { free(s) }
  }

  /// Uses `threads` extra threads for BGZF decompression (`hts_set_threads`).
  func setDecompressionThreads(_ threads: Int) {
    if threads > 0 { _ = hts_set_threads(file, Int32(threads)) }
  }

  // MARK: VCF/BCF header

  /// Sample column names in header order.
  var sampleNames: [String] {
    guard let header else { return [] }
    return (0..<Int(sig_bcf_hdr_nsamples(header))).map { String(cString: sig_bcf_hdr_sample(header, Int32($0))) }
  }

  /// The value of a generic `##key=value` header line, e.g. `tumor_sample`.
  func headerValue(_ key: String) -> String? {
    guard let header, let v = sig_bcf_hdr_generic_value(header, key) else { return nil }
    return String(cString: v)
  }

  /// Contig names declared in the header.
  var headerContigs: [String] {
    guard let header else { return [] }
    return (0..<Int(sig_bcf_hdr_ncontigs(header))).map { String(cString: sig_bcf_hdr_contig(header, Int32($0))) }
  }

  /// Restricts FORMAT parsing to `samples` (`bcf_hdr_set_samples`); an empty list parses none.
  func restrictSamples(to samples: [String]) {
    guard let header else { return }
    let list = samples.isEmpty ? "-" : samples.joined(separator: ",")
    _ = bcf_hdr_set_samples(header, list, 0)
  }

  // MARK: VCF/BCF records

  /// Reads and unpacks the next record; false at end of file.
  ///
  /// Undeclared contigs and INFO/FILTER/FORMAT keys are accepted as bcftools accepts them (htslib
  /// adds a dummy header line) and recorded in `undeclaredContigs` / `firstUndeclaredTagRecord`.
  /// - Throws: `VCFError.readFailed` on a malformed record (fewer than 8 columns, POS not a whole
  ///   number, wrong number of sample columns...) or a truncated/corrupt stream.
  func nextRecord() throws -> Bool {
    var columns: Int32 = 0, posDigits: Int32 = 0, hasNUL: Int32 = 0
    let r = isVCFText ? sig_vcf_read(file, header, record, &columns, &posDigits, &hasNUL) : bcf_read(file, header, record)
    if r == -1 { return false }
    recordNumber += 1
    let code = Int(sig_bcf_errcode(record))
    let recovered = Int(SIG_BCF_ERR_CTG_UNDEF | SIG_BCF_ERR_TAG_UNDEF)
    if r < -1 || code & ~recovered != 0 {
      throw VCFError.readFailed(path: path, record: recordNumber, reason: Self.decodeFailure(code))
    }
    if isVCFText {
      guard hasNUL == 0 else {
        throw VCFError.readFailed(path: path, record: recordNumber, reason: "a NUL byte in the line; expected tab-separated text")
      }
      guard columns >= 8 else {
        throw VCFError.readFailed(path: path, record: recordNumber,
                                  reason: "\(columns) tab-separated column(s); expected at least 8 (CHROM POS ID REF ALT QUAL FILTER INFO)")
      }
      let expected = 9 + headerSampleCount
      guard columns == 8 || columns == expected || (headerSampleCount == 0 && columns == 9) else {
        throw VCFError.readFailed(path: path, record: recordNumber,
                                  reason: "\(columns) tab-separated columns; expected \(expected) like the #CHROM line (or 8 without FORMAT)")
      }
      guard posDigits == 1 else {
        throw VCFError.readFailed(path: path, record: recordNumber, reason: "POS is not a whole number; expected a 1-based position such as 12345")
      }
    }
    // A line cut short (e.g. by a NUL byte, where htslib's tokenizer stops) has no REF: every
    // reader below assumes allele 0 exists (found by FuzzVCF: SIGSEGV in --rules sigprofiler).
    guard sig_bcf_n_allele(record) >= 1 else {
      throw VCFError.readFailed(path: path, record: recordNumber, reason: "no REF allele; expected CHROM POS ID REF ALT QUAL FILTER INFO")
    }
    if code & Int(SIG_BCF_ERR_CTG_UNDEF) != 0 { undeclaredContigs.append(contigName) }
    if code & Int(SIG_BCF_ERR_TAG_UNDEF) != 0 && firstUndeclaredTagRecord == nil { firstUndeclaredTagRecord = recordNumber }
    _ = bcf_unpack(record, Int32(SIG_BCF_UN_STR | SIG_BCF_UN_FLT))
    // htslib exits the process on a BCF value of unknown type (see the shim): refuse it first.
    if !isVCFText && sig_bcf_value_types_valid(header, record) == 0 {
      throw VCFError.readFailed(path: path, record: recordNumber,
                                reason: "an INFO or FORMAT value of unknown BCF type (corrupt BCF); expected a file written by bcftools or htslib")
    }
    return true
  }

  /// What htslib's `errcode` bits say about a record it could not decode.
  private static func decodeFailure(_ code: Int) -> String {
    var what: [String] = []
    if code & Int(SIG_BCF_ERR_NCOLS) != 0 { what.append("the number of sample columns differs from the #CHROM line") }
    if code & Int(SIG_BCF_ERR_CHAR) != 0 { what.append("invalid characters in a tag name") }
    if code & Int(SIG_BCF_ERR_LIMITS) != 0 { what.append("a value beyond htslib's limits (e.g. too many alleles or fields)") }
    if code & Int(SIG_BCF_ERR_CTG_INVALID) != 0 { what.append("an invalid contig") }
    if code & Int(SIG_BCF_ERR_TAG_INVALID) != 0 { what.append("an invalid INFO/FORMAT/FILTER tag or value") }
    if what.isEmpty { return "htslib cannot decode it (truncated or corrupt file, or a malformed VCF line); expected a VCF/BCF record" }
    return "htslib cannot decode it: " + what.joined(separator: "; ") + "; expected a VCF/BCF record"
  }

  /// Contig id of the current record (index into the header's contig dictionary).
  var rid: Int { Int(sig_bcf_rid(record)) }
  /// Contig name of the current record.
  var contigName: String { String(cString: sig_bcf_seqname(header, record)) }
  /// 0-based position of the current record.
  var position: Int { Int(sig_bcf_pos(record)) }
  /// Number of alleles (REF + ALTs).
  var alleleCount: Int { Int(sig_bcf_n_allele(record)) }
  /// Allele `i` (0 = REF) as a NUL-terminated C string valid until the next record.
  func allele(_ i: Int) -> UnsafePointer<CChar> { sig_bcf_allele(record, Int32(i)) }
  /// Whether FILTER is PASS or `.`.
  var passesFilter: Bool { sig_bcf_filter_pass_or_missing(record, passID) == 1 }

  /// For each (parsed) sample, a bit mask of the ALT alleles 1...63 its GT carries (`bcf_get_genotypes`);
  /// missing alleles and `0` set no bit, so `./1` carries allele 1 and `0/0` carries nothing.
  /// Returns false when the record has no GT (every mask then stays 0).
  /// - Throws: `VCFError.readFailed` when GT holds values htslib cannot type (it would exit).
  @discardableResult
  func carriedAlleles(into masks: inout [UInt64]) throws -> Bool {
    for s in masks.indices { masks[s] = 0 }
    guard sig_bcf_gt_type_valid(header, record) == 1 else {
      throw VCFError.readFailed(path: path, record: recordNumber,
                                reason: "FORMAT/GT has no value of integer type (e.g. an empty FORMAT key, as in ':GT'); expected FORMAT keys like GT:AD:DP with genotypes such as 0/1")
    }
    let n = Int(sig_bcf_get_genotypes(header, record, &genotypeBuffer, &genotypeCapacity))
    let samples = Int(sig_bcf_hdr_nsamples(header))
    guard n > 0, samples > 0, let gt = genotypeBuffer else { return false }
    let ploidy = n / samples
    let vectorEnd = sig_bcf_int32_vector_end()
    for s in 0..<Swift.min(samples, masks.count) {
      var mask: UInt64 = 0
      for k in 0..<ploidy {
        let v = gt[s * ploidy + k]
        if v == vectorEnd { break }
        if sig_bcf_gt_is_missing(v) != 0 { continue }
        let a = Int(sig_bcf_gt_allele(v))
        if a > 0 && a < 64 { mask |= 1 << UInt64(a) }
      }
      masks[s] = mask
    }
    return true
  }

  /// Keeps the current record as "the previous line" (the next record is read into the old one).
  func keepCurrentAsPrevious() {
    let spare = previous ?? bcf_init()!
    previous = record
    record = spare
  }

  /// Whether the current record's VCF text (`vcf_format`) equals the kept previous record's.
  func currentLineEqualsPrevious() -> Bool {
    guard let previous else { return false }
    textA.l = 0; textB.l = 0
    guard vcf_format(header, record, &textA) == 0, vcf_format(header, previous, &textB) == 0, textA.l == textB.l else { return false }
    return memcmp(textA.s, textB.s, textA.l) == 0
  }

  // MARK: text lines

  /// Reads the next line of a text input (`hts_getline`, which also reads gzip/bgzip); nil at end.
  /// The buffer is valid until the next call.
  func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
    let r = hts_getline(file, Int32(SIG_KS_SEP_LINE), &line)
    if r == -1 { return nil }
    recordNumber += 1
    if r < -1 {
      throw VCFError.readFailed(path: path, record: recordNumber, reason: "cannot read this line (truncated or corrupt compressed file)")
    }
    guard let s = line.s else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self), count: Int(line.l))
  }
}
