import Foundation

/// The transcriptional state of a reference base on the forward strand (SigProfilerMatrixGenerator's
/// encoding): inside plus-strand genes only the forward base lies on the coding (untranscribed)
/// strand; inside minus-strand genes only it lies on the template (transcribed) strand.
public enum GeneStrandState: UInt8, Sendable, CaseIterable {
  /// Only minus-strand genes cover the base: the forward strand is their template (`T:`).
  case transcribed = 0
  /// Only plus-strand genes cover the base: the forward strand is their coding strand (`U:`).
  case untranscribed = 1
  /// Genes on both strands cover the base (SPMG's `B:`; SBS288 folds it into `T:` and `U:`).
  case both = 2
  /// No gene covers the base (`N:`).
  case none = 3

  /// The state seen from the reverse strand (T and U swap), used for a purine REF base.
  @inline(__always)
  public var reversed: GeneStrandState {
    switch self {
    case .transcribed: return .untranscribed
    case .untranscribed: return .transcribed
    case .both, .none: return self
    }
  }
}

/// Gene intervals with their strand, read from a BED (6+ columns) or GTF/GFF `gene` records, as a
/// per-reference-contig partition into `GeneStrandState` segments (`--genes`).
///
/// BED: `chrom start end name score strand`, 0-based half-open, strand `+` or `-` (`.` lines are
/// skipped and counted in `unstranded`); `#`, `track` and `browser` lines are ignored. GTF/GFF
/// (recognised by 9+ columns whose second is not a number): `gene` records only, 1-based inclusive.
/// Contig names are matched to the FASTA with `ContigMatcher` (`chr7` <-> `7`, mitochondrion aliases).
///
/// ```swift
/// let genes = try GeneAnnotation.read(path: "genes.bed", matcher: ContigMatcher(referenceContigs: ["chr1"]))
/// genes.state(contig: 0, position: 1_000)   // .untranscribed inside a plus-strand gene
/// ```
public struct GeneAnnotation: Sendable {
  /// The input format.
  public enum Format: String, Sendable { case bed = "BED", gtf = "GTF" }

  /// The annotation file as given.
  public let path: String
  /// BED or GTF.
  public let format: Format
  /// Gene intervals used (stranded, non-empty, on a FASTA contig).
  public let genes: Int
  /// Records skipped because their strand is `.`.
  public let unstranded: Int
  /// Contig names of genes that match no FASTA contig (their genes are ignored), sorted.
  public let unmatchedContigs: [String]
  let tracks: [Int: StrandTrack]

  /// The forward-strand state of 0-based `position` on FASTA contig `contig`.
  public func state(contig: Int, position: Int) -> GeneStrandState {
    guard let track = tracks[contig] else { return .none }
    var cursor = 0
    return track.state(at: position, cursor: &cursor)
  }

  /// Reads a BED or GTF file (plain or gzip).
  /// - Throws: `VCFError.cannotOpen`, `.genesBadLine` (naming the line and what was expected),
  ///   `.genesNoCommonContigs` when no gene lies on a FASTA contig.
  /// - Complexity: O(n log n) for n genes.
  public static func read(path: String, matcher: ContigMatcher) throws -> GeneAnnotation {
    let input = try HTSInput(path: path)
    guard input.kind == .text else {
      throw VCFError.genesBadLine(path: path, line: 1, reason: "this is a VCF/BCF; --genes expects a BED (6+ columns) or GTF file")
    }
    var format: Format?
    var intervals: [Int: [(start: Int, end: Int, plus: Bool)]] = [:]
    var contigIndex: [String: Int] = [:]  // -1: not in the FASTA
    var unmatched = Set<String>()
    var genes = 0, unstranded = 0
    while let line = try input.nextLine() {
      let text = String(decoding: line, as: UTF8.self)
      if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("track") || text.hasPrefix("browser") { continue }
      let lineNumber = input.recordNumber
      var fields = text.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count < 6 { fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
      if format == nil {
        format = fields.count >= 9 && Int(fields[1]) == nil && Int(fields[3]) != nil ? .gtf : .bed
      }
      func bad(_ reason: String) -> VCFError { .genesBadLine(path: path, line: lineNumber, reason: reason) }
      let contig: Substring, start: Int, end: Int, strand: Substring
      if format == .gtf {
        guard fields.count >= 9 else { throw bad("expected 9 tab-separated GTF columns, found \(fields.count)") }
        guard fields[2] == "gene" else { continue }
        guard let s = Int(fields[3]), let e = Int(fields[4]), s >= 1, e >= s else {
          throw bad("start '\(fields[3])' and end '\(fields[4])' must be whole numbers with 1 <= start <= end (GTF is 1-based, inclusive)")
        }
        (contig, start, end, strand) = (fields[0], s - 1, e, fields[6])
      } else {
        guard fields.count >= 6 else {
          throw bad("expected 6 or more BED columns (chrom, start, end, name, score, strand), found \(fields.count)")
        }
        guard let s = Int(fields[1]), let e = Int(fields[2]), s >= 0, e >= s else {
          throw bad("start '\(fields[1])' and end '\(fields[2])' must be whole numbers with 0 <= start <= end (BED is 0-based, half-open)")
        }
        (contig, start, end, strand) = (fields[0], s, e, fields[5])
      }
      guard strand == "+" || strand == "-" else {
        if strand == "." { unstranded += 1; continue }
        throw bad("strand '\(strand)' must be +, - or .")
      }
      guard end > start else { continue }
      let name = String(contig)
      var index = contigIndex[name] ?? -2
      if index == -2 { index = matcher.referenceIndex(of: name) ?? -1; contigIndex[name] = index }
      guard index >= 0 else { unmatched.insert(name); continue }
      intervals[index, default: []].append((start, end, strand == "+"))
      genes += 1
    }
    if genes == 0 && !unmatched.isEmpty {
      throw VCFError.genesNoCommonContigs(path: path, geneContigs: unmatched.sorted(), referenceContigs: matcher.referenceContigs)
    }
    return GeneAnnotation(path: path, format: format ?? .bed, genes: genes, unstranded: unstranded,
                          unmatchedContigs: unmatched.sorted(), tracks: intervals.mapValues(StrandTrack.init))
  }
}

/// One contig's partition into segments of constant `GeneStrandState`: segment i covers
/// `starts[i] ..< starts[i + 1]` (the last one runs to the contig end); `starts[0] == 0`.
struct StrandTrack: Sendable {
  let starts: [Int]
  let states: [GeneStrandState]

  /// Sweeps the interval ends (SPMG's `save_tsb_192` rule: plus and minus coverage counted separately).
  init(intervals: [(start: Int, end: Int, plus: Bool)]) {
    var events: [(position: Int, plus: Int, minus: Int)] = []
    events.reserveCapacity(2 * intervals.count)
    for i in intervals {
      events.append((i.start, i.plus ? 1 : 0, i.plus ? 0 : 1))
      events.append((i.end, i.plus ? -1 : 0, i.plus ? 0 : -1))
    }
    events.sort { $0.position < $1.position }
    var starts = [0], states = [GeneStrandState.none]
    var plus = 0, minus = 0, k = 0
    while k < events.count {
      let p = events[k].position
      while k < events.count, events[k].position == p { plus += events[k].plus; minus += events[k].minus; k += 1 }
      let state: GeneStrandState = plus > 0 ? (minus > 0 ? .both : .untranscribed) : (minus > 0 ? .transcribed : .none)
      if state == states.last! { continue }
      if starts.last! == p { states[states.count - 1] = state } else { starts.append(p); states.append(state) }
    }
    self.starts = starts
    self.states = states
  }

  /// The state at `position`; `cursor` (a segment index, start at 0) makes ascending look-ups O(1) amortised.
  @inline(__always)
  func state(at position: Int, cursor: inout Int) -> GeneStrandState {
    if cursor >= starts.count || starts[cursor] > position {
      // Went backwards (next sample): binary search for the last start <= position.
      var lo = 0, hi = starts.count
      while hi - lo > 1 { let mid = (lo + hi) / 2; if starts[mid] <= position { lo = mid } else { hi = mid } }
      cursor = lo
    }
    while cursor + 1 < starts.count, starts[cursor + 1] <= position { cursor += 1 }
    return states[cursor]
  }
}
