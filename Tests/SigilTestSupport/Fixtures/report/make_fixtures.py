#!/usr/bin/env python3
"""Writes the hand-made report fixtures (extract/, fit/, count/, reference.tsv) next to this file.

Every value is a short exact decimal chosen by hand or by a simple formula below (no randomness),
so the golden SVG/HTML files of SigilReportTests change only when the drawing code changes.
Run: python3 make_fixtures.py   (standard library only)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASES = "ACGT"
SUBS = ["C>A", "C>G", "C>T", "T>A", "T>C", "T>G"]
SBS = [f"{f}[{s}]{t}" for f in BASES for s in SUBS for t in BASES]  # COSMIC file order
DBS = ("AC>CA AC>CG AC>CT AC>GA AC>GG AC>GT AC>TA AC>TG AC>TT AT>CA AT>CC AT>CG AT>GA AT>GC AT>TA "
       "CC>AA CC>AG CC>AT CC>GA CC>GG CC>GT CC>TA CC>TG CC>TT CG>AT CG>GC CG>GT CG>TA CG>TC CG>TT "
       "CT>AA CT>AC CT>AG CT>GA CT>GC CT>GG CT>TA CT>TC CT>TG GC>AA GC>AG GC>AT GC>CA GC>CG GC>TA "
       "TA>AT TA>CG TA>CT TA>GC TA>GG TA>GT TC>AA TC>AG TC>AT TC>CA TC>CG TC>CT TC>GA TC>GG TC>GT "
       "TG>AA TG>AC TG>AT TG>CA TG>CC TG>CT TG>GA TG>GC TG>GT TT>AA TT>AC TT>AG TT>CA TT>CC TT>CG "
       "TT>GA TT>GC TT>GG").split()
ID = ([f"1:{k}:{b}:{n}" for k in ("Del", "Ins") for b in "CT" for n in range(6)]
      + [f"{s}:{k}:R:{n}" for k in ("Del", "Ins") for s in range(2, 6) for n in range(6)]
      + [f"{s}:Del:M:{n}" for s in range(2, 6) for n in range(1, (5 if s == 5 else s - 1) + 1)])  # COSMIC order, 83


def write(path, text):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def tsv(header, rows):
    return "".join("\t".join(str(c) for c in r) + "\n" for r in [header] + rows)


def weights(kind):
    """Unnormalised weights per SBS96 channel (integers, so the TSV is exact after /total)."""
    out = []
    for label in SBS:
        five, sub, three = label[0], label[2:5], label[6]
        if kind == "A":    # SBS1-like: C>T at CpG
            out.append(40 if sub == "C>T" and three == "G" else 1)
        elif kind == "B":  # flat with a T>A/T>C lean
            out.append(3 if sub in ("T>A", "T>C") else 2)
        else:              # reference twin of A with a little C>A
            out.append(38 if sub == "C>T" and three == "G" else (3 if sub == "C>A" else 1))
    return out


def column(kind):
    w = weights(kind)
    total = sum(w)
    return [f"{v / total:.6f}" for v in w]


def manifest(command, argv, parameters):
    return json.dumps({"argv": argv, "command": command, "inputs": [{"path": "catalog.tsv", "sha256": "0" * 64}],
                       "libraries": {"blas": "test"}, "parameters": parameters, "seed": 7, "tool": "sigil",
                       "version": "0.0.0-fixture", "warnings": ["fixture warning from run.json"]},
                      indent=2, sort_keys=True) + "\n"


a, b, r = column("A"), column("B"), column("R")
write("reference.tsv", tsv(["Type", "RefX", "RefY"], [[SBS[i], r[i], b[i]] for i in range(96)]))

# extract/
write("extract/signatures.tsv", tsv(["MutationType", "SigA", "SigB"], [[SBS[i], a[i], b[i]] for i in range(96)]))
write("extract/exposures.tsv", tsv(["Sample", "SigA", "SigB"], [["T1", 600, 400], ["T2", 50, 1450], ["T3 long name", 0, 300]]))
write("extract/rank_selection.tsv", tsv(
    ["rank", "cophenetic", "min_stability", "cv_deviance", "selected"],
    [[1, "NA", 1, 5200.5, 0], [2, 0.99, 0.95, 3100.25, 1], [3, 0.91, 0.52, 3300, 0], [4, 0.84, 0.31, 3550.75, 0]]))
write("extract/reference_match.tsv", tsv(
    ["signature", "best_match", "best_cosine", "decomposition"],
    [["SigA", "RefX", 0.987654, "RefX:0.95;RefY:0.05"], ["SigB", "RefY", 0.75, "RefY:1"]]))
write("extract/reconstruction.tsv", tsv(["Sample", "total", "cosine"],
                                        [["T1", 1000, 0.97], ["T2", 1500, 0.93], ["T3 long name", 300, 0.82]]))
write("extract/run.json", manifest("extract", ["sigil", "extract", "-o", "extract", "catalog.tsv"],
                                   {"ranks": "1..4", "restarts": "10"}))

# fit/
write("fit/exposures.tsv", tsv(["Sample", "RefX", "RefY"], [["T1", 620, 380], ["T2", 40, 1460]]))
write("fit/exposures_ci.tsv", tsv(
    ["sample", "signature", "exposure", "lower", "upper", "selected_fraction"],
    [["T1", "RefX", 620, 560, 690, 1], ["T1", "RefY", 380, 300, 450, 0.97],
     ["T2", "RefX", 40, 0, 95, 0.41], ["T2", "RefY", 1460, 1380, 1530, 1]]))
write("fit/fit_stats.tsv", tsv(["sample", "mutations", "cosine", "kl", "l2", "signatures"],
                               [["T1", 1000, 0.97, 0.05, 40.5, 2], ["T2", 1500, 0.85, 0.21, 120.25, 2]]))
write("fit/residuals.tsv", tsv(["MutationType", "T1", "T2"], [[SBS[i], (i % 5) - 2, (i % 3) - 1] for i in range(96)]))
write("fit/run.json", manifest("fit", ["sigil", "fit", "-o", "fit", "catalog.tsv"], {"bootstrap": "100"}))

# count/
write("count/catalog.sbs96.tsv", tsv(["MutationType", "T1", "T2"], [[SBS[i], weights("A")[i], 0] for i in range(96)]))
write("count/catalog.dbs78.tsv", tsv(["MutationType", "T1"], [[d, 9 if d.startswith("CC>") else (i % 3)] for i, d in enumerate(DBS)]))
# ID83: 1bp T deletions at long homopolymers (an ID2-like look) plus 1-3 in every other channel.
write("count/catalog.id83.tsv", tsv(["MutationType", "T1", "T2"],
                                    [[d, (12 if d.startswith("1:Del:T:") and int(d[-1]) >= 4 else 1 + i % 3), 0]
                                     for i, d in enumerate(ID)]))
write("count/count_summary.tsv", tsv(["sample", "records", "sbs", "dbs", "mnv", "ref_mismatch"],
                                     [["T1", 400, 380, 120, 1, 0], ["T2", 0, 0, 0, 0, 0]]))
write("count/run.json", manifest("count", ["sigil", "count", "-o", "count", "a.vcf"], {}))
