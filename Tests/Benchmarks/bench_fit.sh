#!/usr/bin/env bash
# sigil fit vs SigProfilerAssignment (cosmic_fit, COSMIC v3.4 GRCh37, plots off) on simulated
# cohorts with known exposures: 4 signature mixes x 50 samples at burdens 100, 2,000 and 50,000
# mutations per sample. Prints, per burden and method, the mean per-sample total absolute error
# of relative exposures, false-positive and false-negative signatures per sample, and the time;
# then sigil's time for 10,000 samples x 100 bootstraps on 2 threads (target < 60 s).
# Needs `make build`. SigProfilerAssignment is used when `$SPA_PYTHON` (default: python3) can
# import it (pip install SigProfilerAssignment); otherwise its columns are skipped with a note.
# Then the overdispersion calibration (issue #15, Methods-fit.md §2.1): negative-binomial noise
# r in {10, 30, 100} and Poisson x burdens 100 / 2,000 / 50,000 x 5 mixes (the four above plus a
# pan-cancer-like mix of 10 signatures), old rule (--overdispersion off), new rule (default) and
# SigProfilerAssignment side by side: err / fp / fn per cell and the coverage of the 95% bootstrap
# intervals (fit_overdispersion.py; report seeds 9000+, tuning was done on seeds 500+). Its folder,
# bench-output/fit-overdispersion, is kept between runs: SPA results are reused for an unchanged catalog.
# Environment: FIT_BENCH_SAMPLES (default 50 per catalog), FIT_BENCH_TIMING_SAMPLES (10000),
# FIT_BENCH_PARTS (default "poisson overdispersion timing": any subset, space-separated),
# FIT_OD_SAMPLES (30 per mix and cell), FIT_OD_BOOTSTRAP (100), FIT_OD_SEED (9000),
# FIT_OD_DISPERSIONS (10,30,100,poisson), FIT_OD_BURDENS (100,2000,50000), FIT_OD_MIXES (0,1,2,3,4).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sigil="$root/.build/release/sigil"
[ -x "$sigil" ] || { echo "[bench_fit] $sigil missing: run 'make build' first"; exit 1; }
out="$root/bench-output/fit"
rm -rf "$out" && mkdir -p "$out"
py="${SPA_PYTHON:-python3}"
samples="${FIT_BENCH_SAMPLES:-50}"
timing_samples="${FIT_BENCH_TIMING_SAMPLES:-10000}"
score="python3 $here/fit_accuracy.py"
now() { date +%s.%N; }

have_spa=1
if ! "$py" -c "import SigProfilerAssignment" 2>/dev/null; then
  have_spa=0
  echo "[bench_fit] SigProfilerAssignment not importable by $py: pip install SigProfilerAssignment (or set SPA_PYTHON)"
fi

parts=" ${FIT_BENCH_PARTS:-poisson overdispersion timing} "
spa_arg=(); [ $have_spa = 1 ] && spa_arg=(--spa "$py")

if [[ $parts == *" poisson "* ]]; then
mixes=("SBS1,SBS5|SBS2,SBS13,SBS3,SBS18"            # breast-like: APOBEC, HRD
       "SBS1,SBS5,SBS40a|SBS4,SBS92,SBS2,SBS13"     # lung-like: tobacco, flat signatures
       "SBS1,SBS5|SBS7a,SBS7b,SBS7c,SBS38"          # melanoma-like: UV
       "SBS1,SBS5|SBS6,SBS15,SBS44,SBS17a,SBS17b,SBS18")  # colorectal/MSI-like
for b in 100 2000 50000; do
  for i in 0 1 2 3; do
    "$sigil" simulate -q -o "$out/sim_${b}_$i" --samples "$samples" --burden-median "$b" --burden-spread 0.3 \
      --active "${mixes[$i]%|*}" --optional "${mixes[$i]#*|}" --seed $((i + 7))
  done
done

# mean of the 4 catalogs' (error, fp, fn) lines
mean4() { awk '{e+=$1; f+=$2; n+=$3} END {printf "%.3f\t%.2f\t%.2f", e/NR, f/NR, n/NR}'; }

printf "%-8s %-26s %8s %6s %6s %9s\n" burden method abs_err fp fn seconds
for b in 100 2000 50000; do
  for m in nnls cosine sparse; do
    t0=$(now); : > "$out/scores"
    for i in 0 1 2 3; do
      "$sigil" fit -q -o "$out/fit_${m}_${b}_$i" --method "$m" --bootstrap 0 --threads 2 "$out/sim_${b}_$i/catalog.tsv"
      $score "$out/sim_${b}_$i/truth_exposures.tsv" "$out/fit_${m}_${b}_$i/exposures.tsv" >> "$out/scores"
    done
    t1=$(now)
    label="sigil $m"; [ "$m" = sparse ] && label="sigil sparse (default)"
    printf "%-8s %-26s %s\t%9.2f\n" "$b" "$label" "$(mean4 < "$out/scores")" "$(echo "$t1 - $t0" | bc)"
    [ "$m" = sparse ] && sigil_time=$(echo "$t1 - $t0" | bc)
  done
  if [ $have_spa = 1 ]; then
    : > "$out/scores"; spa_time=0
    for i in 0 1 2 3; do
      s=$("$py" "$here/spa_fit.py" "$out/sim_${b}_$i/catalog.tsv" "$out/spa_${b}_$i" 3.4 GRCh37 2 2> "$out/spa_${b}_$i.log" | tail -1)
      spa_time=$(echo "$spa_time + $s" | bc)
      $score "$out/sim_${b}_$i/truth_exposures.tsv" "$out/spa_${b}_$i/Assignment_Solution/Activities/Assignment_Solution_Activities.txt" >> "$out/scores"
    done
    printf "%-8s %-26s %s\t%9.2f\n" "$b" "SigProfilerAssignment" "$(mean4 < "$out/scores")" "$spa_time"
    printf "%-8s %-26s %s\n" "$b" "time ratio SPA / sigil" "$(echo "scale=1; $spa_time / $sigil_time" | bc)x"
  fi
done

fi

if [[ $parts == *" overdispersion "* ]]; then
  echo "[bench_fit] overdispersion calibration (columns: r burden mix method err fp fn cov95 cov95_ge1000 pairs_ge1000 phi_median)"
  python3 "$here/fit_overdispersion.py" "$sigil" "$root/bench-output/fit-overdispersion" --samples "${FIT_OD_SAMPLES:-30}" \
    --bootstrap "${FIT_OD_BOOTSTRAP:-100}" --seed-base "${FIT_OD_SEED:-9000}" \
    --dispersions "${FIT_OD_DISPERSIONS:-10,30,100,poisson}" --burdens "${FIT_OD_BURDENS:-100,2000,50000}" \
    --mixes "${FIT_OD_MIXES:-0,1,2,3,4}" ${spa_arg[@]+"${spa_arg[@]}"} | tee "$root/bench-output/fit-overdispersion.tsv"
fi

if [[ $parts == *" timing "* ]]; then
"$sigil" simulate -q -o "$out/timing" --samples "$timing_samples" --burden-median 2000 --seed 3
t0=$(now)
"$sigil" fit -q -o "$out/timing_fit" --bootstrap 100 --threads 2 "$out/timing/catalog.tsv"
t1=$(now)
printf "SigilFit.fit %s samples x 100 bootstraps, 2 threads: %.1f s (target < 60 s)\n" "$timing_samples" "$(echo "$t1 - $t0" | bc)"
fi
