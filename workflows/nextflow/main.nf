#!/usr/bin/env nextflow
/*
 * sigil: VCFs + FASTA -> SIGIL_COUNT per VCF (scatter) -> SIGIL_MERGE -> SIGIL_EXTRACT per
 * restart block, optionally per rank too (scatter) -> SIGIL_EXTRACTMERGE -> SIGIL_FIT (extracted and COSMIC).
 * Same bytes as one single-machine sigil run with the same ranks, restarts and seed. Every catalog
 * class count writes (SBS96, SBS1536, DBS78, ID83, and SBS288 with --genes) is merged; extract and
 * fit use SBS96.
 *
 *   nextflow run workflows/nextflow -profile local --vcfs 'vcf/*.vcf.gz' --fasta ref.fa [--genes genes.bed] [--regions panel.bed]
 *   nextflow run workflows/nextflow -profile slurm,apptainer --vcfs ... --fasta ... --restarts 200
 */
nextflow.enable.dsl = 2

include { SIGIL_COUNT        } from './modules/sigil/count/main'
include { SIGIL_MERGE        } from './modules/sigil/merge/main'
include { SIGIL_EXTRACT      } from './modules/sigil/extract/main'
include { SIGIL_EXTRACTMERGE } from './modules/sigil/extractmerge/main'
include { SIGIL_FIT as SIGIL_FIT_DENOVO    } from './modules/sigil/fit/main'
include { SIGIL_FIT as SIGIL_FIT_REFERENCE } from './modules/sigil/fit/main'
include { SIGIL_ATTRIBUTE    } from './modules/sigil/attribute/main'

def vcfName(path) {
    path.name.replaceAll(/\.(vcf\.gz|vcf\.bgz|vcf|bcf|maf\.gz|maf)$/, '')
}

workflow SIGIL {
    take:
    vcfs       // channel: [ meta, vcf ]
    reference  // value channel: [ meta, fasta, fai ]
    genes      // value channel: gene strands file (BED6+ or GTF), or [] for no SBS288 catalog
    regions    // value channel: target regions BED of a panel or exome, or [] for the whole genome

    main:
    SIGIL_COUNT(vcfs, reference, genes, regions)
    // Every count job writes the same opportunity (it depends only on the BED and the FASTA): take
    // the first VCF's; without regions [] (no --opportunity).
    opportunity = SIGIL_COUNT.out.opportunity_sbs96
        .toSortedList { a, b -> a[0].id <=> b[0].id }
        .map { items -> items ? items[0][1] : [] }

    // Gather in sorted VCF-name order: the sample order of one `sigil count` over the sorted list.
    // sigil merge groups the files by class, so every class goes into one call.
    catalogs = SIGIL_COUNT.out.sbs96
        .mix(SIGIL_COUNT.out.sbs1536, SIGIL_COUNT.out.sbs288, SIGIL_COUNT.out.dbs78, SIGIL_COUNT.out.id83)
        .toSortedList { a, b -> a[0].id <=> b[0].id ?: a[1].name <=> b[1].name }
        .map { items -> [ [ id: params.cohort ], items.collect { it[1] } ] }
    SIGIL_MERGE(catalogs)

    // One job per (rank span, block of params.restarts_per_job restarts): the span is all ranks,
    // or each single rank with --split_ranks (extract --merge accepts blocks of different rank spans).
    blocks = (0..<params.restarts).step(params.restarts_per_job).collect { first ->
        "${first}..${Math.min(first + params.restarts_per_job, params.restarts) - 1}"
    }
    spans = params.split_ranks
        ? (params.rank_first..params.rank_last).collect { k -> "${k}..${k}" }
        : [ "${params.rank_first}..${params.rank_last}" ]
    jobs = SIGIL_MERGE.out.sbs96
        .combine(Channel.fromList(spans))
        .combine(Channel.fromList(blocks))
        .map { meta, catalog, span, range -> [ meta, catalog, span, params.restarts, range ] }
    SIGIL_EXTRACT(jobs)
    SIGIL_EXTRACTMERGE(SIGIL_EXTRACT.out.block.groupTuple(), opportunity)

    // The de novo signatures come from the panel itself: no renormalisation.
    SIGIL_FIT_DENOVO(SIGIL_MERGE.out.sbs96.join(SIGIL_EXTRACTMERGE.out.signatures), [])
    SIGIL_FIT_REFERENCE(SIGIL_MERGE.out.sbs96.map { meta, catalog -> [ meta, catalog, [] ] }, opportunity)

    // Optional (--attribute): every mutation's signature probabilities from the COSMIC fit.
    attribution = Channel.empty()
    if (params.attribute) {
        all_vcfs = vcfs.map { meta, vcf -> vcf }.toSortedList { a, b -> a.name <=> b.name }
        SIGIL_ATTRIBUTE(SIGIL_FIT_REFERENCE.out.folder.combine(all_vcfs).map { meta, fit, files -> [ meta, files, fit ] }, reference, regions)
        attribution = SIGIL_ATTRIBUTE.out.attribution
    }

    emit:
    catalog    = SIGIL_MERGE.out.sbs96
    sbs1536    = SIGIL_MERGE.out.sbs1536
    sbs288     = SIGIL_MERGE.out.sbs288     // empty without genes
    dbs78      = SIGIL_MERGE.out.dbs78
    id83       = SIGIL_MERGE.out.id83
    extract    = SIGIL_EXTRACTMERGE.out.folder
    fit_denovo = SIGIL_FIT_DENOVO.out.folder
    fit_ref    = SIGIL_FIT_REFERENCE.out.folder
    opportunity = opportunity               // [] without regions
    attribution = attribution               // empty without --attribute
    versions   = SIGIL_COUNT.out.versions.first().mix(SIGIL_MERGE.out.versions, SIGIL_EXTRACTMERGE.out.versions)
}

workflow {
    if (!params.vcfs || !params.fasta) {
        error "give --vcfs 'path/*.vcf.gz' and --fasta ref.fa (its .fai next to it)"
    }
    vcfs = Channel.fromPath(params.vcfs, checkIfExists: true)
        .map { vcf -> [ [ id: vcfName(vcf) ], vcf ] }
    fasta = file(params.fasta, checkIfExists: true)
    reference = Channel.value([ [ id: fasta.baseName ], fasta, file("${params.fasta}.fai", checkIfExists: true) ])
    genes = Channel.value(params.genes ? file(params.genes, checkIfExists: true) : [])
    regions = Channel.value(params.regions ? file(params.regions, checkIfExists: true) : [])
    SIGIL(vcfs, reference, genes, regions)
}
