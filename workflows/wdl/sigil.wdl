version 1.1

# sigil as a WDL 1.1 workflow: VCFs + FASTA -> count per VCF (scatter) -> merge -> extract per
# restart block (optionally per rank too) (scatter) -> extract --merge -> fit of the extracted and of the reference
# signatures. Byte-identical to one single-machine run with the same ranks, restarts and seed.
# Every catalog class count writes (SBS96, SBS1536, DBS78, ID83, and SBS288 with `genes`) is merged;
# extract and fit use SBS96. With `regions` (a panel's or exome's BED) every count job gets
# --regions, and extract --merge and the reference fit get --opportunity: the first count job's
# opportunity.sbs96.tsv (it depends only on the BED and the FASTA, so every job writes the same).
# Without a container engine run it with the host backend in miniwdl_local/ (see README.md).

struct RestartBlock {
  String ranks
  String restarts_range
}

workflow sigil {
  input {
    Array[File] vcfs
    File reference_fasta
    File reference_fai
    # Gene strands (BED6+ or GTF, plain or gzip) passed to every count job as --genes: adds the
    # SBS288 transcriptional-strand catalog.
    File? genes
    # Target regions of a panel or exome (BED: chrom, start, end) passed to every count job as
    # --regions; the reference fit (and the matching) are renormalised to their opportunity.
    File? regions
    Array[Int] ranks = [2, 3, 4, 5]
    Int restarts = 100
    Int restarts_per_job = 25
    # false: one extract job per restart block over all ranks; true: one per (rank, block),
    # for a sigil whose extract --merge accepts blocks of different ranks.
    Boolean split_ranks = true
    Int seed = 20240229
    Int bootstrap = 100
    String reference = "cosmic-v3.4"
    String genome = "GRCh37"
    Int count_threads = 1
    Int extract_threads = 2
    Int fit_threads = 2
    String sigil_image = "sigil:latest"
    # Also run sigil attribute (each mutation's signature probabilities) with the reference fit.
    Boolean run_attribute = false
    Boolean attribute_vcf_out = false
  }

  scatter (vcf in vcfs) {
    call count {
      input: vcf = vcf, reference_fasta = reference_fasta, reference_fai = reference_fai,
        genes = genes, regions = regions, threads = count_threads, image = sigil_image
    }
  }
  # Without regions every count.opportunity_sbs96 is null and so is this.
  File? opportunity = if defined(regions) then select_first(count.opportunity_sbs96) else None

  call merge {
    input: catalogs = flatten([count.sbs96, count.sbs1536, count.dbs78, count.id83, select_all(count.sbs288)]),
      image = sigil_image
  }

  # One job per (rank span, block of restarts_per_job restarts).
  Int n_blocks = (restarts + restarts_per_job - 1) / restarts_per_job
  scatter (k in ranks) {
    String single_rank = "~{k}..~{k}"
  }
  Array[String] rank_spans = if split_ranks then single_rank else ["~{ranks[0]}..~{ranks[length(ranks) - 1]}"]
  scatter (span in rank_spans) {
    scatter (b in range(n_blocks)) {
      Int first = b * restarts_per_job
      Int last = if (b + 1) * restarts_per_job > restarts then restarts - 1 else (b + 1) * restarts_per_job - 1
      RestartBlock plan = RestartBlock { ranks: span, restarts_range: "~{first}..~{last}" }
    }
  }

  scatter (job in flatten(plan)) {
    call extract_block {
      input: catalog = merge.sbs96, ranks = job.ranks, restarts = restarts,
        restarts_range = job.restarts_range, seed = seed, threads = extract_threads, image = sigil_image
    }
  }

  call extract_merge {
    input: blocks = extract_block.block, opportunity = opportunity, threads = extract_threads, image = sigil_image
  }

  call fit as fit_denovo {
    input: catalog = merge.sbs96, signatures = extract_merge.signatures, bootstrap = bootstrap,
      seed = seed, threads = fit_threads, image = sigil_image
  }

  call fit as fit_reference {
    input: catalog = merge.sbs96, reference = reference, genome = genome, opportunity = opportunity, bootstrap = bootstrap,
      seed = seed, threads = fit_threads, image = sigil_image
  }

  if (run_attribute) {
    call attribute {
      input: vcfs = vcfs, reference_fasta = reference_fasta, reference_fai = reference_fai,
        fit_files = fit_reference.files, signatures = fit_reference.signatures_renormalised, regions = regions, vcf_out = attribute_vcf_out, threads = fit_threads, image = sigil_image
    }
  }

  output {
    File catalog = merge.sbs96
    File catalog_sbs1536 = merge.sbs1536
    File? catalog_sbs288 = merge.sbs288
    File catalog_dbs78 = merge.dbs78
    File catalog_id83 = merge.id83
    Array[File] extract_files = extract_merge.files
    Array[File] fit_denovo_files = fit_denovo.files
    Array[File] fit_reference_files = fit_reference.files
    # Only with regions: the targets' SBS96 opportunity and the reference fit per Mb of genome.
    File? opportunity_sbs96 = opportunity
    File? exposures_per_mb = fit_reference.exposures_per_mb
    File? attribution = attribute.attribution
    Array[File]? attribute_files = attribute.files
  }
}

task count {
  meta { description: "sigil count for one VCF: SBS96, SBS1536, DBS78, ID83 (and with genes SBS288) catalogs" }
  input {
    File vcf
    File reference_fasta
    File reference_fai
    File? genes
    File? regions
    Int threads = 1
    String extra = ""
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    # The .fai is localised next to the FASTA (both inputs come from one folder).
    sigil count -o counts --reference-fasta "~{reference_fasta}" \
      ~{if defined(genes) then "--genes \"" + select_first([genes]) + "\"" else ""} \
      ~{if defined(regions) then "--regions \"" + select_first([regions]) + "\"" else ""} \
      --threads ~{threads} ~{extra} "~{vcf}"
  >>>
  output {
    File sbs96 = "counts/catalog.sbs96.tsv"
    File sbs1536 = "counts/catalog.sbs1536.tsv"
    File dbs78 = "counts/catalog.dbs78.tsv"
    File id83 = "counts/catalog.id83.tsv"
    # Only with genes; a missing optional output file is None.
    File? sbs288 = "counts/catalog.sbs288.tsv"
    File summary = "counts/count_summary.tsv"
    # Only with regions.
    File? opportunity_sbs96 = "counts/opportunity.sbs96.tsv"
    File? opportunity_dbs78 = "counts/opportunity.dbs78.tsv"
  }
  runtime {
    cpu: threads
    memory: "1 GiB"
    container: image
  }
}

task merge {
  meta { description: "sigil merge: per-VCF catalogs side by side, one file per class, in input order" }
  input {
    Array[File] catalogs
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    sigil merge -o catalog "~{sep('" "', catalogs)}"
  >>>
  output {
    File sbs96 = "catalog/catalog.sbs96.tsv"
    File sbs1536 = "catalog/catalog.sbs1536.tsv"
    File? sbs288 = "catalog/catalog.sbs288.tsv"
    File dbs78 = "catalog/catalog.dbs78.tsv"
    File id83 = "catalog/catalog.id83.tsv"
  }
  runtime {
    cpu: 1
    memory: "1 GiB"
    container: image
  }
}

task extract_block {
  meta { description: "One restart block of sigil extract over a rank span, saved for --merge, as a tar" }
  input {
    File catalog
    String ranks
    Int restarts
    String restarts_range
    Int seed = 20240229
    Int threads = 1
    String extra = ""
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    sigil extract -o block "~{catalog}" --ranks ~{ranks} --restarts ~{restarts} \
      --restarts-range ~{restarts_range} --save-restarts --seed ~{seed} --threads ~{threads} ~{extra}
    # WDL 1.1 has no Directory outputs: ship the block folder as one tar file.
    tar -cf "block_k~{ranks}_r~{restarts_range}.tar" block
  >>>
  output {
    File block = "block_k~{ranks}_r~{restarts_range}.tar"
  }
  runtime {
    cpu: threads
    memory: "2 GiB"
    container: image
  }
}

task extract_merge {
  meta { description: "sigil extract --merge of every restart block" }
  input {
    Array[File] blocks
    File? opportunity
    Int threads = 1
    String extra = ""
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    dirs=()
    i=0
    for tarball in "~{sep('" "', blocks)}"; do
      mkdir -p "blocks/$i" && tar -xf "$tarball" -C "blocks/$i"
      dirs+=("blocks/$i/block")
      i=$((i + 1))
    done
    sigil extract -o extract --merge "${dirs[@]}" \
      ~{if defined(opportunity) then "--opportunity \"" + select_first([opportunity]) + "\"" else ""} \
      --threads ~{threads} ~{extra}
  >>>
  output {
    File signatures = "extract/signatures.tsv"
    File exposures = "extract/exposures.tsv"
    File rank_selection = "extract/rank_selection.tsv"
    Array[File] files = glob("extract/*.*")
  }
  runtime {
    cpu: threads
    memory: "2 GiB"
    container: image
  }
}

task fit {
  meta { description: "sigil fit of a signature file, or of a bundled reference set" }
  input {
    File catalog
    File? signatures
    String? reference
    String? genome
    File? opportunity
    Int bootstrap = 100
    Int seed = 20240229
    Int threads = 1
    String extra = ""
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    sigil fit -o fit "~{catalog}" \
      ~{if defined(signatures) then "--signatures \"" + select_first([signatures]) + "\"" else ""} \
      ~{"--reference " + reference} ~{"--genome " + genome} \
      ~{if defined(opportunity) then "--opportunity \"" + select_first([opportunity]) + "\"" else ""} \
      --bootstrap ~{bootstrap} --seed ~{seed} --threads ~{threads} ~{extra}
  >>>
  output {
    File exposures = "fit/exposures.tsv"
    # Only with opportunity.
    File? exposures_per_mb = "fit/exposures_per_mb.tsv"
    File? signatures_renormalised = "fit/signatures_renormalised.tsv"
    Array[File] files = glob("fit/*.*")
  }
  runtime {
    cpu: threads
    memory: "2 GiB"
    container: image
  }
}

task attribute {
  meta { description: "sigil attribute: every mutation's signature probabilities from a fit's files (run.json, exposures, intervals)" }
  input {
    Array[File] vcfs
    File reference_fasta
    File reference_fai
    Array[File] fit_files
    # The fit's signatures when they are not the table its run.json names (a panel fit: its
    # signatures_renormalised.tsv, the scale of its exposures).
    File? signatures
    # The panel's target BED (only the variants inside, the ones counted, are attributed).
    File? regions
    Boolean vcf_out = false
    Int threads = 1
    String extra = ""
    String image = "sigil:latest"
  }
  command <<<
    set -euo pipefail
    # The .fai is localised next to the FASTA (as for count); the fit's files are put back in one folder.
    mkdir fit
    for f in ~{sep(" ", quote(fit_files))}; do cp "$f" fit/; done
    sigil attribute -o attribute --reference-fasta "~{reference_fasta}" --fit fit ~{if vcf_out then "--vcf-out" else ""} \
      ~{if defined(signatures) then "--signatures \"" + select_first([signatures]) + "\"" else ""} \
      ~{if defined(regions) then "--regions \"" + select_first([regions]) + "\"" else ""} \
      --threads ~{threads} ~{extra} ~{sep(" ", quote(vcfs))}
  >>>
  output {
    File attribution = "attribute/attribution.tsv"
    Array[File] files = glob("attribute/*.*")
  }
  runtime {
    cpu: threads
    memory: "2 GiB"
    container: image
  }
}
