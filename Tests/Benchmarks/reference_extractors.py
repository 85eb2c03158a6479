#!/usr/bin/env python3
"""Reference extractors side by side with sigil on one simulated cohort (issue #16, criteria 2 and 4).

Usage (each subcommand runs under the Python that has the tool installed):
  VENV_SPE/bin/python     reference_extractors.py spe     COHORT [--ranks LO..HI] [--replicates N] [--cpu C] [--reuse]
  VENV_MUSICAL/bin/python reference_extractors.py musical COHORT [--ranks LO..HI] [--replicates N] [--cpu C]
                                                 [--method nmf|mvnmf] [--max-iter I] [--min-iter I] [--conv-test-freq F]
  python3                 reference_extractors.py sigil   COHORT [--out DIR]   (scores sigil's own extract output)
  python3                 reference_extractors.py summary COHORT [COHORT...]  (one line per cohort and tool)

COHORT is a folder holding sim/catalog.tsv, sim/truth_signatures.tsv and sim/truth_exposures.tsv as
written by `sigil simulate -o COHORT/sim` (extract_scenarios.py --large lays cohorts out this way).
--ranks defaults to true_k-1..true_k+1 (true_k = signatures with a non-zero exposure somewhere).
Each tool writes into COHORT/<tool> (or COHORT/musical_mvnmf), then COHORT/<tool>.tsv has one row per
rank: chosen (1 for the tool's own pick; SPE 1.4.1 makes none, with an IndexError, when no rank in
the range passes its stability thresholds), F1 (cosine 0.9, one-to-one, the f1_at of
extract_scenarios.py), the worst true signature's best cosine, and the wall time of the whole run.
Rows are aligned to the truth by mutation-type label, not by position.

Benchmarks only: not part of `make test` (SigProfilerExtractor takes 5-25 minutes per rank on a
300-sample cohort with 3 replicates on two cores; MuSiCal capped as here a few minutes per rank).
SigProfilerExtractor: `pip install SigProfilerExtractor==1.4.1` (run as bench_extract.sh does: a
__main__-guarded call of sigProfilerExtractor("matrix", ...), make_decomposition_plots=False).
MuSiCal: pip-install a snapshot of github.com/parklab/MuSiCal (numpy, scipy, pandas, scikit-learn,
matplotlib, seaborn); method "nmf" with capped replicates/iterations is MuSiCal cut down to a small
machine, not its defaults (mvNMF, 20 replicates, >= 10,000 iterations): state the caps with results.
"""
import argparse, csv, glob, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_scenarios import f1_at, cosine  # one F1 definition for every table of Methods-extract.md §6


def read_table(path):
    """(column names, {row label: [values]}) of a tab-separated matrix; '#' lines skipped."""
    with open(path) as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[0][1:], {r[0]: [float(x) for x in r[1:]] for r in rows[1:]}


def truth(cohort):
    """(true signature names, their columns in catalog row order, catalog row labels, true_k)."""
    _, catalog = read_table(f"{cohort}/sim/catalog.tsv")
    labels = list(catalog)
    names, sig = read_table(f"{cohort}/sim/truth_signatures.tsv")
    _, expo = read_table(f"{cohort}/sim/truth_exposures.tsv")
    present = [j for j in range(len(names)) if any(v[j] > 0 for v in expo.values())]
    cols = [[sig[l][j] for l in labels] for j in present]
    return [names[j] for j in present], cols, labels, len(present)


def columns(path, labels):
    """Columns of a signature matrix file, rows reordered to `labels`."""
    _, m = read_table(path)
    return [list(c) for c in zip(*[m[l] for l in labels])]


def score(truth_cols, ext):
    return f1_at(truth_cols, ext), round(min(max(cosine(t, e) for e in ext) for t in truth_cols), 3)


def write_rows(path, rows):
    with open(path, "w") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t")
        w.writeheader(); w.writerows(rows)
    for r in rows: print("\t".join(str(v) for v in r.values()))


def rank_range(text, true_k):
    if text: lo, hi = (int(x) for x in text.split("..")); return lo, hi
    return max(1, true_k - 1), true_k + 1


def run_spe(a):
    from SigProfilerExtractor import sigpro as sig
    names, truth_cols, labels, true_k = truth(a.cohort)
    lo, hi = rank_range(a.ranks, true_k)
    out = f"{a.cohort}/spe"
    if a.reuse and os.path.exists(f"{out}/SBS96/All_solutions_stat.csv"):
        seconds = float(open(f"{out}/seconds").read()) if os.path.exists(f"{out}/seconds") else "NA"
    else:
        t0 = time.time()
        try:
            sig.sigProfilerExtractor("matrix", out, f"{a.cohort}/sim/catalog.tsv", reference_genome="GRCh37",
                                     minimum_signatures=lo, maximum_signatures=hi, nmf_replicates=a.replicates, cpu=a.cpu,
                                     make_decomposition_plots=False, seeds="random")
        except IndexError as e:
            # 1.4.1's stabVsRError raises IndexError when no rank in the range passes its stability
            # thresholds: SPE then makes no pick, but every rank's solution is written and scored.
            print(f"SigProfilerExtractor made no pick: IndexError {e}", file=sys.stderr)
        seconds = round(time.time() - t0, 1)
        with open(f"{out}/seconds", "w") as f: f.write(str(seconds))
    suggested = glob.glob(f"{out}/SBS96/Suggested_Solution/SBS96_De-Novo_Solution/Signatures/SBS96_De-Novo_Signatures.t*")
    chosen = len(read_table(suggested[0])[0]) if suggested else None
    stats = {}  # the final All_solutions_stat.csv (1.4.1: "Signatures", "Stability (Avg Silhouette)", "Minimum Stability")
    with open(f"{out}/SBS96/All_solutions_stat.csv") as f:
        for r in csv.DictReader(f, skipinitialspace=True):
            k = int((r.get("Signatures") or r.get("Total Signatures")).rstrip("*"))
            stats[k] = dict(min_stability=r.get("Minimum Stability", r.get("Stability", "NA")),
                            avg_stability=r.get("Stability (Avg Silhouette)", r.get("avgStability", "NA")))
    rows = []
    for k in range(lo, hi + 1):
        ext = columns(f"{out}/SBS96/All_Solutions/SBS96_{k}_Signatures/Signatures/SBS96_S{k}_Signatures.txt", labels)
        f1, worst = score(truth_cols, ext)
        s = stats.get(k, {})
        rows.append(dict(tool="SigProfilerExtractor", rank=k, true_k=true_k, chosen=int(k == chosen), f1=f1,
                         worst_true_cosine=worst, min_stability=s.get("min_stability", "NA"), avg_stability=s.get("avg_stability", "NA"),
                         replicates=a.replicates, seconds=seconds))
    write_rows(f"{a.cohort}/spe.tsv", rows)


def run_musical(a):
    import numpy as np, pandas as pd, musical
    names, truth_cols, labels, true_k = truth(a.cohort)
    lo, hi = rank_range(a.ranks, true_k)
    _, catalog = read_table(f"{a.cohort}/sim/catalog.tsv")
    X = pd.DataFrame(np.array([catalog[l] for l in labels]), index=labels)
    np.random.seed(a.seed)
    t0 = time.time()
    model = musical.DenovoSig(X, min_n_components=lo, max_n_components=hi, init="random", method=a.method,
                              n_replicates=a.replicates, ncpu=a.cpu, max_iter=a.max_iter, min_iter=a.min_iter,
                              conv_test_freq=a.conv_test_freq, verbose=0)
    model.fit()
    seconds = round(time.time() - t0, 1)
    tag = "musical" if a.method == "nmf" else f"musical_{a.method}"
    os.makedirs(f"{a.cohort}/{tag}", exist_ok=True)
    rows = []
    for k in range(lo, hi + 1):
        W = np.asarray(model.W_all[k])
        pd.DataFrame(W, index=labels).to_csv(f"{a.cohort}/{tag}/signatures_k{k}.tsv", sep="\t")
        f1, worst = score(truth_cols, [list(W[:, j]) for j in range(W.shape[1])])
        rows.append(dict(tool=f"MuSiCal {a.method}", rank=k, true_k=true_k, chosen=int(k == model.n_components), f1=f1,
                         worst_true_cosine=worst, replicates=a.replicates, max_iter=a.max_iter, min_iter=a.min_iter,
                         seconds=seconds))
    write_rows(f"{a.cohort}/{tag}.tsv", rows)


def run_sigil(a):
    """Scores an existing `sigil extract --all-ranks` folder (default COHORT/out) the same way."""
    names, truth_cols, labels, true_k = truth(a.cohort)
    out = a.out or f"{a.cohort}/out"
    chosen = len(read_table(f"{out}/signatures.tsv")[0])  # the selected rank's signatures
    rows = []
    for path in sorted(glob.glob(f"{out}/signatures_k*.tsv"), key=lambda p: int(p.rsplit("_k", 1)[1][:-4])):
        k = int(path.rsplit("_k", 1)[1][:-4])
        f1, worst = score(truth_cols, columns(path, labels))
        rows.append(dict(tool="sigil", rank=k, true_k=true_k, chosen=int(k == chosen), f1=f1, worst_true_cosine=worst))
    write_rows(f"{a.cohort}/sigil.tsv", rows)


def run_summary(a):
    """One line per cohort and tool from the COHORT/<tool>.tsv files: chosen rank, F1 and worst true
    cosine at it, F1 and worst true cosine at the true rank."""
    print("cohort\ttool\ttrue_k\tchosen\tf1_at_chosen\tworst_at_chosen\tf1_at_true_k\tworst_at_true_k\tf1_by_rank\tseconds")
    for cohort in [a.cohort] + a.more:
        for tag in ("sigil", "spe", "musical", "musical_mvnmf"):
            path = f"{cohort}/{tag}.tsv"
            if not os.path.exists(path): continue
            with open(path) as f: rows = list(csv.DictReader(f, delimiter="\t"))
            by = {int(r["rank"]): r for r in rows}
            true_k = int(rows[0]["true_k"])
            chosen = next((int(r["rank"]) for r in rows if r["chosen"] == "1"), None)
            def get(k, key): return by[k][key] if k in by else "NA"
            print("\t".join(str(v) for v in (os.path.basename(cohort.rstrip("/")), rows[0]["tool"], true_k, chosen,
                  get(chosen, "f1"), get(chosen, "worst_true_cosine"), get(true_k, "f1"), get(true_k, "worst_true_cosine"),
                  " ".join(f"{k}:{r['f1']}" for k, r in sorted(by.items())), rows[0].get("seconds", "NA"))))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("tool", choices=["spe", "musical", "sigil", "summary"])
    p.add_argument("cohort")
    p.add_argument("more", nargs="*", help="summary: further cohorts")
    p.add_argument("--ranks", help="LO..HI (default true_k-1..true_k+1)")
    p.add_argument("--replicates", type=int, default=3)
    p.add_argument("--cpu", type=int, default=2)
    p.add_argument("--method", default="nmf", help="MuSiCal: nmf or mvnmf")
    p.add_argument("--max-iter", type=int, default=3000)
    p.add_argument("--min-iter", type=int, default=1000)
    p.add_argument("--conv-test-freq", type=int, default=100)
    p.add_argument("--seed", type=int, default=1, help="MuSiCal: numpy seed")
    p.add_argument("--out", help="sigil: extract output folder (default COHORT/out)")
    p.add_argument("--reuse", action="store_true", help="spe: score an existing COHORT/spe run instead of running again")
    a = p.parse_args()
    {"spe": run_spe, "musical": run_musical, "sigil": run_sigil, "summary": run_summary}[a.tool](a)


if __name__ == "__main__":
    main()
