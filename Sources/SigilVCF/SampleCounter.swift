/// The SNVs of one input file, grouped by reference contig, turned into per-sample counts.
///
/// Events are packed into one `UInt64` each, `sample << 40 | position << 8 | ref << 4 | alt`
/// (position 0-based, bases coded 0...3), so one sort orders them by sample, position, REF, ALT;
/// equal keys are duplicates. A contig's events are counted once the reference contig is in memory
/// (`flush`): REF check, then maximal runs of adjacent positions (one position: SBS96; two
/// positions with one ALT each: DBS78; otherwise an MNV). A single SNV needs its pentanucleotide inside
/// the contig and in ACGT; it then counts in SBS96, SBS1536 and, with genes, in the strand counts
/// (`strand384`: SPMG's T, U, B, N blocks of SBS96, folded into SBS288 by `fold288`). Indels are trimmed when added
/// (`addIndel`) and, at `flush`, REF-checked, left-normalised, de-duplicated and classified into ID83
/// (`IndelClassifier`).
final class SampleCounter {
  /// Per-sample counts.
  struct Counts {
    var summary = CountSummary()
    var sbs96 = [Int](repeating: 0, count: 96)
    var dbs78 = [Int](repeating: 0, count: 78)
    var id83 = [Int](repeating: 0, count: 83)
    var sbs1536 = [Int](repeating: 0, count: 1536)
    /// SBS96 by the pyrimidine's `GeneStrandState` (rows `state · 96 + sbs96 row`); empty without genes.
    var strand384: [Int]
    init(strands: Bool) { strand384 = strands ? [Int](repeating: 0, count: 384) : [] }
  }

  /// SBS288 from SPMG's four strand blocks (T, U, B, N): as SigProfilerMatrixGenerator 1.4.0 does,
  /// each channel's B count goes half to T and half to U, an odd one to T.
  static func fold288(_ strand384: [Int]) -> [Int] {
    guard strand384.count == 384 else { return [Int](repeating: 0, count: 288) }
    var out = [Int](repeating: 0, count: 288)
    for row in 0..<96 {
      let b = strand384[192 + row]
      out[row] = strand384[row] + b / 2 + b % 2
      out[96 + row] = strand384[96 + row] + b / 2
      out[192 + row] = strand384[288 + row]
    }
    return out
  }

  /// A trimmed indel waiting for its contig's sequence; `ref` (ASCII) is checked at `refPosition`.
  struct PendingIndel {
    let sample: Int
    let refPosition: Int
    let ref: [UInt8]
    let indel: Indel
    /// The ALT allele as given (ASCII), kept only when an `observer` reports the indel.
    var alt: [UInt8] = []
  }

  static let maxPosition = 1 << 32
  /// ASCII of the base codes 0...3.
  static let letters = Array("ACGT".utf8)
  static let maxSamples = 1 << 24

  private let reference: HTSFasta
  private let genes: GeneAnnotation?
  var samples: [Counts] = []
  private var pending: [Int: [UInt64]] = [:]
  private var currentContig = -1
  private var current: [UInt64] = []
  private var flushed = Set<Int>()
  private var scratch: [UInt64] = []
  private var pendingIndels: [Int: [PendingIndel]] = [:]
  /// Receives every event as it is counted into SBS96, DBS78 or ID83 (`sigil attribute`); nil for `count`,
  /// whose outputs do not depend on it.
  var observer: CountedEventObserver?

  init(reference: HTSFasta, genes: GeneAnnotation? = nil) {
    self.reference = reference
    self.genes = genes
  }

  /// Adds a sample; returns its index.
  func addSample() -> Int {
    precondition(samples.count < Self.maxSamples, "more than 2^24 samples in one input")
    samples.append(Counts(strands: genes != nil))
    return samples.count - 1
  }

  /// Records one SNV of `sample` at 0-based `position` on reference contig `contig`.
  @inline(__always)
  func addSNV(sample: Int, contig: Int, position: Int, ref: UInt8, alt: UInt8) {
    samples[sample].summary.snvs += 1
    guard position >= 0, position < Self.maxPosition else {
      samples[sample].summary.refMismatch += 1  // beyond any contig: cannot match the reference
      return
    }
    let key = UInt64(sample) << 40 | UInt64(position) << 8 | UInt64(ref) << 4 | UInt64(alt)
    if contig != currentContig { switchTo(contig) }
    current.append(key)
  }

  /// Records one ALT allele of `sample` whose length differs from REF (`ref` at 0-based `position`;
  /// an empty `ref` is a MAF insertion before `position`): complex and non-ACGT alleles are counted
  /// at once, pure indels wait for `flush`.
  func addIndel(sample: Int, contig: Int, position: Int, ref: UnsafeBufferPointer<UInt8>, alt: UnsafeBufferPointer<UInt8>,
                code: UnsafeBufferPointer<UInt8>) {
    samples[sample].summary.indels += 1
    switch IndelClassifier.trim(ref: ref, alt: alt, position: position, code: code) {
    case .complex: samples[sample].summary.indelComplex += 1
    case .nonACGT: samples[sample].summary.indelNContext += 1; samples[sample].summary.indelNonACGT += 1
    case let .indel(indel):
      var pending = PendingIndel(sample: sample, refPosition: position, ref: Array(ref), indel: indel)
      if observer != nil { pending.alt = Array(alt) }
      pendingIndels[contig, default: []].append(pending)
    }
  }

  /// Makes `contig` the one `current` collects for (the events of the last one go to `pending`).
  private func switchTo(_ contig: Int) {
    if currentContig >= 0 {
      if pending[currentContig] == nil { pending[currentContig] = current } else { pending[currentContig]!.append(contentsOf: current) }
    }
    current = pending.removeValue(forKey: contig) ?? []
    currentContig = contig
  }

  /// Whether events of `contig` were already counted (an unsorted input when they come again).
  func wasFlushed(_ contig: Int) -> Bool { flushed.contains(contig) }

  /// Counts every pending contig, in contig order.
  func flushAll() throws {
    switchTo(-1)
    for contig in Set(pending.keys).union(pendingIndels.keys).sorted() { try flush(contig) }
  }

  /// Counts the pending events of `contig` against its reference sequence.
  func flush(_ contig: Int) throws {
    if contig == currentContig { switchTo(-1) }
    flushed.insert(contig)
    var events = pending.removeValue(forKey: contig) ?? []
    let indels = pendingIndels.removeValue(forKey: contig) ?? []
    if events.isEmpty && indels.isEmpty { return }
    let sequence = try reference.sequence(of: contig)
    events.sort()
    let length = sequence.count
    let code = ChannelIndex.baseCode
    try code.withUnsafeBufferPointer { code in
      guard let seq = sequence.bytes ?? (length == 0 ? UnsafeMutablePointer<UInt8>.allocate(capacity: 1) : nil) else {
        throw VCFError.referenceFetchFailed(path: reference.path, contig: reference.contigNames[contig])
      }
      defer { if sequence.bytes == nil { seq.deallocate() } }
      count(indels: indels, in: ReferenceBases(bytes: seq, count: length, code: code), contig: contig)
      var i = 0
      while i < events.count {
        let sample = Int(events[i] >> 40)
        var counts = samples[sample]
        // Distinct, REF-checked events of this sample, in position order.
        scratch.removeAll(keepingCapacity: true)
        var previous: UInt64 = .max
        while i < events.count, Int(events[i] >> 40) == sample {
          let key = events[i]
          i += 1
          if key == previous { counts.summary.duplicates += 1; continue }
          previous = key
          let pos = Int((key >> 8) & 0xFFFF_FFFF)
          let ref = UInt8((key >> 4) & 0xF)
          if pos >= length || code[Int(seq[pos])] != ref { counts.summary.refMismatch += 1; continue }
          scratch.append(key)
        }
        count(runsIn: scratch, sequence: seq, length: length, code: code, track: genes?.tracks[contig], into: &counts,
              sample: sample, contig: contig)
        samples[sample] = counts
      }
    }
  }

  /// REF-checks, left-normalises, de-duplicates (same sample and normalised event) and classifies indels.
  private func count(indels: [PendingIndel], in ref: ReferenceBases, contig: Int) {
    var keyed: [(sample: Int, indel: Indel, pending: PendingIndel)] = []
    keyed.reserveCapacity(indels.count)
    for pending in indels {
      let p = pending.refPosition
      var matches = p >= 0 && p + pending.ref.count <= ref.count
      if matches { for (k, b) in pending.ref.enumerated() where ref.code[Int(b)] != ref[p + k] { matches = false; break } }
      guard matches else { samples[pending.sample].summary.indelRefMismatch += 1; continue }
      keyed.append((pending.sample, IndelClassifier.leftNormalised(pending.indel, in: ref), pending))
    }
    keyed.sort { $0.sample != $1.sample ? $0.sample < $1.sample : $0.indel < $1.indel }
    for (k, event) in keyed.enumerated() {
      if k > 0, keyed[k - 1].sample == event.sample, keyed[k - 1].indel == event.indel {
        samples[event.sample].summary.indelDuplicates += 1
        continue
      }
      guard let row = IndelClassifier.row(of: event.indel, in: ref) else { samples[event.sample].summary.indelNContext += 1; continue }
      samples[event.sample].id83[row] += 1
      samples[event.sample].summary.id83 += 1
      if let observer {
        let original = keyed[k].pending
        observer.counted(CountedEvent(sample: event.sample, contig: contig, position: original.refPosition, ref: original.ref,
                                      alt: original.alt, mutationClass: .id83, row: row))
      }
    }
  }

  /// Splits one sample's sorted events into maximal runs of adjacent positions and counts them.
  private func count(runsIn events: [UInt64], sequence seq: UnsafeMutablePointer<UInt8>, length: Int,
                     code: UnsafeBufferPointer<UInt8>, track: StrandTrack?, into counts: inout Counts, sample: Int, contig: Int) {
    let strands = genes != nil
    var cursor = Int.max
    @inline(__always) func position(_ k: UInt64) -> Int { Int((k >> 8) & 0xFFFF_FFFF) }
    var j = 0
    while j < events.count {
      let start = j
      var last = position(events[j])
      j += 1
      while j < events.count {
        let p = position(events[j])
        guard p == last || p == last + 1 else { break }
        last = p
        j += 1
      }
      let width = last - position(events[start]) + 1
      let members = j - start
      if width == 1 {
        for k in start..<j {
          let key = events[k], p = position(key)
          guard p >= 2, p + 2 < length else { counts.summary.nContext += 1; continue }
          let f1 = code[Int(seq[p - 2])], f2 = code[Int(seq[p - 1])], t1 = code[Int(seq[p + 1])], t2 = code[Int(seq[p + 2])]
          guard f1 | f2 | t1 | t2 < 4 else { counts.summary.nContext += 1; continue }
          let ref = UInt8((key >> 4) & 0xF), alt = UInt8(key & 0xF)
          let row = ChannelIndex.sbs96(five: f2, ref: ref, alt: alt, three: t1)
          counts.sbs96[row] += 1
          observer?.counted(CountedEvent(sample: sample, contig: contig, position: p, ref: [Self.letters[Int(ref)]],
                                         alt: [Self.letters[Int(alt)]], mutationClass: .sbs96, row: row))
          counts.sbs1536[ChannelIndex.sbs1536(f1: f1, f2: f2, ref: ref, alt: alt, t1: t1, t2: t2)] += 1
          counts.summary.sbs96 += 1
          if strands {
            var state = track?.state(at: p, cursor: &cursor) ?? .none
            if ref == 0 || ref == 2 { state = state.reversed }
            counts.strand384[Int(state.rawValue) * 96 + row] += 1
          }
        }
      } else if width == 2 && members == 2 {
        let a = events[start], b = events[start + 1]
        if let row = ChannelIndex.dbs78(ref1: UInt8((a >> 4) & 0xF), ref2: UInt8((b >> 4) & 0xF),
                                        alt1: UInt8(a & 0xF), alt2: UInt8(b & 0xF)) {
          counts.dbs78[row] += 1
          observer?.counted(CountedEvent(
            sample: sample, contig: contig, position: position(a),
            ref: [Self.letters[Int((a >> 4) & 0xF)], Self.letters[Int((b >> 4) & 0xF)]],
            alt: [Self.letters[Int(a & 0xF)], Self.letters[Int(b & 0xF)]], mutationClass: .dbs78, row: row))
          counts.summary.dbs78 += 1
        }
      } else {
        counts.summary.mnvRuns += 1
        counts.summary.mnvSNVs += members
      }
    }
  }
}

/// How one ALT allele relates to its REF.
enum AlleleKind { case snvs, indel, other }

enum AlleleClassifier {
  /// Classifies `alt` against `ref`; for a same-length substitution, appends each changed base as
  /// (offset, ref code, alt code) to `changes` (shared prefix/suffix bases are thereby trimmed).
  @inline(__always)
  static func classify(ref: UnsafePointer<UInt8>, refLength: Int, alt: UnsafePointer<UInt8>, altLength: Int,
                       code: UnsafeBufferPointer<UInt8>, into changes: inout [(Int, UInt8, UInt8)]) -> AlleleKind {
    changes.removeAll(keepingCapacity: true)
    guard altLength > 0 || refLength > 0 else { return .other }
    if altLength > 0 {
      let first = alt[0]
      // '<' symbolic, '*' spanning deletion, '.' missing, '[' / ']' breakends.
      if first == 0x3C || first == 0x2A || first == 0x2E || first == 0x5B || first == 0x5D { return .other }
    }
    guard refLength == altLength else { return .indel }
    for i in 0..<refLength {
      let r = ref[i], a = alt[i]
      if r == a || (r | 0x20) == (a | 0x20) && code[Int(r)] < 4 { continue }
      let rc = code[Int(r)], ac = code[Int(a)]
      guard rc < 4, ac < 4 else { changes.removeAll(); return .other }
      if rc == ac { continue }
      changes.append((i, rc, ac))
    }
    return changes.isEmpty ? .other : .snvs
  }
}
