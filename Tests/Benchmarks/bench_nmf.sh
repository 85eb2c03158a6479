#!/usr/bin/env bash
# NMF engine benchmark: sigil's restarts (SigilNMF via the nested NMFBench package) side by side
# with R NMF (brunet), scikit-learn's MU-KL solver and nmf-rs (Rust port of R NMF's brunet), on a
# simulated 21-sample breast-like cohort and a 500-sample cohort from `sigil simulate`, ranks 2..8.
# Prints seconds per restart, the total for 100 restarts x 7 ranks (extrapolated linearly where
# fewer restarts were run; counts below) and the best final KL per rank.
# Needs: `make build` (release sigil); optional tools are skipped with a note when missing:
#   apt-get install -y r-cran-nmf; pip install scikit-learn nmf-rs
# Restart counts (env): SIGIL_RESTARTS_21=100 SIGIL_RESTARTS_500=20 R_RESTARTS_21=20 R_RESTARTS_500=2
#   SK_RESTARTS_21=100 SK_RESTARTS_500=20 RS_RESTARTS_21=20 RS_RESTARTS_500=4, THREADS=2,
#   COHORTS="21 500" (e.g. COHORTS=21 for the small cohort only).
# Then the whole `sigil extract` (ranks 2..8, 20 restarts, default settings incl. cross-validation)
# on the 21-sample cohort for each solver, next to R NMF's total for nrun = R_RESTARTS_21 (20).
set -euo pipefail
cd "$(dirname "$0")"
SIGIL=${SIGIL_BIN:-../../.build/release/sigil}  # SIGIL_BIN: another sigil build (simulate only)
if [ ! -x "$SIGIL" ]; then echo "[bench_nmf] $SIGIL missing: run make build first"; exit 1; fi
export SIGIL_REFERENCE_DIR=${SIGIL_REFERENCE_DIR:-$(cd ../.. && pwd)/reference}
THREADS=${THREADS:-2}
OUT=${BENCH_OUT:-$(mktemp -d -t sigil-bench-nmf-XXXXXX)}
mkdir -p "$OUT"
echo "[bench_nmf] working folder $OUT; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# The engine alone: a nested release package (STYLE.md B10), built once here.
(cd NMFBench && swift build -c release -q 2>&1 | grep -v "^$" || true)
NMFBENCH=NMFBench/.build/release/NMFBench
if [ ! -x "$NMFBENCH" ]; then echo "[bench_nmf] NMFBench did not build"; exit 1; fi

"$SIGIL" simulate -q -o "$OUT/c21" --samples 21 --active SBS1,SBS5 --optional SBS2,SBS13,SBS3,SBS8 \
  --burden-median 3000 --seed 1
"$SIGIL" simulate -q -o "$OUT/c500" --samples 500 --seed 2

have_r=0; Rscript -e 'suppressPackageStartupMessages(library(NMF))' >/dev/null 2>&1 && have_r=1
have_sk=0; python3 -c 'import sklearn' >/dev/null 2>&1 && have_sk=1
have_rs=0; python3 -c 'import nmf_rs' >/dev/null 2>&1 && have_rs=1

for n in ${COHORTS:-21 500}; do
  cat="$OUT/c$n/catalog.tsv"
  s=$(eval echo \${SIGIL_RESTARTS_$n:-$([ $n = 21 ] && echo 100 || echo 20)})
  r=$(eval echo \${R_RESTARTS_$n:-$([ $n = 21 ] && echo 20 || echo 2)})
  k=$(eval echo \${SK_RESTARTS_$n:-$([ $n = 21 ] && echo 100 || echo 20)})
  q=$(eval echo \${RS_RESTARTS_$n:-$([ $n = 21 ] && echo 20 || echo 4)})
  echo "[bench_nmf] $n samples: sigil ($s restarts/rank)"
  "$NMFBENCH" sweep "$cat" --ranks 2-8 --restarts "$s" --threads "$THREADS" --seed 1 > "$OUT/sigil_$n.tsv"
  # The same engine stopped earlier (tolerance 1e-5): the equal-KL comparison with the reference tools.
  "$NMFBENCH" sweep "$cat" --ranks 2-8 --restarts "$s" --threads "$THREADS" --seed 1 --tolerance 1e-5 > "$OUT/sigil5_$n.tsv"
  # Plain multiplicative updates (the solver before #17), same seeds.
  "$NMFBENCH" sweep "$cat" --ranks 2-8 --restarts "$s" --threads "$THREADS" --seed 1 --solver mu > "$OUT/sigilmu_$n.tsv"
  # Coordinate descent with Newton steps (--solver ccd), same seeds.
  "$NMFBENCH" sweep "$cat" --ranks 2-8 --restarts "$s" --threads "$THREADS" --seed 1 --solver ccd > "$OUT/sigilccd_$n.tsv"
  if [ $have_sk = 1 ]; then echo "[bench_nmf] $n samples: scikit-learn ($k restarts/rank)"
    python3 nmf/py_nmf.py sklearn "$cat" 2-8 "$k" "$THREADS" > "$OUT/sklearn_$n.tsv" || true; fi
  if [ $have_rs = 1 ]; then echo "[bench_nmf] $n samples: nmf-rs ($q restarts/rank)"
    python3 nmf/py_nmf.py nmfrs "$cat" 2-8 "$q" "$THREADS" > "$OUT/nmfrs_$n.tsv" || true; fi
  if [ $have_r = 1 ]; then echo "[bench_nmf] $n samples: R NMF ($r restarts/rank)"
    Rscript nmf/r_nmf.R "$cat" 2 8 "$r" > "$OUT/r_$n.tsv" 2>"$OUT/r_$n.log" || true; fi
  [ $have_r = 1 ] || echo "[bench_nmf] R NMF not installed (apt-get install -y r-cran-nmf): skipped"
  python3 nmf/summarize.py "$n-sample cohort" "$OUT/sigil_$n.tsv:$s" "$OUT/sigil5_$n.tsv:$s:sigil, tolerance 1e-5" \
    "$OUT/sigilmu_$n.tsv:$s:sigil, --solver mu" "$OUT/sigilccd_$n.tsv:$s:sigil, --solver ccd" \
    "$OUT/r_$n.tsv:$r:R NMF brunet (p2)" "$OUT/sklearn_$n.tsv:$k:scikit-learn MU-KL" \
    "$OUT/nmfrs_$n.tsv:$q:nmf-rs brunet (2000 it)"
done
# The whole command on the small problem: restarts, consensus, cross-validation, matching, outputs.
for solver in mu-extrapolated mu ccd; do
  /usr/bin/time -f "%e %U %S" -o "$OUT/extract21_$solver.time" "$SIGIL" extract -q -o "$OUT/extract21_$solver" \
    "$OUT/c21/catalog.tsv" --ranks 2..8 --restarts 20 --solver "$solver" -j "$THREADS" --seed 1
done
r21=$(awk -F'\t' '$1 == "TOTAL" { print $2 }' "$OUT/r_21.tsv" 2>/dev/null || true)
r21cpu=$(awk -F'\t' '$1 ~ /^[0-9]+$/ { c += $3 } END { if (NR > 1) print c }' "$OUT/r_21.tsv" 2>/dev/null || true)
for solver in mu-extrapolated mu ccd; do
  read -r wall user sys < "$OUT/extract21_$solver.time"
  best=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "best_objective") c = i; next } { s += $c } END { printf "%.2f", s }' \
    "$OUT/extract21_$solver/rank_selection.tsv")
  line="[bench_nmf] sigil extract --solver $solver, 21 samples, ranks 2..8, 20 restarts: wall $wall s, CPU $(echo "$user + $sys" | bc) s, sum of best KL $best"
  if [ -n "$r21" ] && [ "${R_RESTARTS_21:-20}" = 20 ]; then
    line="$line; R NMF nrun=20: wall $r21 s (x$(echo "scale=1; $r21 / $wall" | bc)), CPU $r21cpu s (x$(echo "scale=1; $r21cpu / ($user + $sys)" | bc))"
  fi
  echo "$line"
done
echo "[bench_nmf] per-iteration cost of one KL MU iteration (CPU time, single thread):"
"$NMFBENCH" periter "$OUT/c21/catalog.tsv" 5
if [ -f "$OUT/c500/catalog.tsv" ]; then "$NMFBENCH" periter "$OUT/c500/catalog.tsv" 8 --iterations 500; fi
