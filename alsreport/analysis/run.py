"""``analyze(study) -> Results``: every number the reports show, computed once, without side effects.

For every series (analyte × compartment) the paired tests compare each later visit
with the baseline (the first visit of study.yml) on complete pairs, named
``later-baseline`` (``M1-M0`` ...), and the Friedman test compares all visits on
complete cases (contrast ``M0,M1,M2,M3``). The kernels of :mod:`alsreport.stats`
reproduce R's ``stats`` package with its defaults:

===========  ================================================================  =============  ===================
test         R call                                                            statistic      effect size
===========  ================================================================  =============  ===================
wilcoxon     ``wilcox.test(later, baseline, paired = TRUE, conf.int = TRUE)``  V              rank-biserial
paired_t     ``t.test(later, baseline, paired = TRUE)``                        t (df)         Cohen's d_z
friedman     ``friedman.test(y)`` (participants × visits matrix)               chi-squared    Kendall's W
===========  ================================================================  =============  ===================

``p_holm`` and ``p_bh`` are ``p.adjust(p, "holm")`` / ``p.adjust(p, "BH")`` within
each (family, compartment, contrast, test). Each kernel is called once per contrast
over all series; only building the result objects loops in Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import AbstractContextManager, closing, nullcontext

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport import stats
from alsreport.forked import Ahead, ahead
from alsreport.threaded import Beside, beside
from alsreport.progress import Progress, Stage, quiet
from alsreport.analysis.dataset import RowCodes, SeriesArray, analysis_data_with_codes, build_series_array
from alsreport.analysis.multiplicity import readjust
from alsreport.analysis.provenance import build_provenance
from alsreport.analysis.sensitivity import sensitivity_comparisons
from alsreport.analysis.sets import apply_analysis_set
from alsreport.results.model import AnalysisSetFlow, Comparison, ConfidenceInterval, Descriptive, Results
from alsreport.study.model import Study
from alsreport.analysis.summaries.dsmb import dsmb_summary
from alsreport.analysis.summaries.missing_sample_deviations import with_missing_samples
from alsreport.analysis.summaries import (
    baseline_characteristics,
    consort_flow,
    exposure_summary,
    flow_warnings,
    out_of_range,
    safety_summary,
    shift_counts,
)

__all__ = ["analyze", "compare_series", "describe_series", "study_summaries", "STATISTIC_NAMES",
           "EFFECT_SIZE_NAMES", "ESTIMATE_NAMES"]

#: Analysis data up to this many rows gets its summaries from a forked child when ``parallel``.
AHEAD_MAX_ROWS = 2_000_000
#: The child beside the tests (descriptives, flow, DSMB) runs this much nicer than the tests, so that they
#: keep a core to themselves while it shares the other with the ``analysis_data`` writer (niced more: it is
#: waited for last); on the idle machine a child is forked on (:func:`alsreport.forked.idle_core`) it then
#: still has that core nearly to itself (issue #13).
SIDE_NICE = 3

STATISTIC_NAMES = {"wilcoxon": "V", "paired_t": "t", "friedman": "Friedman chi-squared"}
EFFECT_SIZE_NAMES = {"wilcoxon": "rank-biserial", "paired_t": "Cohen's dz", "friedman": "Kendall's W"}
#: R's ``names(estimate)``: ``(pseudo)median`` (``midrange`` when R falls back to it), ``mean difference``.
ESTIMATE_NAMES = {"wilcoxon": "(pseudo)median", "paired_t": "mean difference", "friedman": ""}


def _f(x: object) -> float:
    return float(x)  # type: ignore[arg-type]


def _count_used(flags: NDArray[np.bool_], used: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Per series: flagged cells among the used cells (flags: S×P×k, used: S×P)."""
    return (flags & used[:, :, None]).sum(axis=(1, 2)).astype(np.int64)


def _no_pairs_reason(arr: SeriesArray, base: int, later: int, reason: NDArray[np.object_]) -> NDArray[np.object_]:
    """The kernels' reasons, made visit-specific where a visit has no values at all (n = 0)."""
    out = np.array(reason, dtype=object)
    has_base = (~np.isnan(arr.values[:, :, base])).any(axis=1)
    has_later = (~np.isnan(arr.values[:, :, later])).any(axis=1)
    b, v = arr.visits[base], arr.visits[later]
    out[~has_later & has_base] = f"no values at {v}"
    out[~has_base & has_later] = f"no values at {b} (baseline)"
    out[~has_base & ~has_later] = f"no values at {b} (baseline) or {v}"
    return out


def _family_codes(arr: SeriesArray) -> NDArray[np.int64]:
    """One integer per (family, compartment): the multiplicity family of a series within a contrast and test."""
    keys = pd.DataFrame({"f": arr.families, "c": arr.compartments})
    return keys.groupby(["f", "c"], sort=False).ngroup().to_numpy(dtype=np.int64)


def _adjusted(p: NDArray[np.float64], family: NDArray[np.int64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """R's ``p.adjust(p, "holm")`` and ``p.adjust(p, "BH")`` within each family."""
    return stats.p_adjust_grouped(p, family, "holm"), stats.p_adjust_grouped(p, family, "BH")


def compare_series(arr: SeriesArray, conf_level: float = 0.95, threads: int | None = None) -> tuple[Comparison, ...]:
    """Wilcoxon and paired t for each later visit vs baseline, then Friedman, for every series.

    ``threads``: for the Wilcoxon kernel (:func:`alsreport.stats.signed_rank`; the same results on any number).

    Order: series, then contrast (visit order; Friedman last), then test
    (wilcoxon, paired_t). ``p_holm`` / ``p_bh`` are R's ``p.adjust`` within each
    (family, compartment, contrast, test); NaN p-values are left out of the family,
    as R's ``p.adjust`` drops NA from ``n``.
    """
    vals = arr.values
    n_s = vals.shape[0]
    family = _family_codes(arr)
    b0 = arr.baseline  # visits before it (screening) are described, not tested
    baseline = vals[:, :, b0]
    per_series: list[list[Comparison]] = [[] for _ in range(n_s)]
    for j in range(b0 + 1, len(arr.visits)):
        contrast = f"{arr.visits[j]}-{arr.visits[b0]}"
        later = np.where(arr.sampled_at(j)[:, None], vals[:, :, j], np.nan)  # only the compartment's visits
        used = ~np.isnan(later) & ~np.isnan(baseline)
        flags = np.stack([arr.below[:, :, b0], arr.below[:, :, j]], axis=2)
        n_below = _count_used(flags, used)
        n_above = _count_used(np.stack([arr.above[:, :, b0], arr.above[:, :, j]], axis=2), used)
        w = stats.signed_rank(later, baseline, conf_level, threads=threads)
        t = stats.paired_t(later, baseline, conf_level)
        w_holm, w_bh = _adjusted(w.pvalue, family)
        t_holm, t_bh = _adjusted(t.pvalue, family)
        w_reason = _not_sampled(arr, j, _no_pairs_reason(arr, b0, j, w.reason))
        t_reason = _not_sampled(arr, j, _no_pairs_reason(arr, b0, j, t.reason))
        for i, s in enumerate(arr.series):
            common = dict(family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label,
                          unit=s.unit, contrast=contrast, n_zeros=int(w.n_zeros[i]),
                          n_below_lod=int(n_below[i]), n_above_uloq=int(n_above[i]))
            ran = w.method[i] != ""  # R returned a result (possibly with NaN p), did not stop
            ok = w_reason[i] is None
            midrange = ok and not w.exact[i] and math.isnan(w.ci_low[i]) and not math.isnan(w.estimate[i])
            per_series[i].append(Comparison(
                test="wilcoxon", n=int(w.n[i]), statistic=_f(w.statistic[i]), statistic_name="V",
                pvalue=_f(w.pvalue[i]), p_holm=_f(w_holm[i]), p_bh=_f(w_bh[i]), method=str(w.method[i]),
                estimate=_f(w.estimate[i]),
                estimate_name="midrange" if midrange else ESTIMATE_NAMES["wilcoxon"],
                ci=ConfidenceInterval(_f(w.ci_low[i]), _f(w.ci_high[i]), _f(w.conf_level[i])) if ran else None,
                effect_size=_f(w.effect_size[i]), effect_size_name=EFFECT_SIZE_NAMES["wilcoxon"],
                exact=bool(w.exact[i]) if ran else None,
                correction=None if (not ran or w.exact[i]) else "continuity",
                reason=w_reason[i], warnings=tuple(w.warnings[i]), **common))
            ran = t.method[i] != ""
            per_series[i].append(Comparison(
                test="paired_t", n=int(t.n[i]), statistic=_f(t.statistic[i]), statistic_name="t",
                pvalue=_f(t.pvalue[i]), p_holm=_f(t_holm[i]), p_bh=_f(t_bh[i]), method=str(t.method[i]),
                parameter=_f(t.df[i]),
                estimate=_f(t.estimate[i]), estimate_name=ESTIMATE_NAMES["paired_t"],
                ci=ConfidenceInterval(_f(t.ci_low[i]), _f(t.ci_high[i]), _f(t.conf_level[i])) if ran else None,
                effect_size=_f(t.effect_size[i]), effect_size_name=EFFECT_SIZE_NAMES["paired_t"],
                reason=t_reason[i], **common))

    for i, c in enumerate(_friedman_rows(arr, family)):
        per_series[i].append(c)
    return tuple(c for row in per_series for c in row)


def _not_sampled(arr: SeriesArray, j: int, reason: NDArray[np.object_]) -> NDArray[np.object_]:
    """The reason of series whose compartment is not sampled at visit ``j`` (``compartments:``)."""
    out = np.array(reason, dtype=object)
    for i in np.flatnonzero(~arr.sampled_at(j)):
        out[i] = f"{arr.visits[j]} is not a sampling visit for {arr.series[i].compartment} in the study's settings"
    return out


def _friedman_rows(arr: SeriesArray, family: NDArray[np.int64]) -> list[Comparison]:
    """Friedman over each series' tested visits (baseline on, its compartment's visits only); one row per series.

    Series sharing a visit set are tested in one kernel call; ``p_holm`` / ``p_bh`` within
    (family, compartment) over all of them, as R's ``p.adjust`` would on comparisons.csv.
    """
    b0 = arr.baseline
    n_s = len(arr.series)
    mask = np.ones((n_s, len(arr.visits)), dtype=bool) if arr.sampled is None else arr.sampled.copy()
    mask[:, :b0] = False
    out: list[Comparison | None] = [None] * n_s
    pvals = np.full(n_s, np.nan)
    results = {}
    for key in sorted({tuple(np.flatnonzero(m)) for m in mask}):
        rows = np.flatnonzero((mask == np.isin(np.arange(len(arr.visits)), key)).all(axis=1))
        cols = list(key)
        tested = arr.values[rows][:, :, cols]
        complete = ~np.isnan(tested).any(axis=2)
        fr = stats.friedman(tested) if len(cols) >= 2 else None
        results[key] = (rows, cols, fr, _count_used(arr.below[rows][:, :, cols], complete),
                        _count_used(arr.above[rows][:, :, cols], complete))
        if fr is not None:
            pvals[rows] = fr.pvalue
    f_holm, f_bh = _adjusted(pvals, family)
    for rows, cols, fr, n_below, n_above in results.values():
        contrast = ",".join(arr.visits[c] for c in cols)
        for r, i in enumerate(rows):
            s = arr.series[i]
            out[i] = Comparison(
                family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                contrast=contrast, test="friedman", n=int(fr.n[r]), statistic=_f(fr.statistic[r]),
                statistic_name=STATISTIC_NAMES["friedman"], pvalue=_f(fr.pvalue[r]), p_holm=_f(f_holm[i]),
                p_bh=_f(f_bh[i]), method=str(fr.method[r]),
                parameter=_f(fr.df[r]), effect_size=_f(fr.kendall_w[r]),
                effect_size_name=EFFECT_SIZE_NAMES["friedman"], n_below_lod=int(n_below[r]),
                n_above_uloq=int(n_above[r]), reason=fr.reason[r])
    return out  # type: ignore[return-value]


def describe_series(arr: SeriesArray, threads: int | None = None) -> tuple[Descriptive, ...]:
    """Descriptive statistics per series × visit over the enrolled participants (one kernel call).

    ``n_missing`` counts enrolled participants (of the analysis set, ``arr.members``)
    without an analysed value at that visit (including values excluded by
    ``below_lod = exclude``).
    """
    n_s, n_p, n_v = arr.values.shape
    flat = np.transpose(arr.values, (0, 2, 1)).reshape(n_s * n_v, n_p)
    d = stats.describe(flat, threads=threads)
    outside = np.zeros(n_s * n_v, dtype=np.int64) if arr.members is None else \
        np.repeat((~arr.members).sum(axis=1), n_v)  # series-major like flat
    n_below = arr.below.sum(axis=1).reshape(-1)  # (S, V) -> series-major like flat
    n_above = arr.above.sum(axis=1).reshape(-1)
    out: list[Descriptive] = []
    for i, s in enumerate(arr.series):
        for j, visit in enumerate(arr.visits):
            k = i * n_v + j
            out.append(Descriptive(
                family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                visit=visit, n=int(d.n[k]), n_missing=int(d.n_missing[k] - outside[k]), n_below_lod=int(n_below[k]),
                n_above_uloq=int(n_above[k]), mean=_f(d.mean[k]), sd=_f(d.sd[k]), median=_f(d.median[k]),
                q1=_f(d.q1[k]), q3=_f(d.q3[k]), min=_f(d.min[k]), max=_f(d.max[k]),
                geometric_mean=_f(d.geometric_mean[k]), ref_low=s.ref_low, ref_high=s.ref_high))
    return tuple(out)


def study_summaries(study: Study) -> dict[str, object]:
    """The Results fields that need only the study (baseline, exposure, safety, provenance, warnings, the
    validation's warnings)."""
    return dict(baseline=baseline_characteristics(study), exposure=exposure_summary(study),
                safety=safety_summary(study), provenance=build_provenance(study), warnings=flow_warnings(study),
                data_checks=tuple(study.warnings))


def _summaries(study: Study, data: pd.DataFrame) -> dict[str, object]:
    """The Results fields that need only the study and the analysis data (safety, exposure, DSMB, ...)."""
    return {**study_summaries(study), "dsmb": dsmb_summary(study, data)}


class _Computed:
    """A value computed already, with the interface of :class:`alsreport.forked.Ahead`."""

    forked = False

    def __init__(self, value: object) -> None:
        self._value = value

    def value(self) -> object:
        return self._value


def _small(study: Study) -> bool:
    """Whether the study is small enough to fork for (:data:`AHEAD_MAX_ROWS` measurement rows)."""
    return len(study.measurements) <= AHEAD_MAX_ROWS


def _early_summaries(study: Study, parallel: bool, given: Ahead | None) -> AbstractContextManager[Ahead | Beside]:
    """The summaries of the study alone, started before the analysis dataset is built (whose build leaves
    the second core idle): ``given`` (started by the caller, closed here), else with ``parallel`` in a
    forked child (a small study) or on a thread (a larger one, too large to fork for), else computed when
    asked for."""
    if given is not None:
        return closing(given)
    if parallel and not _small(study):
        return beside(study_summaries, study)
    return ahead(study_summaries, study, enabled=parallel)


def _dsmb_here(study: Study, data: pd.DataFrame) -> AbstractContextManager[_Computed]:
    """The DSMB summary computed here at once (no child), before the analysis dataset's writer and the
    statistics start. Its temporaries (~0.7 GiB at 10,000 x 300) then meet neither the writer's column
    codes nor the statistics' (on a thread beside the statistics they pushed the peak over 4 GiB; computed
    after them, they met the writer, still running once the statistics got faster: 4.2 GiB under load)."""
    return nullcontext(_Computed(dsmb_summary(study, data)))


def _described(study: Study, data: pd.DataFrame, arr: SeriesArray, everyone: SeriesArray,
               analysis_set: AnalysisSetFlow, threads: int | None = None) -> dict[str, object]:
    """The Results fields that need no test: descriptives, CONSORT flow, shifts, out-of-range values."""
    return dict(descriptives=describe_series(arr, threads), flow=consort_flow(study, arr, analysis_set),
                shifts=shift_counts(everyone),  # safety: every enrolled participant
                out_of_range=out_of_range(data))


def _described_and_dsmb(study: Study, data: pd.DataFrame, arr: SeriesArray, everyone: SeriesArray,
                        analysis_set: AnalysisSetFlow) -> dict[str, object]:
    """:func:`_described` and the DSMB summary: what a forked child computes beside the tests (``parallel``;
    at 300 x 300 ~0.1 s that otherwise followed the tests on one core while the second idled, issue #13), on
    one thread: the second core is the tests' and the analysis dataset writer's as well."""
    return {**_described(study, data, arr, everyone, analysis_set, threads=1), "dsmb": dsmb_summary(study, data)}


def analyze(study: Study, progress: Progress | None = None, parallel: bool = False,
            on_analysis_data: Callable[[pd.DataFrame, RowCodes | None], None] | None = None,
            summaries: Ahead | None = None) -> Results:
    """Compute every statistic of ``study`` (pure: reads nothing but ``study`` and the clock/env for provenance).

    Returns a :class:`~alsreport.results.model.Results`; degenerate series (fewer than 2
    pairs, all differences zero, constant, measured only at baseline) get NaN
    statistics with a ``reason`` instead of failing. ``progress`` (optional) is
    told of each of its five steps. ``parallel`` (the command line's choice; a library
    call stays in its process) computes the summaries elsewhere while this process builds the
    analysis dataset and runs the tests: those of the study alone in a forked child started
    before the analysis dataset is built, the DSMB summary, the descriptives, the CONSORT flow, the shifts
    and the out-of-range values in a second child once it exists, beside the tests
    (:mod:`alsreport.forked`; up to :data:`AHEAD_MAX_ROWS` measurement rows; for more, those of the
    study alone on a thread, :mod:`alsreport.threaded`, the DSMB summary here before the tests and the
    rest after them; issue #13: at 300 x 300 the first child's work fits the dataset's build, which
    leaves the second core idle):
    the same objects, sooner on two cores. ``on_analysis_data`` (optional) is called with the
    analysis dataset (``Results.analysis_data``) as soon as it exists, before the
    statistics (after the forks: no child is forked while another thread runs), e.g. to
    start writing it (:class:`alsreport.results.staged.StagedResults`); nothing changes
    the frame afterwards. Its second argument is None, or (``parallel``, a small study) the text codes
    its columns were built from (``{column: (code per row, values)}``), so that a forked writer need
    not encode them again (~0.03 CPU s at 300 x 300). ``summaries`` (optional): :func:`study_summaries` of ``study`` computed ahead
    by the caller (:func:`alsreport.cli_ahead.read_ahead` forks it before this process checks the study:
    the analysis dataset is then built in memory no child shares, without the copy-on-write faults that
    a child forked here costs it); it is closed here.
    """
    with (quiet() if progress is None else progress).stage("analyze", total=5) as stage, \
            _early_summaries(study, parallel, summaries) as early:
        data, codes = analysis_data_with_codes(study, series=_small(study))  # a large study: no 8 bytes a row more
        everyone = build_series_array(study, data, codes)
        fork = parallel and _small(study)
        coded = codes if fork else None  # for the forked writer; a large study's codes are freed now
        del codes
        data, arr, analysis_set = apply_analysis_set(study, data, everyone)  # analysis.analysis_set (same rows)
        with (ahead(_described_and_dsmb, study, data, arr, everyone, analysis_set, nice=SIDE_NICE) if fork else
              _dsmb_here(study, data)) as side:
            if on_analysis_data is not None:
                on_analysis_data(data, coded)
            del coded
            stage.advance()
            results = _tests_and_results(study, data, arr, everyone, analysis_set, stage, early, side, fork)
        stage.advance()
    return results


def _tests_and_results(study: Study, data: pd.DataFrame, arr: SeriesArray, everyone: SeriesArray,
                       analysis_set: AnalysisSetFlow, stage: Stage, early: Ahead | Beside, side: Ahead | _Computed,
                       forked: bool) -> Results:
    """The tests here; the rest from ``side`` when ``forked`` (:func:`_described_and_dsmb` in a child), else
    here after the tests, with the DSMB summary from ``side`` (computed already) and the summaries of the
    study alone from ``early``."""
    config = study.config
    # beside the forked children (and the analysis dataset's writer) the kernels' second thread only took turns
    # with them: one thread, ~0.03 s sooner at 300 x 300 (issue #13)
    tests = compare_series(arr, config.analysis.conf_level, threads=1 if forked else None)
    comparisons = readjust(tests + sensitivity_comparisons(arr, config.analysis.sensitivity, config.analysis.conf_level),
                           config.analysis.adjust_scope)
    stage.advance()
    if forked:
        rest = dict(side.value())  # a copy: the cached value stays as computed
    else:
        rest = {**_described(study, data, arr, everyone, analysis_set), "dsmb": side.value()}
    stage.advance()
    stage.advance()
    rest.update(early.value())
    rest["dsmb"] = with_missing_samples(study, rest["dsmb"], rest["flow"])  # the samples the manuscript counts missing
    return Results(config=config, series=arr.series, comparisons=comparisons, analysis_data=data, **rest)
