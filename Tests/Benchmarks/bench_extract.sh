#!/usr/bin/env bash
# sigil extract vs SigProfilerExtractor on the same simulated cohort (Docs/Methods-extract.md).
# Same rank range, same number of NMF replicates (restarts), SPE on cpu=2. Prints wall time,
# chosen rank and F1 of recovered signatures against the truth (a true signature is recovered
# when some extracted signature has cosine >= 0.9 with it, each extracted signature used once).
# Bounded in time: 30 samples, ranks 2..8, 10 replicates (SPE needs >= 10,000 iterations per
# replicate by design, so more replicates mostly cost SPE time). Override with env variables.
set -uo pipefail
cd "$(dirname "$0")"
SIGIL=${SIGIL:-../../.build/release/sigil}
REPLICATES=${BENCH_EXTRACT_REPLICATES:-10}
SAMPLES=${BENCH_EXTRACT_SAMPLES:-30}
MAXRANK=${BENCH_EXTRACT_MAXRANK:-8}
WORK=${BENCH_EXTRACT_WORK:-$(mktemp -d /tmp/sigil-bench-extract.XXXXXX)}
[ -x "$SIGIL" ] || { echo "[bench_extract] $SIGIL not found: run 'make build' first"; exit 1; }

"$SIGIL" simulate -q -o "$WORK/sim" --samples "$SAMPLES" --active SBS1,SBS5 --optional SBS2,SBS13,SBS3 --seed 1
echo "[bench_extract] cohort: $SAMPLES samples, truth SBS1,SBS5,SBS2,SBS13,SBS3 (Poisson), ranks 2..$MAXRANK, $REPLICATES replicates; work dir $WORK"

start=$(date +%s.%N)
"$SIGIL" extract -q -o "$WORK/sigil" "$WORK/sim/catalog.tsv" --ranks 2.."$MAXRANK" --restarts "$REPLICATES" --threads 2
sigil_status=$?
sigil_time=$(echo "$(date +%s.%N) - $start" | bc)

spe_time=NA; spe_status="not run"
if python3 -c "import SigProfilerExtractor" 2>/dev/null; then
  start=$(date +%s.%N)
  # SPE uses multiprocessing (spawn), which re-imports the main module: it must be a real file
  # with a __main__ guard, not stdin.
  cat > "$WORK/run_spe.py" <<'PY'
import sys
from SigProfilerExtractor import sigpro as sig
if __name__ == "__main__":
    work, maxrank, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sig.sigProfilerExtractor("matrix", work + "/spe", work + "/sim/catalog.tsv", reference_genome="GRCh37",
                             minimum_signatures=2, maximum_signatures=maxrank, nmf_replicates=reps, cpu=2,
                             make_decomposition_plots=False, seeds="random")
PY
  (cd "$WORK" && python3 run_spe.py "$WORK" "$MAXRANK" "$REPLICATES" > "$WORK/spe.log" 2>&1)
  rc=$?
  spe_time=$(echo "$(date +%s.%N) - $start" | bc)
  if [ $rc -eq 0 ]; then spe_status=ok; else spe_status="failed (exit $rc; last lines of $WORK/spe.log below)"; tail -5 "$WORK/spe.log"; fi
else
  spe_status="SigProfilerExtractor is not installed (pip install SigProfilerExtractor)"
fi

python3 - "$WORK" "$sigil_time" "$spe_time" "$spe_status" "$sigil_status" <<'PY'
import csv, glob, math, os, sys
work, sigil_time, spe_time, spe_status, sigil_status = sys.argv[1:6]
def read(path):
    rows = list(csv.reader(open(path), delimiter="\t"))
    names = rows[0][1:]
    labels = [r[0] for r in rows[1:]]
    cols = {n: {labels[i]: float(rows[i + 1][j + 1]) for i in range(len(labels))} for j, n in enumerate(names)}
    return cols
def cos(a, b):
    keys = a.keys()
    ab = sum(a[k] * b.get(k, 0) for k in keys); aa = sum(v * v for v in a.values()); bb = sum(v * v for v in b.values())
    return ab / math.sqrt(aa * bb) if aa and bb else 0
def f1(truth, found, threshold=0.9):
    pairs = sorted(((cos(t, f), ti, fi) for ti, t in enumerate(truth) for fi, f in enumerate(found)), reverse=True)
    used_t, used_f, tp = set(), set(), 0
    for c, ti, fi in pairs:
        if c < threshold: break
        if ti in used_t or fi in used_f: continue
        used_t.add(ti); used_f.add(fi); tp += 1
    p = tp / len(found) if found else 0; r = tp / len(truth)
    return (2 * p * r / (p + r) if p + r else 0), tp
truth = list(read(work + "/sim/truth_signatures.tsv").values())
out = []
if sigil_status == "0":
    s = list(read(work + "/sigil/signatures.tsv").values())
    f, tp = f1(truth, s)
    out.append(("sigil", float(sigil_time), len(s), f))
spe = glob.glob(work + "/spe/SBS96/Suggested_Solution/SBS96_De-Novo_Solution/Signatures/SBS96_De-Novo_Signatures.txt")
if spe:
    s = list(read(spe[0]).values())
    f, tp = f1(truth, s)
    out.append(("SigProfilerExtractor", float(spe_time), len(s), f))
print(f"{'tool':22s} {'seconds':>9s} {'rank':>5s} {'F1':>6s}   (true rank {len(truth)})")
for name, t, k, f in out:
    print(f"{name:22s} {t:9.1f} {k:5d} {f:6.3f}")
if len(out) == 2:
    print(f"speed ratio SigProfilerExtractor / sigil: {out[1][1] / out[0][1]:.1f}x")
else:
    print(f"SigProfilerExtractor: {spe_status}")
    # SPE 1.4.1 can crash in its rank-selection step (IndexError in subroutines.stabVsRError) after
    # all its NMF runs: its time up to the crash is then a lower bound on its run time.
    stat = work + "/spe/SBS96/All_solutions_stat.csv"
    if out and out[0][0] == "sigil" and spe_time != "NA" and os.path.exists(stat):
        print(f"SigProfilerExtractor finished its NMF for every rank before failing: {float(spe_time):.1f} s, "
              f"speed ratio >= {float(spe_time) / out[0][1]:.1f}x (lower bound; no rank chosen)")
PY
