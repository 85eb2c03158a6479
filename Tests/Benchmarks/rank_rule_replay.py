#!/usr/bin/env python3
"""Replays `sigil extract`'s auto rank rule, and variants of its cv step, on written
rank_selection.tsv files (Docs/Methods-extract.md §6 "Session 5", Decision 0016). The rule reads
only the table's statistics, so a variant can be scored on the restarts and folds already computed.

Usage: rank_rule_replay.py COHORT_DIR... where each COHORT_DIR holds out/rank_selection.tsv and
sim/ (catalog.tsv, truth_exposures.tsv) as extract_scenarios.py writes them; or
`rank_selection.tsv:TRUE_K:MEAN_COUNT` for a table without a simulation (e.g. 21 breast cancers).
Prints, per cohort, the auto rank under each variant, and how many are right.

Variants (cv rank / how far the one-weak-signature waiver reaches):
  0014      largest rank within 1 paired standard error (SE) of the minimum / up to it
  min       smallest mean held-out deviance / up to it
  one-se    smallest rank within 1 paired SE of the minimum (textbook one-SE rule) / up to it
  0016      smallest mean held-out deviance / up to the smallest rank within 1 paired SE
  0021      0016, but when the smallest overdispersion over the ranks explored is >= 1.75: the
            smallest rank within 1 paired SE, stability ignored; in both branches a fold above 3x
            its rank's median (a failed masked fit) is left out of the paired comparisons of the
            walk down (sigil's; Decision 0021)
  cvmin-phi 0021, but the overdispersion is the smallest over the ranks up to the cross-validation
            minimum only (ranks past it overfit, and their lower φ̂ depends on how far the span grew;
            session 9, Docs/Methods-extract.md §6 "Session 9: real cohorts (PCAWG)")
  required  0021's overdispersed branch at every overdispersion: the smallest rank within 1 paired SE
            of the CV minimum (failed folds left out), stability never vetoes (session 9 replay)
  veto-gap  0021, and in its stability branch: when the stability rank is more than MAX_VETO_GAP (2)
            ranks below the required rank, the required rank (stability does not veto). A veto of
            one or two ranks is stability catching a spurious extra signature the held-out data tie
            on; a veto of many ranks, every rank above failing, says restarts split this catalogue's
            signatures whatever the rank (real high-burden cohorts: Lymph-BNHL, Eso-AdenoCA 5 vs 12),
            the failure Decision 0021 detects by φ̂ (session 10, Docs/Methods-extract.md §6
            "Session 10: the stability veto on real cohorts")
  fitted-min veto-gap (today's rule), but the cross-validation minimum is the smallest mean over the
            folds where no rank's masked fit failed (a fold above 3x its rank's median), as the paired
            comparisons already leave such folds out (session 11: one failed fold at k = 15 of seed
            37's k15 NB r = 10 cohort made k = 17 the minimum and the walk stop at 14; Decision 0028)
  veto-reach 0021, but stability vetoes at most MAX_VETO_GAP ranks: the larger of 0021's pick and the
            required rank minus MAX_VETO_GAP (the monotone form of veto-gap; session 10)
"""
import csv, math, os, sys

def statistics(path):
    num = lambda x: None if x in ("NA", "") else float(x)
    lst = lambda x: None if x in ("NA", "") else [float(v) for v in x.split(",")]
    rows = [dict(k=int(r["rank"]), mean=num(r["mean_stability"]), min=num(r["min_stability"]),
                 each=lst(r["signature_stabilities"]), folds=lst(r["cv_fold_deviances"]),
                 phi=num(r.get("overdispersion", "NA")))
            for r in csv.DictReader(open(path), delimiter="\t")]
    return sorted(rows, key=lambda s: s["k"])

def stable(s):  # RankSelection.isStable
    if s["mean"] is None or s["min"] is None: return s["k"] == 1
    return s["mean"] >= 0.8 and s["min"] >= 0.2 and s["mean"] + s["min"] >= 1.0

def stable_but_one(s):  # RankSelection.isStableButForWeakest
    if stable(s): return True
    return s["mean"] is not None and s["mean"] >= 0.8 and s["each"] is not None and len(s["each"]) > 2 and sorted(s["each"])[1] >= 0.2

def by_stability(S, limit=None):  # RankSelection.byStability
    strict = [s["k"] for s in S if stable(s)]
    strict = strict[-1] if strict else None
    if limit is not None:
        waived = [s["k"] for s in S if s["k"] <= limit and stable_but_one(s)]
        if waived and waived[-1] > (strict or 0): return waived[-1]
    if strict: return strict
    return max(S, key=lambda s: (s["mean"] if s["mean"] is not None else -2, -s["k"]))["k"]

def mean(x): return sum(x) / len(x)

def paired(d, base):  # RankSelection.pairedExcess
    x = [a - b for a, b in zip(d, base)]; m = mean(x)
    return m, math.sqrt(sum((y - m) ** 2 for y in x) / (len(x) - 1)) / math.sqrt(len(x))

def minimum(S):
    if FITTED_MINIMUM: return fitted_minimum(S)
    return min(S, key=lambda s: mean(s["folds"]))

def fitted_minimum(S):  # RankSelection.crossValidationMinimum (Decision 0028)
    out = set().union(*(failed(s["folds"]) for s in S))
    keep = [i for i in range(len(S[0]["folds"])) if i not in out]
    if len(keep) < 2: keep = list(range(len(S[0]["folds"])))
    return min(S, key=lambda s: mean([s["folds"][i] for i in keep]))

def failed(folds):  # RankSelection.failedFolds
    x = sorted(folds); n = len(x)
    median = x[n // 2] if n % 2 else (x[n // 2 - 1] + x[n // 2]) / 2
    return {i for i, f in enumerate(folds) if f > FAILED_FOLD_FACTOR * median}

def paired_fitted(d, base):  # RankSelection.pairedExcessOfFittedFolds
    out = failed(d) | failed(base)
    keep = [i for i in range(len(d)) if i not in out]
    if len(keep) < 2: return None
    return paired([d[i] for i in keep], [base[i] for i in keep])

def walk(S, direction, fitted_only=False):
    k0 = minimum(S); pick = k0["k"]
    for s in (S if direction > 0 else reversed(S)):
        if (s["k"] - k0["k"]) * direction <= 0: continue
        if s["k"] != pick + direction: break
        p = paired_fitted(s["folds"], k0["folds"]) if fitted_only else paired(s["folds"], k0["folds"])
        if p is None or p[0] > p[1]: break
        pick = s["k"]
    return pick

VARIANTS = {
    "0014": (lambda S: walk(S, +1), lambda S: walk(S, +1)),
    "min": (lambda S: minimum(S)["k"], lambda S: minimum(S)["k"]),
    "one-se": (lambda S: walk(S, -1), lambda S: walk(S, -1)),
    "0016": (lambda S: minimum(S)["k"], lambda S: walk(S, -1)),
    "0021": None,  # 0016 below OVERDISPERSED, the one-SE rank above (see auto)
    "cvmin-phi": None,  # 0021 with the overdispersion of the ranks up to the CV minimum (see auto)
    "required": None,  # the required rank whatever the overdispersion (see auto)
    "veto-gap": None,  # 0021; a stability veto of more than MAX_VETO_GAP ranks is overruled (see auto)
    "veto-reach": None,  # 0021; stability vetoes at most MAX_VETO_GAP ranks (see auto)
    "fitted-min": None,  # veto-gap, the CV minimum over the folds no rank's masked fit failed on (see auto)
}
FITTED_MINIMUM = False  # set while replaying fitted-min

OVERDISPERSED = 1.75  # RankSelection.overdispersedThreshold
# RankSelection.failedFoldFactor (3); REPLAY_FAILED_FOLD_FACTOR replays another factor (study knob).
FAILED_FOLD_FACTOR = float(os.environ.get("REPLAY_FAILED_FOLD_FACTOR", "3"))
# veto-gap / veto-reach: ranks below the required rank stability may veto (REPLAY_MAX_VETO_GAP: study knob).
MAX_VETO_GAP = int(os.environ.get("REPLAY_MAX_VETO_GAP", "2"))

def residual_overdispersion(S):  # RankSelection.residualOverdispersion
    phis = [s["phi"] for s in S if s["phi"] is not None]
    return min(phis) if phis else None

def auto(S, variant, mean_count):  # RankSelection.auto
    global FITTED_MINIMUM
    if variant == "fitted-min":
        FITTED_MINIMUM = True
        try: return auto(S, "veto-gap", mean_count)
        finally: FITTED_MINIMUM = False
    if mean_count < 2: return by_stability(S)
    if variant == "required": return walk(S, -1, fitted_only=True)
    if variant in ("0021", "cvmin-phi", "veto-gap", "veto-reach"):
        upto = S if variant != "cvmin-phi" else [s for s in S if s["k"] <= minimum(S)["k"]]
        phi = residual_overdispersion(upto)
        required = walk(S, -1, fitted_only=True)
        if phi is not None and phi >= OVERDISPERSED: return required
        cv, supported = minimum(S)["k"], by_stability(S, required)
        if cv < supported: return cv
        if variant == "veto-gap" and required - supported > MAX_VETO_GAP: return required
        if variant == "veto-reach": return max(supported, required - MAX_VETO_GAP)
        return supported
    cv_rule, limit_rule = VARIANTS[variant]
    cv, supported = cv_rule(S), by_stability(S, limit_rule(S))
    return cv if cv < supported else supported

def cohort(arg):
    if ":" in arg:
        path, true_k, mean_count = arg.split(":")
        return path, statistics(path), int(true_k), float(mean_count)
    rows = list(csv.reader(open(os.path.join(arg, "sim/catalog.tsv")), delimiter="\t"))
    mean_count = sum(float(x) for r in rows[1:] for x in r[1:]) / ((len(rows) - 1) * (len(rows[0]) - 1))
    exp = list(csv.reader(open(os.path.join(arg, "sim/truth_exposures.tsv")), delimiter="\t"))
    true_k = sum(1 for j in range(len(exp[0]) - 1) if any(float(r[j + 1]) > 0 for r in exp[1:]))
    return arg, statistics(os.path.join(arg, "out/rank_selection.tsv")), true_k, mean_count

def main():
    names = list(VARIANTS)
    right = {n: 0 for n in names}; count = 0
    print("cohort\ttrue_k\t" + "\t".join(names))
    for arg in sys.argv[1:]:
        if ":" not in arg and not os.path.exists(os.path.join(arg, "out/rank_selection.tsv")):
            continue  # not a cohort folder, or its extraction has not finished
        name, S, true_k, mean_count = cohort(arg)
        if any(s["folds"] is None or len(s["folds"]) < 2 for s in S):
            print(f"{name}\tskipped: no per-fold deviances"); continue
        picks = {n: auto(S, n, mean_count) for n in names}
        count += 1
        for n in names: right[n] += picks[n] == true_k
        print(f"{name}\t{true_k}\t" + "\t".join(str(picks[n]) for n in names))
    print("right\t\t" + "\t".join(f"{right[n]}/{count}" for n in names))

if __name__ == "__main__":
    main()
