#!/usr/bin/env python3
"""Writes the bad-input corpus of issue #13: files/ and manifest.tsv (both committed).

Deterministic, standard library only (BGZF and BCF are written here, not with htslib, so the
corpus does not depend on the code it tests). Re-run after editing a case:
    python3 Tests/BadInput/make-corpus.py
The runner is Tests/SigilCLITests/BadInputCorpusTests.swift; README.md describes the format.
"""
import gzip, os, shutil, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")

# --- reference: contigs 1 and 2, 300 bp each, a fixed LCG sequence ---------------------------
state = 12345
def base():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return "ACGT"[state >> 62]
SEQ = {c: "".join(base() for _ in range(300)) for c in ("1", "2")}
def fasta(contigs=("1", "2")):
    return "".join(f">{c}\n" + "".join(SEQ[c][i:i + 60] + "\n" for i in range(0, 300, 60)) for c in contigs)

# --- VCF text ---------------------------------------------------------------------------------
ALT = {"A": "C", "C": "T", "G": "A", "T": "G"}
POSITIONS = list(range(10, 290, 23))      # 13 SNVs per contig, never adjacent
HEAD = "##fileformat=VCFv4.2\n##contig=<ID=1,length=300>\n##contig=<ID=2,length=300>\n"
GT = '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
DP = '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
CHROM = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"

def rec(c, p, alt=None, filt="PASS", info=".", ref=None):
    r = ref or SEQ[c][p - 1]
    return f"{c}\t{p}\t.\t{r}\t{alt or ALT[r]}\t.\t{filt}\t{info}"

def records(contigs=("1",), **kw):
    return [rec(c, p, **kw) for c in contigs for p in POSITIONS]

def vcf(lines, head=HEAD, chrom=CHROM):
    return head + chrom + "\n" + "".join(l + "\n" for l in lines)

# --- BGZF and BCF -----------------------------------------------------------------------------
BGZF_EOF = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")
def bgzf(data: bytes) -> bytes:
    out = b""
    for i in range(0, len(data), 60000):
        chunk = data[i:i + 60000]
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        deflated = c.compress(chunk) + c.flush()
        out += struct.pack("<4BIBBHBBHH", 0x1F, 0x8B, 8, 4, 0, 0, 0xFF, 6, 66, 67, 2, len(deflated) + 25)
        out += deflated + struct.pack("<II", zlib.crc32(chunk), len(chunk))
    return out + BGZF_EOF

def typed_str(s: bytes) -> bytes:
    n = len(s)
    return bytes([(n << 4) | 7]) + s if n < 15 else bytes([0xF7, 0x11, n]) + s

def bcf(head_text: str, lines, gt_type=None) -> bytes:
    """BCF 2.2 records; contigs indexed in ##contig order, FILTER PASS = 0. Sample-less, or with
    gt_type (a BCF type byte: 1 = int8 is valid) two samples whose FORMAT/GT (the header's first
    FORMAT line, dictionary index 1 after PASS) is 1 and 0 (haploid)."""
    contigs = [l.split("ID=")[1].split(",")[0] for l in head_text.splitlines() if l.startswith("##contig")]
    header = head_text.encode() + b"\0"
    out = b"BCF\x02\x02" + struct.pack("<I", len(header)) + header
    for line in lines:
        c, p, _, r, a = line.split("\t")[:5]
        samples = 0 if gt_type is None else (1 << 24) | 2          # n_fmt << 24 | n_sample
        shared = struct.pack("<iiifHHI", contigs.index(c), int(p) - 1, len(r), 0, 0, 2, samples)
        shared = shared[:12] + struct.pack("<I", 0x7F800001) + shared[16:]   # QUAL missing
        shared += typed_str(b"") + typed_str(r.encode()) + typed_str(a.encode()) + bytes([0x11, 0])
        indiv = b"" if gt_type is None else bytes([0x11, 1, 0x10 | gt_type, 4, 2])  # GT 1 | 0
        out += struct.pack("<II", len(shared), len(indiv)) + shared + indiv
    return bgzf(out)

# --- catalogs and signatures ------------------------------------------------------------------
def sbs96():
    return [f"{l}[{r}>{a}]{rr}" for r, alts in (("C", "AGT"), ("T", "ACG")) for a in alts for l in "ACGT" for rr in "ACGT"]
SBS = sbs96()

def catalog(cells=None, header="MutationType\tS1\tS2", rows=None, eol="\n"):
    """Two samples; cell (row, col) -> text overrides; counts are small integers."""
    cells = cells or {}
    out = header + eol
    for i, label in enumerate(rows or SBS):
        v = [str(3 + i % 7), str(1 + i % 5)]
        for col in (0, 1):
            if (i, col) in cells: v[col] = cells[(i, col)]
        out += label + "\t" + "\t".join(v) + eol
    return out

def signatures(cells=None, header="Type\tSBSa\tSBSb"):
    cells = cells or {}
    out = header + "\n"
    for i, label in enumerate(SBS):
        v = [f"{(1 + i % 4) / 240:.6f}", f"{(1 + (i * 7) % 5) / 288:.6f}"]
        for col in (0, 1):
            if (i, col) in cells: v[col] = cells[(i, col)]
        out += label + "\t" + "\t".join(v) + "\n"
    return out

# --- writing ------------------------------------------------------------------------------------
written = {}
def put(name, content):
    data = content.encode() if isinstance(content, str) else content
    written[name] = data

CASES = []   # (id, exit, fragment, tags, args)
def case(cid, code, fragment, args, tags="-"):
    CASES.append((cid, str(code), fragment or "-", tags, args))

def count(cid, code, fragment, inputs, extra="", tags="-", ref="ref.fa"):
    case(cid, code, fragment, f"count -o {{out}} --reference-fasta {ref} {extra} {inputs}".replace("  ", " ").strip(), tags)

put("ref.fa", fasta())
ok = vcf(records(("1", "2")))

# ---- count: controls
put("ok.vcf", ok); count("vcf-ok", 0, "1 sample(s) counted", "ok.vcf")
put("ok.vcf.gz", bgzf(ok.encode())); count("vcf-bgzf-ok", 0, "1 sample(s) counted", "ok.vcf.gz")
put("gzip.vcf.gz", gzip.compress(ok.encode(), mtime=0)); count("vcf-plain-gzip-ok", 0, "1 sample(s) counted", "gzip.vcf.gz")
put("ok.bcf", bcf(HEAD + CHROM + "\n", records(("1", "2")))); count("bcf-ok", 0, "1 sample(s) counted", "ok.bcf")
count("vcf-stdin-ok", 0, "1 sample(s) counted", "-", tags="stdin=ok.vcf")
count("vcf-existing-foreign-out", 64, "holds no run.json", "ok.vcf", tags="out-exists")
count("vcf-earlier-run-replaced", 0, "1 sample(s) counted", "ok.vcf", tags="earlier-run")

# ---- count: headers htslib cannot read (used to SIGSEGV: double free)
put("no-chrom.vcf", HEAD + "".join(l + "\n" for l in records()))
count("vcf-no-chrom-line", 1, "cannot read the VCF header", "no-chrom.vcf")
put("trailing-tab.vcf", vcf(records(), chrom=CHROM + "\tFORMAT\tS1\t"))
count("vcf-empty-sample-name", 1, "cannot read the VCF header", "trailing-tab.vcf")
count("vcf-empty-sample-name-stdin", 1, "-: cannot read the VCF header", "-", tags="stdin=trailing-tab.vcf")
count("vcf-empty-sample-name-stdout", 1, "cannot read the VCF header", "trailing-tab.vcf", tags="out=-")
put("dup-sample.vcf", vcf([l + "\tGT\t0/1\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1\tS1"))
count("vcf-duplicate-sample-name", 1, "cannot read the VCF header", "dup-sample.vcf")
big = vcf(records(("1", "2")) * 20)
put("trunc.vcf.gz", bgzf(big.encode())[:300]); count("vcf-bgzf-truncated-300", 1, "trunc.vcf.gz:", "trunc.vcf.gz")
put("trunc-gzip.vcf.gz", gzip.compress(big.encode(), mtime=0)[:300]); count("vcf-gzip-truncated", 1, "trunc-gzip.vcf.gz:", "trunc-gzip.vcf.gz")
okbcf = bcf(HEAD + CHROM + "\n", records(("1", "2")) * 20)
put("trunc-header.bcf", okbcf[:60]); count("bcf-truncated-header", 1, "trunc-header.bcf:", "trunc-header.bcf")
put("trunc-body.bcf", okbcf[:len(okbcf) // 2]); count("bcf-truncated-body", 1, "trunc-body.bcf:", "trunc-body.bcf")
# htslib 1.16 calls exit(1) when asked for a GT of non-integer type (found by FuzzVCF in CI).
GTHEAD = HEAD + GT + CHROM + "\tFORMAT\tS1\tS2\n"
put("gt-int8.bcf", bcf(GTHEAD, records(("1", "2")), gt_type=1)); count("bcf-gt-ok", 0, "2 sample(s) counted", "gt-int8.bcf")
put("gt-char-type.bcf", bcf(GTHEAD, records(("1", "2")), gt_type=7))
count("bcf-gt-corrupt-type", 1, "gt-char-type.bcf: record 1: an INFO or FORMAT value of unknown BCF type", "gt-char-type.bcf")
put("empty.vcf", ""); count("vcf-empty-file", 1, "empty.vcf:", "empty.vcf")
put("only-fileformat.vcf", "##fileformat=VCFv4.2\n"); count("vcf-only-fileformat", 1, "cannot read the VCF header", "only-fileformat.vcf")
put("garbage.vcf", bytes((i * 97 + 13) % 256 for i in range(1500)))
count("vcf-binary-garbage", 1, "not a VCF, BCF or MAF file", "garbage.vcf")
put("text.vcf", "hello world\nthis is not a VCF\n"); count("vcf-plain-text", 1, "not a VCF, BCF or MAF file", "text.vcf")
count("vcf-missing-file", 1, "nope.vcf: cannot open: no such file", "nope.vcf")
count("vcf-folder", 1, "is a folder", "folder")
put("header-only.vcf", vcf([])); count("vcf-no-records", 0, "1 sample(s) counted", "header-only.vcf")

# ---- count: malformed records (used to be counted with exit 0)
def edited(i, f):
    lines = records(("1", "2")); lines[i] = f(lines[i]); return vcf(lines)
def field(line, k, v):
    parts = line.split("\t"); parts[k] = v; return "\t".join(parts)
put("pos-abc.vcf", edited(2, lambda l: field(l, 1, "abc"))); count("vcf-pos-abc", 1, "record 3: POS is not a whole number", "pos-abc.vcf")
put("pos-1234x.vcf", edited(2, lambda l: field(l, 1, l.split("\t")[1] + "x"))); count("vcf-pos-trailing-letter", 1, "record 3: POS is not a whole number", "pos-1234x.vcf")
put("pos-negative.vcf", edited(2, lambda l: field(l, 1, "-5"))); count("vcf-pos-negative", 1, "record 3: POS is not a whole number", "pos-negative.vcf")
put("pos-empty.vcf", edited(2, lambda l: field(l, 1, ""))); count("vcf-pos-empty", 1, "record 3:", "pos-empty.vcf")
put("five-columns.vcf", edited(4, lambda l: "\t".join(l.split("\t")[:5]))); count("vcf-five-columns", 1, "record 5: 5 tab-separated column(s); expected at least 8", "five-columns.vcf")
put("two-columns.vcf", edited(4, lambda l: "\t".join(l.split("\t")[:2]))); count("vcf-two-columns", 1, "record 5: 2 tab-separated column(s)", "two-columns.vcf")
put("spaces.vcf", edited(1, lambda l: l.replace("\t", " "))); count("vcf-spaces-not-tabs", 1, "record 2:", "spaces.vcf")
put("extra-sample-column.vcf", vcf([l + "\tGT\t0/1\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1"))
count("vcf-more-sample-columns-than-header", 1, "record 1: 11 tab-separated columns; expected 10", "extra-sample-column.vcf")
put("fewer-sample-columns.vcf", vcf([l + "\tGT\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-fewer-sample-columns-than-header", 1, "record 1:", "fewer-sample-columns.vcf")
# Found by FuzzVCF: NUL bytes end the line for htslib's tokenizer (no REF), SIGSEGV under --rules sigprofiler.
put("nul-byte.vcf", vcf(records()[:1] + ["1\t33\t." + "\0" * 8 + "\tA\tC\t.\tPASS\t."] + records()[2:]))
count("vcf-nul-byte-sigprofiler", 1, "record 2: a NUL byte in the line", "nul-byte.vcf", extra="--rules sigprofiler")
count("vcf-nul-byte", 1, "record 2: a NUL byte in the line", "nul-byte.vcf")
put("blank-line.vcf", vcf(records()[:3] + [""] + records()[3:])); count("vcf-blank-line-in-body", 1, "record 4:", "blank-line.vcf")
put("unsorted.vcf", vcf(records(("1",))[:3] + records(("2",))[:3] + records(("1",))[5:8]))
count("vcf-unsorted-contigs", 1, "appears again after records of other contigs", "unsorted.vcf")
put("wrong-ref.vcf", vcf([field(l, 3, ALT[l.split("\t")[3]]) .replace("\t" + ALT[l.split("\t")[3]] + "\t.", "\t" + "A" + "\t.") for l in records()]))
count("vcf-ref-mismatch-genome-build", 1, "differs from the reference FASTA", "wrong-ref.vcf")
put("chr-prefix.vcf", vcf([l.replace("1\t", "chrZ\t", 1) for l in records()], head="##fileformat=VCFv4.2\n##contig=<ID=chrZ>\n"))
count("vcf-no-common-contig", 1, "no contig of the variants is in the reference FASTA", "chr-prefix.vcf")
put("pos-beyond-contig.vcf", vcf(records() + [rec("1", 100, ref="A", alt="C").replace("\t100\t", "\t99999999999\t")] * 1))
count("vcf-pos-far-beyond-contig", 0, "1 sample(s) counted", "pos-beyond-contig.vcf", extra="--max-ref-mismatch 1")
put("pos-zero.vcf", vcf(records() + [rec("1", 100, ref="A", alt="C").replace("\t100\t", "\t0\t")]))
count("vcf-pos-zero", 0, "1 sample(s) counted", "pos-zero.vcf", extra="--max-ref-mismatch 1")

# ---- count: unusual but valid (accepted, like bcftools)
put("alt-dot.vcf", vcf(records()[:5] + [field(records()[5], 4, ".")] + records()[6:])); count("vcf-alt-missing", 0, "1 sample(s) counted", "alt-dot.vcf")
put("symbolic.vcf", vcf(records()[:5] + [field(records()[5], 4, "<DEL>"), field(records()[6], 4, "*")] + records()[7:]))
count("vcf-symbolic-alleles", 0, "1 sample(s) counted", "symbolic.vcf")
put("no-contig-lines.vcf", vcf(records(("1", "2")), head="##fileformat=VCFv4.2\n"))
count("vcf-no-contig-lines", 0, "not declared by ##contig lines", "no-contig-lines.vcf")
put("no-contig-lines.vcf.gz", bgzf(vcf(records(("1", "2")), head="##fileformat=VCFv4.2\n").encode()))
count("vcf-bgzf-no-contig-lines", 0, "not declared by ##contig lines", "no-contig-lines.vcf.gz")
put("undeclared-contig.vcf", vcf(records(("1", "2")), head="##fileformat=VCFv4.2\n##contig=<ID=1,length=300>\n"))
count("vcf-undeclared-contig", 0, "contig(s) 2 not declared", "undeclared-contig.vcf")
put("undeclared-info.vcf", vcf(records(info="SOMATIC;VAF=0.4"))); count("vcf-undeclared-info", 0, "keys not declared by the header", "undeclared-info.vcf")
put("undeclared-filter.vcf", vcf(records(filt="germline_risk"))); count("vcf-undeclared-filter", 0, "keys not declared by the header", "undeclared-filter.vcf", extra="--all-filters")
put("undeclared-format.vcf", vcf([l + "\tGT:XY\t0/1:3" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1"))
count("vcf-undeclared-format", 0, "keys not declared by the header", "undeclared-format.vcf")
put("crlf.vcf", ok.replace("\n", "\r\n")); count("vcf-crlf", 0, "1 sample(s) counted", "crlf.vcf")
put("lowercase.vcf", vcf([l.split("\t")[0] + "\t" + l.split("\t")[1] + "\t.\t" + l.split("\t")[3].lower() + "\t" + l.split("\t")[4].lower() + "\t.\tPASS\t." for l in records()]))
count("vcf-lowercase-alleles", 0, "1 sample(s) counted", "lowercase.vcf")
many = ",".join(["<X%d>" % i for i in range(70)])
put("many-alts.vcf", vcf([field(l, 4, ALT[l.split("\t")[3]] + "," + many) + "\tGT\t0/71\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-71-alts-multisample", 0, "2 sample(s) counted", "many-alts.vcf")
put("gt-out-of-range.vcf", vcf([l + "\tGT\t0/9\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-gt-allele-beyond-alts", 0, "2 sample(s) counted", "gt-out-of-range.vcf")
put("long-allele.vcf", vcf(records()[:3] + [field(field(records()[3], 3, SEQ["1"][99:299]), 1, "100")] + records()[5:]))
count("vcf-long-deletion-to-contig-end", 0, "1 sample(s) counted", "long-allele.vcf", extra="--max-ref-mismatch 1")
put("duplicates.vcf", vcf(records() + records())); count("vcf-duplicate-records", 0, "1 sample(s) counted", "duplicates.vcf")

# ---- count: samples and genotypes
put("multi-no-gt.vcf", vcf([l + "\tDP\t5\t7" for l in records()], head=HEAD + DP, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-multisample-no-gt", 1, "has a GT field", "multi-no-gt.vcf")
put("multi-some-gt.vcf", vcf([l + ("\tDP\t5\t7" if i % 2 else "\tGT\t0/1\t0/0") for i, l in enumerate(records())], head=HEAD + GT + DP, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-multisample-some-gt", 0, "without a GT field could not be attributed", "multi-some-gt.vcf")
# An empty FORMAT key (":GT") leaves GT untyped; htslib 1.16 exits on it (found by FuzzVCF in CI).
put("empty-format-key.vcf", vcf([l + ("\t:GT\t0/1\t0/0" if i == 4 else "\tGT\t0/1\t0/0") for i, l in enumerate(records())], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS1\tS2"))
count("vcf-empty-format-key", 1, "empty-format-key.vcf: record 5: FORMAT/GT has no value of integer type", "empty-format-key.vcf")
put("multi-no-format.vcf", vcf(records(), chrom=CHROM + "\tFORMAT\tS1\tS2\tS3"))
count("vcf-multisample-8-columns", 1, "has a GT field", "multi-no-format.vcf")
put("latin1-sample.vcf", vcf([l + "\tGT\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tS\xe9").encode("latin-1"))
count("vcf-sample-name-not-utf8", 1, "is not valid UTF-8", "latin1-sample.vcf")
put("utf8-sample.vcf", vcf([l + "\tGT\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tTumeur-é"))
count("vcf-sample-name-utf8", 0, "1 sample(s) counted", "utf8-sample.vcf")
put("two-samples.vcf", vcf([l + "\tGT\t0/1\t0/1" for l in records()], head=HEAD + GT, chrom=CHROM + "\tFORMAT\tA\tB"))
count("count-unknown-sample", 1, "no sample named 'Z'", "two-samples.vcf", extra="--samples Z")
count("count-sample-name-two-samples", 1, "--sample-name renames a single sample", "two-samples.vcf", extra="--sample-name X")
count("count-same-sample-twice", 1, "appears in both", "ok.vcf ok.vcf.gz", extra="--sample-name X")
put("ok2.vcf", ok); count("count-duplicate-file-name-sample", 0, "2 sample(s)", "ok.vcf ok2.vcf")

# ---- count: MAF
MAFH = "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
maf_rows = [f"G\t1\t{p}\t{SEQ['1'][p - 1]}\t{ALT[SEQ['1'][p - 1]]}\tT1\n" for p in POSITIONS]
put("ok.maf", MAFH + "".join(maf_rows)); count("maf-ok", 0, "1 sample(s) counted", "ok.maf")
put("missing-col.maf", MAFH.replace("Tumor_Sample_Barcode", "Barcode") + "".join(maf_rows)); count("maf-missing-column", 1, "MAF header lacks column(s) Tumor_Sample_Barcode", "missing-col.maf")
put("bad-start.maf", MAFH + maf_rows[0] + maf_rows[1].replace(f"\t{POSITIONS[1]}\t", "\tten\t")); count("maf-bad-start", 1, "bad-start.maf:3: Start_Position 'ten'", "bad-start.maf")
put("short-line.maf", MAFH + maf_rows[0] + "G\t1\t40\n"); count("maf-short-line", 1, "short-line.maf:3: expected 6 tab-separated fields", "short-line.maf")
put("latin1-barcode.maf", (MAFH + "".join(maf_rows) + f"G\t1\t{POSITIONS[2]}\tA\tC\tT\xe9\n").encode("latin-1"))
count("maf-barcode-not-utf8", 1, "latin1-barcode.maf:15: Tumor_Sample_Barcode is not valid UTF-8", "latin1-barcode.maf")
put("header-only.maf", MAFH); count("maf-header-only", 0, "0 sample(s) counted", "header-only.maf")
count("maf-sigprofiler-rules", 1, "--rules sigprofiler reads VCF/BCF only", "ok.maf", extra="--rules sigprofiler")

# ---- count: reference FASTA
put("dup.fa", fasta(("1", "2", "1")))
count("fasta-duplicate-contig", 1, "contig '1' appears twice in the FASTA", "ok.vcf", ref="dup.fa")
count("fasta-is-folder", 1, "is a folder; expected a FASTA file", "ok.vcf", ref="folder")
count("fasta-missing", 1, "cannot open the reference FASTA: no such file", "ok.vcf", ref="nope.fa")
put("gzip.fa.gz", gzip.compress(fasta().encode(), mtime=0)); count("fasta-plain-gzip", 1, "cannot index the FASTA", "ok.vcf", ref="gzip.fa.gz")
put("empty.fa", ""); count("fasta-empty", 1, "empty.fa", "ok.vcf", ref="empty.fa")
put("stale.fa", fasta()); put("stale.fa.fai", "1\t900\t3\t60\t61\n2\t300\t369\t60\t61\n")
count("fasta-stale-fai", 1, "the .fai may be stale", "ok.vcf", ref="stale.fa")
put("bgzf.fa.gz", bgzf(fasta().encode())); count("fasta-bgzf-without-gzi", 0, "1 sample(s) counted", "ok.vcf", ref="bgzf.fa.gz")

# ---- count: options (usage errors exit 64)
count("count-no-inputs", 64, "Missing expected argument", "")
count("count-bad-rules", 64, "is invalid for '--rules", "ok.vcf", extra="--rules fast")
count("count-max-ref-mismatch-2", 64, "--max-ref-mismatch must be in [0, 1]", "ok.vcf", extra="--max-ref-mismatch 2")
count("count-stdin-twice", 64, "stdin ('-') can be read only once", "- -", tags="stdin=ok.vcf")
count("count-threads-negative", 64, "--threads", "ok.vcf", extra="--threads -1")
count("count-genes-missing", 1, "genes.bed", "ok.vcf", extra="--genes genes.bed")
count("count-failure-keeps-existing-out", 1, "POS is not a whole number", "pos-abc.vcf", tags="earlier-run")

# ---- count --regions: target BED files (#18)
def regions(cid, code, fragment, bed_name, bed, extra=""):
    if bed is not None: put(bed_name, bed)
    count(cid, code, fragment, "ok.vcf", extra=f"--regions {bed_name} {extra}".strip())
regions("bed-ok", 0, "1 sample(s) counted", "ok.bed", "track name=t\n# a comment\n1\t0\t150\n2\t100\t300\tname\t0\t+\n")
regions("bed-gzip-ok", 0, "1 sample(s) counted", "ok.bed.gz", gzip.compress(b"1\t0\t300\n", mtime=0))
regions("bed-crlf-ok", 0, "1 sample(s) counted", "crlf.bed", "1\t0\t300\r\n")
regions("bed-spaces-ok", 0, "1 sample(s) counted", "spaces.bed", "1 0 300\n")
regions("bed-start-not-number", 1, "bad-start.bed:2: --regions: start 'abc'", "bad-start.bed", "1\t0\t10\n1\tabc\t20\n")
regions("bed-end-before-start", 1, "end-before-start.bed:1: --regions: end 10 must be greater than start 20", "end-before-start.bed", "1\t20\t10\n")
regions("bed-two-columns", 1, "two-columns.bed:1: --regions: expected 3 or more BED columns", "two-columns.bed", "1\t20\n")
regions("bed-past-contig-end", 1, "past-end.bed:1: --regions: end 900 is past the end of 1", "past-end.bed", "1\t0\t900\n")
regions("bed-no-common-contig", 1, "no region lies on a contig of the reference FASTA", "chr-names.bed", "chrZ\t0\t100\n")
regions("bed-empty", 1, "the file has no region", "empty.bed", "# nothing\n")
regions("bed-is-a-vcf", 1, "--regions expects a BED file", "ok.vcf", None)
regions("bed-missing", 1, "no-such.bed", "no-such.bed", None)
regions("bed-negative-start", 1, "negative-start.bed:1: --regions: start '-5'", "negative-start.bed", "1\t-5\t10\n")
regions("bed-with-sigprofiler-rules", 64, "--regions", "ok.bed", None, extra="--rules sigprofiler")

# ---- catalogs: fit, extract, merge
put("cat-ok.tsv", catalog())
case("fit-ok", 0, "-", "fit -o {out} cat-ok.tsv --bootstrap 0 --no-report")
case("extract-ok", 0, "-", "extract -o {out} cat-ok.tsv --ranks 1 --restarts 2 --cv-folds 0 --no-report --threads 1")
bad_cells = [("1e19", "1e19", "not a mutation count"), ("2p53", "9007199254740992", "not a mutation count"),
             ("fraction", "2.5", "not a mutation count"), ("negative", "-3", "is negative"),
             ("nan", "nan", "not finite"), ("inf", "inf", "not finite"), ("hex", "0x10", "is not a number"),
             ("empty-cell", "", "is not a number"), ("text-cell", "ten", "is not a number")]
for name, cell, fragment in bad_cells:
    put(f"cat-{name}.tsv", catalog({(5, 1): cell}))
    case(f"fit-cell-{name}", 1, "cat-%s.tsv:7: column 'S2'" % name, f"fit -o {{out}} cat-{name}.tsv --bootstrap 0 --no-report")
    if name in ("1e19", "fraction", "nan", "negative"):
        case(f"extract-cell-{name}", 1, fragment, f"extract -o {{out}} cat-{name}.tsv --ranks 1 --restarts 2 --cv-folds 0 --no-report")
put("cat-total-2p53.tsv", catalog({(i, 0): "99999999999999" for i in range(96)}))
case("fit-sample-total-too-large", 1, "column 'S1': the counts sum to 2^53", "fit -o {out} cat-total-2p53.tsv --bootstrap 0")
put("cat-empty-name.tsv", catalog(header="MutationType\tS1\t")); case("fit-empty-sample-name", 1, "column 3 of the header has no name", "fit -o {out} cat-empty-name.tsv --bootstrap 0")
case("extract-empty-sample-name", 1, "column 3 of the header has no name", "extract -o {out} cat-empty-name.tsv --ranks 1 --restarts 2")
put("cat-empty-first-name.tsv", catalog(header="MutationType\t\tS2")); case("merge-empty-sample-name", 1, "column 2 of the header has no name", "merge -o {out} cat-empty-first-name.tsv")
put("cat-dup-name.tsv", catalog(header="MutationType\tS1\tS1")); case("fit-duplicate-sample-name", 1, "column 'S1' appears twice", "fit -o {out} cat-dup-name.tsv --bootstrap 0")
put("cat-missing-channel.tsv", catalog(rows=SBS[:95])); case("fit-missing-channel", 1, "1 of the 96 SBS96 channels are missing", "fit -o {out} cat-missing-channel.tsv --bootstrap 0")
put("cat-dup-channel.tsv", catalog(rows=SBS[:95] + [SBS[0]])); case("fit-duplicate-channel", 1, "appears again (first on line 2)", "fit -o {out} cat-dup-channel.tsv --bootstrap 0")
put("cat-unknown-channel.tsv", catalog(rows=SBS[:95] + ["A[C>C]A"])); case("fit-unknown-channel", 1, "'A[C>C]A' is not a channel label", "fit -o {out} cat-unknown-channel.tsv --bootstrap 0")
put("cat-ragged.tsv", catalog().replace("A[C>A]G\t5\t3\n", "A[C>A]G\t5\n")); case("fit-ragged-row", 1, "cat-ragged.tsv:4: expected 3 tab-separated fields", "fit -o {out} cat-ragged.tsv --bootstrap 0")
put("cat-empty.tsv", ""); case("fit-empty-catalog", 1, "the file is empty", "fit -o {out} cat-empty.tsv --bootstrap 0")
put("cat-header-only.tsv", "MutationType\tS1\tS2\n"); case("fit-header-only-catalog", 1, "cat-header-only.tsv", "fit -o {out} cat-header-only.tsv --bootstrap 0")
put("cat-binary.tsv", bytes((i * 31 + 7) % 256 for i in range(800))); case("fit-binary-catalog", 1, "cat-binary.tsv", "fit -o {out} cat-binary.tsv --bootstrap 0")
put("cat-bom-crlf.tsv", "\ufeff" + catalog(eol="\r\n")); case("fit-bom-crlf-catalog", 0, "-", "fit -o {out} cat-bom-crlf.tsv --bootstrap 0 --no-report")
put("cat-blank-lines.tsv", catalog().replace("A[C>A]T\t", "\n\nA[C>A]T\t")); case("fit-blank-lines-catalog", 0, "-", "fit -o {out} cat-blank-lines.tsv --bootstrap 0 --no-report")
put("cat-comma.csv", catalog().replace("\t", ",")); case("fit-comma-separated", 0, "-", "fit -o {out} cat-comma.csv --bootstrap 0 --no-report")
put("cat-zero-sample.tsv", catalog({(i, 1): "0" for i in range(96)})); case("fit-all-zero-sample", 0, "-", "fit -o {out} cat-zero-sample.tsv --bootstrap 0 --no-report")
case("fit-missing-catalog", 1, "nope.tsv: cannot open: no such file", "fit -o {out} nope.tsv")
case("extract-one-sample-ranks", 1, "-", "extract -o {out} cat-one.tsv --restarts 2")
put("cat-one.tsv", "\n".join(l.split("\t")[0] + "\t" + l.split("\t")[1] for l in catalog().splitlines()) + "\n")
put("cat-b.tsv", catalog(header="MutationType\tS3\tS1"))
case("merge-duplicate-sample", 1, "S1", "merge -o {out} cat-ok.tsv cat-b.tsv")
put("cat-dbs.tsv", "MutationType\tS1\nAC>CA\t3\n"); case("merge-class-mismatch", 1, "cat-dbs.tsv", "merge -o {out} cat-ok.tsv cat-dbs.tsv")
case("merge-bad-cell", 1, "not a mutation count", "merge -o {out} cat-ok.tsv cat-1e19.tsv")

# ---- signatures
put("sig-ok.tsv", signatures()); case("fit-signatures-ok", 0, "-", "fit -o {out} cat-ok.tsv --signatures sig-ok.tsv --bootstrap 0 --no-report")
put("sig-zero.tsv", signatures({(i, 1): "0" for i in range(96)})); case("fit-signature-all-zero", 1, "signature 'SBSb' is all zeros", "fit -o {out} cat-ok.tsv --signatures sig-zero.tsv --bootstrap 0")
put("sig-inf-sum.tsv", signatures({(i, 0): "1e308" for i in range(96)})); case("fit-signature-sum-infinite", 1, "sums to infinity", "fit -o {out} cat-ok.tsv --signatures sig-inf-sum.tsv --bootstrap 0")
put("sig-negative.tsv", signatures({(3, 0): "-0.01"})); case("fit-signature-negative", 1, "sig-negative.tsv:5: column 'SBSa'", "fit -o {out} cat-ok.tsv --signatures sig-negative.tsv --bootstrap 0")
put("sig-empty-name.tsv", signatures(header="Type\tSBSa\t")); case("fit-signature-empty-name", 1, "has no name", "fit -o {out} cat-ok.tsv --signatures sig-empty-name.tsv --bootstrap 0")
put("sig-nan.tsv", signatures({(0, 0): "NaN"})); case("extract-signatures-nan", 1, "not finite", "extract -o {out} cat-ok.tsv --ranks 1 --restarts 2 --signatures sig-nan.tsv")
case("fit-signatures-nan", 1, "sig-nan.tsv:2: column 'SBSa'", "fit -o {out} cat-ok.tsv --signatures sig-nan.tsv --bootstrap 0")
put("sig-dbs.tsv", "Type\tDBSa\nAC>CA\t1\n"); case("fit-signature-class-mismatch", 1, "sig-dbs.tsv", "fit -o {out} cat-ok.tsv --signatures sig-dbs.tsv --bootstrap 0")
case("extract-signature-class-mismatch", 1, "expected the 96 SBS96 channels", "extract -o {out} cat-ok.tsv --ranks 1 --restarts 2 --signatures sig-dbs.tsv")
case("fit-counts-as-signatures", 0, "renormalis", "fit -o {out} cat-ok.tsv --signatures cat-ok.tsv --bootstrap 0 --no-report")
case("simulate-bad-signatures", 1, "sig-zero.tsv", "simulate -o {out} --signatures sig-zero.tsv --active SBSa --samples 2")
case("simulate-missing-signatures", 1, "nope.tsv", "simulate -o {out} --signatures nope.tsv --active SBSa --samples 2")

# ---- report
case("report-missing-folder", 1, "nope-folder: not a folder", "report nope-folder")
case("report-empty-folder", 1, "no sigil outputs found", "report folder")
put("report-truncated/catalog.sbs96.tsv", catalog()[:700]); case("report-truncated-table", 1, "catalog.sbs96.tsv", "report report-truncated")
put("report-bad-cell/catalog.sbs96.tsv", catalog({(5, 1): "1e19"})); case("report-bad-cell", 1, "not a mutation count", "report report-bad-cell")

# ---- options of the other commands (usage errors -> 64: the CLI engineer's part of #13)
for cid, args, frag in [
    ("extract-cv-fraction-2", "extract -o {out} cat-ok.tsv --cv-fraction 2", "--cv-fraction"),
    ("extract-tolerance-negative", "extract -o {out} cat-ok.tsv --tolerance -1", "--tolerance"),
    ("extract-max-iterations-0", "extract -o {out} cat-ok.tsv --max-iterations 0", "--max-iterations"),
    ("extract-reference-unknown", "extract -o {out} cat-ok.tsv --reference cosmic-v9", "--reference"),
    ("extract-genome-unknown", "extract -o {out} cat-ok.tsv --genome GRCh99", "--genome"),
    ("extract-threads-negative", "extract -o {out} cat-ok.tsv --threads -1", "--threads"),
    ("fit-genome-unknown", "fit -o {out} cat-ok.tsv --genome GRCh99", "--genome"),
    ("simulate-samples-0", "simulate -o {out} --samples 0", "--samples"),
    ("simulate-burden-negative", "simulate -o {out} --burden-median -5", "--burden-median"),
]:
    case(cid, 64, frag, args)
case("fit-method-unknown", 64, "--method", "fit -o {out} cat-ok.tsv --method magic")
case("extract-ranks-reversed", 64, "--ranks", "extract -o {out} cat-ok.tsv --ranks 5..2")

# ---- output folder atomicity (the CLI engineer's part): special runner kinds
case("count-kill9-midwrite", 0, "-", "count -o {out} --reference-fasta ref.fa ok.vcf", tags="kill9")
case("count-full-disk", 1, "cannot write", "count -o {out} --reference-fasta ref.fa ok.vcf", tags="fulldisk")
case("fit-stale-files-replaced", 0, "-", "fit -o {out} cat-ok.tsv --bootstrap 0 --no-report", tags="stale")

# --- write -----------------------------------------------------------------------------------
if os.path.isdir(FILES): shutil.rmtree(FILES)
os.makedirs(os.path.join(FILES, "folder"))
open(os.path.join(FILES, "folder", ".keep"), "w").close()
for name, data in written.items():
    path = os.path.join(FILES, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f: f.write(data)
ids = [c[0] for c in CASES]
assert len(ids) == len(set(ids)), "duplicate case id"
with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
    f.write("# id\texit\tmessage fragment (- for none)\ttags\tsigil arguments ({out}: output folder, absent before the run)\n")
    for c in CASES: f.write("\t".join(c) + "\n")
print(f"{len(CASES)} cases, {len(written)} files, {sum(len(d) for d in written.values())} bytes")
