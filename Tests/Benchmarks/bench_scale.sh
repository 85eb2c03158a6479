#!/usr/bin/env bash
# Extraction at cohort scale (#17): `sigil simulate` a 3,000-sample cohort with 15 signatures, then
#   1. per-restart cost at one rank, plain MU (--solver mu), the default extrapolated MU and
#      coordinate descent (--solver ccd), same
#      seeded restarts (NMFBench sweep): seconds and CPU seconds per restart, mean iterations,
#      best and median KL;
#   2. the whole `sigil extract --ranks 10..20 --restarts 100` (default settings) for each solver
#      in SOLVERS, under /usr/bin/time -v: wall, CPU, peak RSS, and the best KL per rank
#      (rank_selection.tsv, best_objective) side by side;
#      with the time per phase (restarts, cross-validation, consensus, clustering, exposures,
#      matching, bleeding, report; SIGIL_PROFILE=1, CPU seconds) from sigil's own profile;
#   3. a 20,000-sample, one-rank extraction for memory (peak RSS).
# Needs `make build` (release sigil). Scale it down with the environment:
#   SAMPLES=3000 NOISE=poisson|nb DISPERSION=50 RANKS=10..20 RESTARTS=100 THREADS=2
#   STEP1_RANK=12 STEP1_RESTARTS=4   (0 skips step 1)  STEP1_SOLVERS="mu mu-extrapolated ccd"
#   SOLVERS="mu-extrapolated mu"     (empty skips step 2; the full run takes hours on 2 cores)
#   MEM_SAMPLES=20000 MEM_RANK=15 MEM_RESTARTS=4   (MEM_SAMPLES=0 skips step 3)
#   BENCH_OUT=folder (default: a new temporary folder)
# The machine is usually shared: compare CPU seconds within one run, and say so with any figure.
set -euo pipefail
cd "$(dirname "$0")"
SIGIL=${SIGIL_BIN:-../../.build/release/sigil}
if [ ! -x "$SIGIL" ]; then echo "[bench_scale] $SIGIL missing: run make build first"; exit 1; fi
export SIGIL_REFERENCE_DIR=${SIGIL_REFERENCE_DIR:-$(cd ../.. && pwd)/reference}
SAMPLES=${SAMPLES:-3000}; NOISE=${NOISE:-poisson}; DISPERSION=${DISPERSION:-50}
RANKS=${RANKS:-10..20}; RESTARTS=${RESTARTS:-100}; THREADS=${THREADS:-2}
STEP1_RANK=${STEP1_RANK:-12}; STEP1_RESTARTS=${STEP1_RESTARTS:-4}
SOLVERS=${SOLVERS-mu-extrapolated mu}
MEM_SAMPLES=${MEM_SAMPLES:-20000}; MEM_RANK=${MEM_RANK:-15}; MEM_RESTARTS=${MEM_RESTARTS:-4}
OUT=${BENCH_OUT:-$(mktemp -d -t sigil-bench-scale-XXXXXX)}
mkdir -p "$OUT"
echo "[bench_scale] working folder $OUT; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[bench_scale] $("$SIGIL" --version)"

# 15 signatures: 2 in every sample, 13 in about a fifth of them each.
OPTIONAL=SBS2,SBS13,SBS3,SBS8,SBS18,SBS17b,SBS4,SBS7a,SBS40a,SBS6,SBS10a,SBS9,SBS12
simulate() {  # folder samples seed
  "$SIGIL" simulate -q -o "$1" --samples "$2" --active SBS1,SBS5 --optional "$OPTIONAL" \
    --optional-probability 0.2 --noise "$NOISE" --dispersion "$DISPERSION" --seed "$3"
}
simulate "$OUT/cohort" "$SAMPLES" 1
CATALOG="$OUT/cohort/catalog.tsv"

# /usr/bin/time -v fields of a finished command: wall seconds, CPU seconds, peak RSS in MB.
timing() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
              /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
              END { printf "wall %.1f s, CPU %.1f s, peak RSS %.0f MB\n", w, u + s, r / 1024 }' "$1"
}

if [ "$STEP1_RESTARTS" -gt 0 ]; then
  (cd NMFBench && swift build -c release -q 2>&1 | grep -v "^$" || true)
  NMFBENCH=NMFBench/.build/release/NMFBench
  echo "[bench_scale] 1. per restart at k=$STEP1_RANK, $SAMPLES samples, $STEP1_RESTARTS restarts (same seeds), $THREADS workers"
  printf "solver\trank\tseconds\tcpu_seconds\ts_per_restart\tmean_iterations\tconverged\tbest_kl\tmedian_kl\n"
  for solver in ${STEP1_SOLVERS:-mu mu-extrapolated ccd}; do
    "$NMFBENCH" sweep "$CATALOG" --ranks "$STEP1_RANK" --restarts "$STEP1_RESTARTS" --threads "$THREADS" \
      --seed 1 --solver "$solver" | awk -v s="$solver" 'NR == 2 { print s "\t" $0 }'
  done
  echo "[bench_scale] full-run estimate (one rank's cost scaled): wall ≈ Σ_k R·c(k)/threads + cross-validation,"
  echo "  c(k) ≈ c($STEP1_RANK)·k/$STEP1_RANK (per-iteration cost is linear in k; iterations per restart vary with k)"
fi

for solver in $SOLVERS; do
  echo "[bench_scale] 2. sigil extract --ranks $RANKS --restarts $RESTARTS --solver $solver ($SAMPLES samples)"
  SIGIL_PROFILE=1 /usr/bin/time -v "$SIGIL" extract -q -o "$OUT/extract_$solver" "$CATALOG" --ranks "$RANKS" --restarts "$RESTARTS" \
    --solver "$solver" -j "$THREADS" --seed 1 2> "$OUT/time_$solver.txt"
  echo "  $(timing "$OUT/time_$solver.txt")"
  echo "  per phase (CPU s; 'rank:' lines are parts of 'rank analysis', summed over its workers):"
  sed -n 's/^\[sigil profile\] /    /p' "$OUT/time_$solver.txt"
done
if [ -n "$SOLVERS" ]; then
  echo "[bench_scale] best KL per rank (rank_selection.tsv best_objective):"
  printf "rank"; for solver in $SOLVERS; do printf "\t%s" "$solver"; done; printf "\n"
  for solver in $SOLVERS; do
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "best_objective") c = i; next } { print $1 "\t" $c }' \
      "$OUT/extract_$solver/rank_selection.tsv" > "$OUT/best_$solver.tsv"
  done
  first=$(echo $SOLVERS | cut -d' ' -f1)
  cut -f1 "$OUT/best_$first.tsv" > "$OUT/best.tsv"
  for solver in $SOLVERS; do cut -f2 "$OUT/best_$solver.tsv" | paste "$OUT/best.tsv" - > "$OUT/best.tmp"; mv "$OUT/best.tmp" "$OUT/best.tsv"; done
  cat "$OUT/best.tsv"
fi

if [ "$MEM_SAMPLES" -gt 0 ]; then
  echo "[bench_scale] 3. memory: $MEM_SAMPLES samples, rank $MEM_RANK, $MEM_RESTARTS restarts, default settings"
  simulate "$OUT/large" "$MEM_SAMPLES" 3
  /usr/bin/time -v "$SIGIL" extract -q -o "$OUT/extract_large" "$OUT/large/catalog.tsv" --ranks "$MEM_RANK" \
    --restarts "$MEM_RESTARTS" -j "$THREADS" --seed 1 2> "$OUT/time_large.txt"
  echo "  $(timing "$OUT/time_large.txt") (target: peak RSS under 2048 MB)"
fi
