#!/usr/bin/env bash
# `sigil count` with and without --genes (SBS1536 always, SBS288 with genes), one run, side by side:
# wall time, CPU, peak memory, and the cost of the strand look-up. Input: a generated single-sample
# VCF with SIGIL_BENCH_STRAND_SNVS SNVs (default 1,000,000) on a SIGIL_BENCH_GENOME_MB Mb reference
# (default 50, 5 contigs) and SIGIL_BENCH_GENES random genes (default 1,500 of 1-60 kb, both strands: about 40% of the genome outside genes, 14% covered by both strands).
# SIGIL_BENCH_SPMG=1 also runs SigProfilerMatrixGenerator 1.4.0 with the same genes as transcripts
# and compares its SBS1536/SBS288 matrices cell by cell with `sigil count --rules sigprofiler`
# (slow: minutes per 100k SNVs). Needs ../../.build/release/sigil (make build), bgzip, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")"
SIGIL=../../.build/release/sigil
SNVS=${SIGIL_BENCH_STRAND_SNVS:-1000000}
GENOME_MB=${SIGIL_BENCH_GENOME_MB:-50}
GENES=${SIGIL_BENCH_GENES:-1500}
WORK=${SIGIL_BENCH_DIR:-../../bench-output/strand}
[ -x "$SIGIL" ] || { echo "[bench_strand] $SIGIL missing: run 'make build' first"; exit 1; }
for tool in bgzip python3; do command -v $tool >/dev/null || { echo "[bench_strand] $tool not installed; skipped"; exit 0; }; done
[ -x /usr/bin/time ] || { echo "[bench_strand] GNU time missing (apt-get install time)"; exit 1; }
mkdir -p "$WORK"
if [ ! -f "$WORK/calls.$SNVS.vcf.gz" ]; then
  echo "[bench_strand] generating $SNVS SNVs on a $GENOME_MB Mb reference in $WORK"
  python3 gen_count_input.py "$WORK" "$SNVS" "$GENOME_MB" 2
  bgzip -f -@2 "$WORK/calls.vcf" && mv "$WORK/calls.vcf.gz" "$WORK/calls.$SNVS.vcf.gz"
  rm -f "$WORK/ref.fa.fai" "$WORK/genes.bed"
fi
VCF="$WORK/calls.$SNVS.vcf.gz"
"$SIGIL" count -q -o "$WORK/warm" --reference-fasta "$WORK/ref.fa" "$VCF" >/dev/null  # builds the .fai, warms the cache
[ -f "$WORK/genes.bed" ] || python3 gen_genes.py "$WORK/ref.fa" "$GENES" 1 "$WORK"

measure() {  # prints "wall_seconds cpu_seconds peak_kb"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time.txt"
}
read -r a_sec a_cpu a_kb < <(measure "$SIGIL" count -q -o "$WORK/plain" --reference-fasta "$WORK/ref.fa" "$VCF")
read -r g_sec g_cpu g_kb < <(measure "$SIGIL" count -q -o "$WORK/genes" --reference-fasta "$WORK/ref.fa" --genes "$WORK/genes.bed" "$VCF")
read -r p_sec p_cpu p_kb < <(measure "$SIGIL" count -q --rules sigprofiler -o "$WORK/sp" --reference-fasta "$WORK/ref.fa" --genes "$WORK/genes.bed" "$VCF")
cmp -s "$WORK/plain/catalog.sbs1536.tsv" "$WORK/genes/catalog.sbs1536.tsv" || { echo "[bench_strand] SBS1536 differs with --genes!"; exit 1; }
printf "%-52s %9s %9s %13s\n" "sigil count, $SNVS SNVs, $GENES genes" "wall (s)" "cpu (s)" "peak RSS (MB)"
printf "%-52s %9s %9s %13d\n" "sigil count (SBS96 + SBS1536, no genes)" "$a_sec" "$a_cpu" $((a_kb / 1024))
printf "%-52s %9s %9s %13d\n" "sigil count --genes (+ SBS288)" "$g_sec" "$g_cpu" $((g_kb / 1024))
printf "%-52s %9s %9s %13d\n" "sigil count --rules sigprofiler --genes" "$p_sec" "$p_cpu" $((p_kb / 1024))
python3 -c "import sys; a, g = map(float, sys.argv[1:]); print(f'ratio --genes / no genes: cpu {g / a:.2f}x')" "$a_cpu" "$g_cpu"
if [ "${SIGIL_BENCH_SPMG:-0}" = 1 ] && python3 -c "import SigProfilerMatrixGenerator" 2>/dev/null; then
  mkdir -p "$WORK/spmg_vcf" "$WORK/spmg"
  [ -f "$WORK/spmg_vcf/calls.vcf" ] || zcat "$VCF" > "$WORK/spmg_vcf/calls.vcf"
  genome="sigilstrand${GENOME_MB}mb${GENES}g"
  read -r s_sec s_cpu s_kb < <(measure python3 spmg_strand.py "$WORK/ref.fa" "$WORK/transcripts.txt" "$WORK/spmg_vcf" "$genome" "$WORK/spmg")
  printf "%-52s %9s %9s %13d\n" "SigProfilerMatrixGenerator 1.4.0 (whole process)" "$s_sec" "$s_cpu" $((s_kb / 1024))
  echo "(the first SPMG run of a genome also installs it with the transcripts; run twice for the matrix time)"
  python3 -c "import sys; a = [float(x) for x in sys.argv[1:]]; print(f'ratio SPMG / sigil --rules sigprofiler --genes: wall {a[0] / a[1]:.1f}x, cpu {a[2] / a[3]:.1f}x')" "$s_sec" "$p_sec" "$s_cpu" "$p_cpu"
  python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
def read(p):
    lines = open(p).read().split("\n")
    return {l.split("\t")[0]: [float(x) for x in l.split("\t")[1:]] for l in lines[1:] if l}
for m in ["SBS96", "SBS1536", "SBS288"]:
    a, b = read(f"{w}/spmg/spmg.{m}.all"), read(f"{w}/sp/catalog.{m.lower()}.tsv")
    cells = sum(len(v) for v in a.values())
    diff = sum(1 for k in a for x, y in zip(a[k], b[k]) if x != y)
    print(f"{m}: sigil --rules sigprofiler vs SPMG: {cells - diff}/{cells} cells equal, total {sum(map(sum, b.values())):.0f} vs {sum(map(sum, a.values())):.0f}")
PY
else
  echo "[bench_strand] SPMG comparison skipped (set SIGIL_BENCH_SPMG=1; needs pip install SigProfilerMatrixGenerator)"
fi
