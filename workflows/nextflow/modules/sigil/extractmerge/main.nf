process SIGIL_EXTRACTMERGE {
    // Gathers every (rank, restart block) of SIGIL_EXTRACT into the result of one whole run.
    tag "$meta.id"
    label 'process_medium'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(blocks, stageAs: 'blocks/*')
    path opportunity   // a panel's opportunity.sbs96.tsv (reference matched renormalised to it), or []

    output:
    tuple val(meta), path("${prefix}/signatures.tsv")     , emit: signatures
    tuple val(meta), path("${prefix}/exposures.tsv")      , emit: exposures
    tuple val(meta), path("${prefix}/rank_selection.tsv") , emit: rank_selection
    tuple val(meta), path("${prefix}/reference_match.tsv"), emit: reference_match
    tuple val(meta), path("${prefix}/report.html")        , emit: report, optional: true
    tuple val(meta), path("${prefix}")                    , emit: folder
    path "versions.yml"                                     , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}_extract"
    def dirs = (blocks instanceof java.nio.file.Path ? [blocks] : blocks).collect { "'${it}'" }.join(' ')  // one block arrives as a Path
    def opportunity_arg = opportunity ? "--opportunity '${opportunity}'" : ''
    """
    sigil extract -o '${prefix}' --merge ${dirs} ${opportunity_arg} --threads ${task.cpus} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}_extract"
    """
    mkdir -p '${prefix}'
    touch '${prefix}/signatures.tsv' '${prefix}/exposures.tsv' '${prefix}/rank_selection.tsv' '${prefix}/reference_match.tsv'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
