#!/usr/bin/env python3
"""Content checks of a sigil report.html (issue #19), next to the screenshot check.

usage: html_check.py REPORT_HTML [--sample NAME ...]
- extract pages: the "Why k" block exists and names the stability rule's thresholds;
- fit pages: no signature whose exposure is 0 in every sample of exposures.tsv appears in a
  legend, table, strip or summary (looked up as an exact text node, `>NAME<` or `>NAME ~`);
- every page: no two signatures shown share a colour, and no signature has two colours. Pairs
  are read from the exposure figures in figures/ (legend keys: a 12x12 rect then its text;
  interval-strip titles: bold text with a fill) and the page's cohort-summary keys (`span.key`);
  labels such as "SBS96A ~ SBS1 (0.99)" count as their first word;
- fit pages with residuals.tsv and extract pages: at least one per-sample panel (section
  `samples`), each with its figures/sample_<name>.svg and figures/residuals_<name>.svg, and a
  "Jump to" index linking every panel; each --sample NAME has a panel marked "(named)" in the index.
Standard library only. Exit 1 with one line per failure.
"""
import os
import re
import sys


def pairs(html):
    found = []
    for colour, name in re.findall(r'<rect [^>]*width="12" height="12" fill="(#[0-9A-Fa-f]{6})"/>\s*<text [^>]*>([^<]+)</text>', html):
        found.append((colour.upper(), name))
    for colour, name in re.findall(r'<text [^>]*fill="(#[0-9A-Fa-f]{6})" font-weight="bold">([^<]+)</text>', html):
        found.append((colour.upper(), name))
    for colour, name in re.findall(r'<span class="key" style="background:(#[0-9A-Fa-f]{6})"></span>([^<]+)<', html):
        found.append((colour.upper(), name))
    return [(c, n.split(" ~ ")[0].strip()) for c, n in found]


def pairs_of_keys(html):
    return [(c.upper(), n.split(" ~ ")[0].strip())
            for c, n in re.findall(r'<span class="key" style="background:(#[0-9A-Fa-f]{6})"></span>([^<]+)<', html)]


def check_panels(html, folder, named, failures):
    """Per-sample panels: one h3 per sample with its two figures, all linked from the index."""
    section = re.search(r'<section id="samples">(.*?)</section>', html, re.S)
    if not section:
        failures.append("no per-sample panels section")
        return 0
    body = section.group(1)
    panels = re.findall(r'<h3 id="sample-([^"]+)">', body)
    if not panels:
        failures.append("per-sample panels section has no panel: " + re.sub(r"<[^>]+>", "", body)[:200])
    index = re.search(r'<p class="note samples">Jump to: (.*?)</p>', body)
    linked = re.findall(r'<a href="#sample-([^"]+)">', index.group(1)) if index else []
    for name in panels:
        for figure in (f"sample_{name}.svg", f"residuals_{name}.svg"):
            if not os.path.exists(os.path.join(folder, "figures", figure)):
                failures.append(f"per-sample panel {name} has no figures/{figure}")
            elif f'href="figures/{figure}"' not in body:
                failures.append(f"per-sample panel {name} does not show {figure}")
        if name not in linked:
            failures.append(f"per-sample panel {name} is not in the 'Jump to' index")
    for name in named:
        if name not in panels:
            failures.append(f"--sample {name}: no panel")
        elif index and f'>{name}</a> (named)' not in index.group(1) and f'#sample-{name}"' not in index.group(1):
            failures.append(f"--sample {name}: not in the index")
    return len(panels)


def main():
    args = sys.argv[1:]
    named = [args[i + 1] for i, a in enumerate(args) if a == "--sample"]
    path = next(a for i, a in enumerate(args) if a != "--sample" and (i == 0 or args[i - 1] != "--sample"))
    folder = os.path.dirname(os.path.abspath(path))
    html = open(path, encoding="utf-8").read()
    failures = []
    kind = re.search(r"<title>sigil (\w+) report", html)
    kind = kind.group(1) if kind else "?"
    # Signature colours live in the exposure figures (figures/exposure*.svg, the same drawings
    # the page inlines) and the cohort-summary keys of the page; profile figures colour channel
    # blocks, not signatures, and are left out.
    figures = os.path.join(folder, "figures")
    svg = "".join(open(os.path.join(figures, n), encoding="utf-8").read()
                  for n in sorted(os.listdir(figures)) if n.startswith("exposure")) if os.path.isdir(figures) else ""
    svg_pairs = pairs(svg) + pairs_of_keys(html)
    by_colour, by_name = {}, {}
    for colour, name in svg_pairs:
        by_colour.setdefault(colour, set()).add(name)
        by_name.setdefault(name, set()).add(colour)
    for colour, names in sorted(by_colour.items()):
        if len(names) > 1:
            failures.append(f"colour {colour} is shared by {', '.join(sorted(names))}")
    for name, colours in sorted(by_name.items()):
        if len(colours) > 1:
            failures.append(f"{name} is drawn in {len(colours)} colours: {', '.join(sorted(colours))}")
    if kind == "extract":
        why = re.search(r'<div class="why" id="why-k">(.*?)</div>', html, re.S)
        if not why:
            failures.append("no 'Why k' block")
        else:
            for needed in ("Why k = ", "≥ 0.8", "≥ 0.2", "their sum ≥ 1", "<b>stability</b>", "<b>cv</b>"):
                if needed not in why.group(1):
                    failures.append(f"'Why k' block does not name {needed!r}")
        check_panels(html, folder, named, failures)
    if kind == "fit":
        exposures = os.path.join(folder, "exposures.tsv")
        if os.path.exists(exposures):
            with open(exposures) as f:
                rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
            header = rows[0][1:]
            zero = [n for j, n in enumerate(header) if all(float(r[1 + j]) == 0 for r in rows[1:])]
            shown = [n for n in zero if f">{n}<" in html or f">{n} ~" in html]
            if shown:
                failures.append(f"{len(shown)} zero-exposure signatures are shown: {', '.join(shown[:10])}")
            if zero and f"{len(header) - len(zero)} of {len(header)}</b>" not in html:
                failures.append(f"header tile does not say '{len(header) - len(zero)} of {len(header)}'")
            if os.path.exists(os.path.join(folder, "residuals.tsv")):
                check_panels(html, folder, named, failures)
            print(f"[html-check] {path}: {len(header) - len(zero)} of {len(header)} signatures shown, "
                  f"{len(by_name)} coloured")
    for f in failures:
        print(f"[html-check] {path}: {f}", file=sys.stderr)
    if not failures:
        print(f"[html-check] {path}: ok ({kind}; {len(by_name)} signatures, {len(by_colour)} colours)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
