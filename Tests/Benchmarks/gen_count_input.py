#!/usr/bin/env python3
"""Writes the `bench_count.sh` input: a random reference FASTA and a single-sample VCF (text, to be
bgzipped) with Mutect2-like INFO/FORMAT fields. Usage: gen_count_input.py OUTDIR SNVS GENOME_MB SEED"""
import random, sys, os

out, snvs, genome_mb, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
contigs = 5
length = genome_mb * 1_000_000 // contigs
table = bytes.maketrans(bytes(range(256)), b"ACGT" * 64)
seqs = []
with open(os.path.join(out, "ref.fa"), "wb") as fa:
    for c in range(contigs):
        seq = rng.randbytes(length).translate(table)
        seqs.append(seq)
        fa.write(b">%d\n" % (c + 1))
        fa.write(b"\n".join(seq[i:i + 60] for i in range(0, length, 60)))
        fa.write(b"\n")
per = snvs // contigs
alts = {65: b"CGT", 67: b"AGT", 71: b"ACT", 84: b"ACG"}
with open(os.path.join(out, "calls.vcf"), "wb") as v:
    v.write(b"##fileformat=VCFv4.2\n")
    for c in range(contigs):
        v.write(b"##contig=<ID=%d,length=%d>\n" % (c + 1, length))
    v.write(b'##FILTER=<ID=weak_evidence,Description="x">\n')
    v.write(b'##INFO=<ID=DP,Number=1,Type=Integer,Description="x">\n##INFO=<ID=TLOD,Number=A,Type=Float,Description="x">\n')
    v.write(b'##FORMAT=<ID=GT,Number=1,Type=String,Description="x">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description="x">\n')
    v.write(b'##FORMAT=<ID=DP,Number=1,Type=Integer,Description="x">\n##FORMAT=<ID=AF,Number=A,Type=Float,Description="x">\n')
    v.write(b"##tumor_sample=TUMOUR\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOUR\n")
    for c in range(contigs):
        seq = seqs[c]
        positions = sorted(rng.sample(range(1, length - 1), per))
        lines = []
        for p in positions:
            ref = seq[p - 1]
            alt = alts[ref][rng.randrange(3)]
            flt = b"PASS" if rng.random() < 0.9 else b"weak_evidence"
            dp = rng.randrange(20, 120); ad = rng.randrange(3, dp)
            lines.append(b"%d\t%d\t.\t%c\t%c\t.\t%s\tDP=%d;TLOD=%.2f\tGT:AD:DP:AF\t0/1:%d,%d:%d:%.3f\n"
                         % (c + 1, p, ref, alt, flt, dp, ad * 0.7, dp - ad, ad, dp, ad / dp))
        v.write(b"".join(lines))
