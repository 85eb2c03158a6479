#!/usr/bin/env cwl-runner
# VCFs + FASTA -> count per VCF (scatter) -> merge -> extract per (rank span, restart block) (scatter)
# -> extract --merge -> fit of the extracted and of the reference signatures. Every catalog class
# count writes (SBS96, SBS1536, DBS78, ID83, and SBS288 with `genes`) is merged; extract and fit use SBS96.
# With `regions` (a panel's or exome's BED), extract --merge and the reference fit get --opportunity:
# the first count job's opportunity.sbs96.tsv (it depends only on the BED and the FASTA).
cwlVersion: v1.2
class: Workflow
label: sigil count -> extract -> fit, scattered
doc: |
  The scattered result is byte-identical to one single-machine sigil run with the same
  ranks, restarts and seed (workflows/test-workflows.sh checks it).
requirements:
  ScatterFeatureRequirement: {}
  StepInputExpressionRequirement: {}
  MultipleInputFeatureRequirement: {}
inputs:
  vcfs: File[]
  reference_fasta:
    type: File
    secondaryFiles:
      - {pattern: .fai, required: false}
      - {pattern: .gzi, required: false}
  genes:
    type: File?
    doc: Gene strands (BED6+ or GTF) for every count job; adds the SBS288 strand catalog.
  regions:
    type: File?
    doc: |
      Target regions of a panel or exome (BED: chrom, start, end) for every count job; the
      reference fit and the matching are then renormalised to the targets' opportunity.
  rank_ranges:
    type: string[]
    doc: |
      Rank spans, one scatter branch each: ["2..5"] (every job runs all ranks), or
      ["2..2", "3..3", "4..4", "5..5"] for one job per (rank, block) where sigil's
      extract --merge accepts blocks of different ranks.
  restarts:
    type: int
    doc: Restarts per rank.
  restart_ranges:
    type: string[]
    doc: Restart blocks covering 0..restarts-1, e.g. ["0..49", "50..99"].
  seed:
    type: int
    default: 20240229
  bootstrap:
    type: int
    default: 100
  reference:
    type: string
    default: cosmic-v3.4
  genome:
    type: string
    default: GRCh37
  count_threads:
    type: int
    default: 1
  extract_threads:
    type: int
    default: 1
  fit_threads:
    type: int
    default: 1
  run_attribute:
    type: boolean
    default: false
    doc: Also run sigil attribute (each mutation's signature probabilities) with the reference fit.
outputs:
  catalog:
    type: File
    outputSource: merge/sbs96
  catalog_sbs1536:
    type: File?
    outputSource: merge/sbs1536
  catalog_sbs288:
    type: File?
    outputSource: merge/sbs288
  catalog_dbs78:
    type: File?
    outputSource: merge/dbs78
  catalog_id83:
    type: File?
    outputSource: merge/id83
  catalog_dir:
    type: Directory
    outputSource: merge/folder
  extract_dir:
    type: Directory
    outputSource: extract_merge/folder
  fit_denovo_dir:
    type: Directory
    outputSource: fit_denovo/folder
  fit_reference_dir:
    type: Directory
    outputSource: fit_reference/folder
  opportunity_sbs96:
    type: {type: array, items: ["null", File]}
    doc: The targets' SBS96 opportunity per count job, all the same file (null without `regions`).
    outputSource: count/opportunity_sbs96
  exposures_per_mb:
    type: File?
    doc: The reference fit's exposures per Mb of genome (only with `regions`).
    outputSource: fit_reference/exposures_per_mb
  attribute_dir:
    type: Directory?
    outputSource: attribute/folder
steps:
  count:
    run: sigil-count.cwl
    scatter: vcf
    in:
      vcf: vcfs
      reference_fasta: reference_fasta
      genes: genes
      regions: regions
      threads: count_threads
    out: [sbs96, sbs1536, dbs78, id83, sbs288, summary, opportunity_sbs96]
  merge:
    run: sigil-merge.cwl
    in:
      catalogs:
        # sbs288 is null per VCF without `genes`: all_non_null drops those.
        source: [count/sbs96, count/sbs1536, count/dbs78, count/id83, count/sbs288]
        linkMerge: merge_flattened
        pickValue: all_non_null
    out: [sbs96, sbs1536, sbs288, dbs78, id83, folder]
  extract_block:
    run: sigil-extract-block.cwl
    scatter: [ranks, restarts_range]
    scatterMethod: flat_crossproduct
    in:
      catalog: merge/sbs96
      ranks: rank_ranges
      restarts: restarts
      restarts_range: restart_ranges
      seed: seed
      threads: extract_threads
    out: [block]
  extract_merge:
    run: sigil-extract-merge.cwl
    in:
      blocks: extract_block/block
      # Every count job writes the same opportunity (null without regions): take the first.
      opportunity: {source: count/opportunity_sbs96, valueFrom: "$(self[0])"}
      threads: extract_threads
    out: [signatures, folder]
  fit_denovo:
    run: sigil-fit.cwl
    in:
      folder_name: {default: fit_denovo}
      catalog: merge/sbs96
      signatures: extract_merge/signatures
      bootstrap: bootstrap
      seed: seed
      threads: fit_threads
    out: [folder]
  fit_reference:
    run: sigil-fit.cwl
    in:
      folder_name: {default: fit_reference}
      catalog: merge/sbs96
      reference: reference
      genome: genome
      # Every count job writes the same opportunity (null without regions): take the first.
      opportunity: {source: count/opportunity_sbs96, valueFrom: "$(self[0])"}
      bootstrap: bootstrap
      seed: seed
      threads: fit_threads
    out: [folder, exposures_per_mb, signatures_renormalised]
  attribute:
    run: sigil-attribute.cwl
    when: $(inputs.enabled)
    in:
      enabled: run_attribute
      vcfs: vcfs
      reference_fasta: reference_fasta
      fit: fit_reference/folder
      # With regions: the fit's renormalised signatures (the scale of its exposures); else null.
      signatures: fit_reference/signatures_renormalised
      # With regions: only the variants inside the targets (the ones counted); else null.
      regions: regions
    out: [attribution, folder]
