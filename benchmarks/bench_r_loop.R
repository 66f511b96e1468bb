# Base R per-series loop of the tests alsreport runs, on a study folder's measurements.csv:
#   Rscript benchmarks/bench_r_loop.R STUDY_FOLDER
# (without a folder: 1,000 participants x 300 series x 4 visits generated here, ~5% missing).
# For every series (compartment x analyte): wilcox.test(later, baseline, paired = TRUE,
# conf.int = TRUE) and t.test(later, baseline, paired = TRUE) for each later visit on complete
# pairs, friedman.test on complete cases, then p.adjust (holm, BH) per contrast and test.
# "<x" values are replaced by x/2 (alsreport's default below_lod = half_lod).
args <- commandArgs(trailingOnly = TRUE)
t0 <- Sys.time()
if (length(args) >= 1) {
  m <- read.csv(file.path(args[1], "measurements.csv"), colClasses = "character")
  v <- suppressWarnings(as.numeric(m$value))
  below <- startsWith(m$value, "<")
  v[below] <- as.numeric(substring(m$value[below], 2)) / 2
  visits <- sort(unique(m$visit))
  key <- paste(m$compartment, m$analyte)
  series <- split(data.frame(p = m$participant_id, visit = m$visit, v = v), key)
  mats <- lapply(series, function(d) {
    people <- unique(d$p)
    x <- matrix(NA_real_, length(people), length(visits))
    x[cbind(match(d$p, people), match(d$visit, visits))] <- d$v
    x
  })
  label <- sprintf("%s (%d series, %d rows)", args[1], length(mats), nrow(m))
} else {
  set.seed(1)
  n <- 1000; S <- 300; V <- 4
  mats <- lapply(1:S, function(s) {
    x <- matrix(round(rlnorm(n * V, 1, 0.5), 2), n, V)
    x[sample(length(x), 0.05 * length(x))] <- NA
    x
  })
  label <- "1000 x 300 generated"
}
t1 <- Sys.time()
V <- ncol(mats[[1]])
p <- matrix(NA_real_, length(mats), 2 * (V - 1) + 1)
for (s in seq_along(mats)) {
  x <- mats[[s]]
  for (k in 2:V) {
    ok <- complete.cases(x[, c(1, k)])
    w <- tryCatch(suppressWarnings(wilcox.test(x[ok, k], x[ok, 1], paired = TRUE, conf.int = TRUE)),
                  error = function(e) NULL)
    tt <- tryCatch(t.test(x[ok, k], x[ok, 1], paired = TRUE), error = function(e) NULL)
    p[s, 2 * k - 3] <- if (is.null(w)) NA else w$p.value
    p[s, 2 * k - 2] <- if (is.null(tt)) NA else tt$p.value
  }
  f <- tryCatch(friedman.test(x[complete.cases(x), , drop = FALSE]), error = function(e) NULL)
  p[s, ncol(p)] <- if (is.null(f)) NA else f$p.value
}
adj <- apply(p, 2, function(q) cbind(p.adjust(q, "holm"), p.adjust(q, "BH")))
t2 <- Sys.time()
secs <- function(a, b) as.numeric(difftime(b, a, units = "secs"))
cat(sprintf("R %s: %s: read+reshape %.1f s, tests %.1f s, total %.1f s\n",
            getRversion(), label, secs(t0, t1), secs(t1, t2), secs(t0, t2)))
