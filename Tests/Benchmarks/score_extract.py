#!/usr/bin/env python3
"""Scores `sigil extract` folders against `sigil simulate` truth (issue #16 session 8): selected rank, F1
(cosine 0.9, one-to-one, as extract_scenarios.py), worst true cosine, and criterion 1 against the
truth-started oracle recorded by `extract_scenarios.py --large` (its large_signatures*.tsv): every
true signature the oracle recovers at >= 0.95 must be recovered at >= 0.95 ("crit1"), or within
0.05 of the oracle ("within0.05"). Benchmarks only (needs numpy, scipy).
Usage: score_extract.py [--oracle 'GLOB' ...] SIMDIR:OUTDIR ...   (SIMDIR's parent is named <cohort>_s<seed>)"""
import csv, re, sys, json, numpy as np
from scipy.optimize import linear_sum_assignment
def read(p):
    rows = list(csv.reader(open(p), delimiter="\t"))
    return rows[0][1:], [r[0] for r in rows[1:]], np.array([[float(x) for x in r[1:]] for r in rows[1:]])
import glob, os
oracle = {}
args = sys.argv[1:]; globs = []
while args and args[0] == "--oracle": globs.append(args[1]); args = args[2:]
for f in [f for g in globs for f in glob.glob(g)]:
    for r in csv.DictReader(open(f), delimiter="\t"): oracle[(r["cohort"], r["signature"])] = float(r["oracle"])
print("cohort\ttrue_k\tauto\tright\tF1\tworst_cos\tcrit1\twithin0.05\tmisses(sig sigil/oracle)\tpolish")
c1 = w5 = 0
right = n = 0
for arg in args:
    sim, out = arg.split(":")
    tn, tl, T = read(f"{sim}/truth_signatures.tsv")
    en, el, E = read(f"{out}/signatures.tsv")
    _, _, X = read(f"{sim}/truth_exposures.tsv")
    present = [j for j in range(len(tn)) if (X[:, j] > 0).any()]
    T = T[:, present]
    E = E[[el.index(l) for l in tl]]
    C = (T / np.linalg.norm(T, axis=0)).T @ (E / np.linalg.norm(E, axis=0))
    r, c = linear_sum_assignment(-C); tp = sum(C[i, j] >= 0.9 for i, j in zip(r, c))
    f1 = 2 * tp / (C.shape[0] + C.shape[1])
    k, tk = E.shape[1], len(present)
    pol = json.load(open(f"{out}/run.json")).get("parameters", {}).get("nb-polish", "?")
    right += k == tk; n += 1
    cohort = os.path.basename(os.path.dirname(os.path.abspath(sim)))
    best = C.max(axis=1); names = [tn[j] for j in present]
    miss = [(nm, b, oracle[(cohort, nm)]) for nm, b in zip(names, best) if oracle.get((cohort, nm), 0) >= 0.95 and b < 0.95]
    gap = [(nm, b, oracle[(cohort, nm)]) for nm, b in zip(names, best) if (cohort, nm) in oracle and b < oracle[(cohort, nm)] - 0.05]
    c1 += not miss; w5 += not gap
    print(f"{cohort}\t{tk}\t{k}\t{'✓' if k == tk else '✗'}\t{f1:.2f}\t{C.max(axis=1).min():.3f}\t{'ok' if not miss else 'no'}\t{'ok' if not gap else 'no'}\t{' '.join(f'{a} {b:.3f}/{c:.3f}' for a,b,c in miss) or '-'}\t{pol[:12]}")
print(f"# right rank {right}/{n}; criterion 1 {c1}/{n}; within 0.05 of the oracle {w5}/{n}")
