#!/usr/bin/env cwl-runner
# One restart block of sigil extract (over a span of ranks), saved for sigil extract --merge.
cwlVersion: v1.2
class: CommandLineTool
label: sigil extract (one restart block)
doc: |
  Runs restarts restarts_range (e.g. "0..24") of ranks `ranks` (e.g. "2..5") out of `restarts`
  per rank, with --save-restarts, into a block folder. Restart i of rank k is seeded from (seed, k, i) only, so
  the blocks merged by sigil-extract-merge.cwl give the same bytes as one whole run.
requirements:
  ResourceRequirement:
    coresMin: $(inputs.threads)
    ramMin: 2000
hints:
  DockerRequirement:
    dockerPull: sigil:latest
baseCommand: [sigil, extract]
arguments:
  - {prefix: -o, valueFrom: block}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
  - --save-restarts
inputs:
  catalog:
    type: File
    inputBinding: {position: 10}
  ranks:
    type: string
    doc: Ranks "a..b"; every block of one run must use the same span unless sigil's
      extract --merge accepts blocks of different ranks.
    inputBinding: {prefix: --ranks}
  restarts:
    type: int
    inputBinding: {prefix: --restarts}
  restarts_range:
    type: string
    doc: 0-based inclusive restart indices "first..last".
    inputBinding: {prefix: --restarts-range}
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
  block:
    type: Directory
    outputBinding: {glob: block}
