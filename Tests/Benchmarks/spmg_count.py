#!/usr/bin/env python3
"""Runs SigProfilerMatrixGenerator (1.4.0) on a generated reference and VCF folder, for
bench_count.sh. Usage: spmg_count.py REF_FA VCF_DIR GENOME_NAME OUT_TSV [--install-only] (OUT_TSV named *.sbs96.*; the DBS78 matrix goes to *.dbs78.*, the ID83 matrix to *.id83.*)
Installs GENOME_NAME as an SPMG custom genome from REF_FA (per-chromosome gzip FASTA + one
dummy transcript per chromosome) when it is not installed yet, registers its checksums in
reference_genome_manager.CHECKSUMS (SPMG 1.4.0 refuses unknown genomes otherwise), then times
only the matrix generation and writes SPMG's SBS96 matrix to OUT_TSV."""
import glob, gzip, hashlib, io, os, shutil, sys, tempfile, time, contextlib

ref, vcf_dir, genome, out_tsv = (os.path.abspath(a) if i != 2 else a for i, a in enumerate(sys.argv[1:5]))
vcf_dir = vcf_dir.rstrip("/") + "/"
os.chdir(os.path.dirname(out_tsv))  # SPMG's installer writes a logs/ folder into the working directory
from SigProfilerMatrixGenerator import install as genInstall
from SigProfilerMatrixGenerator.scripts import reference_genome_manager, ref_install
from SigProfilerMatrixGenerator.scripts import SigProfilerMatrixGeneratorFunc as matGen

tsb_dir = str(ref_install.reference_dir().get_tsb_dir() / genome)

def chromosomes():
    name, seq = None, []
    with open(ref) as f:
        for line in f:
            if line.startswith(">"):
                if name: yield name, "".join(seq)
                name, seq = line[1:].split()[0], []
            else:
                seq.append(line.strip())
    if name: yield name, "".join(seq)

if not os.path.isdir(tsb_dir) or not os.listdir(tsb_dir):
    chromosomes_dir = str(ref_install.reference_dir().path / "references" / "chromosomes")
    for sub in ["transcripts", "exome", "fasta", "tsb", "chrom_string"]:  # leftovers of a failed install
        shutil.rmtree(os.path.join(chromosomes_dir, sub, genome), ignore_errors=True)
    work = tempfile.mkdtemp()
    fasta, transcripts = os.path.join(work, "fasta"), os.path.join(work, "transcripts")
    os.makedirs(fasta); os.makedirs(transcripts)
    with open(os.path.join(transcripts, "transcripts.txt"), "w") as t:
        for name, seq in chromosomes():
            with gzip.open(os.path.join(fasta, f"{genome}.chromosome.{name}.fa.gz"), "wt") as g:
                g.write(f">{name}\n")
                for i in range(0, len(seq), 60): g.write(seq[i:i + 60] + "\n")
            t.write(f"G{name}\tT{name}\t{name}\t1\t1000\t2000\n")
    with contextlib.redirect_stdout(io.StringIO()):
        genInstall.install(genome, custom=True, fastaPath=fasta, transcriptPath=os.path.join(transcripts, "transcripts.txt"))
    shutil.rmtree(work)

if "--install-only" in sys.argv:
    sys.exit(0)

def md5(path):
    return hashlib.md5(open(path, "rb").read()).hexdigest()
reference_genome_manager.CHECKSUMS[genome] = {
    os.path.basename(p).split(".")[0]: md5(p) for p in glob.glob(os.path.join(tsb_dir, "*.txt")) if "proportions" not in p}

start = time.time()
with contextlib.redirect_stdout(io.StringIO()):
    matrices = matGen.SigProfilerMatrixGeneratorFunc("bench", genome, vcf_dir, plot=False, exome=False,
                                                     bed_file=None, chrom_based=False, tsb_stat=False)
elapsed = time.time() - start
if matrices.get("96") is not None:
    matrices["96"].to_csv(out_tsv, sep="\t")
if matrices.get("78") is not None:
    matrices["78"].to_csv(out_tsv.replace(".sbs96.", ".dbs78."), sep="\t")
if matrices.get("ID") is not None:
    matrices["ID"].to_csv(out_tsv.replace(".sbs96.", ".id83."), sep="\t")
print(sorted(matrices.keys()), file=sys.stderr)
print(f"{elapsed:.2f}")
