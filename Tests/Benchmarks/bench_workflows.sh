#!/usr/bin/env bash
# Sizing figures for Docs/Workflows.md: seconds per sample for `sigil count` (one job per VCF, as
# the workflows scatter it, and one job for all VCFs) and seconds per restart for `sigil extract`
# at a few cohort sizes, all at --threads 1 (the per-job unit a cluster scheduler hands out).
# Uses ../../.build/release/sigil (run `make build` first); builds nothing.
#   SIZES="25 100 400" RANK=5 bash Tests/Benchmarks/bench_workflows.sh
set -euo pipefail
cd "$(dirname "$0")"
SIGIL=${SIGIL:-../../.build/release/sigil}
[[ -x $SIGIL ]] || { echo "bench_workflows: $SIGIL missing; run make build" >&2; exit 1; }
SIZES=${SIZES:-25 100 400}
RANK=${RANK:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

seconds() { local t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }'; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

printf '%-8s %-14s %-16s %-16s %-18s %-18s\n' samples "SNVs/sample" "count s/sample" "count s/VCF-job" "extract s/restart" "extract s (20r+CV)"
for n in $SIZES; do
  sim="$WORK/sim$n"
  "$SIGIL" simulate -q -o "$sim" --samples "$n" --seed 11 --vcf --active SBS1,SBS5 --optional SBS2,SBS13,SBS18
  mapfile -t vcfs < <(ls "$sim"/vcf/*.vcf.gz)
  snvs=$(awk -F'\t' 'NR > 1 { for (i = 2; i <= NF; i++) s += $i } END { printf "%d", s / (NF - 1) }' "$sim/catalog.tsv")
  # one job for all VCFs, single thread
  t_all=$(seconds "$SIGIL" count -q -o "$WORK/c$n" --reference-fasta "$sim/reference.fa" --threads 1 "${vcfs[@]}")
  # one job per VCF (the scatter unit): the first 10 VCFs, averaged
  t_jobs=0; m=0
  for v in "${vcfs[@]:0:10}"; do
    t=$(seconds "$SIGIL" count -q -o "$WORK/j$n-$m" --reference-fasta "$sim/reference.fa" --threads 1 "$v")
    t_jobs=$(calc "$t_jobs + $t"); m=$((m + 1))
  done
  # extract: per-restart cost = (time at 40 restarts - time at 10) / 30 without cross-validation,
  # which removes the fixed part (reading, consensus, matching) from the figure; t20 is a whole
  # default run (cross-validation on) at 20 restarts.
  t10=$(seconds "$SIGIL" extract -q -o "$WORK/e10-$n" "$sim/catalog.tsv" --ranks $RANK..$RANK --restarts 10 --cv-folds 0 --threads 1)
  t40=$(seconds "$SIGIL" extract -q -o "$WORK/e40-$n" "$sim/catalog.tsv" --ranks $RANK..$RANK --restarts 40 --cv-folds 0 --threads 1)
  t20=$(seconds "$SIGIL" extract -q -o "$WORK/e20-$n" "$sim/catalog.tsv" --ranks $RANK..$RANK --restarts 20 --threads 1)
  printf '%-8s %-14s %-16s %-16s %-18s %-18s\n' "$n" "$snvs" "$(calc "$t_all / $n")" \
    "$(calc "$t_jobs / $m")" "$(calc "($t40 - $t10) / 30")" "$(calc "$t20")"
done
echo "(k=$RANK, --threads 1; count on the synthetic genome of sigil simulate --vcf: a real genome adds its FASTA load per job)"
