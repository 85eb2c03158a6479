import SigilCore
import SigilConsensus

/// The consensus-matrix heatmap of the selected rank, from `consensus_k<K>.tsv`.
///
/// Samples are ordered by the leaves of the average-linkage tree on 1 − consensus, the clustering
/// whose cophenetic correlation `rank_selection.tsv` reports (`AverageLinkage`, the same code
/// extract uses); the order is all the report takes from it. Above `maxSamples` samples the
/// figure would be megabytes of cells, so a note points at the file instead.
enum ConsensusSection {
  /// Samples above which the heatmap is not drawn (150² cells ≈ 1.5 MB of SVG).
  static let maxSamples = 150

  static func add(rank: Int, to report: inout ReportAssembly, context: SectionContext) {
    let name = "consensus_k\(rank).tsv"
    guard let table = context.table(name, into: &report) else { return }
    let samples = Array(table.header.dropFirst())
    let n = samples.count
    guard n > 0, table.rows.count == n, table.rows.map({ $0[0] }) == samples else {
      report.warn("\(table.path): expected a square matrix with the same sample names on both axes; consensus heatmap not shown")
      return
    }
    var values = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n {
        guard let v = TextTable.number(table.rows[i][j + 1]) else {
          report.warn("\(table.path): row \(i + 1), column \(j + 2) is not a number; consensus heatmap not shown")
          return
        }
        values[i, j] = v
      }
    }
    var body = HTMLPage.note("How often two samples fell in the same cluster across the restarts at k = \(rank) "
      + "(\(name)), ordered by the average-linkage clustering of 1 − consensus. Clean dark blocks on the diagonal "
      + "mean the restarts agree on the grouping.")
    if n > maxSamples {
      body += HTMLPage.note("\(n) samples: more than \(maxSamples), so the heatmap is not drawn; \(name) has the matrix.")
    } else {
      var distances = Matrix(rows: n, columns: n)
      for i in 0..<n { for j in 0..<n { distances[i, j] = i == j ? 0 : 1 - values[i, j] } }
      let linkage = AverageLinkage(distances: distances)
      let order = linkage.merges.last.map { $0.left + $0.right } ?? Array(0..<n)
      let plot = ConsensusHeatmapPlot(samples: order.map { samples[$0] },
                                      values: order.map { i in order.map { j in values[i, j] } }, rank: rank)
      let figure = report.figure("consensus_k\(rank)", plot.canvas())
      body += HTMLPage.figure(figure, caption: "Consensus matrix at the selected rank, samples in clustering order.")
    }
    report.section("consensus", "Consensus matrix", body)
  }
}
