#!/usr/bin/env bash
# Runs the Snakemake, CWL and WDL pipelines on simulated demo data and checks that each scattered
# result is byte-identical to one single-machine sigil run. Run by `make test-workflows`.
# Every merged catalog class is compared (SBS96, SBS1536, DBS78, ID83; the simulated VCFs have no
# indels, so ID83 is all zeros, still byte-compared). Snakemake and WDL run with a small genes BED
# (`genes` input -> count --genes) and their SBS288 is compared too; CWL runs without one and must
# then produce no SBS288 (the optional-input path).
# A second, panel case runs every engine again with a small target BED (`regions` -> count
# --regions, extract --merge / COSMIC fit --opportunity) and compares with the direct
# `sigil count --regions` + `sigil extract/fit --opportunity` commands: every catalog, extract and
# fit table (exposures_per_mb.tsv, signatures_renormalised.tsv too), the opportunity files and the
# attribution (with the renormalised signatures).
#
# Needs: Debian + Swift (builds .build/release/sigil when missing), python3 (python3-venv is
# apt-installed when missing) and PyPI (snakemake 9.x, cwltool, miniwdl and the bundled
# miniwdl_local plugin go into a venv). Takes about a minute once the venv exists.
# No container engine is used: cwltool runs with --no-container, miniwdl with the host backend.
#
# Environment:
#   SIGIL                   sigil binary (default .build/release/sigil, built when missing; the
#                           debug binary .build/debug/sigil works too, e.g. right after `swift test`)
#   SIGIL_WORKFLOWS_VENV    venv folder (default .build/workflows-venv; reused when up to date)
#   SIGIL_WORKFLOWS_WORK    scratch folder (default ".build/workflows test": the space is on purpose)
#   SIGIL_WORKFLOWS_ONLY    run only these engines, e.g. "snakemake wdl" (default: snakemake cwl wdl)
#   SIGIL_WORKFLOWS_KEEP=1  keep the scratch folder after success
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WF="$ROOT/workflows"
SIGIL=${SIGIL:-$ROOT/.build/release/sigil}
VENV=${SIGIL_WORKFLOWS_VENV:-$ROOT/.build/workflows-venv}
WORK=${SIGIL_WORKFLOWS_WORK:-$ROOT/.build/workflows test}
ONLY=${SIGIL_WORKFLOWS_ONLY:-snakemake cwl wdl}
THREADS=2

# Demo size: small enough for CI (minutes), big enough to have several jobs per scatter.
SAMPLES=8
SEED=7
RANK_FIRST=2
RANK_LAST=3
RESTARTS=8
BLOCK=4
BOOTSTRAP=10

failures=0
skipped=()
say() { printf '[test-workflows] %s\n' "$*" >&2; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
skip() { say "SKIP: $*"; skipped+=("$*"); }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------
# sigil binary and which stages it has (count/extract/fit land from parallel branches).
if [[ ! -x "$SIGIL" ]]; then
  if [[ "$SIGIL" != "$ROOT/.build/release/sigil" ]]; then say "SIGIL=$SIGIL is not an executable"; exit 1; fi
  say "building sigil (swift build -c release)"
  (cd "$ROOT" && swift build -c release)
fi
SIGIL=$(cd "$(dirname "$SIGIL")" && pwd)/$(basename "$SIGIL")
export PATH="$(dirname "$SIGIL"):$PATH"
export SIGIL_REFERENCE_DIR=${SIGIL_REFERENCE_DIR:-$ROOT/reference}
# `sigil NAME --help` of an unknown NAME prints the top-level help, so look for its own usage line.
# (help text is captured first: `cmd | grep -q` under pipefail fails when grep exits early)
has_command() { local h; h=$("$SIGIL" "$1" --help 2>&1 || true); [[ $h == *"USAGE: sigil $1 "* ]]; }
has_flag() { local h; h=$("$SIGIL" "$1" --help 2>&1 || true); [[ $h == *"$2"* ]]; }
HAVE_COUNT=0; HAVE_EXTRACT=0; HAVE_FIT=0; HAVE_GENES=0; HAVE_ATTRIBUTE=0
has_command count && has_flag simulate --vcf && HAVE_COUNT=1
has_flag count --genes && HAVE_GENES=1
has_command merge || { say "sigil has no merge command: build this branch first"; exit 1; }
has_command extract && has_flag extract --restarts-range && has_flag extract --merge && HAVE_EXTRACT=1
has_command fit && HAVE_FIT=1
has_command attribute && HAVE_ATTRIBUTE=1
say "sigil $("$SIGIL" --version): count=$HAVE_COUNT (genes=$HAVE_GENES) extract=$HAVE_EXTRACT fit=$HAVE_FIT"
if [[ $HAVE_COUNT == 0 ]]; then
  say "SKIP ALL: sigil count / simulate --vcf are not in this build; nothing to run the workflows on"
  exit 0
fi
FULL=$((HAVE_EXTRACT && HAVE_FIT))
[[ $HAVE_EXTRACT == 1 ]] || skip "extract stage of every workflow (sigil extract --restarts-range/--merge missing)"
[[ $HAVE_FIT == 1 ]] || skip "fit stage of every workflow (sigil fit missing)"
[[ $HAVE_GENES == 1 ]] || skip "SBS288 of every workflow (sigil count --genes missing)"
# The optional attribution step runs (and is compared) only when the whole pipeline does.
ATTRIBUTE=$((FULL && HAVE_ATTRIBUTE))
[[ $ATTRIBUTE == 1 ]] || skip "attribution step of every workflow (sigil attribute, or extract/fit, missing)"
# The panel case (count --regions, extract/fit --opportunity) needs the whole pipeline too.
HAVE_PANEL=0
has_flag count --regions && has_flag fit --opportunity && has_flag extract --opportunity && HAVE_PANEL=1
PANEL=$((FULL && HAVE_PANEL))
[[ $PANEL == 1 ]] || skip "panel case of every workflow (sigil count --regions / fit --opportunity, or extract/fit, missing)"

# ---------------------------------------------------------------------------------------------
# venv with the workflow engines (reinstalled only when this list or the plugin changes).
REQUIREMENTS=("snakemake>=9,<10" "cwltool" "miniwdl>=1.11")
stamp_text="${REQUIREMENTS[*]} $(cat "$WF/wdl/miniwdl_local/pyproject.toml" "$WF/wdl/miniwdl_local/miniwdl_local/__init__.py" | cksum)"
if [[ ! -x "$VENV/bin/python" || "$(cat "$VENV/.sigil-stamp" 2>/dev/null)" != "$stamp_text" ]]; then
  # Debian's python3 has no venv/ensurepip until python3-venv is installed (as `make deps` does).
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    say "installing python3-venv (apt-get)"
    sudo_cmd=""; [[ $(id -u) == 0 ]] || sudo_cmd=sudo
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv
  fi
  rm -rf "$VENV"
  say "creating venv $VENV (pip install ${REQUIREMENTS[*]} + miniwdl_local)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q "${REQUIREMENTS[@]}"
  # Build the plugin from a copy so no build/ or egg-info lands in the source tree.
  plugin_copy=$(mktemp -d)
  cp -r "$WF/wdl/miniwdl_local/." "$plugin_copy/"
  "$VENV/bin/pip" install -q "$plugin_copy"
  rm -rf "$plugin_copy"
  printf '%s' "$stamp_text" >"$VENV/.sigil-stamp"
fi
PY="$VENV/bin/python"
say "engines: snakemake $("$VENV/bin/snakemake" --version), $("$VENV/bin/cwltool" --version 2>&1 | tail -1), $("$VENV/bin/miniwdl" --version 2>/dev/null | sed -n 1p)"

# ---------------------------------------------------------------------------------------------
# Lint (independent of which stages exist).
say "lint: snakemake --lint, cwltool --validate, miniwdl check"
lint_dir="$WORK/lint"
rm -rf "$WORK" && mkdir -p "$lint_dir"
# Linted without and with a panel BED (the rules' inputs and flags differ).
for lint_regions in "" "$lint_dir/panel.bed"; do
  if ! (cd "$lint_dir" && "$VENV/bin/snakemake" -s "$WF/snakemake/Snakefile" --lint \
        --config "vcfs=[\"$lint_dir/x.vcf.gz\"]" "reference_fasta=$lint_dir/ref.fa" "regions=$lint_regions" >"$lint_dir/snakemake-lint.txt" 2>&1); then
    cat "$lint_dir/snakemake-lint.txt" >&2; fail "snakemake --lint${lint_regions:+ (with regions)}"
  fi
done
for cwl in "$WF"/cwl/*.cwl; do
  # Warnings (e.g. an id used twice) make cwltool fail later at run time, so they fail the lint.
  if ! "$VENV/bin/cwltool" --validate "$cwl" >"$lint_dir/cwl.txt" 2>&1 || grep -q "WARNING" "$lint_dir/cwl.txt"; then
    cat "$lint_dir/cwl.txt" >&2; fail "cwltool --validate $(basename "$cwl")"
  fi
done
"$VENV/bin/miniwdl" check --strict --suppress CommandShellCheck "$WF/wdl/sigil.wdl" >"$lint_dir/wdl.txt" 2>&1 \
  || { cat "$lint_dir/wdl.txt" >&2; fail "miniwdl check"; }
"$PY" -m py_compile "$WF/wdl/miniwdl_local/miniwdl_local/__init__.py" "$WF/snakemake/scripts/"*.py || fail "python syntax"

# ---------------------------------------------------------------------------------------------
# Demo data and the single-machine reference run.
DEMO="$WORK/demo data"
SINGLE="$WORK/single"
say "demo: sigil simulate --vcf ($SAMPLES samples) into $DEMO"
"$SIGIL" simulate -q -o "$DEMO" --samples $SAMPLES --seed $SEED --active SBS1,SBS5 --optional SBS13 --vcf
mapfile -t VCFS < <(cd "$DEMO/vcf" && LC_ALL=C ls -1 -- *.vcf.gz | sed "s|^|$DEMO/vcf/|")
FASTA="$DEMO/reference.fa"
[[ ${#VCFS[@]} == "$SAMPLES" ]] || fail "simulate --vcf wrote ${#VCFS[@]} VCFs, expected $SAMPLES"

# Demo gene strands (BED6) over every contig of the simulated reference: a plus-strand gene, an
# overlapping minus-strand gene (both strands: SBS288 folds B into T/U) and a plus-strand gene
# running to the contig end, so T, U and N channels all get counts.
GENES=""
genes_args=()
if [[ $HAVE_GENES == 1 ]]; then
  GENES="$DEMO/demo genes.bed"
  awk -F'\t' 'BEGIN { OFS = "\t"; print "# demo genes for test-workflows.sh" }
    { L = $2; print $1, int(L / 10), int(L / 2), "p" NR, 0, "+"
      print $1, int(3 * L / 10), int(7 * L / 10), "m" NR, 0, "-"
      print $1, int(8 * L / 10), L, "e" NR, 0, "+" }' "$FASTA.fai" >"$GENES"
  genes_args=(--genes "$GENES")
fi
# CLASSES: the merged catalogs every engine must reproduce; STRAND_CLASSES: only with genes.
CLASSES=(sbs96 sbs1536 dbs78 id83)
STRAND_CLASSES=(); [[ $HAVE_GENES == 1 ]] && STRAND_CLASSES=(sbs288)

say "single-machine run into $SINGLE"
"$SIGIL" count -q -o "$SINGLE/counts" --reference-fasta "$FASTA" "${genes_args[@]}" --threads $THREADS "${VCFS[@]}"
cmp -s "$SINGLE/counts/catalog.sbs96.tsv" "$DEMO/catalog.tsv" || fail "count of the simulated VCFs differs from simulate's catalog.tsv"
for cls in "${CLASSES[@]}" "${STRAND_CLASSES[@]}"; do
  [[ -s "$SINGLE/counts/catalog.$cls.tsv" ]] || fail "single run wrote no catalog.$cls.tsv"
done
if [[ $HAVE_GENES == 1 ]]; then
  # The demo genes must exercise every strand prefix, or the SBS288 comparison proves little.
  for prefix in T U N; do
    awk -F'\t' -v p="$prefix:" 'index($1, p) == 1 { for (i = 2; i <= NF; i++) s += $i } END { exit !(s > 0) }' \
      "$SINGLE/counts/catalog.sbs288.tsv" || fail "single run: no SBS288 counts with strand $prefix"
  done
fi
if [[ $HAVE_EXTRACT == 1 ]]; then
  "$SIGIL" extract -q -o "$SINGLE/extract" "$SINGLE/counts/catalog.sbs96.tsv" --ranks $RANK_FIRST..$RANK_LAST \
    --restarts $RESTARTS --seed $SEED --threads $THREADS
fi
if [[ $FULL == 1 ]]; then
  "$SIGIL" fit -q -o "$SINGLE/fit_denovo" "$SINGLE/counts/catalog.sbs96.tsv" --signatures "$SINGLE/extract/signatures.tsv" \
    --bootstrap $BOOTSTRAP --seed $SEED --threads $THREADS
  "$SIGIL" fit -q -o "$SINGLE/fit_reference" "$SINGLE/counts/catalog.sbs96.tsv" --reference cosmic-v3.4 --genome GRCh37 \
    --bootstrap $BOOTSTRAP --seed $SEED --threads $THREADS
fi
if [[ $ATTRIBUTE == 1 ]]; then
  "$SIGIL" attribute -q -o "$SINGLE/attribute" --reference-fasta "$FASTA" --fit "$SINGLE/fit_reference" --threads $THREADS "${VCFS[@]}"
fi

# The panel case's single run: a demo target BED (two targets per contig, ~60% of each, with a
# comment and a track line as real panel BEDs have), then the direct commands a panel lab runs.
PANEL_SINGLE="$WORK/single panel"
PANEL_BED=""
if [[ $PANEL == 1 ]]; then
  PANEL_BED="$DEMO/demo panel.bed"
  awk -F'\t' 'BEGIN { OFS = "\t"; print "# demo panel for test-workflows.sh"; print "track name=demo" }
    { L = $2; print $1, int(L / 10), int(4 * L / 10); print $1, int(5 * L / 10), int(8 * L / 10) }' "$FASTA.fai" >"$PANEL_BED"
  say "single-machine panel run into $PANEL_SINGLE"
  "$SIGIL" count -q -o "$PANEL_SINGLE/counts" --reference-fasta "$FASTA" "${genes_args[@]}" --regions "$PANEL_BED" \
    --threads $THREADS "${VCFS[@]}"
  [[ -s "$PANEL_SINGLE/counts/opportunity.sbs96.tsv" && -s "$PANEL_SINGLE/counts/opportunity.dbs78.tsv" ]] \
    || fail "single panel run wrote no opportunity files"
  # The targets must drop some mutations and keep most, or the panel case proves little.
  awk -F'\t' 'NR > 1 { for (i = 2; i <= NF; i++) s += $i } END { print s + 0 }' "$SINGLE/counts/catalog.sbs96.tsv" >"$WORK/all.n"
  awk -F'\t' 'NR > 1 { for (i = 2; i <= NF; i++) s += $i } END { print s + 0 }' "$PANEL_SINGLE/counts/catalog.sbs96.tsv" >"$WORK/panel.n"
  awk -v a="$(cat "$WORK/all.n")" -v p="$(cat "$WORK/panel.n")" 'BEGIN { exit !(p > 0.3 * a && p < 0.9 * a) }' \
    || fail "single panel run kept $(cat "$WORK/panel.n") of $(cat "$WORK/all.n") SNVs (expected 30-90%)"
  # extract and fit take the count folder here (the workflows pass its opportunity.sbs96.tsv):
  # the same opportunity, so the same bytes.
  "$SIGIL" extract -q -o "$PANEL_SINGLE/extract" "$PANEL_SINGLE/counts/catalog.sbs96.tsv" --ranks $RANK_FIRST..$RANK_LAST \
    --restarts $RESTARTS --seed $SEED --threads $THREADS --opportunity "$PANEL_SINGLE/counts"
  # The de novo signatures are the panel's own: no renormalisation.
  "$SIGIL" fit -q -o "$PANEL_SINGLE/fit_denovo" "$PANEL_SINGLE/counts/catalog.sbs96.tsv" --signatures "$PANEL_SINGLE/extract/signatures.tsv" \
    --bootstrap $BOOTSTRAP --seed $SEED --threads $THREADS
  "$SIGIL" fit -q -o "$PANEL_SINGLE/fit_reference" "$PANEL_SINGLE/counts/catalog.sbs96.tsv" --reference cosmic-v3.4 --genome GRCh37 \
    --opportunity "$PANEL_SINGLE/counts" --bootstrap $BOOTSTRAP --seed $SEED --threads $THREADS
  [[ -s "$PANEL_SINGLE/fit_reference/exposures_per_mb.tsv" ]] || fail "single panel fit wrote no exposures_per_mb.tsv"
  if [[ $ATTRIBUTE == 1 ]]; then
    "$SIGIL" attribute -q -o "$PANEL_SINGLE/attribute" --reference-fasta "$FASTA" --fit "$PANEL_SINGLE/fit_reference" \
      --signatures "$PANEL_SINGLE/fit_reference/signatures_renormalised.tsv" --regions "$PANEL_BED" --threads $THREADS "${VCFS[@]}"
  fi
fi

# same_tsvs LABEL EXPECTED_DIR ACTUAL_DIR: every *.tsv of EXPECTED_DIR exists in ACTUAL_DIR with the same bytes.
same_tsvs() {
  local label=$1 expected=$2 actual=$3 n=0 f
  for f in "$expected"/*.tsv; do
    n=$((n + 1))
    if [[ ! -f "$actual/$(basename "$f")" ]]; then fail "$label: $(basename "$f") missing in $actual"
    elif ! cmp -s "$f" "$actual/$(basename "$f")"; then fail "$label: $(basename "$f") differs from the single run"
    fi
  done
  [[ $n -gt 0 ]] || fail "$label: no TSV in $expected"
  say "$label: $n TSV file(s) compared with the single run"
}
# same_file LABEL EXPECTED ACTUAL
same_file() {
  if [[ -z "$3" || ! -f "$3" ]]; then fail "$1: $(basename "$2") missing (got '${3}')"
  else cmp -s "$2" "$3" || fail "$1: $(basename "$2") differs from the single run"; fi
}
# same_catalogs LABEL LOOKUP CLASS...: LOOKUP CLASS prints the engine's merged catalog of CLASS;
# each must equal the single run's catalog.CLASS.tsv.
same_catalogs() {
  local label=$1 lookup=$2 cls; shift 2
  for cls in "$@"; do same_file "$label" "$REF/counts/catalog.$cls.tsv" "$($lookup "$cls")"; done
  say "$label: merged catalogs $* compared with the single run"
}

# ---------------------------------------------------------------------------------------------
# Snakemake.
run_snakemake() {
  SM="$WORK/snakemake$CASE run"
  mkdir -p "$SM"
  if [[ $FULL == 1 ]]; then target=(all); else target=(results/catalog/catalog.sbs96.tsv); fi
  [[ $HAVE_EXTRACT == 1 && $FULL == 0 ]] && target+=(results/extract/signatures.tsv)
  say "snakemake$CASE: ${target[*]} in $SM"
  cat >"$SM/config.yaml" <<YAML
sigil: "$SIGIL"
reference_fasta: "$FASTA"
vcfs: "$DEMO/vcf/*.vcf.gz"
genes: "$GENES"
regions: "$REGIONS"
seed: $SEED
extract: {ranks: "$RANK_FIRST..$RANK_LAST", restarts: $RESTARTS, block: $BLOCK, threads: 1, merge_threads: 1}
fit: {threads: 1, bootstrap: $BOOTSTRAP}
attribute: {enabled: $([[ $ATTRIBUTE == 1 ]] && echo true || echo false), threads: 1}
YAML
  SNAKEMAKE=("$VENV/bin/snakemake" -s "$WF/snakemake/Snakefile" -d "$SM" --configfile "$SM/config.yaml")
  if ! "${SNAKEMAKE[@]}" --cores $THREADS --quiet rules \
      -- "${target[@]}" >"$WORK/snakemake$CASE.log" 2>&1; then
    tail -40 "$WORK/snakemake$CASE.log" >&2; fail "snakemake$CASE run"
  else
    R="$SM/results"
    n_counts=$(find "$R/counts" -name catalog.sbs96.tsv | wc -l)
    [[ $n_counts == "$SAMPLES" ]] || fail "snakemake$CASE: $n_counts count jobs, expected $SAMPLES"
    snakemake_catalog() { echo "$R/catalog/catalog.$1.tsv"; }
    same_catalogs "snakemake$CASE" snakemake_catalog "${CLASSES[@]}" "${STRAND_CLASSES[@]}"
    for cls in "${CLASSES[@]}" "${STRAND_CLASSES[@]}"; do
      n=$(find "$R/counts" -name "catalog.$cls.tsv" | wc -l)
      [[ $n == "$SAMPLES" ]] || fail "snakemake$CASE: $n per-VCF catalog.$cls.tsv, expected $SAMPLES"
    done
    if [[ $HAVE_EXTRACT == 1 ]]; then
      n_blocks=$(find "$R/extract_blocks" -mindepth 1 -maxdepth 1 -type d | wc -l)
      expected_blocks=$(( (RANK_LAST - RANK_FIRST + 1) * ((RESTARTS + BLOCK - 1) / BLOCK) ))  # one per (rank, restart block)
      [[ $n_blocks == "$expected_blocks" ]] || fail "snakemake$CASE: $n_blocks extract blocks, expected $expected_blocks"
      same_tsvs "snakemake$CASE extract" "$REF/extract" "$R/extract"
    fi
    if [[ $FULL == 1 ]]; then
      same_tsvs "snakemake$CASE fit (de novo)" "$REF/fit_denovo" "$R/fit_denovo"
      same_tsvs "snakemake$CASE fit (COSMIC)" "$REF/fit_reference" "$R/fit_cosmic-v3.4"
      [[ $ATTRIBUTE == 0 ]] || same_tsvs "snakemake$CASE attribute" "$REF/attribute" "$R/attribute"
      if [[ -n $REGIONS ]]; then
        # Every count job wrote the single run's opportunity files (the workflow reads the first).
        for name in opportunity.sbs96.tsv opportunity.dbs78.tsv; do
          for f in "$R"/counts/*/"$name"; do same_file "snakemake$CASE opportunity" "$REF/counts/$name" "$f"; done
        done
        grep -q 'exposures_per_mb.tsv' "$R/report/index.html" || fail "snakemake$CASE: report/index.html lacks exposures_per_mb.tsv"
      else
        [[ -z $(find "$R" -name 'opportunity.*.tsv' -o -name exposures_per_mb.tsv) ]] || fail "snakemake$CASE: opportunity files without regions"
      fi
      grep -q 'href="../extract/signatures.tsv"' "$R/report/index.html" || fail "snakemake$CASE: report/index.html lacks its links"
      # Snakemake's own HTML report (runtime statistics, provenance, the flagged index page).
      "${SNAKEMAKE[@]}" --report "$SM/snakemake-report.html" >>"$WORK/snakemake$CASE.log" 2>&1 && [[ -s "$SM/snakemake-report.html" ]] \
        || fail "snakemake$CASE --report"
    fi
    # A second invocation must find nothing to do (outputs complete and up to date).
    dry_run=$("${SNAKEMAKE[@]}" --cores 1 -n -- "${target[@]}" 2>&1 || true)
    [[ $dry_run == *"Nothing to be done"* ]] || fail "snakemake$CASE: a re-run wants to redo jobs"
  fi
}

# ---------------------------------------------------------------------------------------------
# CWL (cwltool, no container; --relax-path-checks lets paths contain spaces).
cwl_json_path() { "$PY" -c 'import json,sys; o=json.load(open(sys.argv[1])); print(o[sys.argv[2]]["path"])' "$@"; }
# cwl_json_paths FILE KEY: the path of every non-null File of an array output, one a line.
cwl_json_paths() { "$PY" -c 'import json,sys; o=json.load(open(sys.argv[1])); print("\n".join(f["path"] for f in o[sys.argv[2]] if f))' "$@"; }
cwl_json_output() { "$PY" -c 'import json,sys; o=json.load(open(sys.argv[1])); print(json.dumps(o[sys.argv[2]]))' "$@"; }
run_cwl() {
  CW="$WORK/cwl$CASE run"
  mkdir -p "$CW/tmp"
  CWLTOOL=("$VENV/bin/cwltool" --no-container --relax-path-checks --preserve-environment PATH
           --preserve-environment SIGIL_REFERENCE_DIR --tmpdir-prefix "$CW/tmp/" --quiet)
  {
    echo "reference_fasta: {class: File, path: \"$FASTA\"}"
    echo "vcfs:"
    for v in "${VCFS[@]}"; do echo "  - {class: File, path: \"$v\"}"; done
    echo "rank_ranges: [$(for ((k = RANK_FIRST; k <= RANK_LAST; k++)); do printf '"%s..%s",' $k $k; done | sed 's/,$//')]"
    echo "restarts: $RESTARTS"
    echo "restart_ranges: [$(for ((a = 0; a < RESTARTS; a += BLOCK)); do l=$((a + BLOCK - 1)); ((l < RESTARTS)) || l=$((RESTARTS - 1)); printf '"%s..%s",' $a $l; done | sed 's/,$//')]"
    echo "seed: $SEED"
    echo "bootstrap: $BOOTSTRAP"
    if [[ $ATTRIBUTE == 1 ]]; then echo "run_attribute: true"; fi
    if [[ -n $REGIONS ]]; then echo "regions: {class: File, path: \"$REGIONS\"}"; fi
  } >"$CW/job.yaml"
  if [[ $FULL == 1 ]]; then
    say "cwltool$CASE: sigil-workflow.cwl in $CW"
    if ! "${CWLTOOL[@]}" --outdir "$CW/out" "$WF/cwl/sigil-workflow.cwl" "$CW/job.yaml" >"$CW/out.json" 2>"$WORK/cwltool$CASE.log"; then
      tail -40 "$WORK/cwltool$CASE.log" >&2; fail "cwltool$CASE workflow run"
    else
      cwl_catalog() { if [[ $1 == sbs96 ]]; then cwl_json_path "$CW/out.json" catalog; else cwl_json_path "$CW/out.json" "catalog_$1"; fi; }
      same_catalogs "cwl$CASE" cwl_catalog "${CLASSES[@]}"
      # No genes given: the optional SBS288 output is null and no strand catalog was merged.
      [[ $(cwl_json_output "$CW/out.json" catalog_sbs288) == null ]] || fail "cwl$CASE: catalog_sbs288 without genes"
      [[ ! -e "$(cwl_json_path "$CW/out.json" catalog_dir)/catalog.sbs288.tsv" ]] || fail "cwl$CASE: catalog.sbs288.tsv without genes"
      same_tsvs "cwl$CASE extract" "$REF/extract" "$(cwl_json_path "$CW/out.json" extract_dir)"
      same_tsvs "cwl$CASE fit (de novo)" "$REF/fit_denovo" "$(cwl_json_path "$CW/out.json" fit_denovo_dir)"
      same_tsvs "cwl$CASE fit (COSMIC)" "$REF/fit_reference" "$(cwl_json_path "$CW/out.json" fit_reference_dir)"
      if [[ $ATTRIBUTE == 1 ]]; then same_tsvs "cwl$CASE attribute" "$REF/attribute" "$(cwl_json_path "$CW/out.json" attribute_dir)"
      else [[ $(cwl_json_output "$CW/out.json" attribute_dir) == null ]] || fail "cwl$CASE: attribute_dir without attribute"; fi
      if [[ -n $REGIONS ]]; then
        while IFS= read -r f; do same_file "cwl$CASE opportunity" "$REF/counts/opportunity.sbs96.tsv" "$f"; done \
          < <(cwl_json_paths "$CW/out.json" opportunity_sbs96)
        [[ $(cwl_json_paths "$CW/out.json" opportunity_sbs96 | wc -l) == "$SAMPLES" ]] || fail "cwl$CASE: expected $SAMPLES opportunity files"
        same_file "cwl$CASE exposures_per_mb" "$REF/fit_reference/exposures_per_mb.tsv" "$(cwl_json_path "$CW/out.json" exposures_per_mb)"
      else
        [[ $(cwl_json_output "$CW/out.json" exposures_per_mb) == null ]] || fail "cwl$CASE: exposures_per_mb without regions"
      fi
    fi
  else
    say "cwltool$CASE: count + merge tools only (the workflow needs extract and fit)"
    merge_inputs=()
    for v in "${VCFS[@]}"; do
      name=$(basename "$v" .vcf.gz)
      printf 'reference_fasta: {class: File, path: "%s"}\nvcf: {class: File, path: "%s"}\n' "$FASTA" "$v" >"$CW/count-$name.yaml"
      if "${CWLTOOL[@]}" --outdir "$CW/count-$name" "$WF/cwl/sigil-count.cwl" "$CW/count-$name.yaml" >"$CW/count-$name.json" 2>>"$WORK/cwltool$CASE.log"; then
        for cls in "${CLASSES[@]}"; do merge_inputs+=("$(cwl_json_path "$CW/count-$name.json" "$cls")"); done
      else
        tail -20 "$WORK/cwltool$CASE.log" >&2; fail "cwltool$CASE sigil-count.cwl $name"
      fi
    done
    { echo "catalogs:"; for f in "${merge_inputs[@]}"; do echo "  - {class: File, path: \"$f\"}"; done; } >"$CW/merge.yaml"
    if "${CWLTOOL[@]}" --outdir "$CW/merge" "$WF/cwl/sigil-merge.cwl" "$CW/merge.yaml" >"$CW/merge.json" 2>>"$WORK/cwltool$CASE.log"; then
      cwl_merged() { cwl_json_path "$CW/merge.json" "$1"; }
      same_catalogs "cwl$CASE" cwl_merged "${CLASSES[@]}"
    else
      tail -20 "$WORK/cwltool$CASE.log" >&2; fail "cwltool$CASE sigil-merge.cwl"
    fi
  fi
}

# ---------------------------------------------------------------------------------------------
# WDL (miniwdl with the host backend from workflows/wdl/miniwdl_local).
wdl_outputs() { "$PY" -c '
import json, sys
outputs = json.load(open(sys.argv[1]))
outputs = outputs.get("outputs", outputs)
value = outputs.get(sys.argv[2])  # an optional output left undefined is null (printed None)
print("\n".join(str(v) for v in (value if isinstance(value, list) else [value])))' "$@"; }
run_wdl() {
  WD="$WORK/wdl$CASE run"
  mkdir -p "$WD"
  export MINIWDL__SCHEDULER__CONTAINER_BACKEND=local
  "$PY" - "$WD/inputs.json" "$FASTA" "$GENES" "$REGIONS" "$RANK_FIRST" "$RANK_LAST" "$RESTARTS" "$BLOCK" "$SEED" "$BOOTSTRAP" "$ATTRIBUTE" "${VCFS[@]}" <<'EOF'
import json, sys
out, fasta, genes, regions, first, last, restarts, block, seed, bootstrap, attribute, *vcfs = sys.argv[1:]
inputs = {"sigil.vcfs": vcfs, "sigil.reference_fasta": fasta, "sigil.reference_fai": fasta + ".fai",
           "sigil.ranks": list(range(int(first), int(last) + 1)), "sigil.restarts": int(restarts),
           "sigil.restarts_per_job": int(block), "sigil.seed": int(seed), "sigil.bootstrap": int(bootstrap),
          "sigil.count_threads": 1, "sigil.extract_threads": 1, "sigil.fit_threads": 1}
if genes:
    inputs["sigil.genes"] = genes
if regions:
    inputs["sigil.regions"] = regions
if attribute == "1":
    inputs["sigil.run_attribute"] = True
json.dump(inputs, open(out, "w"), indent=1)
EOF
  if [[ $FULL == 1 ]]; then
    say "miniwdl$CASE: sigil.wdl in $WD"
    if ! "$VENV/bin/miniwdl" run "$WF/wdl/sigil.wdl" -i "$WD/inputs.json" --dir "$WD/" >"$WORK/miniwdl$CASE.log" 2>&1; then
      tail -40 "$WORK/miniwdl$CASE.log" >&2; fail "miniwdl$CASE workflow run"
    else
      O="$WD/_LAST/outputs.json"
      wdl_catalog() { if [[ $1 == sbs96 ]]; then wdl_outputs "$O" sigil.catalog; else wdl_outputs "$O" "sigil.catalog_$1"; fi; }
      same_catalogs "wdl$CASE" wdl_catalog "${CLASSES[@]}" "${STRAND_CLASSES[@]}"
      for pair in "extract:sigil.extract_files" "fit_denovo:sigil.fit_denovo_files" "fit_reference:sigil.fit_reference_files"; do
        collected="$WD/collected/${pair%%:*}"
        mkdir -p "$collected"
        while IFS= read -r f; do cp "$f" "$collected/"; done < <(wdl_outputs "$O" "${pair#*:}")
        same_tsvs "wdl$CASE ${pair%%:*}" "$REF/${pair%%:*}" "$collected"
      done
      if [[ $ATTRIBUTE == 1 ]]; then same_file "wdl$CASE attribute" "$REF/attribute/attribution.tsv" "$(wdl_outputs "$O" sigil.attribution)"; fi
      if [[ -n $REGIONS ]]; then
        same_file "wdl$CASE opportunity" "$REF/counts/opportunity.sbs96.tsv" "$(wdl_outputs "$O" sigil.opportunity_sbs96)"
        same_file "wdl$CASE exposures_per_mb" "$REF/fit_reference/exposures_per_mb.tsv" "$(wdl_outputs "$O" sigil.exposures_per_mb)"
      else
        [[ $(wdl_outputs "$O" sigil.exposures_per_mb) == None ]] || fail "wdl$CASE: exposures_per_mb without regions"
      fi
    fi
  else
    say "miniwdl$CASE: count + merge tasks only (the workflow needs extract and fit)"
    merge_inputs=()
    for v in "${VCFS[@]}"; do
      name=$(basename "$v" .vcf.gz)
      wdl_genes=(); [[ -n $GENES ]] && wdl_genes=(genes="$GENES")
      if "$VENV/bin/miniwdl" run "$WF/wdl/sigil.wdl" vcf="$v" reference_fasta="$FASTA" \
           reference_fai="$FASTA.fai" "${wdl_genes[@]}" --task count --dir "$WD/count $name/" >>"$WORK/miniwdl$CASE.log" 2>&1; then
        for cls in "${CLASSES[@]}" "${STRAND_CLASSES[@]}"; do
          merge_inputs+=("$(wdl_outputs "$WD/count $name/_LAST/outputs.json" "count.$cls")")
        done
      else
        tail -20 "$WORK/miniwdl$CASE.log" >&2; fail "miniwdl$CASE task count $name"
      fi
    done
    merge_args=(); for f in "${merge_inputs[@]}"; do merge_args+=("catalogs=$f"); done
    if "$VENV/bin/miniwdl" run "$WF/wdl/sigil.wdl" "${merge_args[@]}" --task merge --dir "$WD/merge/" >>"$WORK/miniwdl$CASE.log" 2>&1; then
      wdl_merged() { wdl_outputs "$WD/merge/_LAST/outputs.json" "merge.$1"; }
      same_catalogs "wdl$CASE" wdl_merged "${CLASSES[@]}" "${STRAND_CLASSES[@]}"
    else
      tail -20 "$WORK/miniwdl$CASE.log" >&2; fail "miniwdl$CASE task merge"
    fi
  fi
}

# ---------------------------------------------------------------------------------------------
# The default case (whole genome), then the panel case against the single panel run.
CASE=""; REF="$SINGLE"; REGIONS=""
if wants snakemake; then run_snakemake; fi
if wants cwl; then run_cwl; fi
if wants wdl; then run_wdl; fi
if [[ $PANEL == 1 ]]; then
  CASE=" panel"; REF="$PANEL_SINGLE"; REGIONS="$PANEL_BED"
  if wants snakemake; then run_snakemake; fi
  if wants cwl; then run_cwl; fi
  if wants wdl; then run_wdl; fi
fi

# ---------------------------------------------------------------------------------------------
if [[ ${#skipped[@]} -gt 0 ]]; then
  say "skipped (stage not in this sigil build): ${skipped[*]}"
fi
if [[ $failures -gt 0 ]]; then
  say "$failures check(s) FAILED; scratch kept in $WORK"
  exit 1
fi
say "all workflow checks passed$([[ $FULL == 1 ]] || echo ' (partial: see SKIP above)')"
[[ ${SIGIL_WORKFLOWS_KEEP:-0} == 1 ]] || rm -rf "$WORK"
