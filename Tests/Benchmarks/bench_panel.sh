#!/usr/bin/env bash
# Panel fits with and without opportunity renormalisation (issue #18, Methods-fit.md §5).
# A panel's trinucleotide composition differs from the genome's; COSMIC's genome signatures
# fitted to a panel catalog then misassign. Two panel compositions, made from the bundled
# opportunities (reference/opportunity_SBS96.txt) and scaled to 1 Mb of sites:
#   exome-like  the GRCh37_exome column (coding exons: CpG-rich)
#   cpg-rich    GRCh37 * (GRCh37_exome / GRCh37)^2 (a GC-rich hotspot panel, twice as skewed)
# True panel signatures = COSMIC v3.4 GRCh37 renormalised to the panel (fit --opportunity writes
# them, signatures_renormalised.tsv); cohorts drawn from them by sigil simulate (2 mixes x 50
# samples, Poisson and negative-binomial noise r = 50 and 10, burdens 50/200/1000); each
# fitted (default sparse rule, --bootstrap 0) with --opportunity (renormalised) and without (the
# genome table as is). Prints mean per-sample abs error of exposure shares, false positives and
# false negatives per sample (fit_accuracy.py). Accuracy only: no timing, so any build will do.
# Environment: SIGIL (default .build/release/sigil, else .build/debug/sigil), PANEL_SAMPLES (50),
# PANEL_BURDENS ("50 200 1000"), PANEL_SEED (4100; nothing was tuned on these designs).
# Warnings of the fits (low cosines at low burden) go to bench-output/panel/log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sigil="${SIGIL:-$root/.build/release/sigil}"
[ -x "$sigil" ] || sigil="$root/.build/debug/sigil"
[ -x "$sigil" ] || { echo "[bench_panel] no sigil binary: run 'make build' first"; exit 1; }
out="$root/bench-output/panel"
rm -rf "$out" && mkdir -p "$out"
samples="${PANEL_SAMPLES:-50}"
seed0="${PANEL_SEED:-4100}"
burdens="${PANEL_BURDENS:-50 200 1000}"
score="python3 $here/fit_accuracy.py"

# The two panel opportunities (96 rows, one column), 1e6 sites each.
python3 - "$root/reference/opportunity_SBS96.txt" "$out" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
hdr = rows[0]; g = hdr.index("GRCh37"); e = hdr.index("GRCh37_exome")
panels = {"exome-like": lambda r: float(r[e]),
          "cpg-rich": lambda r: float(r[g]) * (float(r[e]) / float(r[g])) ** 2}
for name, f in panels.items():
    vals = [f(r) for r in rows[1:]]
    scale = 1e6 / (sum(vals) / 3)  # each trinucleotide appears on 3 channels
    with open(f"{sys.argv[2]}/{name}.tsv", "w") as out:
        out.write("MutationType\topportunity\n")
        for r, v in zip(rows[1:], vals):
            out.write(f"{r[0]}\t{v * scale!r}\n")
PY

mixes=("SBS1,SBS5|SBS2,SBS13,SBS3,SBS18"        # breast-like
       "SBS1,SBS5,SBS40a|SBS4,SBS92,SBS2,SBS13") # lung-like
printf "%-11s %-10s %6s  %-28s %-28s\n" panel noise burden "renormalised err/fp/fn" "genome table err/fp/fn"
for panel in exome-like cpg-rich; do
  "$sigil" simulate -q -o "$out/dummy_$panel" --samples 2 --seed 1
  "$sigil" fit -q -o "$out/sigs_$panel" "$out/dummy_$panel/catalog.tsv" --bootstrap 0 --opportunity "$out/$panel.tsv" 2>> "$out/log"
  truth="$out/sigs_$panel/signatures_renormalised.tsv"
  for noise in poisson nb50 nb10; do
    case $noise in poisson) nargs=(--noise poisson);; nb50) nargs=(--noise nb --dispersion 50);; nb10) nargs=(--noise nb --dispersion 10);; esac
    for b in $burdens; do
      : > "$out/with"; : > "$out/without"
      for i in 0 1; do
        cell="$out/${panel}_${noise}_${b}_$i"
        "$sigil" simulate -q -o "$cell/sim" --signatures "$truth" --samples "$samples" --burden-median "$b" --burden-spread 0.3 \
          --active "${mixes[$i]%|*}" --optional "${mixes[$i]#*|}" --seed $((seed0 + i)) "${nargs[@]}"
        "$sigil" fit -q -o "$cell/with" "$cell/sim/catalog.tsv" --bootstrap 0 --opportunity "$out/$panel.tsv" 2>> "$out/log"
        "$sigil" fit -q -o "$cell/without" "$cell/sim/catalog.tsv" --bootstrap 0 2>> "$out/log"
        $score "$cell/sim/truth_exposures.tsv" "$cell/with/exposures.tsv" >> "$out/with"
        $score "$cell/sim/truth_exposures.tsv" "$cell/without/exposures.tsv" >> "$out/without"
      done
      mean() { awk '{e+=$1; f+=$2; n+=$3} END {printf "%.3f / %.2f / %.2f", e/NR, f/NR, n/NR}' "$1"; }
      printf "%-11s %-10s %6s  %-28s %-28s\n" "$panel" "$noise" "$b" "$(mean "$out/with")" "$(mean "$out/without")"
    done
  done
done
