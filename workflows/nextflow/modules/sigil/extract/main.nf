process SIGIL_EXTRACT {
    // One restart block of `sigil extract` over the ranks `ranks` ("a..b"), saved with
    // --save-restarts for SIGIL_EXTRACTMERGE.
    // Restart i of rank k is seeded from (seed, k, i) only: any split merges to the same bytes.
    tag "${meta.id} k=${ranks} restarts ${restarts_range}"
    label 'process_medium'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(catalog), val(ranks), val(restarts), val(restarts_range)

    output:
    tuple val(meta), path("${prefix}"), emit: block
    path "versions.yml"               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def seed = task.ext.seed ?: 20240229
    prefix = task.ext.prefix ?: "block_k${ranks.replace('..', '-')}_r${restarts_range.replace('..', '-')}"
    """
    sigil extract \\
        -o '${prefix}' \\
        '${catalog}' \\
        --ranks ${ranks} \\
        --restarts ${restarts} \\
        --restarts-range ${restarts_range} \\
        --save-restarts \\
        --seed ${seed} \\
        --threads ${task.cpus} \\
        ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "block_k${ranks.replace('..', '-')}_r${restarts_range.replace('..', '-')}"
    """
    mkdir -p '${prefix}/restarts'
    touch '${prefix}/run.json'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
