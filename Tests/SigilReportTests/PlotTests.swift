import Foundation
import Testing
import SigilCore
@testable import SigilReport
import SigilTestSupport

/// Every figure kind: well-formed XML (Foundation XMLParser), byte-identical on repeat, and the
/// elements that carry the meaning (bar count, colours, order, marks) are where they should be.
@Suite("SVG figures") struct PlotTests {
  static func sbsProfile() -> [Double] { (0..<96).map { Double($0 % 7) + ($0 == 40 ? 50 : 0) } }

  static func allFigures() -> [(String, SVGCanvas)] {
    let sbs = sbsProfile()
    let dbs = (0..<78).map { Double($0 % 4) }
    return [
      ("sbs96", ProfilePlot(mutationClass: .sbs96, values: sbs, title: "Sig<A>&\"B\"", subtitle: "best match SBS1 (cosine 0.987)").canvas()),
      ("sbs96-counts", ProfilePlot(mutationClass: .sbs96, values: sbs, title: "T1", isCounts: true).canvas()),
      ("sbs96-empty", ProfilePlot(mutationClass: .sbs96, values: Array(repeating: 0, count: 96), title: "T2", isCounts: true).canvas()),
      ("dbs78", ProfilePlot(mutationClass: .dbs78, values: dbs, title: "T1", isCounts: true).canvas()),
      ("id83", ProfilePlot(mutationClass: .id83, values: (0..<83).map { Double($0 % 5) }, title: "ID").canvas()),
      ("id83-mirrored", MirroredProfilePlot(mutationClass: .id83, upper: (0..<83).map { Double($0 % 5) }, upperName: "ID83A",
                                            lower: (0..<83).map { Double($0 % 3) }, lowerName: "ID2", cosine: "0.9").canvas()),
      ("id83-residual", ResidualProfilePlot(mutationClass: .id83, values: (0..<83).map { Double($0 % 5) - 2 }, title: "T1").canvas()),
      ("residual-zero", ResidualProfilePlot(mutationClass: .sbs96, values: Array(repeating: 0, count: 96), title: "T1").canvas()),
      ("cosines", CosineStripPlot(samples: ["a", "b", "c"], cosines: [0.95, nil, 0.5], threshold: 0.9, source: "x.tsv").canvas()),
      ("cosines-wide", CosineStripPlot(samples: (1...500).map { "S\($0)" }, cosines: (1...500).map { 0.8 + Double($0 % 20) / 100 },
                                       threshold: 0.9, source: "x.tsv").canvas()),
      ("cosines-empty", CosineStripPlot(samples: [], cosines: [], threshold: 0.9, source: "x.tsv").canvas()),
      ("mirrored", MirroredProfilePlot(mutationClass: .sbs96, upper: sbs, upperName: "SigA", lower: sbs.reversed(),
                                       lowerName: "RefX", cosine: "0.988").canvas()),
      ("rank", RankSelectionPlot(ranks: [1, 2, 3, 4], statistics: [("cophenetic", [nil, 0.99, 0.91, 0.84]),
                                                                    ("cv_deviance", [5200, 3100, 3300, 3550])], selected: 2).canvas()),
      ("rank-empty", RankSelectionPlot(ranks: [2], statistics: [RankSelectionPlot.Statistic](), selected: nil).canvas()),
      ("exposures", ExposurePlot(samples: ["T1", "T2"], signatures: ["A", "B"], values: [[600, 400], [0, 0]], scale: .absolute).canvas()),
      ("exposures-relative", ExposurePlot(samples: ["T1", "T2"], signatures: ["A", "B"], values: [[600, 400], [50, 1450]], scale: .relative).canvas()),
      ("exposures-wide", ExposurePlot(samples: (1...400).map { "S\($0)" }, signatures: ["A"], values: (1...400).map { [Double($0)] }, scale: .absolute).canvas()),
      ("intervals", ExposureIntervalPlot(rows: [.init(sample: "T1", signature: "A", exposure: 10, lower: 5, upper: 15, selectedFraction: 0.4)]).canvas()),
    ]
  }

  @Test("every figure is well-formed XML, standalone and inline, and deterministic")
  func wellFormedAndDeterministic() {
    for (name, canvas) in Self.allFigures() {
      let standalone = canvas.render(standalone: true)
      #expect(ReportTestSupport.xmlError(standalone) == nil, "\(name): \(ReportTestSupport.xmlError(standalone) ?? "")")
      #expect(ReportTestSupport.xmlError(canvas.render(standalone: false)) == nil, "\(name) inline")
      #expect(standalone.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
      #expect(!canvas.render(standalone: false).contains("http"), "\(name): inline SVG must hold no URL")
      let again = Self.allFigures().first { $0.0 == name }!.1.render(standalone: true)
      #expect(again == standalone, "\(name) differs between two renderings")
      #expect(!standalone.contains("e-0") && !standalone.contains("nan") && !standalone.contains("inf"), "\(name): exponent or non-finite number")
    }
  }

  @Test("SBS96 profile: 96 bars in COSMIC plot order, 16 per class colour, percent axis")
  func sbs96Profile() {
    let svg = ProfilePlot(mutationClass: .sbs96, values: Self.sbsProfile(), title: "S").canvas().render(standalone: true)
    let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("<title>") }
    #expect(bars.count == 96)
    for color in Palette.sbsClasses {
      #expect(bars.filter { $0.contains("fill=\"\(color)\"") }.count == 16, "class colour \(color)")
    }
    // Plot order is class-major (C>A block first), unlike the file order (5' base first).
    #expect(bars[0].contains("<title>A[C&gt;A]A:"))
    #expect(bars[1].contains("A[C&gt;A]C:"))
    #expect(bars[4].contains("C[C&gt;A]A:"))
    #expect(bars[16].contains("A[C&gt;G]A:"))
    #expect(bars[95].contains("T[T&gt;G]T:"))
    // Row 40 of the file order: 5' base C (rows 24-47), class (40-24)/4 = 4 -> T>C, 3' base A: C[T>C]A.
    #expect(bars.contains { $0.contains("C[T&gt;C]A: ") && $0.contains("fill=\"#A1CE63\"") })
    for label in ["C&gt;A", "C&gt;G", "C&gt;T", "T&gt;A", "T&gt;C", "T&gt;G"] { #expect(svg.contains(">\(label)</text>")) }
    #expect(svg.contains(">0%</text>"))
    #expect(svg.contains(">ACA</text>") && svg.contains(">TTT</text>"))
  }

  @Test("counts add the total to the title; an all-zero catalog says so")
  func counts() {
    let svg = ProfilePlot(mutationClass: .sbs96, values: Array(repeating: 20, count: 96), title: "T1", isCounts: true).canvas().render(standalone: true)
    #expect(svg.contains(">T1 (1,920 mutations)</text>"))
    #expect(svg.contains("(20)</title>"))
    let empty = ProfilePlot(mutationClass: .sbs96, values: Array(repeating: 0, count: 96), title: "T2", isCounts: true).canvas().render(standalone: true)
    #expect(empty.contains(">no mutations</text>"))
  }

  @Test("DBS78 profile: ten reference-dinucleotide blocks, 78 bars")
  func dbs78Profile() {
    let svg = ProfilePlot(mutationClass: .dbs78, values: Array(repeating: 1, count: 78), title: "D").canvas().render(standalone: true)
    let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("<title>") }
    #expect(bars.count == 78)
    for (group, size) in zip(Palette.dbsGroups, [9, 6, 9, 6, 9, 6, 6, 9, 9, 9]) {
      #expect(svg.contains(">\(group)&gt;NN</text>"), "\(group)")
      let color = Palette.dbsColors[Palette.dbsGroups.firstIndex(of: group)!]
      #expect(bars.filter { $0.contains("fill=\"\(color)\"") }.count == size, "\(group) block size")
    }
  }

  @Test("ID83 layout: 83 channels in 16 blocks of 6x12, 1, 2, 3, 5, in canonical order, checked against the alphabet")
  func id83Layout() {
    let layout = ChannelLayout.layout(for: .id83)
    let labels = MutationClass.id83.channels
    #expect(layout.rows == Array(0..<83))
    #expect(layout.channelLabels == labels)
    #expect(layout.groups.map(\.range.count) == Array(repeating: 6, count: 12) + [1, 2, 3, 5])
    #expect(layout.groups.map(\.range.lowerBound) == [0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66, 72, 73, 75, 78])
    #expect(layout.groups.last?.range.upperBound == 83)
    #expect(layout.groups.map(\.label) == ["C", "T", "C", "T", "2", "3", "4", "5+", "2", "3", "4", "5+", "2", "3", "4", "5+"])
    // Each block holds exactly the alphabet's channels of its kind: size, Del/Ins, C/T/R/M.
    let prefixes = ["1:Del:C:", "1:Del:T:", "1:Ins:C:", "1:Ins:T:"] + ["Del:R", "Ins:R", "Del:M"].flatMap { kind in
      (2...5).map { "\($0):\(kind):" } }
    for (group, prefix) in zip(layout.groups, prefixes) {
      #expect(group.range.allSatisfy { labels[$0].hasPrefix(prefix) }, "\(group.name)")
      #expect(labels.filter { $0.hasPrefix(prefix) }.count == group.range.count, "\(group.name)")
    }
    // SigProfilerPlotting colours (RGB integers over 256 in plotID): 1bp Del C (253,190,111), MH 5+ (98,64,155).
    #expect(Palette.idColors.count == 16 && Set(Palette.idColors).count == 16)
    #expect(layout.groups.map(\.color) == Palette.idColors)
    #expect(Palette.idColors[0] == "#FDBE6F" && Palette.idColors[3] == "#36A12E" && Palette.idColors[7] == "#BC191A"
            && Palette.idColors[11] == "#1764AB" && Palette.idColors[15] == "#62409B")
    // Ticks: deletions count n + 1 (1..6+), insertions n (0..5+), microhomology n (1.., 5+).
    #expect(Array(layout.tickLabels[0..<6]) == ["1", "2", "3", "4", "5", "6+"])
    #expect(Array(layout.tickLabels[12..<18]) == ["0", "1", "2", "3", "4", "5+"])
    #expect(Array(layout.tickLabels[24..<30]) == ["1", "2", "3", "4", "5", "6+"])
    #expect(Array(layout.tickLabels[48..<54]) == ["0", "1", "2", "3", "4", "5+"])
    #expect(Array(layout.tickLabels[72..<83]) == ["1", "1", "2", "1", "2", "3", "1", "2", "3", "4", "5+"])
    #expect(layout.headers.map(\.range) == [0..<12, 12..<24, 24..<48, 48..<72, 72..<83])
    #expect(layout.legends.map { $0.lines.joined() } == ["Homopolymer length", "Homopolymer length", "Number of repeat units",
                                                          "Number of repeat units", "Microhomology length"])
  }

  @Test("ID83 profile: 83 bars in 16 colours, captions, horizontal length ticks; golden file")
  func id83Profile() throws {
    let values = (0..<83).map { Double($0 % 5) + ($0 == 10 ? 30 : 0) }
    let svg = ProfilePlot(mutationClass: .id83, values: values, title: "ID83A", subtitle: "best match ID2 (cosine 0.912)")
      .canvas().render(standalone: true)
    let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("<title>") }
    #expect(bars.count == 83)
    for (color, size) in zip(Palette.idColors, Array(repeating: 6, count: 12) + [1, 2, 3, 5]) {
      #expect(bars.filter { $0.contains("fill=\"\(color)\"") }.count == size, "block colour \(color)")
    }
    #expect(bars[10].contains("<title>1:Del:T:4: "))
    for text in ["1bp deletion", "1bp insertion", "&gt;1bp deletion at repeats", "(deletion length)", "Microhomology",
                 "Homopolymer length", "Number of repeat units", "Microhomology length", "6+", "5+"] {
      #expect(svg.contains(">\(text)</text>"), "\(text)")
    }
    #expect(svg.contains("height=\"274\""))
    #expect(!svg.contains(">1:Del:C:0</text>"), "ticks are lengths, not full labels")
    try ReportTestSupport.assertSnapshot(svg, "plots/id83_profile.svg")
    let mirrored = MirroredProfilePlot(mutationClass: .id83, upper: values, upperName: "ID83A", lower: values.reversed(),
                                       lowerName: "ID2", cosine: "0.912").canvas().render(standalone: true)
    try ReportTestSupport.assertSnapshot(mirrored, "plots/id83_mirrored.svg")
  }

  @Test("residual profile: signed bars from zero in class colours, symmetric axis, zero channels skipped")
  func residualProfile() {
    var values = Array(repeating: 0.0, count: 96)
    values[40] = 12; values[0] = -5
    let svg = ResidualProfilePlot(mutationClass: .sbs96, values: values, title: "T2", subtitle: "cosine 0.850").canvas().render(standalone: true)
    let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("<title>") }
    #expect(bars.count == 2)
    #expect(bars.contains { $0.contains("<title>C[T&gt;C]A: 12</title>") && $0.contains("fill=\"#A1CE63\"") })
    #expect(bars.contains { $0.contains("<title>A[C&gt;A]A: -5</title>") && $0.contains("fill=\"#1EBFF0\"") })
    #expect(svg.contains(">-20</text>") && svg.contains(">20</text>"))
  }

  @Test("cosine strip: worst first, red below the line, NA left out, many samples lose their labels")
  func cosineStrip() {
    let plot = CosineStripPlot(samples: ["a", "b", "c", "d"], cosines: [0.95, nil, 0.5, 0.95], threshold: 0.9, source: "fit_stats.tsv")
    #expect(plot.sortedOrder == [2, 0, 3])
    let svg = plot.canvas().render(standalone: true)
    let points = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<circle") }
    #expect(points.count == 3)
    #expect(points[0].contains("fill=\"#D62728\"><title>c: cosine 0.500</title>"))
    #expect(points[1].contains("<title>a: cosine 0.950</title>") && points[2].contains("<title>d: cosine 0.950</title>"))
    #expect(svg.contains(">from fit_stats.tsv, worst to best: 1 of 3 below 0.9</text>"))
    #expect(svg.contains("stroke-dasharray"))
    let wide = CosineStripPlot(samples: (1...500).map { "S\($0)" }, cosines: (1...500).map { _ in 0.99 }, threshold: 0.9, source: "r.tsv")
      .canvas().render(standalone: true)
    #expect(wide.contains(">500 samples, worst to best (hover a point for its name)</text>"))
    #expect(!wide.contains(">S1</text>"))
  }

  @Test("mirrored comparison: upper and lower bars, the cosine as given")
  func mirrored() {
    let svg = MirroredProfilePlot(mutationClass: .sbs96, upper: Self.sbsProfile(), upperName: "SigA",
                                  lower: Array(repeating: 1, count: 96), lowerName: "RefX", cosine: "0.988").canvas().render(standalone: true)
    #expect(svg.contains(">cosine similarity 0.988</text>"))
    #expect(svg.contains(">SigA vs RefX</text>"))
    let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") }
    #expect(bars.filter { $0.contains("<title>SigA ") }.count == 96)
    #expect(bars.filter { $0.contains("<title>RefX ") }.count == 96)
  }

  @Test("rank selection: one panel per statistic, selected k marked, NA leaves a gap")
  func rankSelection() {
    let plot = RankSelectionPlot(ranks: [1, 2, 3, 4], statistics: [("cophenetic", [nil, 0.99, 0.91, 0.84]),
                                                                     ("stability", [1, 0.95, 0.52, 0.31]),
                                                                     ("cv", [5200, 3100, 3300, 3550])], selected: 2)
    let svg = plot.canvas().render(standalone: true)
    for name in ["cophenetic", "stability", "cv"] { #expect(svg.contains("font-weight=\"bold\">\(name)</text>")) }
    #expect(svg.contains("<title>Rank selection: selected k = 2</title>"))
    #expect(svg.components(separatedBy: "stroke-dasharray").count - 1 == 3)          // one marker per panel
    #expect(svg.components(separatedBy: "fill=\"#D62728\"").count - 1 == 3)          // the selected point, per panel
    #expect(svg.components(separatedBy: "<circle").count - 1 == 11)                  // 12 values, one NA
    #expect(svg.contains("<title>k=2 cophenetic 0.99</title>"))
  }

  @Test("stacked exposures: relative bars reach 100%, zero exposures draw nothing, legend present")
  func exposures() {
    let relative = ExposurePlot(samples: ["T1", "T2"], signatures: ["A", "B"], values: [[600, 400], [50, 1450]], scale: .relative)
      .canvas().render(standalone: true)
    #expect(relative.contains(">100%</text>"))
    #expect(relative.contains("<title>T1 A: 600 (60.0%)</title>"))
    #expect(relative.contains("<title>T2 B: 1,450 (96.7%)</title>"))
    let absolute = ExposurePlot(samples: ["T1", "T2"], signatures: ["A", "B"], values: [[600, 0], [50, 1450]], scale: .absolute)
      .canvas().render(standalone: true)
    #expect(!absolute.contains("<title>T1 B:"))
    #expect(absolute.contains(">1500</text>"))      // axis covers the largest total
    #expect(absolute.contains(">A</text>") && absolute.contains(">B</text>"))
    let wide = ExposurePlot(samples: (1...400).map { "S\($0)" }, signatures: ["A"], values: (1...400).map { _ in [1.0] }, scale: .absolute)
      .canvas().render(standalone: true)
    #expect(wide.contains(">400 samples (hover a bar for its name)</text>"))
  }

  @Test("intervals: whisker per row, hollow point below half selection, order follows exposures")
  func intervals() {
    let rows: [ExposureIntervalPlot.Row] = [
      .init(sample: "T1", signature: "B", exposure: 10, lower: 5, upper: 15, selectedFraction: 0.4),
      .init(sample: "T1", signature: "A", exposure: 20, lower: 18, upper: 25, selectedFraction: 1),
    ]
    let svg = ExposureIntervalPlot(rows: rows, signatureOrder: ["A", "B"]).canvas().render(standalone: true)
    #expect(svg.contains("<title>T1 B: 10 [5, 15], selected in 40%</title>"))
    #expect(svg.contains("fill=\"#FFFFFF\" stroke=\"\(Palette.signature(1))\""))   // B hollow, second colour
    #expect(svg.contains("fill=\"\(Palette.signature(0))\" stroke=\"\(Palette.signature(0))\""))
  }

  @Test("text is escaped")
  func escaping() {
    #expect(SVGCanvas.escape("a<b>&\"c\"'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;")
  }
}
