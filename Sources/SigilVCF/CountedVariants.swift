import Foundation
import SigilCore

/// One variant exactly as `sigil count` counted it: an SBS96, DBS78 or ID83 event of one sample,
/// located as its input file names it. `sigil attribute` gives each of these its signature
/// probabilities; the catalogs of the same run are the sums of these events.
public struct CountedVariant: Sendable, Equatable {
  /// The sample the event counted for.
  public let sample: String
  /// The contig as the input names it (e.g. `chr1` even when the FASTA says `1`).
  public let contig: String
  /// 1-based position: of the SNV, of the first base of the DBS, or the indel record's POS.
  public let position: Int
  /// REF on the forward strand: one base (SBS), two (DBS), or the record's REF (indel; `-` if empty).
  public let ref: String
  /// ALT on the forward strand, as `ref`.
  public let alt: String
  /// `.sbs96`, `.dbs78` or `.id83`.
  public let mutationClass: MutationClass
  /// Row of the event's channel in the class's canonical order.
  public let channel: Int

  /// The channel label, e.g. `A[C>A]G`.
  public var channelLabel: String { mutationClass.channels[channel] }
}

/// One counted event inside SigilVCF: sample index of its file, FASTA contig index, 0-based position.
struct CountedEvent {
  let sample: Int
  let contig: Int
  let position: Int
  let ref: [UInt8]
  let alt: [UInt8]
  let mutationClass: MutationClass
  let row: Int
}

/// Collects the counted events of one input file (`SampleCounter.observer`); one per file, one thread.
final class CountedEventObserver {
  private var events: [CountedEvent] = []
  /// FASTA contig index -> the input's name for it (first name seen).
  private var contigNames: [Int: String] = [:]

  /// Notes the input's name of a FASTA contig.
  func noteContig(_ index: Int, inputName: String) {
    if contigNames[index] == nil { contigNames[index] = inputName }
  }

  func counted(_ event: CountedEvent) { events.append(event) }

  /// The events as `CountedVariant`s, ordered by sample (file order), contig (FASTA order), position, class, channel, alleles.
  func variants(sampleNames: [String]) -> [CountedVariant] {
    let sorted = events.sorted {
      if ($0.sample, $0.contig, $0.position, $0.mutationClass.channelCount, $0.row)
        != ($1.sample, $1.contig, $1.position, $1.mutationClass.channelCount, $1.row) {
        return ($0.sample, $0.contig, $0.position, $0.mutationClass.channelCount, $0.row)
          < ($1.sample, $1.contig, $1.position, $1.mutationClass.channelCount, $1.row)
      }
      // Two indels of one channel at one position: by their alleles, so the order never depends on the input's.
      return $0.alt != $1.alt ? $0.alt.lexicographicallyPrecedes($1.alt) : $0.ref.lexicographicallyPrecedes($1.ref)
    }
    return sorted.map { e in
      func text(_ bytes: [UInt8]) -> String { bytes.isEmpty ? "-" : String(decoding: bytes, as: UTF8.self) }
      return CountedVariant(sample: sampleNames[e.sample], contig: contigNames[e.contig] ?? String(e.contig), position: e.position + 1,
                            ref: text(e.ref), alt: text(e.alt), mutationClass: e.mutationClass, channel: e.row)
    }
  }
}
