"""Writes the workflow's index.html: links to every stage's report and tables, with relative
paths, so the results folder can be moved or shared. Computes nothing. Run by Snakemake."""
import html
import os


def index_html(inputs, output, samples, ranks, restarts, blocks):
    root = os.path.dirname(output)

    def link(path, label):
        target = os.path.relpath(path, root)
        return f'<a href="{html.escape(target)}">{html.escape(label)}</a>'

    stages = [
        ("Merged catalogs", inputs["catalog"],
         [f"catalog.{cls}.tsv" for cls in ("sbs96", "sbs1536", "sbs288", "dbs78", "id83")] + ["run.json"]),
        ("De novo extraction", inputs["extract"],
         ["report.html", "signatures.tsv", "exposures.tsv", "rank_selection.tsv", "reference_match.tsv", "run.json"]),
        ("Fit of the extracted signatures", inputs["denovo"],
         ["report.html", "exposures.tsv", "exposures_ci.tsv", "fit_stats.tsv", "residuals.tsv", "run.json"]),
        ("Fit of the reference signatures", inputs["reference"],
         ["report.html", "exposures.tsv", "exposures_ci.tsv", "exposures_per_mb.tsv", "signatures_renormalised.tsv",
          "fit_stats.tsv", "residuals.tsv", "run.json"]),
    ]
    rows = []
    for title, anchor, names in stages:
        folder = os.path.dirname(anchor)
        present = [link(os.path.join(folder, n), n) for n in names if os.path.exists(os.path.join(folder, n))]
        rows.append(f"<tr><th>{html.escape(title)}</th><td>{' &middot; '.join(present)}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sigil workflow results</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:60em}}th{{text-align:left;padding-right:1em}}
td,th{{padding:.3em;vertical-align:top}}</style></head><body>
<h1>sigil workflow results</h1>
<p>{len(samples)} VCF(s); ranks {ranks[0]}&ndash;{ranks[-1]}, {restarts} restarts per rank in {blocks} extraction jobs.</p>
<table>
{chr(10).join(rows)}
</table></body></html>
"""
    temporary = output + ".tmp"
    with open(temporary, "w") as out:
        out.write(page)
    os.replace(temporary, output)


index_html({key: getattr(snakemake.input, key) for key in ("catalog", "extract", "denovo", "reference")},  # noqa: F821
           snakemake.output[0], snakemake.params.samples,  # noqa: F821
           snakemake.params.ranks, snakemake.params.restarts, snakemake.params.blocks)  # noqa: F821
