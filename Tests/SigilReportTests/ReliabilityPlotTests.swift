import Testing

@testable import SigilReport

@Suite struct ReliabilityPlotTests {
  @Test func onePointPerNonEmptyBinOnTheDiagonalScale() {
    let svg = ReliabilityPlot(bins: [(0.05, 0.04, 100), (0.5, 0.5, 0), (0.95, 0.9, 400)], source: "reliability.tsv")
      .canvas().render(standalone: true)
    // Two bins with pairs plus the legend's sample point; the empty bin is not drawn.
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    // The bin at (0.95, 0.9): x = 56 + 0.95 * 260 = 303, y = 306 - 0.9 * 260 = 72.
    #expect(svg.contains("cx=\"303\" cy=\"72\""))
    #expect(svg.contains("mean probability 0.950, observed 0.900, 400 pairs"))
  }

  @Test func saysSoWhenThereIsNothingToDraw() {
    let svg = ReliabilityPlot(bins: [], source: "reliability.tsv").canvas().render(standalone: true)
    #expect(svg.contains("no bin to show"))
  }
}
