import SigilCore
import SigilVCF

/// Every counted variant with its signature probabilities: the content of attribution.tsv.
public struct AttributionResult: Sendable {
  /// One attributed variant.
  public struct Row: Sendable {
    /// The variant as counted.
    public let variant: CountedVariant
    /// Probability per column of `columns` (0 for a signature of another class), nil when undefined.
    public let probabilities: [Double]?
    /// Index into `columns` of the most likely signature (first of equals), nil when undefined.
    public let best: Int?
    /// Bounds of the best signature's probability from the fit's bootstrap intervals, when the fit has them.
    public let bounds: (lower: Double, upper: Double)?
  }

  /// The counting run (catalogs, per-file variants).
  public let counted: CountResult
  /// Samples in catalog order.
  public let sampleNames: [String]
  /// Signature columns: for each model in order, its signatures with a non-zero exposure in some attributed sample.
  public let columns: [String]
  /// Attributed variants (classes with a model), in input file, sample, contig and position order.
  public let rows: [Row]
  /// Variants of classes without a model, per class.
  public let unattributedCounts: [(MutationClass, Int)]
  /// Whether any model has bootstrap intervals (then attribution.tsv has the bound columns).
  public let hasBounds: Bool

  private let rowOfVariant: [Key: Int]
  private struct Key: Hashable { let sample: String, contig: String, position: Int, ref: String, alt: String }

  init(counted: CountResult, models: [AttributionModel], sampleNames: [String]) {
    self.counted = counted
    self.sampleNames = sampleNames
    var columns: [String] = []
    var columnOf: [(model: Int, signature: Int, column: Int)] = []
    for (m, model) in models.enumerated() {
      let rows = sampleNames.compactMap(model.sample(named:))
      for s in 0..<model.signatures.count where rows.contains(where: { model.exposures[$0, s] > 0 }) {
        columnOf.append((m, s, columns.count))
        columns.append(model.signatures.names[s])
      }
    }
    self.columns = columns
    hasBounds = models.contains { $0.intervals != nil }
    let modelOfClass = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1.mutationClass, $0) })
    var rows: [Row] = []
    var skipped: [MutationClass: Int] = [:]
    var index: [Key: Int] = [:]
    for file in counted.files {
      for v in file.variants {
        guard let m = modelOfClass[v.mutationClass] else { skipped[v.mutationClass, default: 0] += 1; continue }
        let model = models[m]
        let sample = model.sample(named: v.sample)!
        guard let p = model.probabilities(channel: v.channel, sample: sample) else {
          rows.append(Row(variant: v, probabilities: nil, best: nil, bounds: nil))
          continue
        }
        var full = [Double](repeating: 0, count: columns.count)
        var best: (column: Int, signature: Int)? = nil
        for c in columnOf where c.model == m {
          full[c.column] = p[c.signature]
          if best == nil || p[c.signature] > full[best!.column] { best = (c.column, c.signature) }
        }
        // Signatures with zero exposure in every sample have probability 0 and no column.
        let bounds = best.flatMap { b in
          model.probabilityBounds(signature: b.signature, channel: v.channel, sample: sample).map {
            (lower: min($0.lower, full[b.column]), upper: max($0.upper, full[b.column]))
          }
        }
        index[Key(sample: v.sample, contig: v.contig, position: v.position, ref: v.ref, alt: v.alt)] = rows.count
        rows.append(Row(variant: v, probabilities: full, best: best?.column, bounds: bounds))
      }
    }
    self.rows = rows
    rowOfVariant = index
    unattributedCounts = MutationClass.allCases.compactMap { c in skipped[c].map { (c, $0) } }
  }

  /// Variants whose channel no exposed signature can produce.
  public var undefinedCount: Int { rows.filter { $0.best == nil }.count }

  /// The most likely signature of a counted variant and its probability, or nil (not attributed / undefined).
  public func mostLikely(_ v: CountedVariant) -> (signature: String, probability: Double)? {
    guard let r = rowOfVariant[Key(sample: v.sample, contig: v.contig, position: v.position, ref: v.ref, alt: v.alt)],
          let best = rows[r].best, let p = rows[r].probabilities else { return nil }
    return (columns[best], p[best])
  }

  /// attribution.tsv: `sample chrom pos ref alt class channel signature probability [probability_lower probability_upper]`
  /// then one column per signature; `NA` where undefined.
  public func tsv() -> String {
    let f = NumberFormatting.format
    var head = ["sample", "chrom", "pos", "ref", "alt", "class", "channel", "signature", "probability"]
    if hasBounds { head += ["probability_lower", "probability_upper"] }
    var out = (head + columns).joined(separator: "\t") + "\n"
    out.reserveCapacity(rows.count * (60 + 12 * columns.count))
    for row in rows {
      let v = row.variant
      var fields = [v.sample, v.contig, String(v.position), v.ref, v.alt, v.mutationClass.rawValue, v.channelLabel]
      if let best = row.best, let p = row.probabilities {
        fields += [columns[best], f(p[best])]
        if hasBounds { fields += row.bounds.map { [f($0.lower), f($0.upper)] } ?? ["NA", "NA"] }
        fields += p.map(f)
      } else {
        fields += ["NA", "NA"] + (hasBounds ? ["NA", "NA"] : []) + Array(repeating: "NA", count: columns.count)
      }
      out += fields.joined(separator: "\t") + "\n"
    }
    return out
  }
}
