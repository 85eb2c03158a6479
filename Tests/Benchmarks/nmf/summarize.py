#!/usr/bin/env python3
"""Side-by-side summary of NMF sweep tables (NMFBench / py_nmf.py / r_nmf.R layout).

usage: summarize.py COHORT_LABEL sigil.tsv:RESTARTS other.tsv:RESTARTS:NAME ...
Seconds are extrapolated linearly to 100 restarts per rank where fewer were run (stated in the table).
"""
import sys


def read(path):
    rows, total = {}, None
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "TOTAL":
                total = float(p[1])
            elif p[0].isdigit():
                rows[int(p[0])] = dict(zip(header, p))
    return rows, total


def main():
    label = sys.argv[1]
    runs = []
    for spec in sys.argv[2:]:
        parts = spec.split(":")
        path, restarts = parts[0], int(parts[1])
        name = parts[2] if len(parts) > 2 else "sigil (defaults)"
        try:
            rows, total = read(path)
        except OSError:
            rows, total = {}, None
        runs.append((name, restarts, rows, total))
    sigil = runs[0]
    ranks = sorted(sigil[2])
    print(f"-- {label}: ranks {ranks[0]}..{ranks[-1]}, wall-clock seconds on this machine (one run)")
    print(f"{'tool':<34}{'restarts':>9}{'s/restart':>11}{'total(100)':>12}{'sigil x faster':>16}{'sum best KL':>14}{'KL vs sigil':>13}")
    base_total = sigil[3] * 100 / sigil[1] if sigil[3] else None
    base_kl = sum(float(sigil[2][k]["best_kl"]) for k in ranks)
    for name, restarts, rows, total in runs:
        if total is None or not rows:
            print(f"{name:<34}{'(not run: tool missing or failed)':>40}")
            continue
        per = total / (restarts * len(rows))
        full = total * 100 / restarts
        kl = sum(float(rows[k]["best_kl"]) for k in ranks if k in rows)
        ratio = f"{full / base_total:.1f}" if base_total else "NA"
        print(f"{name:<34}{restarts:>9}{per:>11.4f}{full:>12.1f}{ratio:>16}{kl:>14.2f}{(kl - base_kl) / base_kl:>+13.2e}")
    print("per rank best final KL (lower is better):")
    print("rank  " + "".join(f"{n[:18]:>20}" for n, *_ in runs))
    for k in ranks:
        print(f"{k:<6}" + "".join(f"{(r[k]['best_kl'] if k in r else 'NA'):>20}" for _, _, r, _ in runs))


if __name__ == "__main__":
    main()
