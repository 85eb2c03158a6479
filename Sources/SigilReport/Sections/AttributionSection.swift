/// The sections of an attribute report: how well the per-mutation probabilities match a known
/// truth (`sigil attribute --truth`): the reliability diagram from reliability.tsv and the
/// precision and recall per signature from attribution_accuracy.tsv. Without a truth there is
/// nothing to score, and the page says how to get one.
enum AttributionSection {
  static func add(to report: inout ReportAssembly, context: inout SectionContext) {
    if context.folder.file("attribution.tsv") == nil { report.warn("attribution.tsv is missing") }
    let reliability = context.table("reliability.tsv", into: &report)
    let accuracy = context.table("attribution_accuracy.tsv", into: &report)
    guard reliability != nil || accuracy != nil else {
      report.section("attribution", "Attribution",
                     HTMLPage.note("attribution.tsv has one row per mutation with each signature's probability. "
                                   + "With a known truth (sigil attribute --truth truth_mutations.tsv, from sigil simulate --vcf) "
                                   + "this page shows how well calibrated the probabilities are."))
      return
    }
    var body = ""
    if let accuracy, let all = accuracy.rows.last, all.first == "all", all.count >= 8 {
      report.summary.append((all[1], "mutations scored"))
      report.summary.append((SVGNumber.cell(Double(all[4]) ?? .nan, digits: 3), "most likely = true"))
      report.summary.append((SVGNumber.cell(Double(all[6]) ?? .nan, digits: 3), "calibration error (ECE)"))
    }
    if let reliability, let p = reliability.header.firstIndex(of: "mean_probability"),
       let o = reliability.header.firstIndex(of: "observed_fraction"), let n = reliability.header.firstIndex(of: "pairs") {
      let bins = reliability.rows.compactMap { row -> (predicted: Double, observed: Double, pairs: Int)? in
        guard let pv = Double(row[p]), let ov = Double(row[o]), let nv = Int(row[n]) else { return nil }
        return (pv, ov, nv)
      }
      let figure = report.figure("reliability", ReliabilityPlot(bins: bins, source: "reliability.tsv").canvas())
      body += HTMLPage.figure(figure, caption: "Each point is a bin of (mutation, signature) probabilities; on the dashed "
                              + "diagonal the probabilities mean what they say (a bin at 0.7 is right 70% of the time). "
                              + "Above it they are too cautious, below it too confident.")
    }
    if let accuracy {
      body += HTMLPage.table(header: accuracy.header, rows: accuracy.rows)
    }
    report.section("attribution", "Attribution against the truth", body)
  }
}
