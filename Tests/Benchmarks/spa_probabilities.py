#!/usr/bin/env python3
"""Runs SigProfilerAssignment's cosmic_fit with export_probabilities=True (used by attribute_accuracy.py).

usage: spa_probabilities.py CATALOG.tsv OUTDIR
COSMIC v3.4, GRCh37, genome (sigil fit's defaults), plots off, one CPU. Its per-(sample, channel)
probabilities land in OUTDIR/Assignment_Solution/Activities/Decomposed_MutationType_Probabilities.txt.
"""
import contextlib, io, sys
from SigProfilerAssignment import Analyzer

catalog, out = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(io.StringIO()):
    Analyzer.cosmic_fit(samples=catalog, output=out, input_type="matrix", context_type="96", genome_build="GRCh37",
                        cosmic_version=3.4, exome=False, make_plots=False, sample_reconstruction_plots=False,
                        export_probabilities=True, verbose=False, cpu=1)
