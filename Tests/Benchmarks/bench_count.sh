#!/usr/bin/env bash
# `sigil count` vs the htslib decode floor (`bcftools query` of the fields counting needs), one run,
# side by side: wall time, ratio, peak memory. Input: a generated single-sample bgzipped VCF with
# SIGIL_BENCH_SNVS SNVs (default 5,000,000) on a SIGIL_BENCH_GENOME_MB Mb reference (default 50,
# 5 contigs); SIGIL_BENCH_SPMG=0 skips SigProfilerMatrixGenerator (slow: many minutes). Needs ../../.build/release/sigil (make build), bcftools, bgzip, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")"
SIGIL=../../.build/release/sigil
SNVS=${SIGIL_BENCH_SNVS:-5000000}
GENOME_MB=${SIGIL_BENCH_GENOME_MB:-50}
WORK=${SIGIL_BENCH_DIR:-../../bench-output/count}
[ -x "$SIGIL" ] || { echo "[bench_count] $SIGIL missing: run 'make build' first"; exit 1; }
for tool in bcftools bgzip python3; do command -v $tool >/dev/null || { echo "[bench_count] $tool not installed; skipped"; exit 0; }; done
[ -x /usr/bin/time ] || { echo "[bench_count] GNU time missing (apt-get install time)"; exit 1; }
mkdir -p "$WORK"
if [ ! -f "$WORK/calls.$SNVS.vcf.gz" ]; then
  echo "[bench_count] generating $SNVS SNVs on a $GENOME_MB Mb reference in $WORK"
  python3 gen_count_input.py "$WORK" "$SNVS" "$GENOME_MB" 1
  bgzip -f -@2 "$WORK/calls.vcf" && mv "$WORK/calls.vcf.gz" "$WORK/calls.$SNVS.vcf.gz"
  rm -f "$WORK/ref.fa.fai"
fi
VCF="$WORK/calls.$SNVS.vcf.gz"
"$SIGIL" count -q -o "$WORK/warm" --reference-fasta "$WORK/ref.fa" "$VCF" >/dev/null  # builds the .fai, warms the page cache

measure() {  # prints "wall_seconds cpu_seconds peak_kb" (cpu = user + system)
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time.txt"
}
read -r s_sec s_cpu s_kb < <(measure "$SIGIL" count -q --threads 1 -o "$WORK/out" --reference-fasta "$WORK/ref.fa" "$VCF")
read -r t_sec t_cpu t_kb < <(measure "$SIGIL" count -q --threads 2 -o "$WORK/out2" --reference-fasta "$WORK/ref.fa" "$VCF")
cmp -s "$WORK/out/catalog.sbs96.tsv" "$WORK/out2/catalog.sbs96.tsv" || { echo "[bench_count] --threads 1 and 2 differ!"; exit 1; }
read -r b_sec b_cpu b_kb < <(measure bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%FILTER[\t%GT]\n' "$VCF")
largest=$(sort -k2,2n "$WORK/ref.fa.fai" | tail -1 | cut -f2)
printf "%-46s %9s %9s %13s\n" "SigilVCF.count $SNVS SNVs" "wall (s)" "cpu (s)" "peak RSS (MB)"
printf "%-46s %9s %9s %13d\n" "sigil count --threads 1" "$s_sec" "$s_cpu" $((s_kb / 1024))
printf "%-46s %9s %9s %13d\n" "sigil count --threads 2 (BGZF decode thread)" "$t_sec" "$t_cpu" $((t_kb / 1024))
printf "%-46s %9s %9s %13d\n" "bcftools query (decode floor)" "$b_sec" "$b_cpu" $((b_kb / 1024))
python3 - "$s_sec" "$b_sec" "$s_kb" "$largest" "$s_cpu" "$b_cpu" <<'PY'
import sys
s, b, kb, largest, sc, bc = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
print(f"ratio sigil/bcftools: wall {s / b:.2f}x, cpu {sc / bc:.2f}x (target <= 1.5x)")
limit = 2 * largest / 2**20 + 100
print(f"peak memory {kb / 1024:.0f} MB vs target 2 x largest contig + 100 MB = {limit:.0f} MB")
PY
if [ "${SIGIL_BENCH_SPMG:-1}" = 1 ] && python3 -c "import SigProfilerMatrixGenerator" 2>/dev/null; then
  # SPMG reads plain .vcf files from a folder and needs the genome installed as a custom genome
  # (done once by spmg_count.py, into SPMG's own package folder, as SPMG requires).
  mkdir -p "$WORK/spmg_vcf"
  [ -f "$WORK/spmg_vcf/calls.vcf" ] || zcat "$VCF" > "$WORK/spmg_vcf/calls.vcf"
  rm -rf "$WORK/spmg_vcf/output" "$WORK/spmg_vcf/input" "$WORK/spmg_vcf/logs"
  genome="sigilbench${GENOME_MB}mb"
  python3 spmg_count.py "$WORK/ref.fa" "$WORK/spmg_vcf" "$genome" "$WORK/spmg.sbs96.tsv" --install-only  # once per genome
  read -r p_sec p_cpu p_kb < <(measure python3 spmg_count.py "$WORK/ref.fa" "$WORK/spmg_vcf" "$genome" "$WORK/spmg.sbs96.tsv")
  cp "$WORK/spmg_vcf/output/logs/"*.out "$WORK/spmg_last_run.log" 2>/dev/null || true
  version=$(python3 -c "import importlib.metadata as m; print(m.version('SigProfilerMatrixGenerator'))")
  printf "%-46s %9s %9s %13d\n" "SigProfilerMatrixGenerator $version" "$p_sec" "$p_cpu" $((p_kb / 1024))
  python3 -c "import sys; a = [float(x) for x in sys.argv[1:]]; print(f'ratio SPMG/sigil: wall {a[0] / a[1]:.1f}x, cpu {a[2] / a[3]:.1f}x (target >= 25x)')" "$p_sec" "$s_sec" "$p_cpu" "$s_cpu"
else
  echo "[bench_count] SigProfilerMatrixGenerator comparison skipped (SIGIL_BENCH_SPMG=0, or not installed: pip install SigProfilerMatrixGenerator)"
fi
