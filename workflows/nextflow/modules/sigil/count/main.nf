process SIGIL_COUNT {
    tag "$meta.id"
    label 'process_single'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(vcf)
    tuple val(meta2), path(fasta), path(fai)
    path genes    // gene strands (BED6+ or GTF) for the SBS288 catalog, or [] for none
    path regions  // target regions BED of a panel or exome (--regions), or [] for none

    output:
    tuple val(meta), path("${prefix}/catalog.sbs96.tsv")  , emit: sbs96
    tuple val(meta), path("${prefix}/catalog.sbs1536.tsv"), emit: sbs1536
    tuple val(meta), path("${prefix}/catalog.sbs288.tsv") , emit: sbs288, optional: true
    tuple val(meta), path("${prefix}/catalog.dbs78.tsv")  , emit: dbs78
    tuple val(meta), path("${prefix}/catalog.id83.tsv")   , emit: id83
    tuple val(meta), path("${prefix}/count_summary.tsv")  , emit: summary
    tuple val(meta), path("${prefix}/opportunity.sbs96.tsv"), emit: opportunity_sbs96, optional: true
    tuple val(meta), path("${prefix}/opportunity.dbs78.tsv"), emit: opportunity_dbs78, optional: true
    tuple val(meta), path("${prefix}/run.json")           , emit: run_json
    path "versions.yml"                                     , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    def genes_arg = genes ? "--genes '${genes}'" : ''
    def regions_arg = regions ? "--regions '${regions}'" : ''
    """
    sigil count \\
        -o '${prefix}' \\
        --reference-fasta '${fasta}' \\
        ${genes_arg} \\
        ${regions_arg} \\
        --threads ${task.cpus} \\
        ${args} \\
        '${vcf}'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    def touch_sbs288 = genes ? "touch '${prefix}/catalog.sbs288.tsv'" : ''
    def touch_opportunity = regions ? "touch '${prefix}/opportunity.sbs96.tsv' '${prefix}/opportunity.dbs78.tsv'" : ''
    """
    mkdir -p '${prefix}'
    touch '${prefix}/catalog.sbs96.tsv' '${prefix}/catalog.sbs1536.tsv' '${prefix}/catalog.dbs78.tsv' '${prefix}/catalog.id83.tsv'
    touch '${prefix}/count_summary.tsv' '${prefix}/run.json'
    ${touch_sbs288}
    ${touch_opportunity}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
