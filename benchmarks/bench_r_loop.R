# Base R per-series loop of the tests alsreport runs, for comparison with bench_stats.py:
# Rscript benchmarks/bench_r_loop.R   (1,000 participants x 300 series, 4 visits, ~5% missing)
set.seed(1)
n <- 1000; S <- 300; V <- 4
t0 <- Sys.time()
res <- vector("list", S)
for (s in 1:S) {
  m <- matrix(round(rlnorm(n * V, 1, 0.5), 2), n, V)
  m[sample(length(m), 0.05 * length(m))] <- NA
  for (k in 2:V) {
    ok <- complete.cases(m[, c(1, k)])
    w <- suppressWarnings(wilcox.test(m[ok, k], m[ok, 1], paired = TRUE, conf.int = TRUE))
    tt <- t.test(m[ok, k], m[ok, 1], paired = TRUE)
  }
  f <- friedman.test(m[complete.cases(m), ])
}
el <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
cat(sprintf("R %s: 1000 x 300, wilcox.test(conf.int=TRUE)+t.test for 3 contrasts, friedman.test: %.1f s\n", getRversion(), el))
