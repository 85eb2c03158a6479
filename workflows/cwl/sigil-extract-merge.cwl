#!/usr/bin/env cwl-runner
# sigil extract --merge: restart blocks -> consensus signatures, rank selection, exposures.
cwlVersion: v1.2
class: CommandLineTool
label: sigil extract --merge
hints:
  DockerRequirement:
    dockerPull: sigil:latest
requirements:
  ResourceRequirement:
    coresMin: $(inputs.threads)
baseCommand: [sigil, extract]
arguments:
  - {prefix: -o, valueFrom: extract}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
inputs:
  blocks:
    type: Directory[]
    inputBinding: {prefix: --merge, position: 10}
  opportunity:
    type: File?
    doc: A panel's or exome's opportunity; the reference signatures are renormalised to it before matching.
    inputBinding: {prefix: --opportunity}
  threads:
    type: int
    default: 1
  extra_args:
    type: string[]
    default: []
    doc: e.g. ["--rank", "4"] or ["--rank-selection", "cv"].
    inputBinding: {position: 5}
outputs:
  signatures:
    type: File
    outputBinding: {glob: extract/signatures.tsv}
  exposures:
    type: File
    outputBinding: {glob: extract/exposures.tsv}
  rank_selection:
    type: File
    outputBinding: {glob: extract/rank_selection.tsv}
  reference_match:
    type: File
    outputBinding: {glob: extract/reference_match.tsv}
  folder:
    type: Directory
    outputBinding: {glob: extract}
