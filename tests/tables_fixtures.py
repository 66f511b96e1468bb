"""Results for the table tests: the bundled example (analysed once) and small hand-built studies.

``example_results()`` runs the real pipeline on the bundled synthetic study.
``hand_results(...)`` builds a complete, plausible :class:`Results` by hand with
any analytes, compartments and visits, so that the tables can be checked
against a study that shares nothing with the example (e.g. one analyte "NfL"
in plasma, visits V0/W12/W24).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analysis_helpers import example_results  # noqa: F401  (the one cached analysis of the example)

from alsreport.present.tables import TABLE_KEYS
from alsreport.study.config import StudyConfig
from alsreport.results.model import (
    AdverseEvent,
    Characteristic,
    Comparison,
    ConfidenceInterval,
    ConsortFlow,
    Descriptive,
    EventCount,
    Exposure,
    InfusionExposure,
    InfusionStage,
    OutOfRange,
    ParticipantExposure,
    Provenance,
    Results,
    SafetySummary,
    Series,
    ShiftCount,
    Summary,
)




@dataclass(frozen=True)
class HandSeries:
    analyte: str
    label: str
    family: str
    compartment: str
    unit: str
    medians: Sequence[float]
    """One per visit."""
    pvalue: float = 0.03
    p_holm: float = 0.03
    exact: bool = True
    n_pairs: int = 12
    ref: tuple[float, float] = (math.nan, math.nan)
    n_below_lod: int = 0


#: The tables of the example: every key but those of options it does not set (analysis.sensitivity) and the
#: manuscript's cumulative overview (built only beside a previous report's since-columns).
EXAMPLE_KEYS = [k for k in TABLE_KEYS if k not in ("supplementary_s2_ratios", "adverse_events_overview_cumulative")]

NFL = HandSeries("NfL", "Neurofilament light", "immunological", "plasma", "pg/mL", (21.4, 19.8, 17.2),
                 pvalue=0.0004, p_holm=0.0004, n_pairs=11, n_below_lod=2)


def _summary(x: float, n: int = 12) -> Summary:
    return Summary(n=n, mean=x, sd=0.0, median=x, q1=x, q3=x, min=x, max=x)


def hand_results(series: Sequence[HandSeries] = (NFL,), *, visits: Sequence[tuple[str, str, float]] = (
        ("V0", "Baseline", 0), ("W12", "Week 12", 3), ("W24", "Week 24", 6)),
        events: Sequence[AdverseEvent] | None = None, n: int = 12, synthetic: bool = True) -> Results:
    """A small, complete Results built by hand (no analysis run)."""
    config = StudyConfig(
        title="A hand-made test study", short_title="Hand-made", synthetic=synthetic,
        visits=[{"code": c, "label": lab, "month": m} for c, lab, m in visits],
        analytes=[{"name": s.analyte, "label": s.label, "family": s.family} for s in series],
        analysis={"below_lod": "half_lod", "primary": {"analyte": series[0].analyte,
                                                       "compartment": series[0].compartment}},
        dose_cells_per_kg=2_000_000,
    )
    codes = [c for c, _, _ in visits]
    final = f"{codes[-1]}-{codes[0]}"
    ser, comps, descs, shifts = [], [], [], []
    for s in series:
        ser.append(Series(family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                          ref_low=s.ref[0], ref_high=s.ref[1], lod=0.5))
        for j, (code, med) in enumerate(zip(codes, s.medians, strict=False)):
            descs.append(Descriptive(
                family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                visit=code, n=n if j == 0 else s.n_pairs, n_missing=0 if j == 0 else n - s.n_pairs,
                n_below_lod=s.n_below_lod if j == 0 else 0, n_above_uloq=0, mean=med * 1.05, sd=med / 5,
                median=med, q1=med * 0.8, q3=med * 1.2, min=med / 2, max=med * 2, geometric_mean=med,
                ref_low=s.ref[0], ref_high=s.ref[1]))
        common = dict(family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit)
        change = s.medians[-1] - s.medians[0]
        for j in range(1, len(codes)):
            contrast = f"{codes[j]}-{codes[0]}"
            is_final = contrast == final
            comps.append(Comparison(
                **common, contrast=contrast, test="wilcoxon", n=s.n_pairs, statistic=3.0, statistic_name="V",
                pvalue=s.pvalue if is_final else 0.2, p_holm=s.p_holm if is_final else 0.4,
                p_bh=s.p_holm if is_final else 0.3,
                method="Wilcoxon signed rank exact test" if s.exact else
                "Wilcoxon signed rank test with continuity correction",
                estimate=change, estimate_name="(pseudo)median",
                ci=ConfidenceInterval(change - 1.5, change + 0.5, 0.95), effect_size=-0.8,
                effect_size_name="rank-biserial", exact=s.exact, correction=None if s.exact else "continuity"))
            comps.append(Comparison(
                **common, contrast=contrast, test="paired_t", n=s.n_pairs, statistic=-3.1, statistic_name="t",
                pvalue=0.01, p_holm=0.01, p_bh=0.01, method="Paired t-test", parameter=s.n_pairs - 1.0,
                estimate=change * 1.1, estimate_name="mean difference",
                ci=ConfidenceInterval(change - 2, change + 1, 0.95), effect_size=-0.9, effect_size_name="Cohen's dz"))
        comps.append(Comparison(
            **common, contrast=",".join(codes), test="friedman", n=s.n_pairs - 1, statistic=9.8,
            statistic_name="Friedman chi-squared", pvalue=0.0074, p_holm=0.0074, p_bh=0.0074,
            method="Friedman rank sum test", parameter=len(codes) - 1.0, effect_size=0.45,
            effect_size_name="Kendall's W"))
        if math.isfinite(s.ref[0]):
            for b in ("low", "normal", "high", "missing"):
                for w in ("low", "normal", "high", "missing"):
                    k = n - 2 if (b, w) == ("normal", "normal") else (2 if (b, w) == ("normal", "high") else 0)
                    shifts.append(ShiftCount(compartment=s.compartment, analyte=s.analyte, label=s.label,
                                             unit=s.unit, baseline=b, worst=w, n=k, family=s.family))
    baseline = (
        Characteristic(variable="n", label="Participants", kind="categorical", n=n, count=n, percent=100.0),
        Characteristic(variable="age_years", label="Age", kind="continuous", n=n - 1, n_missing=1, mean=58.2,
                       sd=9.1, median=59.0, q1=52.5, q3=64.0, min=41, max=72, unit="years"),
        Characteristic(variable="sex", label="Sex", kind="categorical", n=n, level="female", count=5,
                       percent=5 / n * 100),
        Characteristic(variable="sex", label="Sex", kind="categorical", n=n, level="male", count=7,
                       percent=7 / n * 100),
    )
    infusions = tuple(
        InfusionExposure(infusion_no=k + 1, visit=codes[k], route=route, n_planned=n, n_given=n - k,
                         cells_per_kg=_summary(1_000_000, n - k))
        for k in range(len(codes) - 1) for route in ("IV", "IT"))
    exposure = Exposure(
        by_infusion=infusions,
        by_participant=tuple(ParticipantExposure(f"P{i:02d}", 2, 2, 2, 4_000_000) for i in range(1, n + 1)),
        infusions_per_participant=_summary(2.0, n), cumulative_cells_per_kg=_summary(4_000_000, n))
    flow = ConsortFlow(assessed=n + 3, excluded=3, excluded_reasons=(), enrolled=n,
                       infusions=tuple(InfusionStage(k + 1, codes[k], n - k) for k in range(len(codes) - 1)),
                       discontinued=(), completed=n, analysed=series[0].n_pairs,
                       analysed_series=f"{series[0].compartment} {series[0].label}", analysed_contrast=final)
    evs = tuple(events) if events is not None else (
        AdverseEvent("P01", "Headache", "Nervous system disorders", 1, False, "possible", True, 1, 1, "recovered"),
        AdverseEvent("P02", "Headache", "Nervous system disorders", 2, False, "probable", True, 2, 0, "recovered"),
    )
    safety = _safety(evs, n)
    oor = tuple(OutOfRange(participant_id="P03", visit=codes[1], compartment=s.compartment, analyte=s.analyte,
                           label=s.label, value=s.ref[1] * 1.3, unit=s.unit, ref_low=s.ref[0], ref_high=s.ref[1],
                           direction="high") for s in series if math.isfinite(s.ref[1]))
    prov = Provenance(schema_version="1.0", generated_at="2024-01-01T00:00:00Z", alsreport_version="test",
                      python_version="3.11", dependencies={}, inputs={}, fingerprint="0" * 16, options={})
    return Results(config=config, series=tuple(ser), comparisons=tuple(comps), descriptives=tuple(descs),
                   baseline=baseline, exposure=exposure, flow=flow, safety=safety, shifts=tuple(shifts),
                   out_of_range=oor, provenance=prov, analysis_data=pd.DataFrame())


def _safety(events: Sequence[AdverseEvent], n: int) -> SafetySummary:
    """Counts for ``events`` as the real summary would report them (enough for table tests)."""
    def count(category: str, level: str, evs: Sequence[AdverseEvent], **extra: object) -> EventCount:
        parts = {e.participant_id for e in evs}
        return EventCount(category=category, level=level, n_events=len(evs), n_participants=len(parts),
                          percent=len(parts) / n * 100, denominator=n, **extra)  # type: ignore[arg-type]

    evs = list(events)
    socs = list(dict.fromkeys(e.system_organ_class for e in evs))
    terms = list(dict.fromkeys((e.system_organ_class, e.term) for e in evs))
    return SafetySummary(
        n_enrolled=n,
        overview=(count("any", "", evs), count("serious", "", [e for e in evs if e.serious]),
                  count("related", "", [e for e in evs if e.related]),
                  count("grade>=3", "", [e for e in evs if e.grade >= 3]),
                  count("death", "", [e for e in evs if e.grade == 5])),
        by_soc=tuple(count("soc", s, [e for e in evs if e.system_organ_class == s]) for s in socs),
        by_term=tuple(count("term", t, [e for e in evs if (e.system_organ_class, e.term) == (s, t)],
                            system_organ_class=s) for s, t in terms),
        by_term_grade=tuple(count("term", t, [e for e in evs if (e.system_organ_class, e.term, e.grade) == (s, t, g)],
                                  system_organ_class=s, grade=g) for s, t in terms for g in range(1, 6)),
        by_grade=tuple(count("grade", str(g), [e for e in evs if e.grade == g], grade=g) for g in range(1, 6)),
        by_relatedness=tuple(count("relatedness", lv, [e for e in evs if e.relatedness == lv])
                             for lv in ("unrelated", "unlikely", "possible", "probable", "definite")),
        by_infusion=(),
        events=tuple(evs), serious_events=tuple(e for e in evs if e.serious),
        related_events=tuple(e for e in evs if e.related), deaths=tuple(e for e in evs if e.grade == 5),
        serious_related_by_soc=tuple(
            count(flag, s, [e for e in evs if e.system_organ_class == s and getattr(e, flag)])
            for s in socs for flag in ("serious", "related")),
        serious_related_by_term=tuple(
            count(flag, t, [e for e in evs if (e.system_organ_class, e.term) == (s, t) and getattr(e, flag)],
                  system_organ_class=s) for s, t in terms for flag in ("serious", "related")),
    )


def with_label(results: Results, analyte: str, label: str) -> Results:
    """``results`` with the study.yml label of ``analyte`` changed (the analysis is not rerun)."""
    analytes = [a.model_copy(update={"label": label}) if a.name == analyte else a for a in results.config.analytes]
    return replace(results, config=results.config.model_copy(update={"analytes": analytes}))


def with_events(results: Results, events: Sequence[AdverseEvent]) -> Results:
    return replace(results, safety=_safety(events, results.safety.n_enrolled))
