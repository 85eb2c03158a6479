#!/usr/bin/env python3
"""Recovery study for `sigil extract` on `sigil simulate` ground truth (Docs/Methods-extract.md).

Usage: extract_scenarios.py SIGIL_BINARY WORKDIR [--restarts N] [--only NAME,...] [--sim-seed S] [--grid]
       extract_scenarios.py SIGIL_BINARY WORKDIR --large [--seeds 7,8,9] [--restarts N] [--cv-folds F] [--cv-restarts R]
                            [--span BELOW,ABOVE] [--solver NAME] [--only ...]
With --grid the cohorts are the factorial design GRID (signature set x cohort size x burden) instead
of the hand-designed SCENARIOS, and WORKDIR/factors.tsv tallies the outcomes per factor level.
The main extraction runs with --no-resolve-bleeding (resolution is the default since #16); every
cohort is also extracted with --resolve-bleeding at the true and the auto rank (same restarts:
restart i of rank k depends only on the seed, k and i); the *_resolved columns give its recovery.
--reuse skips simulation and the main extraction where WORKDIR/<name>/out already exists.
For every scenario: simulate, extract over ranks 2..10 with --all-ranks, then report the rank each
criterion chose and whether every true signature is recovered (best cosine >= 0.95) at the auto
rank. The "oracle" column is the same statistic for the maximum-likelihood (KL) factorisation
started from the true signatures and exposures and run to convergence (needs numpy); "polished" is
sigil's solution at the true rank run to the same convergence. "sigil_at_least_as_likely" = 1 when
the polished KL is no larger than the oracle's: the likelihood does not favour the truth-near
optimum over what sigil found. Writes WORKDIR/scenarios.tsv (one row per scenario) and WORKDIR/ranks.tsv (one row per
scenario x rank, every statistic plus recovery at that rank) for designing the rank rule.
"""
import csv, math, os, re, subprocess, sys, time

SCENARIOS = [
    # name, simulate args, description
    ("demo30", "--samples 30 --active SBS1,SBS5 --optional SBS2,SBS13,SBS3 --burden-median 2000", "30 WGS-like, 5 sigs incl. flat SBS3/SBS5"),
    ("wgs100", "--samples 100 --active SBS1,SBS5,SBS40a --optional SBS2,SBS13,SBS17b --burden-median 1000", "100 samples, 6 sigs, flat SBS5+SBS40a"),
    ("apobec50", "--samples 50 --active SBS2,SBS13,SBS5 --optional SBS1,SBS18 --burden-median 1500", "SBS2/SBS13 in every sample (correlated)"),
    ("exome60", "--samples 60 --active SBS1,SBS5 --optional SBS4,SBS7a --burden-median 60 --burden-spread 0.7", "exome-like ~60 mutations, 4 sigs"),
    ("exome200", "--samples 200 --active SBS1,SBS5 --optional SBS4,SBS7a,SBS2 --burden-median 80", "exome-like, 200 samples, 5 sigs"),
    ("small20", "--samples 20 --active SBS1,SBS5,SBS3 --optional '' --burden-median 500", "20 samples, 3 sigs, 2 flat"),
    ("large200", "--samples 200 --active SBS1,SBS5 --optional SBS2,SBS13,SBS3,SBS17b,SBS18,SBS40a --burden-median 3000 --noise nb --dispersion 50", "200 samples, 8 sigs, overdispersed"),
    ("nb50", "--samples 50 --active SBS1,SBS5 --optional SBS4,SBS7a --burden-median 2000 --noise nb --dispersion 20", "50 samples, 4 sigs, strong overdispersion"),
    ("lowburden40", "--samples 40 --active SBS1 --optional SBS7a,SBS4,SBS18 --optional-probability 0.5 --burden-median 150", "40 samples, ~150 mutations, 4 sigs"),
    ("distinct10", "--samples 10 --active SBS7a --optional SBS4,SBS2 --optional-probability 0.5 --burden-median 5000", "10 samples, 3 distinct sigs"),
    # Second group (session 2): whole-genome burdens of common tumour types (thousands to tens of
    # thousands of SNVs per tumour), still with always-present and flat signatures.
    ("lung100", "--samples 100 --active SBS1,SBS5 --optional SBS4,SBS2,SBS13 --optional-probability 0.4 --burden-median 15000", "lung-like WGS, smoking SBS4 + APOBEC"),
    ("melanoma60", "--samples 60 --active SBS7a,SBS7b,SBS5 --optional SBS1,SBS2 --burden-median 30000", "melanoma-like WGS, UV pair in every sample"),
    ("crc150", "--samples 150 --active SBS1,SBS5 --optional SBS6,SBS15,SBS10a,SBS18 --burden-median 8000", "colorectal-like WGS, MMR/POLE subsets"),
    ("breast200", "--samples 200 --active SBS1,SBS5 --optional SBS2,SBS13,SBS3,SBS8,SBS18 --burden-median 5000 --noise nb --dispersion 50", "breast-like WGS, 7 sigs incl. flat SBS3/SBS8"),
    ("liver80", "--samples 80 --active SBS5,SBS40a --optional SBS12,SBS16,SBS22a,SBS4 --burden-median 8000", "liver-like WGS, two flat sigs in every sample"),
]

# Factorial design (session 3): each difficulty on its own, so a failure can be traced to its cause.
# Every set has five signatures; optional ones are each present with probability 0.4.
GRID_SETS = [
    ("distinct", "--active SBS1 --optional SBS4,SBS7a,SBS10a,SBS17b", "SBS1 in all, four distinct optional signatures"),
    ("ubiquitous", "--active SBS1,SBS5 --optional SBS4,SBS7a,SBS17b", "SBS1 + flat SBS5 in all, three distinct optional"),
    ("flat", "--active SBS1,SBS5 --optional SBS3,SBS40a,SBS18", "SBS1 + SBS5 in all, flat SBS3/SBS40a optional"),
    ("apobec", "--active SBS2,SBS13,SBS5 --optional SBS1,SBS18", "correlated SBS2/SBS13 pair in every sample"),
]
GRID_SIZES = [30, 100, 300]
GRID_BURDENS = [("exome", 50), ("lowwgs", 1000), ("wgs", 10000)]
GRID = [(f"{s}_{n}_{b}", f"--samples {n} {args} --optional-probability 0.4 --burden-median {m}", f"{desc}; {n} samples, median {m}")
        for s, args, desc in GRID_SETS for n in GRID_SIZES for b, m in GRID_BURDENS]

# Large designs (session 4, issue #16): pan-cancer-sized cohorts, 10/12/15 signatures with 3-4 flat
# ones (SBS5, SBS40a, SBS3, SBS8), >= 1,000 mutations per sample, Poisson and negative-binomial
# noise of size r = 10, 30, 100. Run with --large; one cohort per (set, noise, --sim-seed).
LARGE_SETS = [
    ("k10", 300, "--active SBS1,SBS5,SBS40a --optional SBS2,SBS13,SBS3,SBS4,SBS7a,SBS17b,SBS18",
     "10 sigs (flat SBS5, SBS40a, SBS3), 300 samples"),
    ("k12", 600, "--active SBS1,SBS5,SBS40a --optional SBS2,SBS13,SBS3,SBS8,SBS4,SBS7a,SBS17b,SBS18,SBS10a",
     "12 sigs (flat SBS5, SBS40a, SBS3, SBS8), 600 samples"),
    # k15 (session 5): 600 samples so that a cohort fits the shared machine; each optional signature is
    # still in ~180 samples. Flat: SBS5 (every sample), SBS40a and SBS3 (optional).
    ("k15", 600, "--active SBS1,SBS5 --optional SBS2,SBS13,SBS3,SBS40a,SBS4,SBS7a,SBS17b,SBS18,SBS10a,SBS6,SBS12,SBS16,SBS9",
     "15 sigs (flat SBS5, SBS40a, SBS3), 600 samples"),
]
LARGE_NOISE = [("poisson", "--noise poisson"), ("nb100", "--noise nb --dispersion 100"),
               ("nb30", "--noise nb --dispersion 30"), ("nb10", "--noise nb --dispersion 10")]
LARGE = [(f"{s}_{nz}", f"--samples {n} {args} --optional-probability 0.3 --burden-median 4000 {nargs}", f"{desc}; {nz}")
         for s, n, args, desc in LARGE_SETS for nz, nargs in LARGE_NOISE]

def f1_at(truth_cols, extracted_cols, threshold=0.9):
    """F1 of extracted vs true signatures, a match being cosine >= threshold, one-to-one
    (maximum-weight assignment on cosine, as bench_extract.sh)."""
    from scipy.optimize import linear_sum_assignment
    import numpy as np
    c = np.array([[cosine(t, e) for e in extracted_cols] for t in truth_cols])
    rows, cols = linear_sum_assignment(-c)
    tp = sum(1 for r, q in zip(rows, cols) if c[r, q] >= threshold)
    return round(2 * tp / (len(truth_cols) + len(extracted_cols)), 3)

def read_matrix(path):
    with open(path) as f:
        rows = list(csv.reader(f, delimiter="\t"))
    names = rows[0][1:]
    cols = [[float(r[j + 1]) for r in rows[1:]] for j in range(len(names))]
    return names, cols

def cosine(a, b):
    ab = sum(x * y for x, y in zip(a, b)); aa = sum(x * x for x in a); bb = sum(y * y for y in b)
    return ab / math.sqrt(aa * bb) if aa > 0 and bb > 0 else 0.0

def converged_fits(d, present, true_k, per_signature=None):
    """Oracle and polished fits at the true rank, both run to convergence (KL multiplicative
    updates, relative decrease below 1e-10): from the truth (W, H), and from sigil's
    signatures_k<true_k>.tsv with its maximum-likelihood exposures. Returns (oracle min cosine,
    oracle KL, polished min cosine, polished KL); "NA" without numpy. With a list as
    per_signature, the oracle's best cosine for each true signature (in `present` order) is
    appended to it (criterion 1 of #16 is per signature)."""
    try:
        import numpy as np
    except ImportError:
        return "NA", "NA", "NA", "NA"
    def table(path):
        with open(path) as f:
            rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
        return rows[0][1:], [r[0] for r in rows[1:]], np.array([[float(x) for x in r[1:]] for r in rows[1:]])
    _, labels, v = table(f"{d}/sim/catalog.tsv")
    def aligned(path):
        _, rows, m = table(path)
        order = {l: i for i, l in enumerate(rows)}
        return m[[order[l] for l in labels]]
    truth = aligned(f"{d}/sim/truth_signatures.tsv")[:, present]
    _, _, e = table(f"{d}/sim/truth_exposures.tsv")
    def kl(w, h):
        wh = np.maximum(w @ h, 1e-300); m = v > 0
        return float(np.sum(v[m] * np.log(v[m] / wh[m])) - v.sum() + wh.sum())
    def run(w, h, update_w=True):
        previous = None
        for it in range(20000):
            h *= (w.T @ (v / np.maximum(w @ h, 1e-300))) / w.sum(0)[:, None]
            if update_w:
                w *= ((v / np.maximum(w @ h, 1e-300)) @ h.T) / h.sum(1)[None, :]
                s = w.sum(0); w /= s; h *= s[:, None]
            if it % 10 == 0:
                o = kl(w, h)
                if previous is not None and previous - o <= 1e-10 * abs(previous): break
                previous = o
        return w, h
    def worst(w):
        return round(min(max(cosine(truth[:, t], w[:, j]) for j in range(w.shape[1])) for t in range(truth.shape[1])), 3)
    w, h = run(truth.copy(), e[:, present].T + 1e-3)
    oracle = (worst(w), round(kl(w, h), 2))
    if per_signature is not None:
        per_signature.extend(round(max(cosine(truth[:, t], w[:, j]) for j in range(w.shape[1])), 3) for t in range(truth.shape[1]))
    sigs = aligned(f"{d}/out/signatures_k{true_k}.tsv")
    h0 = np.ones((sigs.shape[1], v.shape[1])) * v.sum(0) / sigs.shape[1]
    w, h = run(sigs.copy(), h0, update_w=False)
    w, h = run(w, h)
    return oracle + (worst(w), round(kl(w, h), 2))

def main():
    sigil, work = sys.argv[1], sys.argv[2]
    restarts = 20
    only = None
    sim_seed = 7
    designs = SCENARIOS
    reuse = False
    large, seeds, cv_folds, cv_restarts = False, None, 10, 1
    span, solver = (4, 3), None
    args = sys.argv[3:]
    while args:
        a = args.pop(0)
        if a == "--restarts": restarts = int(args.pop(0))
        elif a == "--only": only = set(args.pop(0).split(","))
        elif a == "--sim-seed": sim_seed = int(args.pop(0))
        elif a == "--grid": designs = GRID
        elif a == "--reuse": reuse = True
        elif a == "--large": large = True
        elif a == "--seeds": seeds = [int(x) for x in args.pop(0).split(",")]
        elif a == "--cv-folds": cv_folds = int(args.pop(0))
        elif a == "--cv-restarts": cv_restarts = int(args.pop(0))
        elif a == "--span": span = tuple(int(x) for x in args.pop(0).split(","))
        elif a == "--solver": solver = args.pop(0)
    if large:
        return large_main(sigil, work, restarts, seeds or [sim_seed], only, cv_folds, cv_restarts, reuse, span, solver)
    os.makedirs(work, exist_ok=True)
    summary, ranks_rows = [], []
    for name, sim, desc in designs:
        if only and name not in only: continue
        d = os.path.join(work, name)
        reused = reuse and os.path.exists(f"{d}/out/rank_selection.tsv")
        if not reused:
            subprocess.run(f"{sigil} simulate -q -o {d}/sim --seed {sim_seed} {sim}", shell=True, check=True)
        truth_names, truth = read_matrix(f"{d}/sim/truth_signatures.tsv")
        # Present = signatures with any exposure.
        _, expo = read_matrix(f"{d}/sim/truth_exposures.tsv")
        with open(f"{d}/sim/truth_exposures.tsv") as f:
            rows = list(csv.reader(f, delimiter="\t"))
        present = [j for j in range(len(truth_names)) if any(float(r[j + 1]) > 0 for r in rows[1:])]
        true_k = len(present)
        n_samples = len(rows) - 1
        hi = min(10, n_samples)
        t0 = time.time()
        if reused and os.path.exists(f"{d}/extract.log"):
            with open(f"{d}/extract.log") as f: stderr = f.read()
        elif reused:  # a folder from before extract.log was kept: only the selected (auto) rank is known
            with open(f"{d}/out/rank_selection.tsv") as f:
                auto = next(r["rank"] for r in csv.DictReader(f, delimiter="\t") if r["selected"] == "yes")
            stderr = f"rank by criterion: auto k={auto}, cophenetic k=NA, stability k=NA, cv k=NA\n"
        else:
            r = subprocess.run(f"{sigil} extract -o {d}/out {d}/sim/catalog.tsv --ranks 2..{hi} --restarts {restarts} --all-ranks --threads 2 --no-resolve-bleeding",
                               shell=True, capture_output=True, text=True)
            if r.returncode != 0:
                print(name, "FAILED", r.stderr); continue
            stderr = r.stderr
            with open(f"{d}/extract.log", "w") as f: f.write(stderr)
        elapsed = time.time() - t0
        crit = dict(re.findall(r"(auto|cophenetic|stability|cv) k=(\d+|NA)", stderr.split("rank by criterion:")[1].split("\n")[0]))
        with open(f"{d}/out/rank_selection.tsv") as f:
            stats = list(csv.DictReader(f, delimiter="\t"))
        recov = {}
        for row in stats:
            k = int(row["rank"])
            _, ext = read_matrix(f"{d}/out/signatures_k{k}.tsv")
            best = [max(cosine(truth[t], e) for e in ext) for t in present]
            recov[k] = best
            ranks_rows.append(dict(scenario=name, true_k=true_k, **row, min_true_cosine=min(best),
                                   all_recovered=int(min(best) >= 0.95)))
        auto_k = int(crit["auto"])
        resolved = {}
        for k in sorted({auto_k, true_k}):
            if k > hi: continue
            out = f"{d}/resolved_k{k}"
            subprocess.run(f"{sigil} extract -q -o {out} {d}/sim/catalog.tsv --rank {k} --restarts {restarts} --cv-folds 0 --threads 2 --no-report --resolve-bleeding",
                           shell=True, check=True, capture_output=True)
            _, ext = read_matrix(f"{out}/signatures.tsv")
            resolved[k] = min(max(cosine(truth[t], e) for e in ext) for t in present)
        fits = converged_fits(d, present, true_k) if true_k in recov else ("NA",) * 4
        summary.append(dict(scenario=name, description=desc, samples=n_samples, true_k=true_k,
                            auto=auto_k, cophenetic=crit["cophenetic"], stability=crit["stability"], cv=crit["cv"],
                            rank_correct=int(auto_k == true_k),
                            min_true_cosine_at_auto=round(min(recov[auto_k]), 3),
                            min_true_cosine_at_true_k=round(min(recov[true_k]), 3) if true_k in recov else "NA",
                            oracle_min_true_cosine=fits[0], oracle_kl=fits[1],
                            polished_min_true_cosine=fits[2], polished_kl=fits[3],
                            sigil_at_least_as_likely=("NA" if fits[1] == "NA" else int(fits[3] <= fits[1] + 0.01)),
                            all_recovered=int(min(recov[auto_k]) >= 0.95),
                            min_true_cosine_at_auto_resolved=round(resolved[auto_k], 3) if auto_k in resolved else "NA",
                            min_true_cosine_at_true_k_resolved=round(resolved[true_k], 3) if true_k in resolved else "NA",
                            all_recovered_resolved=int(auto_k in resolved and resolved[auto_k] >= 0.95),
                            seconds=round(elapsed, 1)))
        print("\t".join(str(v) for v in summary[-1].values()), flush=True)
    for fname, rows in (("scenarios.tsv", summary), ("ranks.tsv", ranks_rows)):
        if not rows: continue
        with open(os.path.join(work, fname), "w") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t")
            w.writeheader(); w.writerows(rows)
    if designs is GRID and summary:
        write_factor_table(summary, os.path.join(work, "factors.tsv"))

def large_main(sigil, work, restarts, seeds, only, cv_folds, cv_restarts, reuse, span=(4, 3), solver=None):
    """The large designs (LARGE): for each design and seed, simulate, extract over ranks
    true_k-BELOW .. true_k+ABOVE (--span, default 4,3: the rules only compare neighbouring ranks and
    the CV minimum; ranks far below are far worse; --solver NAME passes `--solver`, default: sigil's)
    with --all-ranks and --save-restarts, re-analyse the saved restarts with --resolve-bleeding at
    the auto and the true rank (--merge, no new NMF), and score F1 (cosine 0.9, one-to-one) and the
    worst true signature's best cosine. Writes WORKDIR/large.tsv,
    WORKDIR/large_ranks.tsv (every rank_selection.tsv column plus recovery at that rank) and
    WORKDIR/large_signatures.tsv (per true signature: the oracle's cosine and sigil's at auto)."""
    os.makedirs(work, exist_ok=True)
    summary, ranks_rows, signature_rows = [], [], []
    for seed in seeds:
        for name, sim, desc in LARGE:
            if only and name not in only: continue
            d = os.path.join(work, f"{name}_s{seed}")
            if not (reuse and os.path.exists(f"{d}/sim/catalog.tsv")):
                subprocess.run(f"{sigil} simulate -q -o {d}/sim --seed {seed} {sim}", shell=True, check=True)
            truth_names, truth = read_matrix(f"{d}/sim/truth_signatures.tsv")
            with open(f"{d}/sim/truth_exposures.tsv") as f:
                rows = list(csv.reader(f, delimiter="\t"))
            present = [j for j in range(len(truth_names)) if any(float(r[j + 1]) > 0 for r in rows[1:])]
            true_k, n_samples = len(present), len(rows) - 1
            lo, hi = max(2, true_k - span[0]), min(true_k + span[1], n_samples)
            t0 = time.time()
            if reuse and os.path.exists(f"{d}/extract.log"):
                with open(f"{d}/extract.log") as f: stderr = f.read()
                with open(f"{d}/seconds") as f: elapsed = float(f.read())
            else:
                r = subprocess.run(f"{sigil} extract -o {d}/out {d}/sim/catalog.tsv --ranks {lo}..{hi} --restarts {restarts} "
                                   f"--cv-folds {cv_folds} --cv-restarts {cv_restarts} --all-ranks --save-restarts --threads 2 --no-report --no-resolve-bleeding"
                                   + (f" --solver {solver}" if solver else ""),
                                   shell=True, capture_output=True, text=True)
                if r.returncode != 0:
                    print(name, "FAILED", r.stderr, flush=True); continue
                stderr, elapsed = r.stderr, time.time() - t0
                with open(f"{d}/extract.log", "w") as f: f.write(stderr)
                with open(f"{d}/seconds", "w") as f: f.write(str(round(elapsed, 1)))
            crit = dict(re.findall(r"(auto|cophenetic|stability|cv) k=(\d+|NA)", stderr.split("rank by criterion:")[1].split("\n")[0]))
            with open(f"{d}/out/rank_selection.tsv") as f:
                stats = list(csv.DictReader(f, delimiter="\t"))
            recov, f1 = {}, {}
            truth_cols = [truth[t] for t in present]
            for row in stats:
                k = int(row["rank"])
                _, ext = read_matrix(f"{d}/out/signatures_k{k}.tsv")
                recov[k] = min(max(cosine(t, e) for e in ext) for t in truth_cols)
                f1[k] = f1_at(truth_cols, ext)
                ranks_rows.append(dict(cohort=f"{name}_s{seed}", design=name, seed=seed, true_k=true_k, **row,
                                       min_true_cosine=round(recov[k], 3), f1=f1[k]))
            auto_k = int(crit["auto"])
            resolved = {}
            for k in sorted({auto_k, true_k}):
                if k not in recov: continue
                out = f"{d}/resolved_k{k}"
                if not (reuse and os.path.exists(f"{out}/signatures.tsv")):
                    subprocess.run(f"{sigil} extract -q -o {out} --merge {d}/out --rank {k} --cv-folds 0 --no-report --resolve-bleeding",
                                   shell=True, check=True, capture_output=True)
                _, ext = read_matrix(f"{out}/signatures.tsv")
                resolved[k] = (round(min(max(cosine(t, e) for e in ext) for t in truth_cols), 3), f1_at(truth_cols, ext))
            oracle_each = []
            fits = converged_fits(d, present, true_k, oracle_each) if true_k in recov else ("NA",) * 4
            # Per true signature (criterion 1 of #16): the oracle's cosine and sigil's at the auto
            # rank, resolved (the default) and not.
            auto_each = {}
            for label, path in (("auto", f"{d}/out/signatures_k{auto_k}.tsv"), ("auto_resolved", f"{d}/resolved_k{auto_k}/signatures.tsv")):
                if os.path.exists(path):
                    _, ext = read_matrix(path)
                    auto_each[label] = [round(max(cosine(t, e) for e in ext), 3) for t in truth_cols]
            for i, t in enumerate(present):
                signature_rows.append(dict(cohort=f"{name}_s{seed}", signature=truth_names[t], true_k=true_k, auto=auto_k,
                                           oracle=oracle_each[i] if i < len(oracle_each) else "NA",
                                           at_auto=auto_each.get("auto", ["NA"] * len(present))[i],
                                           at_auto_resolved=auto_each.get("auto_resolved", ["NA"] * len(present))[i]))
            def at(m, k): return round(m[k], 3) if k in m else "NA"
            summary.append(dict(cohort=f"{name}_s{seed}", design=name, seed=seed, description=desc, samples=n_samples, true_k=true_k,
                                ranks=f"{lo}..{hi}", auto=auto_k, stability=crit["stability"], cv=crit["cv"], cophenetic=crit["cophenetic"],
                                rank_correct=int(auto_k == true_k),
                                f1_at_auto=at(f1, auto_k), min_true_cosine_at_auto=at(recov, auto_k),
                                f1_at_true_k=at(f1, true_k), min_true_cosine_at_true_k=at(recov, true_k),
                                oracle_min_true_cosine=fits[0],
                                f1_at_auto_resolved=resolved.get(auto_k, ("NA", "NA"))[1],
                                min_true_cosine_at_auto_resolved=resolved.get(auto_k, ("NA", "NA"))[0],
                                min_true_cosine_at_true_k_resolved=resolved.get(true_k, ("NA", "NA"))[0],
                                seconds=elapsed))
            print("\t".join(str(v) for v in summary[-1].values()), flush=True)
            for fname, rows_ in (("large.tsv", summary), ("large_ranks.tsv", ranks_rows), ("large_signatures.tsv", signature_rows)):
                write_keeping_other_cohorts(os.path.join(work, fname), rows_)

def write_keeping_other_cohorts(path, rows):
    """Writes `rows` to the TSV `path`, keeping the rows of cohorts this run did not score (an
    earlier `--only` call's), so one WORKDIR can collect designs run one at a time."""
    fresh = {r["cohort"] for r in rows}
    kept = []
    if os.path.exists(path):
        with open(path) as f:
            kept = [r for r in csv.DictReader(f, delimiter="\t") if r.get("cohort") not in fresh]
    fields = list(rows[0].keys())
    kept = [r for r in kept if list(r.keys()) == fields]  # a file from an older script version is replaced
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t")
        w.writeheader(); w.writerows(kept + rows)
    os.replace(tmp, path)

def write_factor_table(summary, path):
    """Per level of each grid factor: cohorts, auto rank right, auto rank right and all true
    signatures >= 0.95 there (plain and with --resolve-bleeding), all >= 0.95 at the true rank, and
    the oracle (truth-started optimum) >= 0.95 (Docs/Methods-extract.md §6)."""
    out = []
    for factor, position in (("set", 0), ("samples", 1), ("burden", 2)):
        levels = {}
        for row in summary:
            levels.setdefault(row["scenario"].split("_")[position], []).append(row)
        for level, rows in levels.items():
            def count(f): return sum(1 for r in rows if f(r))
            out.append(dict(factor=factor, level=level, cohorts=len(rows),
                            rank_right=count(lambda r: r["rank_correct"] == 1),
                            recovered_at_auto=count(lambda r: r["rank_correct"] == 1 and r["all_recovered"] == 1),
                            recovered_at_auto_resolved=count(lambda r: r["rank_correct"] == 1 and r["all_recovered_resolved"] == 1),
                            recovered_at_true_k=count(lambda r: r["min_true_cosine_at_true_k"] != "NA" and r["min_true_cosine_at_true_k"] >= 0.95),
                            oracle_recovered=count(lambda r: r["oracle_min_true_cosine"] != "NA" and r["oracle_min_true_cosine"] >= 0.95)))
    with open(path, "w") as f:
        w = csv.DictWriter(f, fieldnames=list(out[0].keys()), delimiter="\t")
        w.writeheader(); w.writerows(out)

if __name__ == "__main__":
    main()
