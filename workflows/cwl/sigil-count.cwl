#!/usr/bin/env cwl-runner
# sigil count for one VCF (the scatter unit of the workflow): SBS96, SBS1536, DBS78, ID83 catalogs
# (and SBS288 with a genes file).
cwlVersion: v1.2
class: CommandLineTool
label: sigil count
doc: |
  Counts SBS96, SBS1536, DBS78 and ID83 catalogs of somatic VCF/BCF/MAF files against a
  reference FASTA, and with `genes` (BED6+ or GTF gene strands) the SBS288 strand catalog too.
  Writes counts/catalog.sbs96.tsv, catalog.sbs1536.tsv, catalog.dbs78.tsv, catalog.id83.tsv,
  (catalog.sbs288.tsv,) count_summary.tsv and run.json; with `regions` (a panel's or exome's
  BED) only the variants inside the targets, plus opportunity.sbs96.tsv and opportunity.dbs78.tsv.
requirements:
  ResourceRequirement:
    coresMin: $(inputs.threads)
    ramMin: 1000
hints:
  DockerRequirement:
    dockerPull: sigil:latest   # built from workflows/container/Dockerfile
baseCommand: [sigil, count]
arguments:
  - {prefix: -o, valueFrom: counts}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
inputs:
  vcf:
    type: File
    doc: One VCF, VCF.gz, BCF or MAF file (the workflow scatters one job per file).
    inputBinding: {position: 10}
  reference_fasta:
    type: File
    doc: Reference FASTA (plain or bgzip) with its .fai (and .gzi when bgzip).
    secondaryFiles:
      - {pattern: .fai, required: false}
      - {pattern: .gzi, required: false}
    inputBinding: {prefix: --reference-fasta}
  genes:
    type: File?
    doc: Gene strands (BED6+ or GTF, plain or gzip); when given, catalog.sbs288.tsv is written too.
    inputBinding: {prefix: --genes}
  regions:
    type: File?
    doc: Target regions BED (chrom, start, end); count only variants inside, and write the targets' opportunity.
    inputBinding: {prefix: --regions}
  threads:
    type: int
    default: 1
  all_filters:
    type: boolean
    default: false
    inputBinding: {prefix: --all-filters}
  extra_args:
    type: string[]
    default: []
    doc: Further sigil count options, e.g. ["--max-ref-mismatch", "0.1"].
    inputBinding: {position: 5}
outputs:
  sbs96:
    type: File
    outputBinding: {glob: counts/catalog.sbs96.tsv}
  sbs1536:
    type: File
    outputBinding: {glob: counts/catalog.sbs1536.tsv}
  dbs78:
    type: File
    outputBinding: {glob: counts/catalog.dbs78.tsv}
  id83:
    type: File
    outputBinding: {glob: counts/catalog.id83.tsv}
  sbs288:
    type: File?
    doc: Transcriptional-strand catalog, only with `genes`.
    outputBinding: {glob: counts/catalog.sbs288.tsv}
  summary:
    type: File
    outputBinding: {glob: counts/count_summary.tsv}
  opportunity_sbs96:
    type: File?
    doc: The targets' trinucleotide opportunity, only with `regions` (the same for every VCF).
    outputBinding: {glob: counts/opportunity.sbs96.tsv}
  opportunity_dbs78:
    type: File?
    outputBinding: {glob: counts/opportunity.dbs78.tsv}
  run_json:
    type: File
    outputBinding: {glob: counts/run.json}
