"""The columns of comparisons.csv and descriptives.csv: name, type and meaning, in file order (one source).

:data:`COMPARISON_COLUMN_DEFS` and :data:`DESCRIPTIVE_COLUMN_DEFS` define the files' columns: the CSV writers
(:mod:`alsreport.results.writer`, through :data:`~alsreport.results.model.COMPARISON_COLUMNS` and
:data:`~alsreport.results.model.DESCRIPTIVE_COLUMNS`, derived from them) and the data dictionaries beside the files
(:mod:`alsreport.results.data_dictionary`) read the same definitions, so a column cannot be written undescribed.
Types are as a reader of the CSV file meets them: ``text``, ``integer``, ``number`` (empty when missing, ``Inf``
for infinity) and ``true/false``. A meaning may hold ``{scope}``: where the p-values were adjusted, filled in from
the study's ``analysis.adjust_scope`` (:func:`scope_words`).
"""

from __future__ import annotations

from typing import NamedTuple

from alsreport.study.config import StudyConfig

__all__ = ["COLUMN_TYPES", "COMPARISON_COLUMN_DEFS", "ColumnDef", "DESCRIPTIVE_COLUMN_DEFS", "scope_words"]

#: The types a column may have (how its cells read).
COLUMN_TYPES = ("text", "integer", "number", "true/false")


class ColumnDef(NamedTuple):
    """One column of a results CSV file."""

    name: str
    type: str
    meaning: str


_FAMILY = ColumnDef("family", "text", "Biomarker family (panel) of the analyte; codes below.")
_COMPARTMENT = ColumnDef("compartment", "text",
                         "Where the analyte was measured: CSF (cerebrospinal fluid), serum, plasma or blood.")
_LABEL = ColumnDef("label", "text", "The analyte's name as the manuscript prints it.")

#: comparisons.csv: a row per test (the first fifteen columns are the documented contract).
COMPARISON_COLUMN_DEFS: tuple[ColumnDef, ...] = (
    _FAMILY,
    _COMPARTMENT,
    ColumnDef("analyte", "text", "Analyte code as in the study data; codes below, with the name the manuscript "
                                 "prints (as in label)."),
    ColumnDef("unit", "text", "Unit of the measured values, and of estimate, ci_low and ci_high for the Wilcoxon "
                              "and t-tests."),
    ColumnDef("contrast", "text", "Visits compared: 'later-baseline' (e.g. M3-M0) is the paired change from the "
                                  "baseline visit to the later visit (later minus baseline); a comma-separated list "
                                  "is the visits of a Friedman test; codes below."),
    ColumnDef("test", "text", "Statistical test; codes below."),
    ColumnDef("n", "integer", "Participants in the test: complete pairs for the paired tests (pairs with a zero "
                              "difference included, see n_zeros), participants with a value at every visit for the "
                              "Friedman test."),
    ColumnDef("statistic", "number", "Test statistic, named in statistic_name: V (R's signed-rank statistic, the sum "
                                     "of the ranks of the positive differences), t, or the Friedman chi-squared."),
    ColumnDef("p_value", "number", "Two-sided p-value, not adjusted for multiple testing."),
    ColumnDef("p_holm", "number", "p-value adjusted by Holm's method (R's p.adjust), {scope}."),
    ColumnDef("p_bh", "number", "p-value adjusted by the Benjamini–Hochberg method (R's p.adjust), {scope}."),
    ColumnDef("estimate", "number", "Estimated change (later minus baseline, in unit), named in estimate_name: "
                                    "(pseudo)median, the Hodges–Lehmann estimate of the Wilcoxon test; mean "
                                    "difference, of the paired t-test; empty for the Friedman test."),
    ColumnDef("ci_low", "number", "Lower limit of the confidence interval of estimate, at conf_level."),
    ColumnDef("ci_high", "number", "Upper limit of the confidence interval of estimate, at conf_level."),
    ColumnDef("effect_size", "number", "Effect size, named in effect_size_name: rank-biserial correlation "
                                       "(Wilcoxon), Cohen's dz (paired t-test) or Kendall's W (Friedman)."),
    _LABEL,
    ColumnDef("statistic_name", "text", "Name of statistic."),
    ColumnDef("parameter", "number", "Degrees of freedom of the t or chi-squared distribution; empty for the "
                                     "Wilcoxon test."),
    ColumnDef("estimate_name", "text", "Name of estimate."),
    ColumnDef("effect_size_name", "text", "Name of effect_size."),
    ColumnDef("conf_level", "number", "Confidence level of the interval. As R's wilcox.test, it is lower than "
                                      "requested where ties and zero differences make the requested level "
                                      "unattainable."),
    ColumnDef("method", "text", "The test as R names it (its htest method)."),
    ColumnDef("exact", "true/false", "Wilcoxon test: true when the exact null distribution was used, false for the "
                                     "normal approximation (used with ties, zero differences or 50 pairs or more); "
                                     "empty for the other tests."),
    ColumnDef("correction", "text", "continuity: the normal approximation used a continuity correction; empty "
                                    "otherwise."),
    ColumnDef("n_zeros", "integer", "Pairs with a zero difference (no change). As in R's wilcox.test, the Wilcoxon "
                                    "test and its estimate leave them out; the paired t-test keeps them."),
    ColumnDef("n_below_lod", "integer", "Values below the limit of detection among those used, replaced as the "
                                        "Methods state."),
    ColumnDef("n_above_uloq", "integer", "Values above the upper limit of quantification among those used."),
    ColumnDef("reason", "text", "Why the test has no result (too few pairs, all differences zero, ...); empty when "
                                "it has one."),
    ColumnDef("warnings", "text", "R's warnings for this test, in R's words, separated by '; ' (e.g. 'cannot "
                                  "compute exact p-value with zeroes': the normal approximation was used instead)."),
)

#: descriptives.csv: a row per analyte, compartment and visit (values after the below-LOD substitution).
DESCRIPTIVE_COLUMN_DEFS: tuple[ColumnDef, ...] = (
    _FAMILY,
    _COMPARTMENT,
    ColumnDef("analyte", "text", "Analyte code as in the study data; codes below, with the name the manuscript "
                                 "prints (as in label)."),
    _LABEL,
    ColumnDef("unit", "text", "Unit of the values summarised (mean to max, geometric_mean, ref_low, ref_high)."),
    ColumnDef("visit", "text", "Visit code as in the study data; codes below."),
    ColumnDef("n", "integer", "Participants with an analysed value at this visit (values below the limit of "
                              "detection replaced as the Methods state)."),
    ColumnDef("n_missing", "integer", "Participants analysed without a value at this visit (values left out by "
                                      "the below-LOD rule included)."),
    ColumnDef("n_below_lod", "integer", "Values below the limit of detection at this visit, replaced (or left out) "
                                        "as the Methods state."),
    ColumnDef("n_above_uloq", "integer", "Values above the upper limit of quantification at this visit."),
    ColumnDef("mean", "number", "Mean, in unit."),
    ColumnDef("sd", "number", "Standard deviation (n - 1 denominator), in unit."),
    ColumnDef("median", "number", "Median, in unit."),
    ColumnDef("q1", "number", "First quartile (R's quantile, type 7), in unit."),
    ColumnDef("q3", "number", "Third quartile (R's quantile, type 7), in unit."),
    ColumnDef("min", "number", "Smallest value, in unit."),
    ColumnDef("max", "number", "Largest value, in unit."),
    ColumnDef("geometric_mean", "number", "Geometric mean, in unit; empty when a value is zero or negative."),
    ColumnDef("ref_low", "number", "Lower limit of the reference range, in unit; empty when the data give none."),
    ColumnDef("ref_high", "number", "Upper limit of the reference range, in unit; empty when the data give none."),
)


def scope_words(config: StudyConfig, short: bool = False) -> str:
    """Where the secondary p-values were adjusted (``analysis.adjust_scope``), the words after "adjusted".

    ``family`` (default): ``within each biomarker family and compartment, separately for each visit``;
    ``all``: ``across all biomarkers, compartments and visits of each test``. ``short`` leaves out the
    last clause. Tables, notes, sentences and the data dictionaries all take these words, so none contradicts
    the option.
    """
    if config.analysis.adjust_scope == "all":
        return "across all biomarkers, compartments and visits" + ("" if short else " of each test")
    return "within each biomarker family and compartment" + ("" if short else ", separately for each visit")
