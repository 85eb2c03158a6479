import Foundation

/// The target regions of a panel or exome (`sigil count --regions targets.bed`): per reference
/// contig, sorted and merged half-open intervals, 0-based as BED.
///
/// A record is inside the targets when its POS (its first base) lies in an interval, as
/// `bcftools view -T` decides by default; its SNVs, doublets and indels are then counted whatever
/// their span. The same intervals give the sequence opportunity (`RegionOpportunity`): every
/// position inside is one possible mutation site. Overlapping and adjacent BED lines are merged,
/// so a base listed twice counts once. Lines on contigs the FASTA lacks are ignored and reported
/// (`unmatchedContigs`), as `--genes` does. The BED is read through htslib (`HTSInput`, so plain,
/// gzip and bgzip files all work) and parsed strictly here (Decision 0012).
///
/// ```swift
/// let regions = try TargetRegions.read(path: "panel.bed", matcher: ContigMatcher(referenceContigs: ["chr1"]))
/// regions.contains(contig: 0, position: 1_234_566)   // 0-based
/// ```
public struct TargetRegions: Sendable, Equatable {
  /// The BED path as given.
  public let path: String
  /// BED lines read (intervals before merging, lines on unknown contigs excluded).
  public let lines: Int
  /// Contig names of BED lines that match no FASTA contig, sorted.
  public let unmatchedContigs: [String]
  /// Merged intervals per FASTA contig index, sorted by start; starts and ends 0-based, half-open.
  public let intervals: [Int: [Range<Int>]]

  /// Creates the regions from intervals per FASTA contig (merged and sorted here).
  public init(path: String, intervals: [Int: [Range<Int>]], lines: Int, unmatchedContigs: [String] = []) {
    self.path = path
    self.lines = lines
    self.unmatchedContigs = unmatchedContigs
    self.intervals = intervals.mapValues(Self.merged).filter { !$0.value.isEmpty }
  }

  /// Bases covered (after merging).
  public var bases: Int { intervals.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }

  /// Number of merged intervals.
  public var intervalCount: Int { intervals.values.reduce(0) { $0 + $1.count } }

  /// Whether 0-based `position` of FASTA contig `contig` lies inside a region (binary search).
  public func contains(contig: Int, position: Int) -> Bool {
    guard let list = intervals[contig] else { return false }
    var lo = 0, hi = list.count  // first interval whose end > position
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid].upperBound <= position { lo = mid + 1 } else { hi = mid }
    }
    return lo < list.count && list[lo].lowerBound <= position
  }

  /// Sorted, overlapping and adjacent intervals joined.
  static func merged(_ list: [Range<Int>]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    for r in list.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) where !r.isEmpty {
      if let last = out.last, r.lowerBound <= last.upperBound {
        out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    return out
  }

  /// Reads a BED file: tab- (or space-) separated `chrom start end [anything...]`, 0-based half-open;
  /// `#`, `track` and `browser` lines and blank lines are skipped.
  /// - Parameters:
  ///   - path: BED, plain, gzip or bgzip.
  ///   - matcher: The reference FASTA's contigs (`chr` prefixes and `MT`/`chrM` matched as for VCFs).
  /// - Throws: `VCFError.cannotOpen`, `.regionsBadLine` (file:line, what was expected) for fewer than 3
  ///   columns, a start or end that is not a whole number, start < 0, end <= start, or an end past
  ///   the contig's length; `.regionsNoCommonContigs` when no line is on a FASTA contig;
  ///   `.regionsEmpty` for a file without any region line.
  /// - Complexity: O(lines · log lines).
  public static func read(path: String, matcher: ContigMatcher, contigLengths: [Int]? = nil) throws -> TargetRegions {
    let input = try HTSInput(path: path)
    guard input.kind == .text else {
      throw VCFError.regionsBadLine(path: path, line: 1, reason: "this is a VCF/BCF; --regions expects a BED file (chrom, start, end)")
    }
    var intervals: [Int: [Range<Int>]] = [:]
    var contigIndex: [String: Int] = [:]  // -1: not in the FASTA
    var unmatched = Set<String>()
    var lines = 0, regionLines = 0
    while let line = try input.nextLine() {
      let text = String(decoding: line, as: UTF8.self)
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || text.hasPrefix("#") || text.hasPrefix("track") || text.hasPrefix("browser") { continue }
      let lineNumber = input.recordNumber
      func bad(_ reason: String) -> VCFError { .regionsBadLine(path: path, line: lineNumber, reason: reason) }
      var fields = text.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count < 3 { fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
      guard fields.count >= 3 else { throw bad("expected 3 or more BED columns (chrom, start, end), found \(fields.count)") }
      guard let start = Self.wholeNumber(fields[1]), let end = Self.wholeNumber(fields[2]) else {
        throw bad("start '\(fields[1])' and end '\(fields[2])' must be whole numbers (BED is 0-based, half-open)")
      }
      guard end > start else { throw bad("end \(end) must be greater than start \(start) (BED is 0-based, half-open)") }
      regionLines += 1
      let name = String(fields[0])
      var index = contigIndex[name] ?? -2
      if index == -2 { index = matcher.referenceIndex(of: name) ?? -1; contigIndex[name] = index }
      guard index >= 0 else { unmatched.insert(name); continue }
      if let lengths = contigLengths, end > lengths[index] {
        throw bad("end \(end) is past the end of \(matcher.referenceContigs[index]) (\(lengths[index]) bp in the FASTA); "
                  + "are the BED and FASTA the same genome build?")
      }
      intervals[index, default: []].append(start..<end)
      lines += 1
    }
    guard regionLines > 0 else { throw VCFError.regionsEmpty(path: path) }
    if lines == 0 {
      throw VCFError.regionsNoCommonContigs(path: path, regionContigs: unmatched.sorted(), referenceContigs: matcher.referenceContigs)
    }
    return TargetRegions(path: path, intervals: intervals, lines: lines, unmatchedContigs: unmatched.sorted())
  }

  /// A non-negative whole number written with digits only (no sign, no `1e6`, no `1,000`).
  static func wholeNumber(_ s: Substring) -> Int? {
    guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return Int(s)
  }
}
