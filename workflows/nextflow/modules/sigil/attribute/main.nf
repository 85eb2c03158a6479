process SIGIL_ATTRIBUTE {
    // Every mutation's signature probabilities (sigil attribute): the cohort's VCFs, the reference
    // FASTA and a SIGIL_FIT folder (its run.json names the signature table; task.ext.args may add
    // --vcf-out or --signatures). A fit with an opportunity (a panel) is attributed with its
    // signatures_renormalised.tsv, the scale of its exposures; with regions (the panel's BED, or
    // [] for none) only the variants inside the targets, the ones counted, are attributed.
    tag "$meta.id"
    label 'process_medium'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(vcfs), path(fit)
    tuple val(meta2), path(fasta), path(fai)
    path regions  // target regions BED of a panel or exome (--regions), or [] for none

    output:
    tuple val(meta), path("${prefix}/attribution.tsv"), emit: attribution
    tuple val(meta), path("${prefix}")                , emit: folder
    path "versions.yml"                                 , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}_attribute"
    def regions_arg = regions ? "--regions '${regions}'" : ''
    def inputs = vcfs instanceof List ? vcfs.collect { "'${it}'" }.join(' ') : "'${vcfs}'"
    """
    renormalised=()
    if [ -f '${fit}/signatures_renormalised.tsv' ]; then renormalised=(--signatures '${fit}/signatures_renormalised.tsv'); fi
    sigil attribute -o '${prefix}' --reference-fasta '${fasta}' --fit '${fit}' "\${renormalised[@]}" ${regions_arg} --threads ${task.cpus} ${args} ${inputs}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}_attribute"
    """
    mkdir -p '${prefix}'
    touch '${prefix}/attribution.tsv'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
