#!/usr/bin/env python3
"""Scores fitted exposures against simulated truth (used by bench_fit.sh).

usage: fit_accuracy.py TRUTH.tsv FITTED.tsv
Both files: header row, first column = sample, then one column per signature (one row per
sample): sigil's exposures.tsv / truth_exposures.tsv and SigProfilerAssignment's
Assignment_Solution_Activities.txt share this layout. Prints three numbers, averaged over samples:
  abs_error  sum over signatures of |fitted share - true share| (shares = exposures / their sum;
             0 = perfect, 2 = disjoint)
  fp         signatures with fitted exposure > 0 and true exposure 0
  fn         signatures with true exposure > 0 and fitted exposure 0
Plain Python (no numpy) so it runs anywhere.
"""
import sys


def read(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")[1:]
        rows = {}
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            rows[parts[0]] = {name: float(v) for name, v in zip(header, parts[1:])}
    return rows


def main():
    truth, fitted = read(sys.argv[1]), read(sys.argv[2])
    err = fp = fn = 0.0
    n = 0
    for sample, t in truth.items():
        f = fitted.get(sample)
        if f is None:
            sys.exit(f"{sys.argv[2]}: sample {sample} missing")
        ts, fs = sum(t.values()), sum(f.values())
        names = set(t) | set(f)
        for name in names:
            tv, fv = t.get(name, 0.0), f.get(name, 0.0)
            err += abs((fv / fs if fs > 0 else 0) - (tv / ts if ts > 0 else 0))
            fp += fv > 0 and tv == 0
            fn += tv > 0 and fv == 0
        n += 1
    print(f"{err / n:.4f}\t{fp / n:.2f}\t{fn / n:.2f}")


if __name__ == "__main__":
    main()
