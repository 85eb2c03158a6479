#!/usr/bin/env cwl-runner
# sigil merge: the gather step after per-VCF counting.
cwlVersion: v1.2
class: CommandLineTool
label: sigil merge
doc: |
  Puts catalogs side by side, one output per mutation class, samples in input order. A sample
  present in two inputs is an error.
hints:
  DockerRequirement:
    dockerPull: sigil:latest
baseCommand: [sigil, merge]
arguments:
  - {prefix: -o, valueFrom: catalog}
inputs:
  catalogs:
    type: File[]
    inputBinding: {position: 10}
outputs:
  sbs96:
    type: File
    outputBinding: {glob: catalog/catalog.sbs96.tsv}
  dbs78:
    type: File?
    outputBinding: {glob: catalog/catalog.dbs78.tsv}
  run_json:
    type: File
    outputBinding: {glob: catalog/run.json}
