#!/usr/bin/env python3
"""Runs SigProfilerAssignment's cosmic_fit on a catalog, plots off (used by bench_fit.sh).

usage: spa_fit.py CATALOG.tsv OUTDIR COSMIC_VERSION GENOME CPUS
Prints the wall-clock seconds of the cosmic_fit call. Activities land in
OUTDIR/Assignment_Solution/Activities/Assignment_Solution_Activities.txt.
"""
import contextlib
import io
import sys
import time

from SigProfilerAssignment import Analyzer

catalog, out, version, genome, cpus = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
start = time.time()
with contextlib.redirect_stdout(io.StringIO()):
    Analyzer.cosmic_fit(samples=catalog, output=out, input_type="matrix", context_type="96",
                        genome_build=genome, cosmic_version=version, exome=False, make_plots=False,
                        sample_reconstruction_plots=False, export_probabilities=False, verbose=False, cpu=cpus)
print(f"{time.time() - start:.2f}")
