import CHTSlib
import Foundation

/// Copies a VCF/BCF into a bgzipped VCF with two per-ALT tags added (INFO, or FORMAT per sample),
/// then indexes it (.tbi).
///
/// Ownership: `annotate` opens and closes both `htsFile*`, the input's `bcf_hdr_t*` (which gains
/// the two `##INFO` lines and is written as the output header) and one `bcf1_t*`, all released
/// before it returns. The htslib calls are `bcf_read`, `bcf_update_info` (`BCF_HT_STR`,
/// `BCF_HT_REAL`) or `bcf_update_format_string` / `bcf_update_format` (`BCF_HT_REAL`), `bcf_write`
/// and `bcf_index_build3` (min_shift 0: a tabix index).
enum HTSVariantAnnotator {
  /// What one ALT allele gets: a signature name and its probability.
  struct Tag {
    let signature: String
    let probability: Double
  }

  /// Writes `input` to `output` (bgzipped VCF, indexed as `output.tbi`); `tag(sample, contig, pos1,
  /// ref, alt)` answers for each ALT allele of each record (nil: left without a value, `.`), with
  /// `sample` nil for INFO tags, or, with `perSample`, once per sample column for FORMAT tags.
  /// Records are copied in input order, unchanged otherwise.
  /// - Returns: The number of values set (ALT alleles, or ALT alleles x samples).
  /// - Throws: `VCFError.cannotOpen`, `.unreadableHeader`, `.readFailed`, `.cannotWrite`.
  static func annotate(input: String, output: String, headerLines: [String], perSample: Bool,
                       tag: (_ sample: String?, _ contig: String, _ position: Int, _ ref: String, _ alt: String) -> Tag?) throws -> Int {
    sig_hts_quiet()
    guard let inFile = hts_open(input, "r") else { throw VCFError.cannotOpen(path: input, reason: "htslib cannot open it") }
    defer { hts_close(inFile) }
    guard sig_hts_is_variant_file(inFile) == 1 else {
      throw VCFError.cannotWrite(path: output, reason: "\(input) is not a VCF/BCF (a MAF cannot be annotated)")
    }
    guard let header = bcf_hdr_read(inFile) else { throw VCFError.unreadableHeader(path: input) }
    defer { bcf_hdr_destroy(header) }
    let samples = perSample ? (0..<Int(sig_bcf_hdr_nsamples(header))).map { String(cString: sig_bcf_hdr_sample(header, Int32($0))) } : []
    for line in headerLines { _ = bcf_hdr_append(header, line) }
    guard bcf_hdr_sync(header) == 0 else { throw VCFError.cannotWrite(path: output, reason: "cannot add the INFO header lines") }
    guard let outFile = hts_open(output, "wz") else {
      throw VCFError.cannotWrite(path: output, reason: String(cString: strerror(errno)).lowercased())
    }
    var open: UnsafeMutablePointer<htsFile>? = outFile
    defer { if let open { hts_close(open) } }
    guard let record = bcf_init() else { throw VCFError.cannotWrite(path: output, reason: "out of memory") }
    defer { bcf_destroy(record) }
    guard bcf_hdr_write(outFile, header) == 0 else { throw VCFError.cannotWrite(path: output, reason: "cannot write the header") }
    let missing = Float(bitPattern: 0x7F80_0001)  // htslib's bcf_float_missing (a global var Swift 6 cannot read safely)
    var n = 0, tagged = 0
    while true {
      let r = bcf_read(inFile, header, record)
      if r == -1 { break }
      n += 1
      guard r == 0, bcf_unpack(record, Int32(SIG_BCF_UN_ALL)) == 0 else {
        throw VCFError.readFailed(path: input, record: n, reason: "htslib cannot decode it")
      }
      let alleles = Int(sig_bcf_n_allele(record))
      if alleles >= 2 {
        let contig = String(cString: sig_bcf_seqname(header, record))
        let position = Int(sig_bcf_pos(record)) + 1
        let ref = String(cString: sig_bcf_allele(record, 0))
        let altTexts = (1..<alleles).map { String(cString: sig_bcf_allele(record, Int32($0))) }
        // One row of values per sample column (FORMAT), or a single row (INFO).
        var names: [[String]] = [], values: [Float] = []
        for sample in perSample ? samples.map(Optional.some) : [nil] {
          var row: [String] = []
          for alt in altTexts {
            if let t = tag(sample, contig, position, ref, alt) {
              row.append(t.signature); values.append(Float(t.probability)); tagged += 1
            } else {
              row.append("."); values.append(missing)
            }
          }
          names.append(row)
        }
        if names.contains(where: { $0.contains { $0 != "." } }) {
          let ok: Bool
          if perSample {
            let strings = names.map { strdup($0.joined(separator: ",")) }
            defer { strings.forEach { free($0) } }
            var pointers = strings.map { UnsafePointer<CChar>($0) }
            ok = bcf_update_format_string(header, record, "SIGIL_SIG", &pointers, Int32(pointers.count)) == 0
              && values.withUnsafeBufferPointer { bcf_update_format(header, record, "SIGIL_PROB", $0.baseAddress, Int32($0.count), BCF_HT_REAL) } == 0
          } else {
            let joined = names[0].joined(separator: ",")
            ok = joined.withCString { bcf_update_info(header, record, "SIGIL_SIG", $0, 1, BCF_HT_STR) } == 0
              && values.withUnsafeBufferPointer { bcf_update_info(header, record, "SIGIL_PROB", $0.baseAddress, Int32($0.count), BCF_HT_REAL) } == 0
          }
          guard ok else { throw VCFError.cannotWrite(path: output, reason: "cannot set the SIGIL tags of record \(n)") }
        }
      }
      guard bcf_write(outFile, header, record) == 0 else { throw VCFError.cannotWrite(path: output, reason: "bcf_write failed at record \(n)") }
    }
    open = nil
    guard hts_close(outFile) == 0 else { throw VCFError.cannotWrite(path: output, reason: "closing failed") }
    guard bcf_index_build3(output, nil, 0, 0) == 0 else {
      throw VCFError.cannotWrite(path: output + ".tbi", reason: "htslib could not index it (is the input sorted by contig and position?)")
    }
    return tagged
  }
}
