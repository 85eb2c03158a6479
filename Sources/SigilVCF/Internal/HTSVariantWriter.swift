import CHTSlib
import Foundation

/// Writes VCF, bgzipped VCF or BCF through htslib (`hts_open` "w"/"wz"/"wb", `bcf_hdr_write`, `bcf_write`).
///
/// Ownership: owns the output `htsFile*`, its `bcf_hdr_t*` and one reused `bcf1_t*`; `close()`
/// (or `deinit`) releases them. Used by one thread.
final class HTSVariantWriter {
  private var file: UnsafeMutablePointer<htsFile>?
  private let header: UnsafeMutablePointer<bcf_hdr_t>
  private let record: UnsafeMutablePointer<bcf1_t>
  private let path: String
  private let passID: Int32
  private let sampleCount: Int

  /// Opens `path` and writes a header with the given contigs (name, length), extra `##` lines and samples.
  init(path: String, format: VariantFileFormat, contigs: [(name: String, length: Int)], samples: [String],
       headerLines: [String] = []) throws {
    sig_hts_quiet()
    self.path = path
    guard let fp = hts_open(path, format.htsMode) else {
      throw VCFError.cannotWrite(path: path, reason: String(cString: strerror(errno)).lowercased())
    }
    file = fp
    header = bcf_hdr_init("w")
    for (name, length) in contigs { _ = bcf_hdr_append(header, "##contig=<ID=\(name),length=\(length)>") }
    _ = bcf_hdr_append(header, "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">")
    for line in headerLines { _ = bcf_hdr_append(header, line) }
    for s in samples { _ = bcf_hdr_add_sample(header, s) }
    _ = bcf_hdr_sync(header)
    sampleCount = samples.count
    passID = Int32(sig_bcf_hdr_id2int_filter(header, "PASS"))
    record = bcf_init()
    guard bcf_hdr_write(fp, header) == 0 else {
      throw VCFError.cannotWrite(path: path, reason: "cannot write the VCF header")
    }
  }

  deinit {
    if let file { hts_close(file) }
    bcf_hdr_destroy(header)
    bcf_destroy(record)
  }

  /// Writes one record; `genotypes` holds one allele index per sample (diploid `0/a`), nil for no GT.
  func write(contig: Int, position0: Int, alleles: String, genotypeAlleles: [Int]?) throws {
    bcf_clear(record)
    sig_bcf_set_site(record, Int32(contig), Int64(position0))
    _ = bcf_update_alleles_str(header, record, alleles)
    _ = sig_bcf_update_filter_one(header, record, passID)
    if let genotypeAlleles, sampleCount > 0 {
      var gts = [Int32]()
      gts.reserveCapacity(2 * sampleCount)
      for a in genotypeAlleles { gts.append(sig_bcf_gt_unphased(0)); gts.append(sig_bcf_gt_unphased(Int32(a))) }
      _ = gts.withUnsafeMutableBufferPointer { sig_bcf_update_genotypes(header, record, $0.baseAddress, Int32($0.count)) }
    }
    guard let file, bcf_write(file, header, record) == 0 else {
      throw VCFError.cannotWrite(path: path, reason: "bcf_write failed")
    }
  }

  /// Flushes and closes the file.
  func close() throws {
    guard let f = file else { return }
    file = nil
    guard hts_close(f) == 0 else { throw VCFError.cannotWrite(path: path, reason: "closing failed") }
  }

  /// Copies every record of `input` to `output` in `format` (a VCF/BCF re-encoding, header kept).
  static func convert(input: String, output: String, format: VariantFileFormat) throws {
    sig_hts_quiet()
    guard let inFile = hts_open(input, "r") else { throw VCFError.cannotOpen(path: input, reason: "htslib cannot open it") }
    defer { hts_close(inFile) }
    guard let hdr = bcf_hdr_read(inFile) else { throw VCFError.unreadableHeader(path: input) }
    defer { bcf_hdr_destroy(hdr) }
    guard let outFile = hts_open(output, format.htsMode) else {
      throw VCFError.cannotWrite(path: output, reason: String(cString: strerror(errno)).lowercased())
    }
    let rec = bcf_init()!
    defer { bcf_destroy(rec) }
    guard bcf_hdr_write(outFile, hdr) == 0 else { hts_close(outFile); throw VCFError.cannotWrite(path: output, reason: "header") }
    var n = 0
    while true {
      let r = bcf_read(inFile, hdr, rec)
      if r == -1 { break }
      n += 1
      guard r == 0 else { hts_close(outFile); throw VCFError.readFailed(path: input, record: n, reason: "htslib cannot decode it") }
      guard bcf_write(outFile, hdr, rec) == 0 else { hts_close(outFile); throw VCFError.cannotWrite(path: output, reason: "bcf_write failed") }
    }
    guard hts_close(outFile) == 0 else { throw VCFError.cannotWrite(path: output, reason: "closing failed") }
  }
}

extension VariantFileFormat {
  var htsMode: String {
    switch self {
    case .vcf: return "w"
    case .vcfGz: return "wz"
    case .bcf: return "wb"
    }
  }
}
