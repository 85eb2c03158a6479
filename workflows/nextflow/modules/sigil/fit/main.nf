process SIGIL_FIT {
    // Exposures of known signatures: a signature table (e.g. SIGIL_EXTRACTMERGE's) or, when
    // `signatures` is [], the bundled reference set named by task.ext.args (default COSMIC v3.4 GRCh37).
    // `opportunity` (a panel's opportunity.sbs96.tsv from SIGIL_COUNT with regions, or []) renormalises
    // the reference signatures to the panel and adds exposures_per_mb.tsv.
    tag "$meta.id"
    label 'process_medium'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(catalog), path(signatures)
    path opportunity

    output:
    tuple val(meta), path("${prefix}/exposures.tsv")   , emit: exposures
    tuple val(meta), path("${prefix}/exposures_ci.tsv"), emit: exposures_ci
    tuple val(meta), path("${prefix}/fit_stats.tsv")   , emit: fit_stats
    tuple val(meta), path("${prefix}/residuals.tsv")   , emit: residuals
    tuple val(meta), path("${prefix}/exposures_per_mb.tsv"), emit: exposures_per_mb, optional: true
    tuple val(meta), path("${prefix}")                 , emit: folder
    path "versions.yml"                                  , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def seed = task.ext.seed ?: 20240229
    prefix = task.ext.prefix ?: "${meta.id}_fit"
    def source = signatures ? "--signatures '${signatures}'" : (args.contains('--reference') ? '' : '--reference cosmic-v3.4 --genome GRCh37')
    def opportunity_arg = opportunity ? "--opportunity '${opportunity}'" : ''
    """
    sigil fit -o '${prefix}' '${catalog}' ${source} ${opportunity_arg} --seed ${seed} --threads ${task.cpus} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}_fit"
    """
    mkdir -p '${prefix}'
    touch '${prefix}/exposures.tsv' '${prefix}/exposures_ci.tsv' '${prefix}/fit_stats.tsv' '${prefix}/residuals.tsv'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
