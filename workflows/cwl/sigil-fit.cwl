#!/usr/bin/env cwl-runner
# sigil fit: exposures of known signatures (a signature file, or a bundled reference set).
cwlVersion: v1.2
class: CommandLineTool
label: sigil fit
requirements:
  ResourceRequirement:
    coresMin: $(inputs.threads)
hints:
  DockerRequirement:
    dockerPull: sigil:latest
baseCommand: [sigil, fit]
arguments:
  - {prefix: -o, valueFrom: $(inputs.folder_name)}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
inputs:
  folder_name:
    type: string
    default: fit
    doc: Name of the output folder (two fits in one workflow need two names).
  catalog:
    type: File
    inputBinding: {position: 10}
  signatures:
    type: File?
    doc: Signature table (e.g. extract's signatures.tsv); when absent, `reference` is used.
    inputBinding: {prefix: --signatures}
  reference:
    type: string?
    doc: Bundled set, e.g. cosmic-v3.4 (with `genome`).
    inputBinding: {prefix: --reference}
  genome:
    type: string?
    inputBinding: {prefix: --genome}
  opportunity:
    type: File?
    doc: A panel's or exome's opportunity (opportunity.sbs96.tsv of sigil count --regions); renormalises the reference signatures to it.
    inputBinding: {prefix: --opportunity}
  bootstrap:
    type: int
    default: 100
    inputBinding: {prefix: --bootstrap}
  seed:
    type: int
    default: 20240229
    inputBinding: {prefix: --seed}
  threads:
    type: int
    default: 1
  extra_args:
    type: string[]
    default: []
    inputBinding: {position: 5}
outputs:
  exposures:
    type: File
    outputBinding: {glob: $(inputs.folder_name)/exposures.tsv}
  exposures_ci:
    type: File
    outputBinding: {glob: $(inputs.folder_name)/exposures_ci.tsv}
  fit_stats:
    type: File
    outputBinding: {glob: $(inputs.folder_name)/fit_stats.tsv}
  residuals:
    type: File
    outputBinding: {glob: $(inputs.folder_name)/residuals.tsv}
  exposures_per_mb:
    type: File?
    doc: Only with `opportunity`; mutations per Mb of the reference genome.
    outputBinding: {glob: $(inputs.folder_name)/exposures_per_mb.tsv}
  signatures_renormalised:
    type: File?
    doc: Only with `opportunity`; the signatures fitted (renormalised to it).
    outputBinding: {glob: $(inputs.folder_name)/signatures_renormalised.tsv}
  folder:
    type: Directory
    outputBinding: {glob: $(inputs.folder_name)}
