process SIGIL_MERGE {
    tag "$meta.id"
    label 'process_single'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    // Catalogs in the order their samples should appear (sort upstream for a stable order).
    // Inputs are staged as in0/, in1/, ... so per-sample files may share a name.
    tuple val(meta), path(catalogs, stageAs: 'in*/*')

    output:
    // One file per class present among the inputs.
    tuple val(meta), path("${prefix}/catalog.sbs96.tsv")  , emit: sbs96  , optional: true
    tuple val(meta), path("${prefix}/catalog.sbs1536.tsv"), emit: sbs1536, optional: true
    tuple val(meta), path("${prefix}/catalog.sbs288.tsv") , emit: sbs288 , optional: true
    tuple val(meta), path("${prefix}/catalog.dbs78.tsv")  , emit: dbs78  , optional: true
    tuple val(meta), path("${prefix}/catalog.id83.tsv")   , emit: id83   , optional: true
    tuple val(meta), path("${prefix}/run.json")           , emit: run_json
    path "versions.yml"                                     , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    def inputs = (catalogs instanceof java.nio.file.Path ? [catalogs] : catalogs).collect { "'${it}'" }.join(' ')  // one file arrives as a Path
    """
    sigil merge -o '${prefix}' ${args} ${inputs}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    def files = catalogs instanceof java.nio.file.Path ? [catalogs] : catalogs
    def touch_sbs288 = files.any { it.name.contains('sbs288') } ? "touch '${prefix}/catalog.sbs288.tsv'" : ''
    """
    mkdir -p '${prefix}'
    touch '${prefix}/catalog.sbs96.tsv' '${prefix}/catalog.sbs1536.tsv' '${prefix}/catalog.dbs78.tsv' '${prefix}/catalog.id83.tsv'
    touch '${prefix}/run.json'
    ${touch_sbs288}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
