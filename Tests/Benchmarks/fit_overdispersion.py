#!/usr/bin/env python3
"""Calibration of `sigil fit` under overdispersion (issue #15; used by bench_fit.sh).

usage: fit_overdispersion.py SIGIL OUTDIR [--samples N] [--seed-base S] [--dispersions 10,30,100,poisson]
                             [--burdens 100,2000,50000] [--mixes 0,1,2,3,4] [--bootstrap B]
                             [--spa PYTHON] [--rules old,new]

For every dispersion r (negative-binomial noise, variance = mean + mean^2/r; `poisson` = Poisson)
and burden, simulates one catalog per signature mix (`sigil simulate`, burden spread 0.3, seed
S + 10*mix + 1000*dispersion_index + 100000*burden_index), concatenates the mixes into one
catalog, fits it with the old rule (`--overdispersion off`, multinomial bootstrap), the new rule
(`--overdispersion auto`) and, with --spa, SigProfilerAssignment (spa_fit.py), and prints one
row per cell and method: err (TAE of shares), fp and fn per sample (as fit_accuracy.py), and,
for sigil with --bootstrap > 0, the coverage of the 95% intervals: the fraction of (sample,
present signature) pairs whose truth lies in [lower, upper], truth = true share x observed
mutations (the interval is for this sample's mutations; the total itself is observed). Coverage
is printed for all samples and for samples with >= 1,000 mutations, and for the latter split into
present signatures the point fit reported / did not report; then, as shares of the sample's
mutations (samples >= 1,000 mutations), the median upper bound of truly absent signatures, of
present signatures the fit did not report, and the median interval width of reported ones.
Plain Python (no numpy).
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MIXES = [("SBS1,SBS5", "SBS2,SBS13,SBS3,SBS18"),                # breast-like: APOBEC, HRD
         ("SBS1,SBS5,SBS40a", "SBS4,SBS92,SBS2,SBS13"),         # lung-like: tobacco, flat
         ("SBS1,SBS5", "SBS7a,SBS7b,SBS7c,SBS38"),              # melanoma-like: UV
         ("SBS1,SBS5", "SBS6,SBS15,SBS44,SBS17a,SBS17b,SBS18"),  # colorectal/MSI-like
         ("SBS1,SBS5,SBS40a", "SBS2,SBS13,SBS3,SBS18,SBS8,SBS17b,SBS4")]  # pan-cancer-like, 10
MIX_NAMES = ["breast", "lung", "melanoma", "msi", "pan10"]


def read_table(path):
    """header names (after the first column) and rows: name -> {column: float}."""
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = {}
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            rows[parts[0]] = {n: float(v) for n, v in zip(header[1:], parts[1:])}
    return header, rows


def read_catalog(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    return header, lines


def merge_catalogs(paths, out):
    headers, bodies = zip(*(read_catalog(p) for p in paths))
    labels = [l[0] for l in bodies[0]]
    for b in bodies[1:]:
        assert [l[0] for l in b] == labels, "catalog rows differ"
    with open(out, "w") as f:
        f.write("\t".join([headers[0][0]] + sum((h[1:] for h in headers), [])) + "\n")
        for r, label in enumerate(labels):
            f.write("\t".join([label] + sum((b[r][1:] for b in bodies), [])) + "\n")
    totals = {}
    for h, b in zip(headers, bodies):
        for c, name in enumerate(h[1:]):
            totals[name] = sum(float(l[c + 1]) for l in b)
    return totals


def score(truth, fitted, samples):
    err = fp = fn = 0.0
    for s in samples:
        t, f = truth[s], fitted.get(s)
        if f is None:
            sys.exit(f"sample {s} missing from a fit")
        ts, fs = sum(t.values()), sum(f.values())
        for name in set(t) | set(f):
            tv, fv = t.get(name, 0.0), f.get(name, 0.0)
            err += abs((fv / fs if fs > 0 else 0) - (tv / ts if ts > 0 else 0))
            fp += fv > 0 and tv == 0
            fn += tv > 0 and fv == 0
    n = len(samples)
    return err / n, fp / n, fn / n


def read_intervals(path):
    out = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            p = dict(zip(header, line.rstrip("\n").split("\t")))
            if p["lower"] == "NA":
                continue
            out[(p["sample"], p["signature"])] = (float(p["lower"]), float(p["upper"]))
    return out


def coverage(truth, intervals, totals, samples, min_mutations=0, fitted=None, selected=None):
    """Fraction of (sample, present signature) pairs whose truth lies in [lower, upper]; with
    `fitted` and `selected` (True/False), only the pairs the point fit reported (or did not)."""
    hit = pairs = 0
    for s in samples:
        if totals[s] < min_mutations:
            continue
        t = truth[s]
        ts = sum(t.values())
        for name, v in t.items():
            if v <= 0:
                continue
            if selected is not None and (fitted[s].get(name, 0.0) > 0) != selected:
                continue
            target = v / ts * totals[s]
            lo, hi = intervals.get((s, name), (0.0, 0.0))
            pairs += 1
            hit += lo <= target <= hi
    return (hit / pairs if pairs else float("nan")), pairs


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if v else float("nan")


def widths(truth, intervals, fitted, totals, samples, names, min_mutations=1000):
    """Medians, as shares of the sample's mutations, over samples with >= min_mutations: the
    upper bound of truly absent signatures, the upper bound of present signatures the point fit
    did not report, and the interval width (upper - lower) of present signatures it reported."""
    absent, missed, present = [], [], []
    for s in samples:
        n = totals[s]
        if n < min_mutations or n <= 0:
            continue
        for name in names:
            lo, hi = intervals.get((s, name), (0.0, 0.0))
            if truth[s].get(name, 0.0) <= 0:
                absent.append(hi / n)
            elif fitted[s].get(name, 0.0) > 0:
                present.append((hi - lo) / n)
            else:
                missed.append(hi / n)
    return median(absent), median(missed), median(present)


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sigil")
    ap.add_argument("out")
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--seed-base", type=int, default=500)
    ap.add_argument("--dispersions", default="10,30,100,poisson")
    ap.add_argument("--burdens", default="100,2000,50000")
    ap.add_argument("--mixes", default="0,1,2,3,4")
    ap.add_argument("--bootstrap", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--spa", default=None, help="python with SigProfilerAssignment (omit to skip SPA)")
    ap.add_argument("--rules", default="old,new", help="sigil rules to run (empty: SPA only)")
    ap.add_argument("--extra", default="", help="extra sigil fit arguments for the new rule (tuning)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    mixes = [int(m) for m in a.mixes.split(",")]
    rules = [r for r in a.rules.split(",") if r]
    print("r\tburden\tmix\tmethod\terr\tfp\tfn\tcov95\tcov95_ge1000\tpairs_ge1000\tphi_median"
          "\tcov_reported_ge1000\tcov_unreported_ge1000\tub_absent_med\tub_missed_med\twidth_reported_med", flush=True)
    for di, disp in enumerate(a.dispersions.split(",")):
        for bi, burden in enumerate(a.burdens.split(",")):
            cell = os.path.join(a.out, f"r{disp}_b{burden}")
            os.makedirs(cell, exist_ok=True)
            cats, truth = [], {}
            groups = {}
            for m in mixes:
                active, optional = MIXES[m]
                d = os.path.join(cell, f"sim_{m}")
                seed = a.seed_base + 10 * m + 1000 * di + 100000 * bi
                noise = ["--noise", "poisson"] if disp == "poisson" else ["--noise", "nb", "--dispersion", disp]
                run([a.sigil, "simulate", "-q", "-o", d, "--samples", str(a.samples), "--burden-median", burden,
                     "--burden-spread", "0.3", "--active", active, "--optional", optional, "--seed", str(seed),
                     "--sample-prefix", f"{MIX_NAMES[m]}_"] + noise)
                cats.append(os.path.join(d, "catalog.tsv"))
                _, t = read_table(os.path.join(d, "truth_exposures.tsv"))
                truth.update(t)
                groups[m] = list(t)
            catalog = os.path.join(cell, "catalog.tsv")
            totals = merge_catalogs(cats, catalog)
            results = {}
            for rule in rules:
                d = os.path.join(cell, f"fit_{rule}")
                extra = ["--overdispersion", "off"] if rule == "old" else (a.extra.split() if a.extra else [])
                run([a.sigil, "fit", "-q", "-o", d, "--bootstrap", str(a.bootstrap), "--threads", str(a.threads),
                     catalog] + extra)
                _, fitted = read_table(os.path.join(d, "exposures.tsv"))
                iv = read_intervals(os.path.join(d, "exposures_ci.tsv")) if a.bootstrap > 0 else None
                phis = {}
                with open(os.path.join(d, "fit_stats.tsv")) as f:
                    header = f.readline().rstrip("\n").split("\t")
                    for line in f:
                        p = dict(zip(header, line.rstrip("\n").split("\t")))
                        if "dispersion" in p and p["dispersion"] != "NA":
                            phis[p["sample"]] = float(p["dispersion"])
                results[f"sigil {rule}"] = (fitted, iv, phis)
            if a.spa:
                d = os.path.join(cell, "spa")
                activities = os.path.join(d, "Assignment_Solution", "Activities", "Assignment_Solution_Activities.txt")
                # SPA's result depends only on the catalog: an earlier run on the same catalog is reused.
                done = os.path.join(cell, "spa.catalog")
                if not (os.path.exists(activities) and os.path.exists(done) and open(done).read() == open(catalog).read()):
                    with open(os.path.join(cell, "spa.log"), "w") as log:
                        run([a.spa, os.path.join(HERE, "spa_fit.py"), catalog, d, "3.4", "GRCh37", str(a.threads)],
                            stdout=log, stderr=log)
                    with open(done, "w") as f:
                        f.write(open(catalog).read())
                _, fitted = read_table(activities)
                results["SPA"] = (fitted, None, {})
            for m in mixes + ["all"]:
                samples = groups[m] if m != "all" else sum((groups[x] for x in mixes), [])
                for method, (fitted, iv, phis) in results.items():
                    e, fp, fn = score(truth, fitted, samples)
                    c = c1 = "-"
                    n1 = 0
                    if iv is not None:
                        c = f"{coverage(truth, iv, totals, samples)[0]:.3f}"
                        cv, n1 = coverage(truth, iv, totals, samples, 1000)
                        c1 = f"{cv:.3f}" if n1 else "-"
                    ph = sorted(phis[s] for s in samples if s in phis)
                    pm = f"{ph[len(ph) // 2]:.2f}" if ph else "-"
                    name = MIX_NAMES[m] if m != "all" else "all"
                    extra = "\t-\t-\t-\t-\t-"
                    if iv is not None and n1:
                        cr = coverage(truth, iv, totals, samples, 1000, fitted, True)[0]
                        cu = coverage(truth, iv, totals, samples, 1000, fitted, False)[0]
                        names = sorted({n for s in samples for n in fitted[s]})
                        ua, um, wr = widths(truth, iv, fitted, totals, samples, names)
                        extra = f"\t{cr:.3f}\t{cu:.3f}\t{ua:.4f}\t{um:.4f}\t{wr:.4f}"
                    print(f"{disp}\t{burden}\t{name}\t{method}\t{e:.3f}\t{fp:.2f}\t{fn:.2f}\t{c}\t{c1}\t{n1}\t{pm}{extra}",
                          flush=True)


if __name__ == "__main__":
    main()
