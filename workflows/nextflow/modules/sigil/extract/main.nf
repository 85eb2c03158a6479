process SIGIL_EXTRACT {
    // One (rank, restart block) of `sigil extract`, saved with --save-restarts for SIGIL_EXTRACTMERGE.
    // Restart i of rank k is seeded from (seed, k, i) only: any split merges to the same bytes.
    tag "${meta.id} k=${rank} restarts ${restarts_range}"
    label 'process_medium'

    conda "${moduleDir}/environment.yml"
    container "${ workflow.containerEngine in ['singularity', 'apptainer'] ? 'sigil.sif' : 'sigil:latest' }"

    input:
    tuple val(meta), path(catalog), val(rank), val(restarts), val(restarts_range)

    output:
    tuple val(meta), path("${prefix}"), emit: block
    path "versions.yml"               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def seed = task.ext.seed ?: 20240229
    prefix = task.ext.prefix ?: "block_k${rank}_r${restarts_range.replace('..', '-')}"
    """
    sigil extract \\
        -o '${prefix}' \\
        '${catalog}' \\
        --ranks ${rank}..${rank} \\
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
    prefix = task.ext.prefix ?: "block_k${rank}_r${restarts_range.replace('..', '-')}"
    """
    mkdir -p '${prefix}/restarts'
    touch '${prefix}/run.json'

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        sigil: \$(sigil --version)
    END_VERSIONS
    """
}
