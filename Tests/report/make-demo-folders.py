#!/usr/bin/env python3
"""Arrange a `sigil simulate` folder as extract, fit and count output folders, to test rendering.

FOR RENDERING ONLY. The numbers are not results of sigil extract or fit: signatures are the
simulation's truth lightly perturbed (seeded) and renamed SBS96A, SBS96B, ...; rank_selection.tsv
is made up; intervals and fit statistics are invented around the truth. They exist so that
`sigil report` has realistic-looking inputs of every kind before extract and fit land.

usage: make-demo-folders.py SIMULATE_DIR OUT_DIR     (writes OUT_DIR/{extract,fit,count}/)
Standard library only; deterministic (fixed seed).
"""
import json
import math
import os
import random
import sys


def read_tsv(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return rows[0], rows[1:]


def write_tsv(path, header, rows):
    with open(path, "w") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")


def fmt(x, digits=6):
    return f"{x:.{digits}g}"


def cosine(a, b):
    num = sum(x * y for x, y in zip(a, b))
    den = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return num / den if den else 0.0


def run_json(path, command, argv, parameters, inputs=()):
    manifest = {
        "argv": argv, "command": command, "inputs": list(inputs), "libraries": {},
        "parameters": dict(parameters, note="demo folder for rendering only; numbers are made up"),
        "seed": 20240229, "tool": "sigil", "version": "0.1.0",
    }
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    sim, out = sys.argv[1], sys.argv[2]
    rng = random.Random(20240229)
    sig_header, sig_rows = read_tsv(os.path.join(sim, "truth_signatures.tsv"))
    exp_header, exp_rows = read_tsv(os.path.join(sim, "truth_exposures.tsv"))
    cosmic = sig_header[1:]
    names = ["SBS96" + chr(ord("A") + i) for i in range(len(cosmic))]
    channels = [r[0] for r in sig_rows]
    truth = [[float(r[1 + j]) for r in sig_rows] for j in range(len(cosmic))]

    # extract: perturbed, renamed signatures; the last one perturbed strongly (a "novel" case).
    extract = os.path.join(out, "extract")
    os.makedirs(extract, exist_ok=True)
    denovo = []
    for j, col in enumerate(truth):
        spread = 1.6 if j == len(truth) - 1 else 0.25
        noisy = [v * math.exp(rng.gauss(0, spread)) + 1e-5 for v in col]
        s = sum(noisy)
        denovo.append([v / s for v in noisy])
    write_tsv(os.path.join(extract, "signatures.tsv"), ["MutationType"] + names,
              [[channels[i]] + [fmt(denovo[j][i], 8) for j in range(len(names))] for i in range(len(channels))])
    write_tsv(os.path.join(extract, "exposures.tsv"), ["Sample"] + names,
              [[r[0]] + [fmt(float(v) * rng.uniform(0.9, 1.1), 7) for v in r[1:]] for r in exp_rows])
    matches = []
    for j, name in enumerate(names):
        c = cosine(denovo[j], truth[j])
        matches.append([name, cosmic[j], fmt(c, 4), f"{cosmic[j]}:1", fmt(c, 4), "yes" if c < 0.8 else "no"])
    write_tsv(os.path.join(extract, "reference_match.tsv"),
              ["signature", "best_match", "best_cosine", "decomposition", "decomposition_cosine", "novel"], matches)
    k_true = len(names)
    rank_rows = []
    for k in range(2, 9):
        gap = abs(k - k_true)
        coph = 0.995 - 0.01 * max(0, k - k_true) ** 1.5 - 0.004 * gap + rng.uniform(-0.003, 0.003)
        stab = 0.97 - (0.12 * (k - k_true) if k > k_true else 0.01 * (k_true - k)) + rng.uniform(-0.01, 0.01)
        err = 9000 * math.exp(-0.9 * min(k, k_true)) + 2100 - 40 * k
        cv = 2600 + 150 * gap ** 1.3 + rng.uniform(-20, 20)
        rank_rows.append([k, fmt(coph, 5), fmt(0.99 - 0.02 * gap, 4), fmt(stab, 4), fmt(stab + 0.02, 4),
                          fmt(err, 6), fmt(cv, 6), 1 if k == k_true else 0])
    write_tsv(os.path.join(extract, "rank_selection.tsv"),
              ["rank", "cophenetic", "dispersion", "min_stability", "mean_stability", "kl_divergence", "cv_deviance", "selected"],
              rank_rows)
    run_json(os.path.join(extract, "run.json"), "extract",
             ["sigil", "extract", "-o", "extract", "--ranks", "2..8", "catalog.sbs96.tsv"],
             {"ranks": "2..8", "restarts": "100", "reference": "cosmic-v3.4", "genome": "GRCh37", "solver": "kl"})

    # fit: truth exposures with invented intervals and statistics.
    fit = os.path.join(out, "fit")
    os.makedirs(fit, exist_ok=True)
    write_tsv(os.path.join(fit, "exposures.tsv"), exp_header, [[r[0]] + [fmt(float(v), 7) for v in r[1:]] for r in exp_rows])
    ci, stats = [], []
    for r in exp_rows:
        values = [float(v) for v in r[1:]]
        total = sum(values)
        for name, v in zip(cosmic, values):
            if v <= 0:
                continue
            half = 2.2 * math.sqrt(v) + 0.05 * v
            frac = 1.0 if v > 150 else round(rng.uniform(0.3, 0.9), 3)
            ci.append([r[0], name, fmt(v, 7), fmt(max(0, v - half), 7), fmt(v + half, 7), frac])
        cos = 0.995 - 4 / math.sqrt(total) * rng.uniform(0.2, 1.0)
        stats.append([r[0], int(round(total)), fmt(cos, 4), fmt(0.05 + rng.uniform(0, 0.1), 4),
                      fmt(math.sqrt(total) * 1.1, 5), sum(1 for v in values if v > 0)])
    write_tsv(os.path.join(fit, "exposures_ci.tsv"),
              ["sample", "signature", "exposure", "lower", "upper", "selected_fraction"], ci)
    write_tsv(os.path.join(fit, "fit_stats.tsv"), ["sample", "mutations", "cosine", "kl", "l2", "signatures"], stats)
    cat_header, cat_rows = read_tsv(os.path.join(sim, "catalog.tsv"))
    write_tsv(os.path.join(fit, "residuals.tsv"), cat_header,
              [[row[0]] + [fmt(rng.uniform(-3, 3), 4) for _ in row[1:]] for row in cat_rows])
    run_json(os.path.join(fit, "run.json"), "fit", ["sigil", "fit", "-o", "fit", "catalog.sbs96.tsv"],
             {"reference": "cosmic-v3.4", "genome": "GRCh37", "bootstrap": "200"})

    # count: the simulated catalog as catalog.sbs96.tsv, a small made-up DBS78 catalog and summary.
    count = os.path.join(out, "count")
    os.makedirs(count, exist_ok=True)
    write_tsv(os.path.join(count, "catalog.sbs96.tsv"), cat_header, cat_rows)
    dbs = ["AC>CA", "AC>CG", "AC>CT", "AC>GA", "AC>GG", "AC>GT", "AC>TA", "AC>TG", "AC>TT",
           "AT>CA", "AT>CC", "AT>CG", "AT>GA", "AT>GC", "AT>TA",
           "CC>AA", "CC>AG", "CC>AT", "CC>GA", "CC>GG", "CC>GT", "CC>TA", "CC>TG", "CC>TT",
           "CG>AT", "CG>GC", "CG>GT", "CG>TA", "CG>TC", "CG>TT",
           "CT>AA", "CT>AC", "CT>AG", "CT>GA", "CT>GC", "CT>GG", "CT>TA", "CT>TC", "CT>TG",
           "GC>AA", "GC>AG", "GC>AT", "GC>CA", "GC>CG", "GC>TA",
           "TA>AT", "TA>CG", "TA>CT", "TA>GC", "TA>GG", "TA>GT",
           "TC>AA", "TC>AG", "TC>AT", "TC>CA", "TC>CG", "TC>CT", "TC>GA", "TC>GG", "TC>GT",
           "TG>AA", "TG>AC", "TG>AT", "TG>CA", "TG>CC", "TG>CT", "TG>GA", "TG>GC", "TG>GT",
           "TT>AA", "TT>AC", "TT>AG", "TT>CA", "TT>CC", "TT>CG", "TT>GA", "TT>GC", "TT>GG"]
    samples = cat_header[1:4]
    write_tsv(os.path.join(count, "catalog.dbs78.tsv"), ["MutationType"] + samples,
              [[d] + [(rng.randint(0, 9) + (25 if d.startswith("CC>TT") else 0)) for _ in samples] for d in dbs])
    summary = []
    for j, s in enumerate(cat_header[1:]):
        sbs = sum(int(float(r[1 + j])) for r in cat_rows)
        summary.append([s, sbs + 40, sbs, rng.randint(0, 40), 0, rng.randint(0, 5), rng.randint(0, 3)])
    write_tsv(os.path.join(count, "count_summary.tsv"),
              ["sample", "records", "sbs", "dbs", "mnv", "filtered", "ref_mismatch"], summary)
    run_json(os.path.join(count, "run.json"), "count", ["sigil", "count", "-o", "count", "--reference-fasta", "ref.fa", "*.vcf.gz"], {})

    # Added later, with their own generator so the files above stay as they were:
    # extract/reconstruction.tsv (two samples below 0.9) and a made-up count/catalog.id83.tsv.
    extra = random.Random(83)
    recon = []
    for i, r in enumerate(exp_rows):
        total = sum(float(v) for v in r[1:])
        cos = 0.86 + extra.uniform(0, 0.02) if i in (3, 11) else 0.995 - 4 / math.sqrt(max(total, 1)) * extra.uniform(0.2, 1.0)
        recon.append([r[0], int(round(total)), fmt(cos, 6)])
    write_tsv(os.path.join(extract, "reconstruction.tsv"), ["Sample", "total", "cosine"], recon)
    ids = ([f"1:{k}:{b}:{n}" for k in ("Del", "Ins") for b in "CT" for n in range(6)]
           + [f"{z}:{k}:R:{n}" for k in ("Del", "Ins") for z in range(2, 6) for n in range(6)]
           + [f"{z}:Del:M:{n}" for z in range(2, 6) for n in range(1, (5 if z == 5 else z - 1) + 1)])
    write_tsv(os.path.join(count, "catalog.id83.tsv"), ["MutationType"] + samples,
              [[d] + [extra.randint(0, 4) + (30 if d.startswith("1:Del:T:") and d[-1] in "45" else 0)
                      + (12 if ":Del:M:" in d and j == 1 else 0) for j in range(len(samples))] for d in ids])

    # Added for issue #19, again without touching the files above except to widen or re-describe:
    # the fit folder's exposures.tsv gets every other COSMIC v3.4 SBS signature as an all-zero
    # column (as `sigil fit` writes all 86), and both run.json files record what the real stages
    # record (rank rule and its sentence; reference table), so the report checks can assert that
    # zero-exposure signatures are not shown and that the "Why k" block is there.
    cosmic_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "reference", "COSMIC_v3.4_SBS_GRCh37.txt")
    with open(cosmic_path) as f:
        all_names = f.readline().rstrip("\n").split("\t")[1:]
    zero = [n for n in all_names if n not in exp_header[1:]]
    write_tsv(os.path.join(fit, "exposures.tsv"), exp_header + zero,
              [[r[0]] + [fmt(float(v), 7) for v in r[1:]] + [0] * len(zero) for r in exp_rows])
    run_json(os.path.join(fit, "run.json"), "fit", ["sigil", "fit", "-o", "fit", "catalog.sbs96.tsv"],
             {"reference": "cosmic-v3.4", "genome": "GRCh37", "exome": "false", "bootstrap": "200"})
    selected = next(r[0] for r in rank_rows if r[-1] == 1)
    run_json(os.path.join(extract, "run.json"), "extract",
             ["sigil", "extract", "-o", "extract", "--ranks", "2..8", "catalog.sbs96.tsv"],
             {"ranks": "2..8", "restarts": "100", "reference": "cosmic-v3.4", "genome": "GRCh37", "solver": "kl",
              "rank-selection": "auto", "rank": "auto", "selected-rank": str(selected),
              "selection-reason": f"made-up demo: the row marked selected (k={selected}) is the simulation's number of signatures"},
             # The simulated catalog as the extract input (no sha256: not checked), for the
             # per-sample panels, which draw the observed catalog against W·h.
             inputs=[{"path": os.path.abspath(os.path.join(sim, "catalog.tsv")), "sha256": ""}])

    # A made-up consensus matrix for the selected rank: samples whose largest truth exposure is the
    # same signature are "together" in 85-100% of restarts, others in 0-15%.
    cons_rng = random.Random(19)
    dominant = [max(range(len(r) - 1), key=lambda j: float(r[1 + j])) for r in exp_rows]
    n = len(exp_rows)
    together = [[0.0] * n for _ in range(n)]
    for i in range(n):
        together[i][i] = 1.0
        for j in range(i + 1, n):
            v = cons_rng.uniform(0.85, 1.0) if dominant[i] == dominant[j] else cons_rng.uniform(0.0, 0.15)
            together[i][j] = together[j][i] = round(v, 2)
    write_tsv(os.path.join(extract, f"consensus_k{selected}.tsv"), ["Sample"] + [r[0] for r in exp_rows],
              [[r[0]] + together[i] for i, r in enumerate(exp_rows)])


if __name__ == "__main__":
    main()
