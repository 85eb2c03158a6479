#!/usr/bin/env python3
"""Replays two guards for `sigil extract`'s consensus centroid on saved extract folders, with no
new NMF (Docs/Methods-extract.md §6 "Session 8: consensus guard", Decision 0019).

The question: when near-equally good restarts split a pair of similar signatures differently, the
centroid of their matched columns is a blur whose KL can be far above every restart it averages
(flat_30_wgs seed 7, k = 5: 1679.9 against 1133.0). Would a guard improve recovery, or restore the
rank picks that the extrapolated MU default (Decision 0013) lost? Candidates, at the auto and the
true rank of each cohort:
  centroid  sigil's consensus signatures (signatures_k<K>.tsv of an --all-ranks run)
  refined   (a) the centroid refined by KL multiplicative updates (exposures fitted first, then
            plain MU on W and H with the restarts' stopping rule: relative decrease <= 1e-6 per 10
            iterations, 100..5,000 iterations)
  best      (b) the best restart's W (needs out/restarts/ from --save-restarts)
each scored by KL (exposures fitted by KL) and by the worst true signature's cosine, both as
extract_scenarios.py measures it (each true signature's best match) and one-to-one (Hungarian on
cosine, as F1; NA when the rank is below the number of true signatures). `gate` marks the ranks where the centroid's KL exceeds the best restart's by more
than the consensus filter (0.1%): where a gated guard would act.

With --stability, also how noisy each rank's stability is with the restarts saved: SignatureClustering
(Hungarian on cosine distance, seeded by the best restart) and the cosine silhouettes recomputed
on 200 random 15-of-20 restart subsets (the mean silhouette's spread, and how often the rank passes
RankSelection.isStable).

Usage: consensus_guard_replay.py [--stability] COHORT_DIR[:OUT_DIR] ...
  COHORT_DIR holds sim/ (catalog.tsv, truth_signatures.tsv, truth_exposures.tsv) as
  extract_scenarios.py writes it; OUT_DIR (default COHORT_DIR/out) an --all-ranks extract folder.
Needs numpy and scipy.
"""
import csv, glob, os, sys
import numpy as np
from scipy.optimize import linear_sum_assignment


def read_table(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path) if not l.startswith("#")]
    return np.array([[float(x) for x in r[1:]] for r in rows[1:]])


def read_restarts(path):
    """A saved restart block: header lines '#sigil-restarts', '#rank K channels C samples N', then
    restart, objective, iterations, converged, W (C·K) then H (K·N), both column-major."""
    lines = [l.rstrip("\n").split("\t") for l in open(path)]
    k, m, n = int(lines[1][1]), int(lines[1][3]), int(lines[1][5])
    out = []
    for r in lines[3:]:
        x = np.array([float(v) for v in r[4:]])
        out.append(dict(objective=float(r[1]), w=x[:m * k].reshape((k, m)).T, h=x[m * k:].reshape((n, k)).T))
    return out


def kl(v, mu):
    mu = np.maximum(mu, 1e-300)
    return float((np.where(v > 0, v * np.log(np.where(v > 0, v, 1) / mu), 0.0) - v + mu).sum())


def multiplicative(v, w, h, update_w=True, tol=1e-6, lo=100, hi=5000):
    """Plain KL multiplicative updates (H then W), the restarts' stopping rule; W's columns sum to 1."""
    w, h, prev = w.copy(), h.copy(), None
    for it in range(1, hi + 1):
        h *= (w.T @ (v / np.maximum(w @ h, 1e-300))) / w.sum(0)[:, None]
        if update_w:
            w *= ((v / np.maximum(w @ h, 1e-300)) @ h.T) / h.sum(1)[None, :]
        if it % 10 == 0:
            cur = kl(v, w @ h)
            if it >= lo and prev is not None and prev - cur <= tol * prev:
                break
            prev = cur
    s = w.sum(0)
    return w / s, h * s[:, None]


def fitted_kl(v, w):
    k = w.shape[1]
    _, h = multiplicative(v, w, np.ones((k, v.shape[1])) * v.sum(0) / k, update_w=False, tol=1e-9, hi=3000)
    return kl(v, w @ h), h


def cosines(a, b):
    return (a / np.linalg.norm(a, axis=0)).T @ (b / np.linalg.norm(b, axis=0))


def worst(truth, w):
    c = cosines(truth, w)
    r, j = linear_sum_assignment(-c)
    # one-to-one only when every true signature can have its own column
    return float(c.max(1).min()), (float(c[r, j].min()) if w.shape[1] >= truth.shape[1] else None)


def cluster(ws, initial):
    """SignatureClustering: centroids from the initial restart, Hungarian re-assignment to a fixed point."""
    k, cent, assign = ws[0].shape[1], ws[initial].copy(), None
    for _ in range(100):
        new = [list(linear_sum_assignment(1 - cosines(cent, w))[1]) for w in ws]
        if new == assign:
            break
        assign = new
        cent = np.stack([np.mean([ws[i][:, assign[i][c]] for i in range(len(ws))], axis=0) for c in range(k)], 1)
    return assign


def silhouettes(ws, assign):
    k, r = ws[0].shape[1], len(ws)
    x = np.concatenate([np.stack([ws[i][:, assign[i][c]] for i in range(r)], 1) for c in range(k)], 1)
    label, d = np.repeat(np.arange(k), r), 1 - cosines(x, x)
    s = np.zeros(len(label))
    for i in range(len(label)):
        same = label == label[i]
        same[i] = False
        a = d[i, same].mean()
        b = min(d[i, label == c].mean() for c in range(k) if c != label[i])
        s[i] = 0 if max(a, b) == 0 else (b - a) / max(a, b)
    per = [s[label == c].mean() for c in range(k)]
    return s.mean(), min(per)


def stability_spread(restarts, draws=200, size=15):
    rng = np.random.default_rng(1)
    means, stable = [], 0
    for _ in range(draws):
        sub = [restarts[i] for i in sorted(rng.choice(len(restarts), size, replace=False))]
        ws = [r["w"] for r in sub]
        mean, low = silhouettes(ws, cluster(ws, int(np.argmin([r["objective"] for r in sub]))))
        means.append(mean)
        stable += mean >= 0.8 and low >= 0.2 and mean + low >= 1.0
    return np.percentile(means, 5), np.median(means), np.percentile(means, 95), stable


def main():
    args = sys.argv[1:]
    spread = "--stability" in args
    args = [a for a in args if a != "--stability"]
    print("\t".join(["cohort", "rank", "which", "best_restart_kl", "centroid_kl", "gate", "refined_kl", "best_cos_centroid",
                     "best_cos_refined", "best_cos_best_restart", "one_to_one_centroid", "one_to_one_refined",
                     "one_to_one_best_restart"] + (["mean_stability_5_50_95", "stable_of_200"] if spread else [])))
    for arg in args:
        d, out = (arg.split(":") + [None])[:2]
        out = out or os.path.join(d, "out")
        v = read_table(f"{d}/sim/catalog.tsv")
        truth = read_table(f"{d}/sim/truth_signatures.tsv")
        truth = truth[:, read_table(f"{d}/sim/truth_exposures.tsv").sum(0) > 0]
        rows = {int(r["rank"]): r for r in csv.DictReader(open(f"{out}/rank_selection.tsv"), delimiter="\t")}
        auto = [k for k, r in rows.items() if r["selected"] == "yes"][0]
        for k, which in ((auto, "auto"), (truth.shape[1], "true")):
            if (which == "true" and k == auto) or k not in rows or not os.path.exists(f"{out}/signatures_k{k}.tsv"):
                continue
            best = float(rows[k]["best_objective"])
            w = read_table(f"{out}/signatures_k{k}.tsv")
            centroid_kl, h = fitted_kl(v, w)
            wr, hr = multiplicative(v, w, h)
            blocks = glob.glob(f"{out}/restarts/k{k:02d}_r*.tsv")
            restarts = [r for b in sorted(blocks) for r in read_restarts(b)]
            b = min(restarts, key=lambda r: r["objective"]) if restarts else None
            name = "/".join(os.path.normpath(d).split(os.sep)[-2:])  # group/cohort
            fields = [name + ("" if out == os.path.join(d, "out") else ":" + os.path.basename(os.path.dirname(os.path.normpath(out)))),
                      k, which, f"{best:.2f}", f"{centroid_kl:.2f}", int(centroid_kl > best * 1.001), f"{kl(v, wr @ hr):.2f}"]
            c, r_, bb = worst(truth, w), worst(truth, wr), worst(truth, b["w"]) if b else ("NA", "NA")
            f3 = lambda x: "NA" if x in (None, "NA") else f"{x:.3f}"
            fields += [f3(c[0]), f3(r_[0]), f3(bb[0]), f3(c[1]), f3(r_[1]), f3(bb[1])]
            if spread:
                if len(restarts) >= 20:
                    lo, med, hi, n = stability_spread(restarts)
                    fields += [f"{lo:.3f}/{med:.3f}/{hi:.3f}", n]
                else:
                    fields += ["NA", "NA"]
            print("\t".join(str(x) for x in fields), flush=True)


if __name__ == "__main__":
    main()
