import SigilConsensus

/// The "Why k = K" block of the extract page: each criterion's pick, the rule's thresholds, the
/// selection sentence from run.json, and cautions for an edge-of-range or contested choice.
enum WhyRank {
  /// The block as HTML; cautions are also added to the page's warnings.
  static func block(criteria: RankCriteria, selected: Int?, parameters: [String: String],
                    report: inout ReportAssembly) -> String {
    let method = parameters["rank-selection"]
    let fixed = parameters["rank"].flatMap(Int.init)
    var out = "<div class=\"why\" id=\"why-k\">\n<h3>Why k = \(selected.map(String.init) ?? "?")</h3>\n"
    if let fixed {
      out += "<p>The rank was fixed with <code>--rank \(fixed)</code>; the criteria below are for reading only.</p>\n"
    } else if let method {
      out += "<p>Rule: <code>--rank-selection \(HTMLPage.escape(method))</code>. " + HTMLPage.escape(ruleText(method)) + "</p>\n"
    }
    if let reason = parameters["selection-reason"] {
      out += "<p>sigil's reason: <q>\(HTMLPage.escape(reason))</q></p>\n"
    }
    var picks: [(String, Int?, String)] = []
    let stability = criteria.stabilityPick
    picks.append(("stability", stability?.rank, stability.map { $0.stable ? "largest stable rank" : "no rank is stable; highest mean stability" } ?? "no stability column"))
    picks.append(("cophenetic", criteria.copheneticPick, criteria.copheneticPick != nil ? "rank before the largest drop of the cophenetic correlation" : "fewer than two ranks with a cophenetic correlation"))
    picks.append(("cv", criteria.cvPick, criteria.cvPick != nil ? "smallest held-out (cross-validation) deviance" : "cross-validation was not run"))
    out += "<ul>\n"
    for (name, pick, what) in picks {
      out += "<li><b>\(name)</b>: " + (pick.map { "k = \($0)" } ?? "no pick") + " (\(HTMLPage.escape(what)))</li>\n"
    }
    out += "</ul>\n"
    out += "<p>Thresholds of the stability rule (SigProfilerExtractor's): a rank is stable when its mean stability "
      + "(silhouette) is ≥ \(num(RankSelection.stableMean)), its minimum per-signature stability ≥ \(num(RankSelection.stableMinimum)) "
      + "and their sum ≥ \(num(RankSelection.stableCombined)); up to the smallest rank within \(num(RankSelection.cvStandardErrors)) paired standard error of the cv pick's "
      + "held-out deviance, <code>auto</code> also counts a rank as stable when all its "
      + "signatures but \(RankSelection.waivedWeakSignatures) reach the minimum. <code>auto</code> takes the smaller of the stability and cv picks, "
      + "or the stability pick alone when the catalog has fewer than \(num(RankSelection.lowCountThreshold)) mutations per entry on average; "
      + "when the overdispersion φ̂ is ≥ \(num(RankSelection.overdispersedThreshold)) at every rank explored, it takes the smallest rank within "
      + "\(num(RankSelection.cvStandardErrors)) paired standard error of the held-out minimum and stability does not veto; "
      + "it does the same when the stability pick is more than \(RankSelection.maximumVetoedRanks) ranks below that rank.</p>\n"
    var cautions: [String] = []
    let explored = criteria.ranks
    if let selected, let top = explored.max(), explored.count > 1, selected == top {
      cautions.append("k = \(selected) is the largest rank explored (\(explored.min()!)..\(top)): a larger rank was not tried; rerun with a wider --ranks to see whether the criteria turn.")
    }
    if let cv = criteria.cvPick, let top = explored.max(), explored.count > 1, cv == top {
      cautions.append("The cross-validation deviance is still falling at the last rank explored (k = \(top)).")
    }
    // Disagreement among the criteria the rule weighs (auto: stability and cv); the cophenetic
    // pick is listed above but on real cohorts often falls at the smallest rank, so it alone
    // does not make a choice contested unless the run chose by it.
    let deciding = method == "cophenetic" ? ["cophenetic", "stability"] : ["stability", "cv"]
    let weighed = picks.filter { deciding.contains($0.0) && $0.1 != nil }
    if Set(weighed.map { $0.1! }).count > 1 {
      cautions.append("The criteria disagree: " + weighed.map { "\($0.0) k = \($0.1!)" }.joined(separator: ", ") + ".")
    }
    if fixed == nil, let selected, let method, let own = picks.first(where: { $0.0 == method })?.1, own != selected {
      cautions.append("rank_selection.tsv marks k = \(selected) but its \(method) statistics point to k = \(own); check the folder's files.")
    }
    for c in cautions {
      out += "<p class=\"caution\">⚠ \(HTMLPage.escape(c))</p>\n"
      report.warn("rank selection: " + c)
    }
    return out + "</div>\n"
  }

  /// One sentence per `--rank-selection` value (the rule documented on `RankSelection`).
  static func ruleText(_ method: String) -> String {
    switch method {
    case "stability": return "The largest stable rank is chosen (the highest mean stability when none is stable)."
    case "cophenetic": return "The rank just before the largest drop of the cophenetic correlation is chosen (Brunet 2004)."
    case "cv": return "The rank with the smallest mean held-out deviance is chosen."
    case "auto": return "The smaller of the stability and cross-validation picks is chosen, one weak signature waived up to the smallest rank within one paired standard error of the held-out minimum (stability alone for sparse catalogs; that smallest rank alone, without the stability veto, when the counts are overdispersed at every rank explored)."
    default: return ""
    }
  }

  /// The deciding criteria on one figure, with the stability thresholds.
  static func plot(criteria: RankCriteria, selected: Int?) -> RankCriteriaPlot {
    var series: [RankCriteriaPlot.Series] = []
    func add(_ name: String, _ values: [Double?]) {
      if values.contains(where: { $0 != nil }) { series.append(.init(name: name, values: values)) }
    }
    add("mean stability", criteria.meanStability)
    add("min stability", criteria.minimumStability)
    add("cophenetic", criteria.cophenetic)
    let present = criteria.deviance.compactMap { $0 }
    if let lo = present.min(), let hi = present.max() {
      // Equal deviances at every rank: no ordering to show, drawn at 0.
      let scaled = criteria.deviance.map { $0.map { hi > lo ? ($0 - lo) / (hi - lo) : 0 } }
      series.append(.init(name: "CV deviance (rescaled)", values: scaled, written: criteria.deviance))
    }
    let thresholds = [("mean stability ≥ \(num(RankSelection.stableMean))", RankSelection.stableMean),
                      ("min stability ≥ \(num(RankSelection.stableMinimum))", RankSelection.stableMinimum)]
    return RankCriteriaPlot(ranks: criteria.ranks, series: series, thresholds: thresholds.map { (label: $0.0, level: $0.1) }, selected: selected)
  }

  static func num(_ x: Double) -> String { SVGNumber.trimmed(x, digits: 3) }
}
