# Recompute, with base R, every statistic alsreport wrote to comparisons.csv and
# descriptives.csv, from the analysis dataset (analysis_data.csv) in the same folder,
# and compare. Usage: Rscript verify.R [FOLDER]   (default: the folder of this script)
# Exit status: 0 every number agrees, 1 a mismatch (listed, and written to verify_mismatches.csv),
# 3 the script itself failed (e.g. a file is missing).
# The settings of the study (visits, enrolled participants, confidence level, tolerance)
# are at the top of the script, written by `alsreport verify`.

options(error = function() quit(status = 3))
args <- commandArgs(trailingOnly = TRUE)
here <- if (length(args) >= 1) args[1] else {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f)) dirname(f[1]) else "."
}
rd <- function(name) read.csv(file.path(here, name), colClasses = "character", na.strings = "",
                              check.names = FALSE, encoding = "UTF-8")
num <- function(x) suppressWarnings(as.numeric(x))
ad <- rd("analysis_data.csv")
cmp <- rd("comparisons.csv")
dsc <- rd("descriptives.csv")
ad$value <- num(ad$value)
people <- unique(ad$participant_id)

# analysis.analysis_set, recomputed here (not read from the dataset's analysis_set column):
# completers = a value of the compartment (below the LOD counts) at every planned visit; per_protocol = every
# planned administration (infusion_no x route of infusions.csv) given. members[[compartment]]: participant ids.
truthy <- function(x) toupper(x) %in% c("TRUE", "YES", "1")
pp_from <- "infusions.csv"
if (analysis_set == "per_protocol") {
  if (file.exists(file.path(here, "infusions.csv"))) {
    inf <- rd("infusions.csv")
    got <- tapply(truthy(inf$given), list(inf$participant_id, paste(inf$infusion_no, inf$route)), any)
    got[is.na(got)] <- FALSE
    pp <- rownames(got)[rowSums(!got) == 0]
  } else {
    pp_from <- "the analysis_set column (infusions.csv is absent)"
    pp <- unique(ad$participant_id[truthy(ad$analysis_set)])
  }
}
members <- list(); n_set <- c()
for (comp in unique(ad$compartment)) {
  members[[comp]] <- switch(analysis_set, all = people, per_protocol = pp, completers = {
    a <- ad[ad$compartment == comp & ad$visit %in% planned[[comp]], ]
    a <- a[!is.na(a$value) | a$censoring %in% "below", ]  # a sample = a value (below the LOD counts)
    seen <- tapply(a$visit, a$participant_id, function(v) all(planned[[comp]] %in% v))
    names(seen)[seen]
  })
  n_set[comp] <- if (analysis_set == "all") n_enrolled else length(members[[comp]])
}
if (analysis_set != "all") cat(sprintf("analysis set %s (recomputed from %s): %s\n", analysis_set,
                                       if (analysis_set == "per_protocol") pp_from else "analysis_data.csv",
                                       paste(sprintf("%s %d", names(n_set), n_set), collapse = ", ")))

series_key <- function(compartment, analyte) paste(compartment, analyte, sep = "\r")
ad_key <- series_key(ad$compartment, ad$analyte)
matrices <- list()
series_matrix <- function(compartment, analyte) {
  key <- series_key(compartment, analyte)
  if (is.null(matrices[[key]])) {
    sub <- ad[ad_key == key, ]
    m <- matrix(NA_real_, length(people), length(visits), dimnames = list(people, visits))
    m[cbind(match(sub$participant_id, people), match(sub$visit, visits))] <- sub$value
    m[!(people %in% members[[compartment]]), ] <- NA  # outside the analysis set
    matrices[[key]] <<- m
  }
  matrices[[key]]
}
contrast_visits <- function(contrast) {  # "M3-M0" -> c("M3", "M0"); visit codes may contain "-"
  for (l in visits) for (b in visits) if (paste0(l, "-", b) == contrast) return(c(l, b))
  stop("unknown contrast ", contrast)
}
quiet <- function(expr) tryCatch(suppressWarnings(expr), error = function(e) NULL)
NAS <- c(n = NA, statistic = NA, parameter = NA, p_value = NA, estimate = NA, ci_low = NA, ci_high = NA,
         conf_level = NA, effect_size = NA) + 0  # numeric NA

wilcoxon_row <- function(x, y) {
  n <- sum(complete.cases(x, y))
  r <- quiet(wilcox.test(x, y, paired = TRUE, conf.int = TRUE, conf.level = conf_level))
  if (is.null(r)) return(replace(NAS, "n", n))
  d <- (x - y)[complete.cases(x, y)]; d <- d[d != 0]
  rk <- rank(abs(d))  # matched-pairs rank-biserial correlation (Kerby 2014)
  c(n = n, statistic = unname(r$statistic), parameter = NA, p_value = r$p.value, estimate = unname(r$estimate),
    ci_low = r$conf.int[1], ci_high = r$conf.int[2], conf_level = attr(r$conf.int, "conf.level"),
    effect_size = (sum(rk[d > 0]) - sum(rk[d < 0])) / sum(rk))
}
paired_t_row <- function(x, y) {
  n <- sum(complete.cases(x, y))
  r <- quiet(t.test(x, y, paired = TRUE, conf.level = conf_level))
  if (is.null(r)) return(replace(NAS, "n", n))
  d <- (x - y)[complete.cases(x, y)]
  c(n = n, statistic = unname(r$statistic), parameter = unname(r$parameter), p_value = r$p.value,
    estimate = unname(r$estimate), ci_low = r$conf.int[1], ci_high = r$conf.int[2],
    conf_level = attr(r$conf.int, "conf.level"), effect_size = mean(d) / sd(d))  # Cohen's d_z
}
log_t_row <- function(x, y) {  # analysis.sensitivity.transform: log
  ok <- complete.cases(x, y); n <- sum(ok)
  if (any(x[ok] <= 0 | y[ok] <= 0)) return(replace(NAS, "n", n))
  r <- quiet(t.test(log(x), log(y), paired = TRUE, conf.level = conf_level))
  if (is.null(r)) return(replace(NAS, "n", n))
  d <- log(x[ok]) - log(y[ok])
  c(n = n, statistic = unname(r$statistic), parameter = unname(r$parameter), p_value = r$p.value,
    estimate = exp(unname(r$estimate)), ci_low = exp(r$conf.int[1]), ci_high = exp(r$conf.int[2]),
    conf_level = attr(r$conf.int, "conf.level"), effect_size = mean(d) / sd(d))
}
has_lme4 <- suppressWarnings(requireNamespace("lme4", quietly = TRUE))
fits <- list()
mixed_row <- function(m, later, key) {  # analysis.sensitivity.mixed_model: lme4::lmer, REML, Wald CI
  if (!has_lme4) return(NAS)
  if (is.null(fits[[key]])) {
    d <- data.frame(participant = factor(rep(rownames(m), ncol(m))),
                    visit = factor(rep(colnames(m), each = nrow(m)), levels = colnames(m)), value = as.vector(m))
    d <- d[!is.na(d$value), ]
    d$visit <- droplevels(d$visit)
    fits[[key]] <<- list(n = length(unique(d$participant)),
                         fit = quiet(lme4::lmer(log(value) ~ visit + (1 | participant), data = d, REML = TRUE)))
  }
  f <- fits[[key]]
  term <- paste0("visit", later)
  if (is.null(f$fit) || !(term %in% names(lme4::fixef(f$fit)))) return(replace(NAS, "n", f$n))
  b <- lme4::fixef(f$fit)[[term]]; se <- sqrt(diag(as.matrix(vcov(f$fit))))[match(term, names(lme4::fixef(f$fit)))]
  z <- qnorm(1 - (1 - conf_level) / 2)
  c(n = f$n, statistic = b / se, parameter = NA, p_value = 2 * pnorm(-abs(b / se)), estimate = exp(b),
    ci_low = exp(b - z * se), ci_high = exp(b + z * se), conf_level = conf_level, effect_size = NA)
}
friedman_row <- function(y) {
  n <- sum(complete.cases(y))
  r <- quiet(friedman.test(y))
  if (is.null(r)) return(replace(NAS, "n", n))
  st <- unname(r$statistic)
  c(n = n, statistic = st, parameter = unname(r$parameter), p_value = r$p.value, estimate = NA,
    ci_low = NA, ci_high = NA, conf_level = NA, effect_size = st / (n * (ncol(y) - 1)))  # Kendall's W
}

# comparisons.csv -------------------------------------------------------------------------
rcmp <- t(vapply(seq_len(nrow(cmp)), function(i) {
  m <- series_matrix(cmp$compartment[i], cmp$analyte[i])
  m[, !(visits %in% sampled[[cmp$compartment[i]]])] <- NA  # compartments: tests use the sampling visits only
  if (cmp$test[i] == "friedman") return(friedman_row(m[, strsplit(cmp$contrast[i], ",", fixed = TRUE)[[1]],
                                                       drop = FALSE]))
  v <- contrast_visits(cmp$contrast[i])
  switch(cmp$test[i], wilcoxon = wilcoxon_row(m[, v[1]], m[, v[2]]), paired_t = paired_t_row(m[, v[1]], m[, v[2]]),
         paired_t_log = log_t_row(m[, v[1]], m[, v[2]]),
         mixed_model = mixed_row(m[, seq(match(v[2], visits), length(visits)), drop = FALSE], v[1],  # baseline on
                                 series_key(cmp$compartment[i], cmp$analyte[i])), NAS)
}, NAS))
family <- do.call(paste, c(cmp[adjust_by], sep = "\r"))
p_holm <- ave(rcmp[, "p_value"], family, FUN = function(p) p.adjust(p, "holm"))
p_bh <- ave(rcmp[, "p_value"], family, FUN = function(p) p.adjust(p, "BH"))
rcmp <- cbind(rcmp, p_holm = p_holm, p_bh = p_bh)

# descriptives.csv ------------------------------------------------------------------------
rdsc <- t(vapply(seq_len(nrow(dsc)), function(i) {
  x <- series_matrix(dsc$compartment[i], dsc$analyte[i])[, dsc$visit[i]]
  x <- x[!is.na(x)]
  q <- if (length(x)) quantile(x, c(0.25, 0.75), names = FALSE) else c(NA, NA)
  c(n = length(x), n_missing = n_set[[dsc$compartment[i]]] - length(x), mean = if (length(x)) mean(x) else NA, sd = sd(x),
    median = if (length(x)) median(x) else NA, q1 = q[1], q3 = q[2],
    min = if (length(x)) min(x) else NA, max = if (length(x)) max(x) else NA,
    geometric_mean = if (length(x) && all(x > 0)) exp(mean(log(x))) else NA)
}, c(n = 0, n_missing = 0, mean = 0, sd = 0, median = 0, q1 = 0, q3 = 0, min = 0, max = 0, geometric_mean = 0)))

# compare -----------------------------------------------------------------------------------
compare <- function(file, table, recomputed, ids, tol, skip = FALSE, absolute = function(col) FALSE) {
  out <- NULL
  for (col in colnames(recomputed)) {
    a <- num(table[[col]]); r <- as.numeric(recomputed[, col])
    both_na <- (is.na(a) & is.na(r)) | skip
    abs_col <- rep_len(absolute(col), length(a))  # a scalar test would make ifelse() return one value for all rows
    diff <- ifelse(both_na, 0, ifelse(is.na(a) | is.na(r), Inf,
                   ifelse(a == r, 0, ifelse(abs_col, abs(a - r), abs(a - r) / pmax(abs(a), abs(r))))))
    col_tol <- if (is.function(tol)) tol(col) else tol
    out <- rbind(out, data.frame(file = file, row = seq_along(a) + 1, id = ids, column = col,
                                 alsreport = a, R = r, rel_diff = diff, tol = col_tol, compared = !both_na))
  }
  out
}
ids_cmp <- paste(cmp$analyte, cmp$compartment, cmp$contrast, cmp$test)
ids_dsc <- paste(dsc$analyte, dsc$compartment, dsc$visit)
mixed <- cmp$test == "mixed_model"
# mixed-model z and p-values move with the last digits of two REML optimisers: tolerance_mixed_test
# (their p-values absolutely: a p of 1e-186 moves by a large relative amount with z)
mixed_p <- function(col) mixed & col %in% c("p_value", "p_holm", "p_bh")
cmp_tol <- function(col) ifelse(mixed, if (col %in% c("statistic", "p_value", "p_holm", "p_bh")) tolerance_mixed_test
                                       else tolerance_mixed, tolerance)
all <- rbind(compare("comparisons.csv", cmp, rcmp, ids_cmp, cmp_tol, skip = mixed & !has_lme4, absolute = mixed_p),
             compare("descriptives.csv", dsc, rdsc, ids_dsc, tolerance))
if (analysis_set != "all") {  # each row's membership: alsreport's analysis_set column against R's set
  inside <- vapply(seq_len(nrow(ad)), function(i) ad$participant_id[i] %in% members[[ad$compartment[i]]], TRUE)
  all <- rbind(all, compare("analysis_data.csv", data.frame(analysis_set = as.numeric(truthy(ad$analysis_set))),
                            cbind(analysis_set = as.numeric(inside)),
                            paste(ad$participant_id, ad$analyte, ad$compartment, ad$visit), 0))
}
bad <- all[all$rel_diff > all$tol, ]
if (any(mixed)) cat(if (has_lme4) sprintf("mixed-model rows refitted with lme4 %s (tolerance %g; z %g relative, p %g absolute)\n",
                                          packageVersion("lme4"), tolerance_mixed, tolerance_mixed_test, tolerance_mixed_test)
                    else "lme4 is not installed: the mixed-model rows were not compared\n")
cat(sprintf("R %s: compared %d numbers (%d in comparisons.csv, %d in descriptives.csv); tolerance %g relative\n",
            paste(R.version$major, R.version$minor, sep = "."), sum(all$compared),
            sum(all$compared[all$file == "comparisons.csv"]), sum(all$compared[all$file == "descriptives.csv"]),
            tolerance))
cat(if (any(mixed)) "worst difference per column (relative; the mixed-model p-values absolute):\n" else "worst relative difference per column:\n")
worst <- aggregate(rel_diff ~ column + file, data = all, FUN = max)
worst <- worst[order(worst$file, match(worst$column, c(colnames(rcmp), colnames(rdsc)))), ]
for (i in seq_len(nrow(worst))) cat(sprintf("  %-17s %-15s %.3g\n", worst$file[i], worst$column[i], worst$rel_diff[i]))
write.csv(bad, file.path(here, "verify_mismatches.csv"), row.names = FALSE)
if (nrow(bad)) {
  cat(sprintf("%d mismatch(es) beyond tolerance:\n", nrow(bad)))
  for (i in seq_len(nrow(bad))) with(bad[i, ], cat(sprintf("  %s row %d (%s) %s: alsreport %.17g, R %.17g\n",
                                                    file, row, id, column, alsreport, R)))
  quit(status = 1)
}
cat("0 mismatches\n")
