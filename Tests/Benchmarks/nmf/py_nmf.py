#!/usr/bin/env python3
"""Times a Python NMF tool on a catalog, in the same layout as NMFBench sweep.

usage: py_nmf.py sklearn|nmfrs CATALOG.tsv RANKS(e.g. 2-8) RESTARTS WORKERS

sklearn: sklearn.decomposition.NMF(solver="mu", beta_loss="kullback-leibler", init="random"),
  its default stopping rule (tol=1e-4 relative to the initial error, checked every 10 iterations),
  max_iter=10000; fitted on V transposed (scikit-learn is samples x features).
nmfrs: nmf_rs.nmf(V, k, "brunet") with its defaults (stop="max_iter", max_iter=2000): it has no
  port of R NMF's connectivity stop, and its "stationary" rule (threshold 2.2e-16) ran to any cap.
Restarts run in WORKERS processes with single-threaded BLAS, like sigil's workers.
Prints: rank, seconds, cpu_seconds, s_per_restart, mean_iterations, converged, best_kl, median_kl; then TOTAL.
"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np


def read_catalog(path):
    with open(path) as f:
        f.readline()
        rows = [line.rstrip("\n").split("\t")[1:] for line in f if line.strip()]
    return np.array(rows, dtype=np.float64)  # channels x samples


def kl(v, wh):
    mask = v > 0
    return float(np.sum(v[mask] * np.log(v[mask] / wh[mask])) - v.sum() + wh.sum())


def one(args):
    tool, v, k, seed = args
    warnings.simplefilter("ignore")
    if tool == "sklearn":
        from sklearn.decomposition import NMF
        model = NMF(n_components=k, solver="mu", beta_loss="kullback-leibler", init="random",
                    random_state=seed, max_iter=10000)
        h_t = model.fit_transform(v.T)  # samples x k
        wh = (h_t @ model.components_).T
        return kl(v, wh), model.n_iter_, model.n_iter_ < 10000
    import nmf_rs
    nmf_rs.set_num_threads(1)
    res = nmf_rs.nmf(v, k, "brunet", seed=seed)
    return kl(v, res.W @ res.H), res.n_iter, False


def main():
    tool, path, ranks, restarts, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    a, b = (int(x) for x in ranks.split("-"))
    v = read_catalog(path)
    print("rank\tseconds\tcpu_seconds\ts_per_restart\tmean_iterations\tconverged\tbest_kl\tmedian_kl")
    total = total_cpu = 0.0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, [(tool, v[:, :3], 1, 0)] * workers))  # warm up: imports in every worker
        for k in range(a, b + 1):
            t0 = time.perf_counter()
            out = list(pool.map(one, [(tool, v, k, i) for i in range(restarts)]))
            dt = time.perf_counter() - t0
            total += dt
            kls = sorted(o[0] for o in out)
            iters = sum(o[1] for o in out) / len(out)
            conv = sum(1 for o in out if o[2])
            print(f"{k}\t{dt:.3f}\tNA\t{dt / restarts:.5f}\t{iters:.0f}\t{conv}\t{kls[0]:.4f}\t{kls[len(kls) // 2]:.4f}", flush=True)
    print(f"TOTAL\t{total:.3f}\tNA")


if __name__ == "__main__":
    main()
