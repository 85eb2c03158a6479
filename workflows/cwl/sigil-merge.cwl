#!/usr/bin/env cwl-runner
# sigil merge: the gather step after per-VCF counting.
cwlVersion: v1.2
class: CommandLineTool
label: sigil merge
doc: |
  Puts catalogs side by side, one output per mutation class (inputs of several classes may be
  given in any order), samples in input order. A sample present in two inputs is an error.
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
  sbs1536:
    type: File?
    outputBinding: {glob: catalog/catalog.sbs1536.tsv}
  sbs288:
    type: File?
    outputBinding: {glob: catalog/catalog.sbs288.tsv}
  dbs78:
    type: File?
    outputBinding: {glob: catalog/catalog.dbs78.tsv}
  id83:
    type: File?
    outputBinding: {glob: catalog/catalog.id83.tsv}
  folder:
    type: Directory
    outputBinding: {glob: catalog}
  run_json:
    type: File
    outputBinding: {glob: catalog/run.json}
