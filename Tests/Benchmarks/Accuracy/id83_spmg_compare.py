#!/usr/bin/env python3
"""ID83 agreement of `sigil count` with SigProfilerMatrixGenerator 1.4.0 (SPMG) on N random indels.

Usage: id83_spmg_compare.py OUTDIR [N=2000] [SEED=1]   (needs ../../../.build/release/sigil or
SIGIL=path, bcftools, and SPMG: pip install SigProfilerMatrixGenerator==1.4.0)

Writes a 5 x 60 kb reference rich in homopolymers, tandem repeats, microhomologies (and a few
N blocks), and N
random indels (1-8 bp deletions and insertions, half of them at planted repeats, written at a
random position of their shift window, so most are NOT left-normalised, as raw caller output
can be). Then compares, per indel and per matrix:
  A. sigil strict (normalises itself)         vs SPMG on `bcftools norm`-ed records (per indel)
  B. sigil strict                             vs SPMG on the raw records (per indel)
  C. sigil --rules sigprofiler on raw records vs SPMG on the raw records (whole ID83 matrix)
  D. sigil --rules sigprofiler on normalised  vs SPMG on normalised records (whole ID83 matrix)
Per-indel labels: sigil from a multi-sample VCF with one indel per sample column (GT), SPMG from
its seqInfo files (output/vcf_files/ID/*_seqinfo.txt). SPMG runs through spmg_count.py, which
installs the reference as an SPMG custom genome once (named sigilid83<md5 of ref.fa>)."""
import collections, glob, os, random, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.abspath(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
sigil = os.environ.get("SIGIL", os.path.join(here, "../../../.build/release/sigil"))
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

# Reference: random segments interleaved with homopolymers, tandem repeats and near-repeats.
# ID83_CONTIGS / ID83_LENGTH / ID83_N_BLOCKS=0 shrink the reference (the stored test fixture uses 1 x 12000, no N).
contigs = [str(i + 1) for i in range(int(os.environ.get("ID83_CONTIGS", "5")))]
length, repeat_starts = int(os.environ.get("ID83_LENGTH", "60000")), {}
n_blocks = os.environ.get("ID83_N_BLOCKS", "1") != "0"
genome = {}
for c in contigs:
    s, starts = [], []
    while len(s) < length:
        r = rng.random()
        if r < 0.01 and n_blocks:  # an N block: strict skips indels whose scans reach it, SPMG counts them
            starts.append(len(s)); s += ["N"] * rng.randint(1, 12)
        elif r < 0.45:
            s += [rng.choice("ACGT") for _ in range(rng.randint(5, 40))]
        elif r < 0.65:
            starts.append(len(s)); s += [rng.choice("ACGT")] * rng.randint(2, 10)
        elif r < 0.9:
            unit = [rng.choice("ACGT") for _ in range(rng.randint(2, 7))]
            starts.append(len(s)); s += unit * rng.randint(2, 8)
        else:  # a segment, then its prefix again: microhomology for deletions of the segment
            seg = [rng.choice("ACGT") for _ in range(rng.randint(3, 9))]
            starts.append(len(s)); s += seg + seg[:rng.randint(1, len(seg) - 1)] + [rng.choice("ACGT")]
    genome[c] = "".join(s[:length])
    repeat_starts[c] = [p for p in starts if 100 < p < length - 100]
with open(os.path.join(out, "ref.fa"), "w") as fa:
    for c in contigs:
        fa.write(f">{c}\n" + "\n".join(genome[c][i:i + 60] for i in range(0, length, 60)) + "\n")

# Indels at distinct anchor positions (so no two records collide), 1-based VCF with padding base.
records, used = [], set()
while len(records) < n:
    c = rng.choice(contigs)
    g = genome[c]
    p = rng.choice(repeat_starts[c]) + rng.randint(0, 6) if rng.random() < 0.5 else rng.randint(100, length - 100)
    size = 1 if rng.random() < 0.45 else rng.randint(2, 8)
    if (c, p) in used or p < 50 or p > length - 50:
        continue
    used.add((c, p))
    pad = g[p - 1]  # 0-based p-1 = the base before the event
    if "N" in g[p - 1:p + size]:
        continue
    if rng.random() < 0.5:
        records.append((c, p, pad + g[p:p + size], pad))
    else:
        ins = g[p:p + size] if rng.random() < 0.5 else "".join(rng.choice("ACGT") for _ in range(size))
        records.append((c, p, pad, pad + ins))
records.sort(key=lambda r: (contigs.index(r[0]), r[1]))

header = "##fileformat=VCFv4.2\n" + "".join(f"##contig=<ID={c},length={length}>\n" for c in contigs)
header += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
def write_single(path, recs):
    with open(path, "w") as f:
        f.write(header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
        for i, (c, p, ref, alt) in recs:
            f.write(f"{c}\t{p}\tid{i}\t{ref}\t{alt}\t.\tPASS\t.\n")

raw_dir, norm_dir = os.path.join(out, "raw"), os.path.join(out, "norm")
for d in (raw_dir, norm_dir):
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, "*")):
        subprocess.run(["rm", "-rf", f])
write_single(os.path.join(raw_dir, "raw.vcf"), list(enumerate(records)))
subprocess.run(f"bcftools norm -f {out}/ref.fa {raw_dir}/raw.vcf 2>/dev/null | bcftools sort -o {norm_dir}/norm.vcf 2>/dev/null",
               shell=True, check=True)
# Multi-sample VCF, indel i carried by sample S<i> only: sigil's per-indel strict labels.
with open(os.path.join(out, "per_indel.vcf"), "w") as f:
    f.write(header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(f"S{i}" for i in range(n)) + "\n")
    gts = ["0/0"] * n
    for i, (c, p, ref, alt) in enumerate(records):
        gts[i] = "0/1"
        f.write(f"{c}\t{p}\tid{i}\t{ref}\t{alt}\t.\tPASS\t.\tGT\t" + "\t".join(gts) + "\n")
        gts[i] = "0/0"

def run(args):
    subprocess.run([sigil, "count", "-q", "--max-ref-mismatch", "1"] + args, check=True)
def read_matrix(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path)]
    return rows[0][1:], {r[0]: [int(float(x)) for x in r[1:]] for r in rows[1:]}

run(["-o", f"{out}/sigil_per_indel", "--reference-fasta", f"{out}/ref.fa", f"{out}/per_indel.vcf"])
names, m = read_matrix(f"{out}/sigil_per_indel/catalog.id83.tsv")
strict_label = {}
for j, s in enumerate(names):
    hit = [lab for lab, v in m.items() if v[j]]
    strict_label[int(s[1:])] = hit[0] if hit else None

# Named after the reference's content: SPMG keeps installed genomes, and a changed generator must not reuse one.
import hashlib
genome_name = "sigilid83" + hashlib.md5(open(f"{out}/ref.fa", "rb").read()).hexdigest()[:10]
spmg = {}
for tag, d in (("raw", raw_dir), ("norm", norm_dir)):
    subprocess.run([sys.executable, os.path.join(here, "../spmg_count.py"), f"{out}/ref.fa", d, genome_name,
                    f"{out}/spmg_{tag}.sbs96.tsv"], check=True, stdout=subprocess.DEVNULL)
    labels = {}
    for f in glob.glob(os.path.join(d, "output/vcf_files/ID/*_seqinfo.txt")):
        for line in open(f):
            sample, chrom, start, key, ref, mut = line.rstrip("\n").split("\t")[:6]
            labels[(chrom, int(start), ref, mut)] = key.split(":", 1)[1]
    spmg[tag] = labels
    run(["-o", f"{out}/sigil_spmg_{tag}", "--rules", "sigprofiler", "--reference-fasta", f"{out}/ref.fa", f"{d}/{tag}.vcf"])

# Map normalised records back to their input indel by ID.
norm_of = {}
for line in open(f"{norm_dir}/norm.vcf"):
    if line.startswith("#"): continue
    c, p, vid, ref, alt = line.split("\t")[:5]
    norm_of[int(vid[2:])] = (c, int(p), ref, alt)

def agreement(name, theirs):
    agree, differ, skipped, examples, normalised_differ = 0, 0, 0, [], 0
    for i, (c, p, ref, alt) in enumerate(records):
        a, b = strict_label[i], theirs(i)
        if a == b: agree += 1
        elif a is None and b is not None: skipped += 1
        else:
            differ += 1
            normalised_differ += norm_of.get(i) == records[i]
            if len(examples) < 8: examples.append(f"{c}:{p} {ref}>{alt}: sigil {a}, SPMG {b}")
    print(f"{name}: {agree}/{n} indels agree ({100 * agree / n:.1f}%), {differ} differ, "
          f"{skipped} skipped by sigil only (N in the needed context); "
          f"{normalised_differ} of the differing records were left-normalised already")
    for e in examples: print("   e.g. " + e)

print(f"ID83, {n} random indels (seed {seed}); SigProfilerMatrixGenerator 1.4.0")
agreement("A. sigil strict vs SPMG on bcftools-norm records", lambda i: spmg["norm"].get(norm_of.get(i)))
agreement("B. sigil strict vs SPMG on raw records          ", lambda i: spmg["raw"].get(records[i]))
normalised = sum(1 for i, r in enumerate(records) if norm_of.get(i) == r)
print(f"   ({normalised}/{n} raw records were already left-normalised)")
for tag in ("raw", "norm"):
    _, ours = read_matrix(f"{out}/sigil_spmg_{tag}/catalog.id83.tsv")
    _, theirs = read_matrix(f"{out}/spmg_{tag}.id83.tsv")
    diff = sum(abs(ours[k][0] - theirs[k][0]) for k in ours)
    total = sum(v[0] for v in theirs.values())
    print(f"{'C' if tag == 'raw' else 'D'}. sigil --rules sigprofiler vs SPMG ID83 matrix ({tag}): "
          f"{'identical' if diff == 0 else f'L1 difference {diff}'} ({total} indels in SPMG's matrix)")
