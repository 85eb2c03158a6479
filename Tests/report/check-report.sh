#!/usr/bin/env bash
# Opens sigil reports in a real browser (headless Chromium) and checks the screenshots are not blank.
#
# usage: Tests/report/check-report.sh [--save-screenshot PNG] [report.html ...]
#   With no report given, builds demo folders (sigil simulate -> make-demo-folders.py, FOR RENDERING
#   ONLY: made-up extract/fit/count outputs), runs `sigil report` on each, and checks all three.
#   --save-screenshot copies the first screenshot to PNG (Docs/report-screenshot.png is made so).
# Uses $SIGIL, else .build/release/sigil, else .build/debug/sigil (builds nothing itself).
# Installs Debian's `chromium` with apt-get when no chromium is on PATH. Checks need python3 only:
# png_check.py (the page is painted) and html_check.py (Why k block and its thresholds, no
# zero-exposure signature on a fit page, one colour per signature shown, per-sample panels on
# extract and fit pages, including one named with --sample; an unknown --sample exits 64).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
save=""
reports=()
while [ $# -gt 0 ]; do
  case "$1" in
    --save-screenshot) save="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) reports+=("$1"); shift ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sigil-check-report.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ ${#reports[@]} -eq 0 ]; then
  sigil="${SIGIL:-}"
  for candidate in "$root/.build/release/sigil" "$root/.build/debug/sigil"; do
    if [ -z "$sigil" ] && [ -x "$candidate" ]; then sigil="$candidate"; fi
  done
  if [ -z "$sigil" ]; then echo "[check-report] no sigil binary: run 'make build' or set SIGIL" >&2; exit 1; fi
  "$sigil" simulate -q -o "$work/sim" --samples 24 --active SBS1,SBS5 --optional SBS2,SBS13,SBS18 --seed 7
  python3 "$here/make-demo-folders.py" "$work/sim" "$work/demo"
  # The extract and fit pages also get a panel for a sample named with --sample (S24: not among
  # the worst-fitting ones the pages draw anyway); html_check.py asserts it is there.
  named="S24"
  for kind in extract fit count; do
    extra=()
    [ "$kind" = count ] || extra=(--sample "$named")
    "$sigil" report -q "$work/demo/$kind" "${extra[@]}" 2>/dev/null
    reports+=("$work/demo/$kind/report.html")
  done
  if "$sigil" report -q "$work/demo/fit" --sample NOSUCH 2>"$work/unknown.txt"; then
    echo "[check-report] sigil report --sample NOSUCH succeeded; expected exit 64" >&2; exit 1
  elif [ $? -ne 64 ] || ! grep -q "'NOSUCH' not in" "$work/unknown.txt"; then
    echo "[check-report] sigil report --sample NOSUCH: expected exit 64 naming it, got: $(cat "$work/unknown.txt")" >&2; exit 1
  fi
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "[check-report] installing Debian chromium (apt-get)" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi

status=0
first=""
for report in "${reports[@]}"; do
  name="$(basename "$(dirname "$report")")"
  png="$work/$name-$(date +%N).png"
  abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
  # --no-sandbox: CI containers run as root; --disable-gpu: no GPU there. No network is needed.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$png" --window-size=1200,2000 "file://$abs" >/dev/null 2>&1 || true
  if [ ! -s "$png" ]; then
    echo "[check-report] $report: chromium wrote no screenshot" >&2
    status=1
    continue
  fi
  python3 "$here/png_check.py" "$png" || status=1
  named_args=()
  case "$report" in "$work"/demo/extract/*|"$work"/demo/fit/*) named_args=(--sample "$named") ;; esac
  python3 "$here/html_check.py" "$report" "${named_args[@]}" || status=1
  [ -n "$first" ] || first="$png"
done
if [ -n "$save" ] && [ -n "$first" ]; then cp "$first" "$save"; echo "[check-report] screenshot saved to $save"; fi
exit $status
