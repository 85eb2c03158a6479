import Foundation
import SigilCore

/// The text of extraction's output tables (TSV, `\n` line ends, shortest round-trip numbers,
/// `NA` for an undefined statistic). Documented in Docs/Methods-extract.md.
public enum ExtractionOutput {
  /// `NA` or the shortest round-trip number.
  static func cell(_ x: Double?) -> String { x.map(NumberFormatting.format) ?? "NA" }

  /// `rank_selection.tsv`: one row per rank, every statistic and `selected`.
  public static func rankSelection(_ stats: [RankStatistics]) -> String {
    var out = ["rank", "restarts", "kept_restarts", "consensus_restarts", "converged_restarts", "best_objective", "cophenetic", "dispersion",
               "mean_stability", "min_stability", "signature_stabilities", "kl", "relative_frobenius",
               "mean_cosine", "min_cosine", "cv_deviance", "cv_standard_error", "cv_fold_deviances", "cv_nb_size", "overdispersion", "selected"].joined(separator: "\t") + "\n"
    for s in stats {
      let row: [String] = [
        String(s.rank), String(s.restarts), String(s.keptRestarts), String(s.consensusRestarts), String(s.convergedRestarts),
        cell(s.bestObjective), cell(s.cophenetic), cell(s.dispersion), cell(s.meanStability), cell(s.minimumStability),
        s.signatureStabilities.map { $0.map(NumberFormatting.format).joined(separator: ",") } ?? "NA",
        cell(s.kullbackLeibler), cell(s.relativeFrobenius), cell(s.meanCosine), cell(s.minimumCosine),
        cell(s.crossValidationDeviance), cell(s.crossValidationStandardError),
        s.crossValidationFoldDeviances.map { $0.map(NumberFormatting.format).joined(separator: ",") } ?? "NA",
        cell(s.crossValidationSize), cell(s.overdispersion), s.selected ? "yes" : "no",
      ]
      out += row.joined(separator: "\t") + "\n"
    }
    return out
  }

  /// `reference_match.tsv`: one row per consensus signature; `shares_with` names other extracted
  /// signatures whose reference match is part of this one's decomposition (`ReferenceMatching.sharedComponents`).
  public static func referenceMatch(_ matches: [ReferenceMatch], stabilities: [Double]?) -> String {
    var out = "Signature\tstability\tbest_match\tbest_cosine\tdecomposition\tdecomposition_cosine\tnovel\tshares_with\n"
    let shared = ReferenceMatching.sharedComponents(matches)
    for (i, m) in matches.enumerated() {
      let shares = shared[i].isEmpty ? "none" : shared[i].map { "\($0.signature):\(NumberFormatting.format($0.weight))" }.joined(separator: ";")
      out += [m.name, cell(stabilities?[i]), m.bestMatch, cell(m.bestCosine), m.decompositionText,
              cell(m.decompositionCosine), m.isNovel ? "yes" : "no", shares].joined(separator: "\t") + "\n"
    }
    return out
  }

  /// `consensus_k<K>.tsv`: the consensus matrix with sample names on both axes.
  public static func consensus(_ c: Matrix, sampleNames: [String]) -> String {
    TableText.render(corner: "Sample", columnNames: sampleNames, rowLabels: sampleNames, values: c)
  }

  /// `reconstruction.tsv`: per sample, total count and cosine with its reconstruction.
  public static func reconstruction(sampleNames: [String], totals: [Double], cosines: [Double]) -> String {
    var out = "Sample\ttotal\tcosine\n"
    for i in sampleNames.indices {
      out += "\(sampleNames[i])\t\(NumberFormatting.format(totals[i]))\t\(NumberFormatting.format(cosines[i]))\n"
    }
    return out
  }
}

/// Writes an extraction's output folder (every file atomically).
public enum ExtractionWriter {
  /// Writes the chosen rank's files, `rank_selection.tsv`, and with `allRanks` every rank's files.
  /// - Throws: `TableFormatError.cannotWrite`.
  public static func write(_ result: ExtractionResult, catalog: MutationCatalog, to directory: String, allRanks: Bool) throws {
    try AtomicFile.makeDirectory(directory)
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    try AtomicFile.write(ExtractionOutput.rankSelection(result.statistics), to: path("rank_selection.tsv"))
    let chosen = result.decision.rank
    try writeRank(chosen, result, catalog, suffix: "", path)
    if allRanks {
      for s in result.statistics { try writeRank(s.rank, result, catalog, suffix: "_k\(s.rank)", path) }
    }
  }

  private static func writeRank(_ k: Int, _ result: ExtractionResult, _ catalog: MutationCatalog, suffix: String,
                                _ path: (String) -> String) throws {
    guard let solution = result.solutions[k] else { return }
    let names = Extraction.signatureNames(catalog.mutationClass, count: k)
    try SignatureSet(mutationClass: catalog.mutationClass, names: names, matrix: solution.signatures).write(to: path("signatures\(suffix).tsv"))
    try ExposureTable(sampleNames: catalog.sampleNames, signatureNames: names, h: solution.exposures).write(to: path("exposures\(suffix).tsv"))
    try AtomicFile.write(ExtractionOutput.reconstruction(sampleNames: catalog.sampleNames, totals: catalog.totals, cosines: solution.sampleCosines),
                         to: path("reconstruction\(suffix).tsv"))
    if let matches = result.matches[k] {
      try AtomicFile.write(ExtractionOutput.referenceMatch(matches, stabilities: solution.statistics.signatureStabilities),
                           to: path("reference_match\(suffix).tsv"))
    }
    // consensus_k<K>.tsv already carries the rank in its name: the same file for both calls.
    let consensusNames = solution.consensusSamples.isEmpty ? catalog.sampleNames : solution.consensusSamples.map { catalog.sampleNames[$0] }
    try AtomicFile.write(ExtractionOutput.consensus(solution.consensus, sampleNames: consensusNames), to: path("consensus_k\(k).tsv"))
  }
}
