#!/usr/bin/env python3
"""Accuracy and calibration of `sigil attribute` on `sigil simulate --vcf` truth (Docs/Methods-attribute.md).

usage: attribute_accuracy.py SIGIL_BINARY WORKDIR [--samples N] [--burdens 100,1000,10000] [--seed S]
                             [--spa PYTHON] [--reuse]

For each burden (median SNVs per sample) and noise model (Poisson; negative binomial with
dispersion 50 and 10): simulate a cohort with --vcf (truth_mutations.tsv names the signature that
made each mutation), count it, fit COSMIC v3.4 (default rule, 50 bootstraps), attribute every
mutation with the fit (`fit` rows), and again with the true signatures and exposures (`oracle`:
the best any posterior can do, since the truth is drawn from it). With --spa PYTHON (a Python with
SigProfilerAssignment), SigProfilerAssignment's cosmic_fit runs on the same catalog with
export_probabilities=True, and its per-(sample, channel) probabilities are scored the same way.

Scores (per method):
  accuracy     fraction of mutations whose most likely signature is the true one
  macro_prec   mean over true signatures of precision of the most-likely assignment
  macro_rec    mean over true signatures of recall
  ece          expected calibration error: (mutation, signature) pairs with p > 0 binned by p
               into 10 equal bins, sum over bins of (pairs in bin / all pairs) * |mean p - observed rate|
  brier        mean over mutations of sum_s (p_s - [s true])^2
  missed       fraction of mutations whose true signature got no probability (not in the fit)
  bound_cover  (fit only) fraction of mutations whose oracle probability of the fit's most likely
               signature lies inside [probability_lower, probability_upper]
Writes WORKDIR/summary.tsv, WORKDIR/per_signature.tsv, WORKDIR/reliability.tsv and prints summary.tsv.
Plain Python (no numpy).
"""
import argparse, csv, os, subprocess, sys

NOISES = [("poisson", []), ("nb50", ["--noise", "nb", "--dispersion", "50"]), ("nb10", ["--noise", "nb", "--dispersion", "10"])]
SIGNATURES = ["--active", "SBS1,SBS5", "--optional", "SBS2,SBS13,SBS18,SBS17b,SBS4", "--optional-probability", "0.4"]
BINS = 10


def run(cmd, log):
    with open(log, "a") as f:
        f.write(" ".join(cmd) + "\n")
        subprocess.run(cmd, check=True, stdout=f, stderr=f)


def read_rows(path):
    with open(path) as f:
        r = csv.reader(f, delimiter="\t")
        header = next(r)
        return header, [row for row in r]


def truth_table(path):
    header, rows = read_rows(path)
    return {(r[0], r[1], r[2]): (r[5], r[6]) for r in rows if "[" in r[5]}  # SNVs only


def sigil_probabilities(path):
    """(sample, chrom, pos) -> ({signature: p}, (lower, upper) or None)."""
    header, rows = read_rows(path)
    first = 11 if "probability_lower" in header else 9
    names = header[first:]
    out = {}
    for r in rows:
        if r[5] != "SBS96" or r[7] == "NA":
            continue
        p = {n: float(v) for n, v in zip(names, r[first:]) if float(v) > 0}
        bounds = (float(r[9]), float(r[10])) if first == 11 and r[9] != "NA" else None
        out[(r[0], r[1], r[2])] = (p, bounds)
    return out


def spa_probabilities(path, truth):
    """SPA's Decomposed_MutationType_Probabilities.txt: one row per (sample, channel), mapped onto each mutation."""
    header, rows = read_rows(path)
    per = {}
    for r in rows:
        per[(r[0], r[1])] = {n: float(v) for n, v in zip(header[2:], r[2:]) if float(v) > 0}
    return {k: (per.get((k[0], channel), {}), None) for k, (channel, _) in truth.items()}


def score(truth, probs, oracle=None):
    n = correct = missed = 0
    brier = 0.0
    tp, fp, fn = {}, {}, {}
    bins = [[0, 0.0, 0] for _ in range(BINS)]  # pairs, sum p, hits
    covered = covered_n = 0
    for key, (channel, true_sig) in truth.items():
        if key not in probs:
            continue
        p, bounds = probs[key]
        n += 1
        best = max(sorted(p), key=lambda s: p[s]) if p else None
        if best == true_sig:
            correct += 1
            tp[true_sig] = tp.get(true_sig, 0) + 1
        else:
            fn[true_sig] = fn.get(true_sig, 0) + 1
            if best is not None:
                fp[best] = fp.get(best, 0) + 1
        if p.get(true_sig, 0) == 0:
            missed += 1
        brier += sum((v - (1.0 if s == true_sig else 0.0)) ** 2 for s, v in p.items()) + (1.0 if true_sig not in p else 0.0)
        for s, v in p.items():
            b = min(BINS - 1, int(v * BINS))
            bins[b][0] += 1
            bins[b][1] += v
            bins[b][2] += 1 if s == true_sig else 0
        if oracle is not None and bounds is not None and best is not None:
            q = oracle[key][0].get(best, 0.0)
            covered_n += 1
            covered += 1 if bounds[0] - 1e-9 <= q <= bounds[1] + 1e-9 else 0
    pairs = sum(b[0] for b in bins)
    ece = sum(b[0] / pairs * abs(b[1] / b[0] - b[2] / b[0]) for b in bins if b[0]) if pairs else float("nan")
    sigs = sorted(set(tp) | set(fn))
    prec = {s: tp.get(s, 0) / (tp.get(s, 0) + fp.get(s, 0)) if tp.get(s, 0) + fp.get(s, 0) else 0.0 for s in sigs}
    rec = {s: tp.get(s, 0) / (tp.get(s, 0) + fn.get(s, 0)) for s in sigs}
    return {
        "mutations": n, "accuracy": correct / n, "macro_prec": sum(prec.values()) / len(sigs), "macro_rec": sum(rec.values()) / len(sigs),
        "ece": ece, "brier": brier / n, "missed": missed / n,
        "bound_cover": covered / covered_n if covered_n else float("nan"),
        "per_signature": [(s, tp.get(s, 0) + fn.get(s, 0), prec[s], rec[s]) for s in sigs],
        "bins": [(i, b[0], b[1] / b[0] if b[0] else float("nan"), b[2] / b[0] if b[0] else float("nan")) for i, b in enumerate(bins)],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sigil")
    ap.add_argument("workdir")
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--burdens", default="100,1000,10000")
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--spa", help="a Python interpreter with SigProfilerAssignment installed")
    ap.add_argument("--reuse", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    summary, per_sig, reliability = [], [], []
    for burden in [int(b) for b in a.burdens.split(",")]:
        for noise, noise_args in NOISES:
            name = f"b{burden}_{noise}"
            d = os.path.join(a.workdir, name)
            log = os.path.join(d, "log.txt")
            if not (a.reuse and os.path.exists(os.path.join(d, "oracle", "attribution.tsv"))):
                os.makedirs(d, exist_ok=True)
                sim = os.path.join(d, "sim")
                run([a.sigil, "simulate", "-q", "-o", sim, "--samples", str(a.samples), "--burden-median", str(burden), "--vcf",
                     "--seed", str(a.seed)] + SIGNATURES + noise_args, log)
                vcfs = sorted(os.path.join(sim, "vcf", f) for f in os.listdir(os.path.join(sim, "vcf")))
                ref = os.path.join(sim, "reference.fa")
                run([a.sigil, "count", "-q", "-o", os.path.join(d, "counts"), "--reference-fasta", ref] + vcfs, log)
                run([a.sigil, "fit", "-q", "-o", os.path.join(d, "fit"), os.path.join(d, "counts", "catalog.sbs96.tsv"),
                     "--bootstrap", "50"], log)
                run([a.sigil, "attribute", "-q", "-o", os.path.join(d, "attribute"), "--reference-fasta", ref, "--fit",
                     os.path.join(d, "fit")] + vcfs, log)
                run([a.sigil, "attribute", "-q", "-o", os.path.join(d, "oracle"), "--reference-fasta", ref, "--signatures",
                     os.path.join(sim, "truth_signatures.tsv"), "--exposures", os.path.join(sim, "truth_exposures.tsv")] + vcfs, log)
            truth = truth_table(os.path.join(d, "sim", "truth_mutations.tsv"))
            oracle = sigil_probabilities(os.path.join(d, "oracle", "attribution.tsv"))
            methods = [("sigil_fit", sigil_probabilities(os.path.join(d, "attribute", "attribution.tsv"))), ("oracle", oracle)]
            if a.spa:
                spa_dir = os.path.join(d, "spa")
                spa_file = os.path.join(spa_dir, "Assignment_Solution", "Activities", "Decomposed_MutationType_Probabilities.txt")
                if not (a.reuse and os.path.exists(spa_file)):
                    run([a.spa, os.path.join(here, "spa_probabilities.py"), os.path.join(d, "counts", "catalog.sbs96.tsv"), spa_dir], log)
                methods.append(("spa", spa_probabilities(spa_file, truth)))
            for method, probs in methods:
                s = score(truth, probs, oracle if method == "sigil_fit" else None)
                summary.append([burden, noise, method, s["mutations"], s["accuracy"], s["macro_prec"], s["macro_rec"], s["ece"],
                                s["brier"], s["missed"], s["bound_cover"]])
                per_sig += [[burden, noise, method] + list(x) for x in s["per_signature"]]
                reliability += [[burden, noise, method] + list(x) for x in s["bins"]]

    def write(path, header, rows):
        with open(os.path.join(a.workdir, path), "w") as f:
            f.write("\t".join(header) + "\n")
            for r in rows:
                f.write("\t".join(f"{v:.4f}" if isinstance(v, float) else str(v) for v in r) + "\n")

    write("summary.tsv", ["burden", "noise", "method", "mutations", "accuracy", "macro_prec", "macro_rec", "ece", "brier", "missed",
                          "bound_cover"], summary)
    write("per_signature.tsv", ["burden", "noise", "method", "signature", "true_count", "precision", "recall"], per_sig)
    write("reliability.tsv", ["burden", "noise", "method", "bin", "pairs", "mean_p", "observed"], reliability)
    with open(os.path.join(a.workdir, "summary.tsv")) as f:
        sys.stdout.write(f.read())


if __name__ == "__main__":
    main()
