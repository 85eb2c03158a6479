#!/usr/bin/env bash
# `make bench`: every benchmark script in this folder, in name order. Each prints its figures
# side by side with the reference tools it compares against. Timings come from release builds.
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
scripts=(bench_*.sh)
if [ ${#scripts[@]} -eq 0 ]; then echo "[bench] no benchmarks yet"; exit 0; fi
for s in "${scripts[@]}"; do echo "== $s"; bash "$s"; done
