#!/usr/bin/env python3
"""Writes the SBS1536 / SBS288 cross-check data and runs SigProfilerMatrixGenerator (1.4.0) on it.
A small random reference (two contigs, an N block), a BED6 of genes on both strands (a plus/minus
overlap, a same-strand overlap, a gene running off the contig end) with the equivalent SPMG
transcript file (1-based inclusive), and VCFs of isolated SNVs (never adjacent, so strict and
SPMG rules count the same SNVs) including contig-edge and N-flank positions.
Usage: spmg_strand_fixture.py OUTDIR SEED [--no-spmg]
With SPMG: installs the reference as custom genome `sigilstrand<SEED>` with those transcripts (into
SPMG's package folder, as SPMG requires), registers its checksums, runs
SigProfilerMatrixGeneratorFunc with defaults, and copies SBS96/SBS1536/SBS288 matrices to OUTDIR."""
import contextlib, glob, gzip, hashlib, io, os, random, shutil, sys, tempfile

out, seed = os.path.abspath(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
os.makedirs(os.path.join(out, "vcf"), exist_ok=True)
L = {"1": 4000, "2": 3000}
genome = {}
for c, n in L.items():
    s = [rng.choice("ACGT") for _ in range(n)]
    if c == "1":
        for p in range(2500, 2506): s[p] = "N"
    genome[c] = "".join(s)
with open(os.path.join(out, "ref.fa"), "w") as fa:
    for c, s in genome.items():
        fa.write(f">{c}\n" + "\n".join(s[i:i + 60] for i in range(0, len(s), 60)) + "\n")

# Genes, 0-based half-open (BED): plus-only, minus-only, a plus/minus overlap (B), a plus/plus overlap.
genes = [("1", 100, 900, "+"), ("1", 700, 1500, "-"), ("1", 1800, 2300, "+"), ("1", 2000, 2200, "+"),
         ("1", 3000, 3600, "-"), ("2", 0, 400, "-"), ("2", 1000, 2000, "+"), ("2", 1500, 2600, "-"),
         ("2", 2800, 3000, "+")]
with open(os.path.join(out, "genes.bed"), "w") as bed:
    for k, (c, s, e, st) in enumerate(genes):
        bed.write(f"chr{c}\t{s}\t{e}\tgene{k}\t0\t{st}\n")
with open(os.path.join(out, "transcripts.txt"), "w") as t:
    for k, (c, s, e, st) in enumerate(genes):
        t.write(f"G{k}\tT{k}\t{c}\t{1 if st == '+' else -1}\t{s + 1}\t{e}\n")

def other(b):
    return rng.choice([x for x in "ACGT" if x != b])

names = ["S1.vcf", "S2.vcf", "S3.vcf"]
for i, name in enumerate(names):
    recs = []
    for c, g in genome.items():
        p = 5 + i
        while p < len(g) - 4:
            if g[p - 1] != "N":
                recs.append((c, p, g[p - 1], other(g[p - 1])))
            p += rng.randint(4, 14)  # never adjacent
        # Edges: positions 1, 2, 3 and the last two bases; SNVs next to the N block on contig 1.
        edge = [1, 3, len(g)] if i % 2 == 0 else [2, len(g) - 1]
        if c == "1": edge += [2499, 2508] if i == 0 else [2498, 2509]
        for p in edge:
            if all(abs(p - q) > 1 for (cc, q, _, _) in recs if cc == c):
                recs.append((c, p, g[p - 1], other(g[p - 1])))
    recs.sort(key=lambda x: (x[0], x[1]))
    with open(os.path.join(out, "vcf", name), "w") as v:
        v.write("##fileformat=VCFv4.2\n")
        for c in genome: v.write(f"##contig=<ID={c},length={L[c]}>\n")
        v.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="x">\n')
        v.write(f"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{name.split('.')[0]}\n")
        for c, p, ref, alt in recs:
            v.write(f"{c}\t{p}\t.\t{ref}\t{alt}\t.\tPASS\t.\tGT\t0/1\n")

if "--no-spmg" in sys.argv:
    sys.exit(0)

name = f"sigilstrand{seed}"
os.chdir(out)  # SPMG's installer writes a logs/ folder into the working directory
from SigProfilerMatrixGenerator import install as genInstall
from SigProfilerMatrixGenerator.scripts import reference_genome_manager, ref_install
from SigProfilerMatrixGenerator.scripts import SigProfilerMatrixGeneratorFunc as matGen
tsb_dir = str(ref_install.reference_dir().get_tsb_dir() / name)
chromosomes_dir = str(ref_install.reference_dir().path / "references" / "chromosomes")
for sub in ["transcripts", "exome", "fasta", "tsb", "chrom_string"]:  # always reinstall: transcripts may have changed
    shutil.rmtree(os.path.join(chromosomes_dir, sub, name), ignore_errors=True)
work = tempfile.mkdtemp()
fasta, transcripts = os.path.join(work, "fasta"), os.path.join(work, "transcripts")
os.makedirs(fasta); os.makedirs(transcripts)
shutil.copy(os.path.join(out, "transcripts.txt"), os.path.join(transcripts, "transcripts.txt"))
for c, s in genome.items():
    with gzip.open(os.path.join(fasta, f"{name}.chromosome.{c}.fa.gz"), "wt") as g:
        g.write(f">{c}\n" + "".join(s[i:i + 60] + "\n" for i in range(0, len(s), 60)))
with contextlib.redirect_stdout(io.StringIO()):
    genInstall.install(name, custom=True, fastaPath=fasta, transcriptPath=os.path.join(transcripts, "transcripts.txt"))
shutil.rmtree(work)
md5 = lambda p: hashlib.md5(open(p, "rb").read()).hexdigest()
reference_genome_manager.CHECKSUMS[name] = {
    os.path.basename(p).split(".")[0]: md5(p) for p in glob.glob(os.path.join(tsb_dir, "*.txt")) if "proportions" not in p}
vcf_dir = os.path.join(out, "vcf") + "/"
with contextlib.redirect_stdout(io.StringIO()):
    matGen.SigProfilerMatrixGeneratorFunc("strand", name, vcf_dir, plot=False, exome=False, bed_file=None,
                                          chrom_based=False, tsb_stat=False)
for m in ["SBS96", "SBS1536", "SBS288", "SBS384"]:
    shutil.copy(os.path.join(vcf_dir, "output", "SBS", f"strand.{m}.all"), os.path.join(out, f"spmg.{m}.all"))
for d in ["output", "input", "logs"]:
    shutil.rmtree(os.path.join(vcf_dir, d), ignore_errors=True)
shutil.rmtree(os.path.join(out, "logs"), ignore_errors=True)
