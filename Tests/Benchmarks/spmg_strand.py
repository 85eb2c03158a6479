#!/usr/bin/env python3
"""Runs SigProfilerMatrixGenerator (1.4.0) with real transcripts, for bench_strand.sh.
Usage: spmg_strand.py REF_FA TRANSCRIPTS VCF_DIR GENOME_NAME OUTDIR
Installs REF_FA as SPMG custom genome GENOME_NAME with TRANSCRIPTS (SPMG's 6-column transcript file)
unless installed, registers its checksums (SPMG 1.4.0 refuses unknown genomes otherwise), times
only the matrix generation (printed, seconds) and copies SBS96/SBS1536/SBS288 to OUTDIR/spmg.*.all."""
import contextlib, glob, gzip, hashlib, io, os, shutil, sys, tempfile, time

ref, transcripts_file, vcf_dir, genome, out = sys.argv[1:6]
ref, transcripts_file, out = map(os.path.abspath, (ref, transcripts_file, out))
vcf_dir = os.path.abspath(vcf_dir).rstrip("/") + "/"
os.chdir(out)  # SPMG's installer writes a logs/ folder into the working directory
from SigProfilerMatrixGenerator import install as genInstall
from SigProfilerMatrixGenerator.scripts import reference_genome_manager, ref_install
from SigProfilerMatrixGenerator.scripts import SigProfilerMatrixGeneratorFunc as matGen

tsb_dir = str(ref_install.reference_dir().get_tsb_dir() / genome)
if not os.path.isdir(tsb_dir) or not os.listdir(tsb_dir):
    chromosomes_dir = str(ref_install.reference_dir().path / "references" / "chromosomes")
    for sub in ["transcripts", "exome", "fasta", "tsb", "chrom_string"]:
        shutil.rmtree(os.path.join(chromosomes_dir, sub, genome), ignore_errors=True)
    work = tempfile.mkdtemp()
    fasta, tdir = os.path.join(work, "fasta"), os.path.join(work, "transcripts")
    os.makedirs(fasta); os.makedirs(tdir)
    shutil.copy(transcripts_file, os.path.join(tdir, "transcripts.txt"))
    name, seq = None, []
    def flush():
        if name:
            with gzip.open(os.path.join(fasta, f"{genome}.chromosome.{name}.fa.gz"), "wt") as g:
                g.write(f">{name}\n" + "".join(s + "\n" for s in seq))
    for line in open(ref):
        if line.startswith(">"):
            flush(); name, seq = line[1:].split()[0], []
        else:
            seq.append(line.strip())
    flush()
    with contextlib.redirect_stdout(io.StringIO()):
        genInstall.install(genome, custom=True, fastaPath=fasta, transcriptPath=os.path.join(tdir, "transcripts.txt"))
    shutil.rmtree(work)
md5 = lambda p: hashlib.md5(open(p, "rb").read()).hexdigest()
reference_genome_manager.CHECKSUMS[genome] = {
    os.path.basename(p).split(".")[0]: md5(p) for p in glob.glob(os.path.join(tsb_dir, "*.txt")) if "proportions" not in p}
for d in ["output", "input", "logs"]:
    shutil.rmtree(os.path.join(vcf_dir, d), ignore_errors=True)
start = time.time()
with contextlib.redirect_stdout(io.StringIO()):
    matGen.SigProfilerMatrixGeneratorFunc("strand", genome, vcf_dir, plot=False, exome=False, bed_file=None,
                                          chrom_based=False, tsb_stat=False)
elapsed = time.time() - start
for m in ["SBS96", "SBS1536", "SBS288"]:
    shutil.copy(os.path.join(vcf_dir, "output", "SBS", f"strand.{m}.all"), os.path.join(out, f"spmg.{m}.all"))
print(f"{elapsed:.2f}")
