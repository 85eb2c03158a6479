#!/usr/bin/env Rscript
# Times R's NMF package (brunet, its default stopping rule) on a catalog, in NMFBench sweep's layout.
# usage: Rscript r_nmf.R CATALOG.tsv FIRST_RANK LAST_RANK RESTARTS
# Each rank: nmf(V, k, method = "brunet", nrun = RESTARTS, .options = "p2k") (2 cores, keep all fits).
suppressPackageStartupMessages(library(NMF))
args <- commandArgs(trailingOnly = TRUE)
v <- as.matrix(read.delim(args[1], row.names = 1, check.names = FALSE))
first <- as.integer(args[2]); last <- as.integer(args[3]); nrun <- as.integer(args[4])
kl <- function(v, wh) { m <- v > 0; sum(v[m] * log(v[m] / wh[m])) - sum(v) + sum(wh) }
cat("rank\tseconds\tcpu_seconds\ts_per_restart\tmean_iterations\tconverged\tbest_kl\tmedian_kl\n")
total <- 0
for (k in first:last) {
  t <- system.time(res <- nmf(v, k, method = "brunet", nrun = nrun, .options = "p2k", seed = 123456))
  fits <- if (nrun > 1) res@.Data else list(res)
  kls <- sort(sapply(fits, function(f) kl(v, fitted(f))))
  iters <- mean(sapply(fits, function(f) niter(f)))
  total <- total + t[["elapsed"]]
  cat(sprintf("%d\t%.3f\t%.3f\t%.5f\t%.0f\tNA\t%.4f\t%.4f\n", k, t[["elapsed"]],
              t[["user.self"]] + t[["sys.self"]] + t[["user.child"]] + t[["sys.child"]],
              t[["elapsed"]] / nrun, iters, kls[1], kls[(length(kls) %/% 2) + 1]))
}
cat(sprintf("TOTAL\t%.3f\tNA\n", total))
