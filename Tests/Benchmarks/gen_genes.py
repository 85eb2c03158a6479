#!/usr/bin/env python3
"""Writes random genes for bench_strand.sh: GENES intervals (lengths 1-60 kb, either strand, so
plus/minus overlaps occur) over the contigs of REF_FA's .fai, as BED6 (`genes.bed`, 0-based
half-open) and as SigProfilerMatrixGenerator transcripts (`transcripts.txt`, 1-based inclusive).
Usage: gen_genes.py REF_FA GENES SEED OUTDIR"""
import os, random, sys

ref, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(seed)
contigs = [(l.split("\t")[0], int(l.split("\t")[1])) for l in open(ref + ".fai")]
total = sum(length for _, length in contigs)
genes = []
for k in range(n):
    x = rng.randrange(total)
    for name, length in contigs:
        if x < length: break
        x -= length
    end = min(length, x + rng.randint(1000, 60000))
    genes.append((name, x, end, rng.choice("+-")))
genes.sort(key=lambda g: ([c for c, _ in contigs].index(g[0]), g[1]))
with open(os.path.join(out, "genes.bed"), "w") as b, open(os.path.join(out, "transcripts.txt"), "w") as t:
    for k, (c, s, e, st) in enumerate(genes):
        b.write(f"{c}\t{s}\t{e}\tg{k}\t0\t{st}\n")
        t.write(f"G{k}\tT{k}\t{c}\t{1 if st == '+' else -1}\t{s + 1}\t{e}\n")
