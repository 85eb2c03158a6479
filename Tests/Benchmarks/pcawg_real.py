#!/usr/bin/env python3
"""`sigil extract` with today's defaults on real whole-genome cohorts (PCAWG), side by side with the
published analysis (issue #16; Docs/Methods-extract.md §6 "Session 9: real cohorts (PCAWG)").

Usage:
  python3 pcawg_real.py CATALOG ATTRIBUTIONS OUT --types Breast-AdenoCA,Liver-HCC [--sigil BIN] [--threads 2] [--run]
          [--restarts N] [--extra ARG ...] [--spe TYPES --spe-ranks LO..HI --spe-replicates N]

CATALOG       WGS_PCAWG.96.csv: SBS96 counts of the 2,780 PCAWG whole genomes (Alexandrov et al. 2020,
              Nature 578:94; Synapse syn11726620; also in github.com/victorvelasco/hdpExtra, data/).
              Comma separated, `MutationType` (`A[C>A]A`) then one column per sample, `CancerType::SPid`.
ATTRIBUTIONS  PCAWG_sigProfiler_SBS_signatures_in_samples.csv: the consortium's per-sample SigProfiler
              attributions (Synapse syn11738669): `Cancer Types`, `Sample Names`, `Accuracy`, SBS1 ... SBS60
              (COSMIC v3 2019 names).
Neither file is downloaded by this script (they are open access; fetch them by hand) or committed.

For each cancer type the script writes OUT/<type>/catalog.tsv (sigil's catalog layout, that type's
columns), runs, with --run and when OUT/<type>/out/run.json is missing,
  nice -n 10 BIN extract -o OUT/<type>/out OUT/<type>/catalog.tsv --threads T --save-restarts --all-ranks --no-report
(today's defaults otherwise: ranks auto from 2..10 grown, 100 restarts, 10 CV folds; the wall time goes
to OUT/<type>/seconds), then prints one row per type (OUT/summary.tsv) and per rank (OUT/ranks.tsv).

Published active signatures of a type: attributed >= 5% of a sample's mutations (ACTIVE_FRACTION) in
>= 5% of that type's samples (ACTIVE_SAMPLES). COSMIC v3.4 (bundled) names are mapped to the 2019
names the attributions use: SBS40a/b/c -> SBS40, SBS22a/b -> SBS22 (v3.4 split them); signatures
defined after 2019 (SBS10c/d, SBS84-SBS99) keep their names and so never count as published.
An extracted signature matches its reference_match.tsv `best_match` (highest cosine). Precision:
extracted signatures whose (mapped) best match is a published active signature / extracted signatures;
recall: published active signatures that are some extracted signature's best match / published active.
`recall_decomp` also counts a published signature found as a component (weight >= 0.2) of an extracted
signature's decomposition (a de novo signature that mixes e.g. SBS5 and SBS40).

--spe TYPES runs SigProfilerExtractor 1.4.1 (run the script with its venv's python; --spe-ranks,
--spe-replicates, cpu = --threads; called as Tests/Benchmarks/reference_extractors.py does) into
OUT/<type>/spe; any OUT/<type>/spe is scored on the same terms as sigil (its suggested solution's de
novo signatures, each matched to the bundled COSMIC v3.4 by highest cosine, as reference_match.tsv does).

`median_cosine`: median over samples of sigil's reconstruction cosine at the picked rank
(reconstruction.tsv); `published_median_accuracy`: the same for the published attributions (their
`Accuracy` column, the cosine of each sample's reconstruction by its attributed signatures).
`precision_any` counts as right also a best match the published analysis gave >= 5% of the mutations of
at least one sample of the type (`published_other` lists those beyond the active set).

Benchmarks only: not part of `make test`. numpy is not needed (stdlib only).
"""
import argparse, csv, json, math, os, re, subprocess, sys, time
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rank_rule_replay import statistics, walk, minimum, residual_overdispersion, OVERDISPERSED  # sigil's rule, replayed

ACTIVE_FRACTION = 0.05
ACTIVE_SAMPLES = 0.05
DECOMP_WEIGHT = 0.2


def to_2019(name):
    """COSMIC v3.4 name -> the 2019 (PCAWG) name it refines."""
    m = re.fullmatch(r"(SBS40|SBS22)[a-z]", name)
    return m.group(1) if m else name


def split_catalog(path):
    """OrderedDict type -> (sample names, rows [(label, [counts])])."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    groups = OrderedDict()
    for j, name in enumerate(header[1:], 1):
        groups.setdefault(name.split("::")[0], []).append(j)
    return {t: ([header[j] for j in cols], [(r[0], [r[j] for j in cols]) for r in body]) for t, cols in groups.items()}


def write_catalog(path, samples, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\t".join(["MutationType"] + samples) + "\n")
        for label, counts in rows:
            f.write("\t".join([label] + counts) + "\n")


ACCURACY = {}  # type -> the published reconstructions' cosines (`Accuracy`)


def published(path):
    """type -> {signature: fraction of samples where it carries >= ACTIVE_FRACTION of the mutations}."""
    by_type = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        sigs = [c for c in reader.fieldnames if c.startswith("SBS")]
        for r in reader:
            by_type.setdefault(r["Cancer Types"], []).append([float(r[s]) for s in sigs])
            ACCURACY.setdefault(r["Cancer Types"], []).append(float(r["Accuracy"]))
    out = {}
    for t, samples in by_type.items():
        frac = {}
        for j, s in enumerate(sigs):
            n = sum(1 for v in samples if sum(v) > 0 and v[j] / sum(v) >= ACTIVE_FRACTION)
            if n: frac[s] = n / len(samples)
        out[t] = frac
    return out


def active(frac, samples=ACTIVE_SAMPLES):
    return sorted((s for s, f in frac.items() if f >= samples), key=lambda s: -frac[s])


def read_matches(path):
    """[(signature, best_match, best_cosine, {component: weight})] of a reference_match.tsv."""
    out = []
    with open(path) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            comps = {}
            for part in r["decomposition"].split(";"):
                if ":" in part:
                    n, w = part.split(":"); comps[n] = float(w)
            out.append((r["Signature"], r["best_match"], float(r["best_cosine"]), comps))
    return out


def compare(matches, act, anywhere=()):
    """precision, recall, recall_decomp and the matched names against the published active set;
    precision_any against the signatures the published analysis gave >= 5% of any sample's mutations."""
    act = set(act); anywhere = set(anywhere) | act
    best = [to_2019(m[1]) for m in matches]
    hits = sum(1 for b in best if b in act)
    found = {b for b in best if b in act}
    decomp = set(found)
    for m in matches:
        decomp |= {to_2019(c) for c, w in m[3].items() if w >= DECOMP_WEIGHT and to_2019(c) in act}
    n = len(matches)
    return dict(precision=round(hits / n, 2) if n else "NA",
                precision_any=round(sum(1 for b in best if b in anywhere) / n, 2) if n else "NA", recall=round(len(found) / len(act), 2) if act else "NA",
                recall_decomp=round(len(decomp) / len(act), 2) if act else "NA",
                matches=",".join(f"{m[1]}({m[2]:.2f})" for m in matches),
                missed=",".join(sorted(act - decomp, key=lambda s: int(re.sub(r"\D", "", s) or 0))) or "none")


def median(x):
    x = sorted(x); n = len(x)
    return x[n // 2] if n % 2 else (x[n // 2 - 1] + x[n // 2]) / 2


def branch(reason):
    if reason.startswith("overdispersed counts"): return "0021 cv-only"
    if reason.startswith("fixed"): return "fixed"
    if "stability" in reason.split(":")[0] and "cross-validation" in reason.split(":")[0]: return "min(stability,cv)"
    return reason.split(":")[0][:60]


def cosine(a, b):
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def read_matrix(path):
    """(column names, {row label: [values]}); tab separated."""
    with open(path) as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r]
    return rows[0][1:], {r[0]: [float(x) for x in r[1:]] for r in rows[1:]}


def spe_matches(spe_dir, reference):
    """SigProfilerExtractor's suggested de novo signatures matched to the reference by highest cosine."""
    import glob
    path = glob.glob(f"{spe_dir}/SBS96/Suggested_Solution/SBS96_De-Novo_Solution/Signatures/SBS96_De-Novo_Signatures.t*")
    if not path: return None
    names, denovo = read_matrix(path[0])
    rnames, ref = read_matrix(reference)
    labels = list(ref)
    out = []
    for j, n in enumerate(names):
        col = [denovo[l][j] for l in labels]
        scored = [(cosine(col, [ref[l][i] for l in labels]), rn) for i, rn in enumerate(rnames)]
        c, best = max(scored)
        out.append((n, best, c, {}))
    return out


def run_spe(a, folder):
    """SigProfilerExtractor 1.4.1 on the type's catalog (run this script under its venv's python),
    called as reference_extractors.py does; wall time to OUT/<type>/spe/seconds."""
    out = f"{folder}/spe"
    if os.path.exists(f"{out}/seconds"): return
    from SigProfilerExtractor import sigpro as sig
    lo, hi = (int(x) for x in a.spe_ranks.split(".."))
    t0 = time.time()
    try:
        sig.sigProfilerExtractor("matrix", out, f"{folder}/catalog.tsv", reference_genome="GRCh37",
                                 minimum_signatures=lo, maximum_signatures=hi, nmf_replicates=a.spe_replicates,
                                 cpu=a.threads, make_decomposition_plots=False, seeds="random")
    except IndexError as e:  # 1.4.1 makes no pick when no rank in the range passes its thresholds
        print(f"SigProfilerExtractor made no pick: IndexError {e}", file=sys.stderr)
    with open(f"{out}/seconds", "w") as f: f.write(f"{time.time() - t0:.0f}\n")


def run_extract(a, t, folder):
    out = f"{folder}/out"
    if os.path.exists(f"{out}/run.json"): return
    cmd = ["nice", "-n", "10", a.sigil, "extract", "-o", out, f"{folder}/catalog.tsv", "--threads", str(a.threads),
           "--save-restarts", "--all-ranks", "--no-report"] + (["--restarts", str(a.restarts)] if a.restarts else []) + a.extra
    print(" ".join(cmd), file=sys.stderr)
    t0 = time.time()
    with open(f"{folder}/extract.log", "w") as log:
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, check=True)
    with open(f"{folder}/seconds", "w") as f: f.write(f"{time.time() - t0:.0f}\n")


def write_rows(path, rows):
    with open(path, "w") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t")
        w.writeheader(); w.writerows(rows)
    print("\t".join(rows[0].keys()))
    for r in rows: print("\t".join(str(v) for v in r.values()))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("catalog"); p.add_argument("attributions"); p.add_argument("out")
    p.add_argument("--types", required=True, help="comma-separated cancer types (as in the catalog's column names)")
    p.add_argument("--sigil", default="sigil")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--restarts", type=int, help="restarts per rank (default: sigil's, 100)")
    p.add_argument("--run", action="store_true", help="run sigil extract where OUT/<type>/out/run.json is missing")
    p.add_argument("--extra", nargs="*", default=[], help="further sigil extract arguments")
    p.add_argument("--spe", help="comma-separated types to run SigProfilerExtractor on (into OUT/<type>/spe; needs its venv)")
    p.add_argument("--spe-ranks", default="1..10", help="SigProfilerExtractor's rank range, LO..HI")
    p.add_argument("--spe-replicates", type=int, default=10)
    p.add_argument("--reference", help="COSMIC v3.4 SBS96 table for scoring SigProfilerExtractor (default: $SIGIL_REFERENCE_DIR/COSMIC_v3.4_SBS_GRCh37.txt)")
    a = p.parse_args()
    types = a.types.split(",")
    cohorts = split_catalog(a.catalog)
    pub = published(a.attributions)
    run_spe_on = a.spe.split(",") if a.spe else []
    summary, ranks = [], []
    for t in types:
        if t not in cohorts: sys.exit(f"{a.catalog}: no samples of type {t}")
        samples, rows = cohorts[t]
        folder = f"{a.out}/{t}"
        if not os.path.exists(f"{folder}/catalog.tsv"): write_catalog(f"{folder}/catalog.tsv", samples, rows)
        if a.run: run_extract(a, t, folder)
        if t in run_spe_on: run_spe(a, folder)
        act = active(pub.get(t, {}))
        anywhere = active(pub.get(t, {}), samples=0)
        totals = [sum(int(r[1][j]) for r in rows) for j in range(len(samples))]
        row = OrderedDict(type=t, samples=len(samples), median_mutations=int(median(totals)),
                          mean_per_entry=round(sum(totals) / (96 * len(samples)), 1),
                          published_active=len(act), published_any=len(anywhere), published=",".join(act),
                          published_other=",".join(s for s in anywhere if s not in act) or "none")
        out = f"{folder}/out"
        if os.path.exists(f"{out}/run.json"):
            params = json.load(open(f"{out}/run.json"))["parameters"]
            S = statistics(f"{out}/rank_selection.tsv")
            reason = params["selection-reason"]
            gate = params["nb-polish"]
            size = re.search(r"size ([0-9.]+)", gate)
            cvmin = minimum(S)["k"]
            row.update(ranks=params["ranks"], picked=int(params["selected-rank"]), branch=branch(reason),
                       phi_min=round(residual_overdispersion(S), 2), r_hat=round(float(size.group(1)), 1) if size else "NA",
                       nb_gate="open" if gate.startswith("auto: yes") else "closed",
                       cv_min=cvmin, required=walk(S, -1, fitted_only=True), by_criterion=params["rank-by-criterion"],
                       seconds=open(f"{folder}/seconds").read().strip() if os.path.exists(f"{folder}/seconds") else "NA")
            with open(f"{out}/reconstruction.tsv") as f:
                cosines = [float(r["cosine"]) for r in csv.DictReader(f, delimiter="\t") if r["cosine"] != "NA"]
            row.update(median_cosine=round(median(cosines), 3), published_median_accuracy=round(median(ACCURACY[t]), 3) if t in ACCURACY else "NA")
            row.update(compare(read_matches(f"{out}/reference_match.tsv"), act, anywhere))
            with open(f"{out}/rank_selection.tsv") as f:
                sizes = {int(r["rank"]): r.get("cv_nb_size", "NA") for r in csv.DictReader(f, delimiter="\t")}
            for s in S:
                k = s["k"]; path = f"{out}/reference_match_k{k}.tsv"
                c = compare(read_matches(path), act, anywhere) if os.path.exists(path) else {}
                folds = s["folds"]; base = minimum(S)["folds"]
                d = [x - y for x, y in zip(folds, base)] if folds else None
                ranks.append(OrderedDict(type=t, rank=k, selected=int(k == row["picked"]),
                                         cv_deviance=round(sum(folds) / len(folds), 4) if folds else "NA",
                                         paired_excess=round(sum(d) / len(d), 4) if d else "NA",
                                         paired_se=round(math.sqrt(sum((x - sum(d) / len(d)) ** 2 for x in d) / (len(d) - 1)) / math.sqrt(len(d)), 4) if d else "NA",
                                         phi=round(s["phi"], 3), r_hat=round(float(sizes[k]), 1) if sizes.get(k, "NA") not in ("NA", "") else "NA", mean_stability=s["mean"], min_stability=s["min"],
                                         precision=c.get("precision", "NA"), precision_any=c.get("precision_any", "NA"), recall=c.get("recall", "NA"),
                                         recall_decomp=c.get("recall_decomp", "NA"), matches=c.get("matches", "NA")))
            print(f"{t}: {reason}", file=sys.stderr)
        if os.path.exists(f"{folder}/spe/SBS96"):
            ref = a.reference or os.path.join(os.environ.get("SIGIL_REFERENCE_DIR", ""), "COSMIC_v3.4_SBS_GRCh37.txt")
            m = spe_matches(f"{folder}/spe", ref) if os.path.exists(ref) else None
            if not os.path.exists(ref): print(f"{t}: SigProfilerExtractor output not scored: no reference table {ref} (--reference)", file=sys.stderr)
            if m is not None:
                c = compare(m, act, anywhere)
                secs = f"{folder}/spe/seconds"
                row.update(spe_picked=len(m), spe_precision=c["precision"], spe_precision_any=c["precision_any"], spe_recall=c["recall"], spe_matches=c["matches"],
                           spe_seconds=open(secs).read().strip() if os.path.exists(secs) else "NA")
        summary.append(row)
    keys = []
    for r in summary:
        keys += [k for k in r if k not in keys]
    summary = [OrderedDict((k, r.get(k, "NA")) for k in keys) for r in summary]
    write_rows(f"{a.out}/summary.tsv", summary)
    if ranks:
        print()
        write_rows(f"{a.out}/ranks.tsv", ranks)


if __name__ == "__main__":
    main()
