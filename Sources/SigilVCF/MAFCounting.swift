import Foundation

/// The MAF columns `sigil count` reads (GDC/TCGA Mutation Annotation Format, tab-separated).
enum MAFColumns {
  static let required = ["Chromosome", "Start_Position", "Reference_Allele", "Tumor_Seq_Allele2", "Tumor_Sample_Barcode"]
  static let filter = "FILTER"
}

extension FileCounting {
  /// Counts a MAF: one row per variant, sample from Tumor_Sample_Barcode, `-` for an empty allele.
  /// MAFs are often sorted by sample, so all events are kept until the end of the file.
  func countMAF(_ input: HTSInput) throws -> FileCount {
    var header: [String]?
    while let line = try input.nextLine() {
      if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
      header = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      break
    }
    guard let header else { throw VCFError.notVariantFile(path: path) }
    let missingColumns = MAFColumns.required.filter { !header.contains($0) }
    if missingColumns.count == MAFColumns.required.count { throw VCFError.notVariantFile(path: path) }
    if !missingColumns.isEmpty { throw VCFError.mafMissingColumns(path: path, missing: missingColumns) }
    let column = MAFColumns.required.map { header.firstIndex(of: $0)! }
    let filterColumn = header.firstIndex(of: MAFColumns.filter)
    let needed = (column + [filterColumn ?? 0]).max()! + 1

    let counter = SampleCounter(reference: reference, genes: genes)
    counter.observer = observer
    var sampleIndex: [String: Int] = [:]   // -1: not selected
    var names: [String] = [], available: [String] = []
    var contigIndex: [String: Int] = [:]  // -1: missing from FASTA
    var missing = Set<String>()
    var knownContigRows = 0, rows = 0
    var fields: [Range<Int>] = []
    var changes: [(Int, UInt8, UInt8)] = []
    let filter = sampleFilter
    let code = ChannelIndex.baseCode
    try code.withUnsafeBufferPointer { code in
      while let line = try input.nextLine() {
        if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
        let lineNumber = input.recordNumber
        fields.removeAll(keepingCapacity: true)
        var start = 0
        for i in 0..<line.count where line[i] == 0x09 { fields.append(start..<i); start = i + 1 }
        fields.append(start..<line.count)
        guard fields.count >= needed else {
          throw VCFError.mafBadLine(path: path, line: lineNumber, reason: "expected \(header.count) tab-separated fields like the header, found \(fields.count)")
        }
        func text(_ c: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[fields[c]]), as: UTF8.self) }
        rows += 1
        // A barcode that is not UTF-8 would be silently replaced (U+FFFD) by String(decoding:).
        guard let barcode = String(validating: UnsafeBufferPointer(rebasing: line[fields[column[4]]]), as: UTF8.self) else {
          throw VCFError.mafBadLine(path: path, line: lineNumber, reason: "Tumor_Sample_Barcode is not valid UTF-8; expected UTF-8 text")
        }
        var s = sampleIndex[barcode] ?? -2
        if s == -2 {
          available.append(barcode)
          if filter == nil || filter!.contains(barcode) {
            s = counter.addSample(); names.append(barcode)
          } else { s = -1 }
          sampleIndex[barcode] = s
        }
        guard s >= 0 else { continue }
        counter.samples[s].summary.records += 1
        let chromosome = text(column[0])
        var contig = contigIndex[chromosome] ?? -2
        if contig == -2 { contig = matcher.referenceIndex(of: chromosome) ?? -1; contigIndex[chromosome] = contig }
        if contig < 0 { counter.samples[s].summary.missingContig += 1; missing.insert(chromosome); continue }
        observer?.noteContig(contig, inputName: chromosome)
        knownContigRows += 1
        if let filterColumn, !configuration.allFilters {
          let f = text(filterColumn)
          if !(f == "PASS" || f == "." || f.isEmpty) { counter.samples[s].summary.filtered += 1; continue }
        }
        guard let position = Int(text(column[1])), position >= 1 else {
          throw VCFError.mafBadLine(path: path, line: lineNumber, reason: "Start_Position '\(text(column[1]))' is not a positive whole number")
        }
        if let regions, !regions.contains(contig: contig, position: position - 1) {
          counter.samples[s].summary.outsideRegions += 1; continue
        }
        let refRange = fields[column[2]], altRange = fields[column[3]]
        let base = line.baseAddress!
        // `-` is MAF's empty allele (insertion REF, deletion ALT).
        func length(_ r: Range<Int>) -> Int { r.count == 1 && line[r.lowerBound] == UInt8(ascii: "-") ? 0 : r.count }
        let kind = AlleleClassifier.classify(ref: base + refRange.lowerBound, refLength: length(refRange),
                                             alt: base + altRange.lowerBound, altLength: length(altRange),
                                             code: code, into: &changes)
        switch kind {
        case .indel:
          // MAF: Start_Position is the first deleted base, or for an insertion (REF '-') the base before it.
          let refLength = length(refRange)
          counter.addIndel(sample: s, contig: contig, position: refLength == 0 ? position : position - 1,
                           ref: UnsafeBufferPointer(start: base + refRange.lowerBound, count: refLength),
                           alt: UnsafeBufferPointer(start: base + altRange.lowerBound, count: length(altRange)), code: code)
        case .other: counter.samples[s].summary.otherAlleles += 1
        case .snvs:
          for (offset, r, x) in changes {
            counter.addSNV(sample: s, contig: contig, position: position - 1 + offset, ref: r, alt: x)
          }
        }
      }
    }
    try counter.flushAll()
    if rows > 0 && knownContigRows == 0 && !missing.isEmpty {
      throw VCFError.noCommonContigs(path: path, variantContigs: missing.sorted(), referenceContigs: matcher.referenceContigs)
    }
    return finish(mode: .maf, names: names, available: available, counter: counter, missing: missing) { _ in }
  }
}
