#!/usr/bin/env cwl-runner
# sigil attribute: the probability of each signature for every counted mutation, from a fit folder.
cwlVersion: v1.2
class: CommandLineTool
label: sigil attribute
doc: |
  Counts the VCFs as sigil count does and gives every SBS96 (DBS78, ID83) mutation the
  probability of each signature of a sigil fit (or extract) folder. Writes
  attribute/attribution.tsv and run.json; with vcf_out also attribute/vcf/<name>.sigil.vcf.gz
  (+ .tbi) carrying INFO/SIGIL_SIG and INFO/SIGIL_PROB.
requirements:
  ResourceRequirement:
    coresMin: $(inputs.threads)
    ramMin: 1000
hints:
  DockerRequirement:
    dockerPull: sigil:latest
baseCommand: [sigil, attribute]
arguments:
  - {prefix: -o, valueFrom: attribute}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
inputs:
  vcfs:
    type: File[]
    doc: The VCF/BCF/MAF files the fit's catalog was counted from.
    inputBinding: {position: 10}
  reference_fasta:
    type: File
    secondaryFiles:
      - {pattern: .fai, required: false}
      - {pattern: .gzi, required: false}
    inputBinding: {prefix: --reference-fasta}
  fit:
    type: Directory
    doc: A sigil fit (or extract) output folder.
    # Listed, so that a `signatures` File inside this folder (a panel fit's
    # signatures_renormalised.tsv) is staged too: cwltool 3.3 with --no-container otherwise
    # names a staging path for it that it never creates.
    loadListing: deep_listing
    inputBinding: {prefix: --fit}
  signatures:
    type: File?
    doc: The fit's signature table, when its run.json names a path this job cannot read, or a panel fit's signatures_renormalised.tsv (the scale of its exposures).
    inputBinding: {prefix: --signatures}
  regions:
    type: File?
    doc: The panel's or exome's target BED given to count (--regions); only the variants inside are attributed.
    inputBinding: {prefix: --regions}
  vcf_out:
    type: boolean
    default: false
    inputBinding: {prefix: --vcf-out}
  threads:
    type: int
    default: 1
  extra_args:
    type: string[]
    default: []
    inputBinding: {position: 5}
outputs:
  attribution:
    type: File
    outputBinding: {glob: attribute/attribution.tsv}
  folder:
    type: Directory
    outputBinding: {glob: attribute}
