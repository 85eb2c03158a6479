#!/usr/bin/env python3
"""Writes opportunity_SBS96.txt: the trinucleotide opportunity of each bundled COSMIC v3.4 SBS96 table.

Column GRCh37 is the hg19 (GRCh37) whole-genome count of each pyrimidine-centred trinucleotide,
`tri.counts.genome` of the R package deconstructSigs 1.8.0 (Rosenthal et al. 2016, Genome Biology
17:31; BSgenome.Hsapiens.UCSC.hg19), repeated for the three channels of each context. Every other
column (GRCh37_exome, GRCh38, GRCh38_exome, mm10, mm10_exome, mm39, mm39_exome, rn7, rn7_exome) is
derived from COSMIC's own tables: each was made from the GRCh37 table as
    W_x[c,s] = W_37[c,s] * rho_x[c] / sum_c' W_37[c',s] * rho_x[c']
with rho_x = O_x / O_37 per trinucleotide, so rho_x is recovered from the two tables (fixed point
below, exact to ~1e-15 because the tables obey the relation exactly) and O_x = O_37 * rho_x,
scaled to the same number of sites as GRCh37 (only the shape of a reference opportunity matters).
Run from the repository root: python3 reference/derive_opportunity.py > reference/opportunity_SBS96.txt
"""
import sys

HG19 = dict(zip(
    "ACA ACC ACG ACT ATA ATC ATG ATT CCA CCC CCG CCT CTA CTC CTG CTT "
    "GCA GCC GCG GCT GTA GTC GTG GTT TCA TCC TCG TCT TTA TTC TTG TTT".split(),
    [115415924, 66550070, 14381094, 92058521, 117976329, 76401029, 105094288, 142651503, 105547494, 75238490,
     15801067, 101628641, 73791042, 96335416, 115950255, 114180747, 82414099, 68090507, 13621251, 80004082,
     64915540, 54055728, 86012414, 83421918, 112085858, 88336615, 12630597, 126566213, 119020255, 112827451,
     108406418, 219915599]))


def read(path):
    rows = [line.rstrip("\r\n").split("\t") for line in open(path) if line.strip()]
    names = rows[0][1:]
    table = {r[0]: [float(x) for x in r[1:]] for r in rows[1:]}
    sums = [sum(table[c][j] for c in table) for j in range(len(names))]
    return {c: [v / sums[j] for j, v in enumerate(vals)] for c, vals in table.items()}


def context(label):
    return label[0] + label[2] + label[6]


def ratio(base, other):
    """rho per trinucleotide with other = normalise(base * rho): weighted fixed point."""
    channels = sorted(base)
    k = len(base[channels[0]])
    contexts = sorted({context(c) for c in channels})
    z = [1.0] * k
    rho = {t: 1.0 for t in contexts}
    for _ in range(100):
        num = {t: 0.0 for t in contexts}
        den = {t: 0.0 for t in contexts}
        for c in channels:
            t = context(c)
            num[t] += sum(other[c][s] * z[s] for s in range(k))
            den[t] += sum(base[c][s] for s in range(k))
        rho = {t: num[t] / den[t] for t in contexts}
        z = [sum(base[c][s] * rho[context(c)] for c in channels) for s in range(k)]
    return rho


def main():
    base = read("reference/COSMIC_v3.4_SBS_GRCh37.txt")
    channels = list(base)  # file order = canonical order
    columns = ["GRCh37", "GRCh37_exome", "GRCh38", "GRCh38_exome", "mm10", "mm10_exome", "mm39", "mm39_exome",
               "rn7", "rn7_exome"]
    total = sum(HG19.values())
    values = {"GRCh37": HG19}
    for name in columns[1:]:
        rho = ratio(base, read(f"reference/COSMIC_v3.4_SBS_{name}.txt"))
        raw = {t: HG19[t] * rho[t] for t in HG19}
        scale = total / sum(raw.values())
        values[name] = {t: v * scale for t, v in raw.items()}
    out = sys.stdout
    out.write("Type\t" + "\t".join(columns) + "\n")
    for c in channels:
        out.write(c + "\t" + "\t".join(repr(float(values[n][context(c)])) if n != "GRCh37" else str(HG19[context(c)])
                                       for n in columns) + "\n")


main()
