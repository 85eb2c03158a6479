#!/usr/bin/env python3
"""Writes the `--rules sigprofiler` cross-check data: a small random reference and VCFs that plant
every SigProfilerMatrixGenerator quirk sigil reproduces (dense SNV chains, adjacent pairs, 2-bp
records with an unchanged base, multi-allelic records, lower-case and non-ACGT alleles, REF
mismatches, repeated lines, N flanks, positions 1-3 and the contig end, chr-prefixed names,
failing FILTERs, indels). Usage: spmg_rules_fixture.py OUTDIR SEED"""
import os, random, sys

out, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
os.makedirs(os.path.join(out, "vcf"), exist_ok=True)
L = 3000
genome = {}
for c in ["1", "2"]:
    s = [rng.choice("ACGT") for _ in range(L)]
    if c == "1":
        for p in range(1500, 1506): s[p] = "N"
    genome[c] = "".join(s)
with open(os.path.join(out, "ref.fa"), "w") as fa:
    for c, s in genome.items():
        fa.write(f">{c}\n" + "\n".join(s[i:i + 60] for i in range(0, L, 60)) + "\n")

def other(b, avoid=""):
    return rng.choice([x for x in "ACGT" if x != b and x not in avoid])

def records_for(sample_index):
    recs = []  # (contig, pos1, ref, alt, filter)
    for c in ["1", "2"]:
        g = genome[c]
        p = 5
        while p < L - 10:
            r = rng.random()
            b = g[p - 1]
            if b == "N":
                p += 7; continue
            if r < 0.35:    # isolated SNV
                recs.append((c, p, b, other(b), "PASS")); p += rng.randint(1, 12)
            elif r < 0.45:  # adjacent pair from two records
                recs.append((c, p, b, other(b), "PASS")); recs.append((c, p + 1, g[p], other(g[p]), "PASS")); p += rng.randint(2, 9)
            elif r < 0.52:  # 2-bp record, both bases changed, or one unchanged (SPMG drops it)
                alt = other(b) + (other(g[p]) if rng.random() < 0.7 else g[p])
                recs.append((c, p, g[p - 1:p + 1], alt, "PASS")); p += rng.randint(2, 9)
            elif r < 0.57:  # a chain of three
                for k in range(3): recs.append((c, p + k, g[p + k - 1], other(g[p + k - 1]), "PASS"))
                p += rng.randint(3, 10)
            elif r < 0.60:  # multi-allelic
                a1 = other(b); recs.append((c, p, b, a1 + "," + other(b, a1), "PASS")); p += rng.randint(1, 12)
            elif r < 0.63:  # lower-case allele, non-ACGT ALT
                recs.append((c, p, b.lower(), other(b), "PASS") if rng.random() < 0.5 else (c, p, b, "N", "PASS")); p += rng.randint(1, 12)
            elif r < 0.66:  # REF mismatch
                w = other(b); recs.append((c, p, w, other(b, w), "PASS")); p += rng.randint(1, 12)
            elif r < 0.70:  # a repeated line (SPMG drops it), and a failing FILTER (SPMG keeps it)
                a = other(b); recs.append((c, p, b, a, "PASS")); recs.append((c, p, b, a, "PASS"))
                recs.append((c, p + 3, g[p + 2], other(g[p + 2]), "LowQual")); p += rng.randint(4, 12)
            elif r < 0.74:  # indels
                recs.append((c, p, b, b + "A", "PASS")); p += rng.randint(2, 12)
            else:
                p += rng.randint(1, 30)
    # Edges: positions 1, 2, 3 and the last two bases of contig 2; SNVs next to the N block.
    g = genome["2"]
    if sample_index == 0:
        recs += [("2", 1, g[0], other(g[0]), "PASS"), ("2", 2, g[1], other(g[1]), "PASS")]
    if sample_index == 1:
        recs += [("2", 3, g[2], other(g[2]), "PASS"), ("2", L - 1, g[L - 2], other(g[L - 2]), "PASS"), ("2", L, g[L - 1], other(g[L - 1]), "PASS")]
    g1 = genome["1"]
    recs += [("1", 1499, g1[1498], other(g1[1498]), "PASS"), ("1", 1508, g1[1507], other(g1[1507]), "PASS")]
    order = {"1": 0, "2": 1}
    return sorted(recs, key=lambda x: (order[x[0]], x[1]))

names = ["PD1.somatic.vcf", "PD2.vcf", "PD10.caveman.vcf", "PD3.vcf"]
for i, name in enumerate(names):
    chr_prefix = "chr" if i % 2 == 1 else ""
    with open(os.path.join(out, "vcf", name), "w") as v:
        v.write("##fileformat=VCFv4.2\n")
        for c in genome: v.write(f"##contig=<ID={chr_prefix}{c},length={L}>\n")
        v.write('##FILTER=<ID=LowQual,Description="x">\n##FORMAT=<ID=GT,Number=1,Type=String,Description="x">\n')
        v.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOUR\n")
        for c, p, ref, alt, flt in records_for(i):
            v.write(f"{chr_prefix}{c}\t{p}\t.\t{ref}\t{alt}\t.\t{flt}\t.\tGT\t0/1\n")
