"""Generated sentences for the reports: the text layer over :class:`~alsreport.results.model.Results`.

Every number in these sentences is a number the analysis computed (a median, a
Hodges–Lehmann estimate, a p-value, a count), formatted here the way the tables
format it (``great_tables.vals.fmt_number``, the tables' decimals per series
and their p-value style). Nothing here computes a statistic; the text only
chooses words (which analytes changed and in which direction, whether anything
else changed, whether serious events occurred).

The sentences are pandoc/Quarto **markdown**: every string that comes from the
study (analyte labels, adverse-event terms, reasons, titles) goes through
:func:`md_escape`, so ``<script>`` in a data file prints as text and ``@tbl-x``
in a term is not read as a cross-reference. Use them through inline code
(`` `{python} text.abstract_results` ``) or a cell with ``#| output: asis``.

Wording rules (see ``tests/test_narrative.py``):

* a biomarker "changed" when its Holm-adjusted p-value (within family and
  compartment, at the final contrast) is below ``analysis.alpha`` — the rule
  the biomarker tables mark with an asterisk;
* "no other parameter changed significantly" is written only when it is true;
  series with an unadjusted p below alpha that do not survive adjustment are
  named as such;
* the primary endpoint is always reported, significant or not.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alsreport.present.pvalues import format_p
from alsreport.results.model import Comparison, Descriptive, EventCount, Results

__all__ = [
    "ReportText",
    "Change",
    "md_escape",
    "fmt_num",
    "fmt_int",
    "fmt_p",
    "p_phrase",
    "fmt_percent",
    "join_words",
    "plural",
    "changes",
    "primary_change",
    "change_sentence",
    "abstract_background",
    "abstract_methods",
    "abstract_results",
    "abstract_conclusions",
    "participant_flow",
    "baseline_sentence",
    "exposure_sentence",
    "biomarker_results",
    "statistical_methods",
    "safety_sentence",
    "serious_events_sentence",
    "discussion",
    "limitations",
]

_FAMILY_ORDER = ("immunological", "biochemical", "haematological")

# Markdown ------------------------------------------------------------------------

#: ASCII punctuation pandoc reads as markup (``all_symbols_escapable``); quotes stay smart.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:;=])")


def md_escape(text: object) -> str:
    """``text`` as literal markdown: markup characters backslash-escaped, line breaks as spaces.

    ``<script>alert(1)</script>`` renders as that text, ``@tbl-x`` is not a
    reference, ``*x*`` is not emphasis, ``{{< meta >}}`` is not a shortcode.
    """
    s = re.sub(r"\s+", " ", str(text)).strip()
    return _MD_SPECIAL.sub(r"\\\1", s)


# Numbers -------------------------------------------------------------------------

def format_date(value: "dt.date | dt.datetime | str | None") -> str:
    """``2024-01-31`` → ``31 January 2024`` (unambiguous in every locale)."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value.strftime('%B')} {value.year}"


MINUS = "\u2212"
NBSP = "\u00a0"


def fmt_num(x: float | None, decimals: int = 2) -> str:
    """``x`` as the tables print it (``fmt_number``, no thousands separators, U+2212 minus); ``—`` for NaN."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    from great_tables import vals

    return vals.fmt_number(float(x), decimals=decimals, use_seps=False)[0]


def fmt_int(n: int | float | None) -> str:
    if n is None or (isinstance(n, float) and not math.isfinite(n)):
        return "—"
    return str(int(n))


def fmt_p(p: float | None) -> str:
    """p as in the tables: three decimals, ``<0.001`` / ``>0.999`` at the ends, ``—`` if missing."""
    return format_p(p)


def p_phrase(p: float | None, name: str = "p") -> str:
    """``p = 0.001``, ``p < 0.001`` (with no-break spaces); ``p not computed`` when missing."""
    text = fmt_p(p)
    if text == "—":
        return f"{name} not computed"
    if text[0] in "<>":
        return f"{name}{NBSP}{text[0]}{NBSP}{text[1:]}"
    return f"{name}{NBSP}={NBSP}{text}"


def fmt_percent(pct: float | None) -> str:
    """A percentage the results computed, one decimal as in the tables (``93.3%``)."""
    return fmt_num(pct, 1) + "%" if pct is not None and math.isfinite(pct) else "—"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 participant``, ``2 participants``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_words(items: Sequence[str], conj: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``CSF``, ``ALS``)."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


# Results look-ups (no arithmetic) -------------------------------------------------

def _visit_label(results: Results, code: str) -> str:
    return results.config.visit_label(code)


def contrast_visits(results: Results, contrast: str) -> tuple[str, str]:
    """``M3-M0`` → (``M3``, ``M0``), visit codes that contain ``-`` included."""
    return results.config.contrast_visits(contrast)



def _label(results: Results, analyte: str, fallback: str = "") -> str:
    try:
        return results.config.analyte(analyte).display
    except KeyError:
        return fallback or analyte


def _series_name(results: Results, compartment: str, analyte: str, fallback: str = "") -> str:
    """``CSF TNF-α``, ``serum IL-6`` (compartment as written in the data; CSF stays upper case)."""
    return f"{compartment} {_label(results, analyte, fallback)}"


def _unit(unit: str) -> str:
    from alsreport.present.tables.style import display_unit

    return display_unit(unit)


_DECIMALS: dict[int, tuple[weakref.ref, dict[tuple[str, str], int]]] = {}


def _decimals(results: Results) -> dict[tuple[str, str], int]:
    """The tables' decimals per series (cached per results object)."""
    hit = _DECIMALS.get(id(results))
    if hit is not None and hit[0]() is results:
        return hit[1]
    from alsreport.present.tables.biomarkers import series_decimals

    value = series_decimals(results)
    _DECIMALS[id(results)] = (weakref.ref(results, lambda _, k=id(results): _DECIMALS.pop(k, None)), value)
    return value


def _order_key(results: Results):
    fam = {f: i for i, f in enumerate(_FAMILY_ORDER)}
    comp: dict[str, int] = {}
    for s in results.series:
        comp.setdefault(s.compartment, len(comp))
    names = {n: i for i, n in enumerate(results.config.analyte_names)}
    return lambda c: (fam.get(c.family, 9), comp.get(c.compartment, 99), names.get(c.analyte, 999))


@dataclass(frozen=True)
class Change:
    """One paired comparison with the medians at its two visits (for sentences)."""

    comparison: Comparison
    baseline: Descriptive | None
    final: Descriptive | None
    decimals: int

    @property
    def direction(self) -> str:
        e = self.comparison.estimate
        if not math.isfinite(e) or e == 0:
            return "changed"
        return "decreased" if e < 0 else "increased"


def _descriptive(results: Results, compartment: str, analyte: str, visit: str) -> Descriptive | None:
    for d in results.descriptives:
        if d.compartment == compartment and d.analyte == analyte and d.visit == visit:
            return d
    return None


def _change(results: Results, c: Comparison) -> Change:
    later, base = contrast_visits(results, c.contrast)
    return Change(c, _descriptive(results, c.compartment, c.analyte, base),
                  _descriptive(results, c.compartment, c.analyte, later),
                  _decimals(results).get((c.compartment, c.analyte), 2))


def _final_wilcoxon(results: Results) -> list[Comparison]:
    final = results.config.final_contrast
    found = [c for c in results.comparisons if c.test == "wilcoxon" and c.contrast == final]
    return sorted(found, key=_order_key(results))


def changes(results: Results, *, adjusted: str | None = "holm") -> list[Change]:
    """Series whose change to the final visit is significant (Holm-adjusted p < alpha by default)."""
    return [_change(results, c) for c in _final_wilcoxon(results)
            if math.isfinite(c.pvalue) and results.is_significant(c, adjusted)]


def nominal_only(results: Results) -> list[Change]:
    """Unadjusted p < alpha but Holm-adjusted p ≥ alpha."""
    return [_change(results, c) for c in _final_wilcoxon(results)
            if math.isfinite(c.pvalue) and results.is_significant(c) and not results.is_significant(c, "holm")]


def primary_change(results: Results) -> Change | None:
    c = results.primary
    return _change(results, c) if c is not None else None


def _tested(results: Results) -> list[Comparison]:
    return [c for c in _final_wilcoxon(results) if math.isfinite(c.pvalue)]


# Sentences ----------------------------------------------------------------------

def change_sentence(results: Results, ch: Change, *, subject: str | None = None, with_holm: bool = True) -> str:
    """``CSF TNF-α decreased from a median of 9.06 pg/mL at Month 0 to 7.12 pg/mL at Month 3
    (Hodges–Lehmann estimate of the change −1.91 pg/mL, 95% CI −2.51 to −1.11; p = 0.001,
    Holm-adjusted p = 0.007).``"""
    c = ch.comparison
    d = ch.decimals
    unit = md_escape(_unit(c.unit))
    u = f"{NBSP}{unit}" if unit else ""
    later, base = contrast_visits(results, c.contrast)
    name = subject or md_escape(_series_name(results, c.compartment, c.analyte, c.label))
    verb = ch.direction if results.is_significant(c, "holm" if with_holm else None) else "changed"
    if verb == "changed" and not results.is_significant(c, "holm" if with_holm else None):
        head = f"{name} did not change significantly"
        medians = ""
        if ch.baseline is not None and ch.final is not None:
            medians = (f" (median {fmt_num(ch.baseline.median, d)}{u} at {md_escape(_visit_label(results, base))} "
                       f"and {fmt_num(ch.final.median, d)}{u} at {md_escape(_visit_label(results, later))})")
        head += medians
    else:
        head = f"{name} {verb}"
        if ch.baseline is not None and ch.final is not None:
            head += (f" from a median of {fmt_num(ch.baseline.median, d)}{u} at "
                     f"{md_escape(_visit_label(results, base))} to {fmt_num(ch.final.median, d)}{u} at "
                     f"{md_escape(_visit_label(results, later))}")
    parts: list[str] = []
    if math.isfinite(c.estimate):
        est = f"Hodges–Lehmann estimate of the change {fmt_num(c.estimate, d)}{u}"
        if c.ci is not None and math.isfinite(c.ci.low) and math.isfinite(c.ci.high):
            est += f", {c.ci.level * 100:g}%{NBSP}CI {fmt_num(c.ci.low, d)} to {fmt_num(c.ci.high, d)}"
        parts.append(est)
    ps = p_phrase(c.pvalue)
    if with_holm and math.isfinite(c.p_holm):
        ps += f", Holm-adjusted {p_phrase(c.p_holm)}"
    parts.append(ps)
    return f"{head} ({'; '.join(parts)})."


def _families_words(results: Results, families: Iterable[str] | None = None) -> str:
    fams = list(dict.fromkeys(families if families is not None else
                              sorted({s.family for s in results.series}, key=lambda f: _FAMILY_ORDER.index(f)
                                     if f in _FAMILY_ORDER else 9)))
    return join_words(fams, "or")


def _compartments(results: Results) -> list[str]:
    return list(dict.fromkeys(s.compartment for s in results.series))


def biomarker_results(results: Results, *, max_listed: int = 6) -> str:
    """The results paragraph on the biomarkers: what changed, the primary endpoint, and whether anything else did."""
    cfg = results.config
    later, base = contrast_visits(results, cfg.final_contrast)
    base_l, later_l = md_escape(_visit_label(results, base)), md_escape(_visit_label(results, later))
    tested = _tested(results)
    sig = changes(results)
    nominal = nominal_only(results)
    prim = primary_change(results)
    out: list[str] = []
    if sig:
        shown = sig[:max_listed]
        out.extend(change_sentence(results, ch) for ch in shown)
        if len(sig) > max_listed:
            out.append(f"{len(sig) - max_listed} further series changed significantly (see the biomarker tables).")
        others = len(tested) - len(sig)
        if others > 0 and not nominal:
            out.append(f"No other {_families_words(results)} parameter changed significantly from {base_l} to "
                       f"{later_l} (Holm-adjusted p{NBSP}≥{NBSP}{cfg.analysis.alpha:g} for the other "
                       f"{plural(others, 'analyte–compartment series', 'analyte–compartment series')}).")
        elif others > 0:
            out.append("No other parameter changed significantly after Holm adjustment; "
                       + _nominal_clause(results, nominal) + ".")
    else:
        if tested:
            if nominal:
                out.append(f"No {_families_words(results)} parameter changed significantly from {base_l} to "
                           f"{later_l} after Holm adjustment; " + _nominal_clause(results, nominal) + ".")
            else:
                out.append(f"No {_families_words(results)} parameter changed significantly from {base_l} to "
                           f"{later_l} (Holm-adjusted p{NBSP}≥{NBSP}{cfg.analysis.alpha:g} for all "
                           f"{plural(len(tested), 'analyte–compartment series', 'analyte–compartment series')}).")
        else:
            out.append(f"No biomarker change from {base_l} to {later_l} could be tested (too few complete pairs).")
    if prim is not None and all(prim.comparison is not ch.comparison for ch in sig[:max_listed]):
        out.append("For the primary endpoint, " + _lower_first(change_sentence(results, prim)))
    untested = [c for c in _final_wilcoxon(results) if not math.isfinite(c.pvalue)]
    if untested:
        items = [f"{md_escape(_series_name(results, c.compartment, c.analyte, c.label))}"
                 + (f" ({md_escape(c.reason)})" if c.reason else "") for c in untested]
        out.append(f"The change of {join_words(items)} could not be tested.")
    return " ".join(out)


def _nominal_clause(results: Results, nominal: Sequence[Change]) -> str:
    names = [md_escape(_series_name(results, ch.comparison.compartment, ch.comparison.analyte, ch.comparison.label))
             + f" ({p_phrase(ch.comparison.pvalue)} unadjusted, Holm-adjusted {p_phrase(ch.comparison.p_holm)})"
             for ch in nominal]
    verb = "was" if len(names) == 1 else "were"
    return f"{join_words(names)} {verb} nominally significant only"


def participant_flow(results: Results) -> str:
    """``Of 21 people assessed for eligibility, 6 were excluded … 15 were analysed for the primary endpoint.``"""
    f = results.flow
    out = [f"Of {plural(f.assessed, 'person', 'people')} assessed for eligibility, {f.excluded} "
           f"{'was' if f.excluded == 1 else 'were'} not enrolled"]
    if f.excluded_reasons:
        out[-1] += " (" + "; ".join(f"{md_escape(r.reason[:1].lower() + r.reason[1:])}, {r.n}"
                                    for r in f.excluded_reasons) + ")"
    out[-1] += f" and {f.enrolled} {'was' if f.enrolled == 1 else 'were'} enrolled."
    stages = f.infusions
    if stages:
        counts = [s.n_received for s in stages]
        if all(n == f.enrolled for n in counts):
            out.append(f"All {f.enrolled} enrolled participants received "
                       f"{'the infusion' if len(stages) == 1 else 'each of the ' + str(len(stages)) + ' infusions'}.")
        else:
            out.append("Infusions were received by " + join_words(
                [f"{s.n_received} (infusion {s.infusion_no})" for s in stages]) + " participants.")
    if f.discontinued:
        parts = []
        for d in f.discontinued:
            when = "before the first infusion" if d.after_infusion == 0 else f"after infusion {d.after_infusion}"
            parts.append(f"{d.n} {when} ({md_escape(d.reason)})")
        out.append(f"Discontinued: {join_words(parts)}.")
    else:
        out.append("No participant discontinued.")
    out.append(f"Follow-up was completed by {plural(f.completed, 'participant')}, and "
               f"{f.analysed} {'was' if f.analysed == 1 else 'were'} analysed for the primary endpoint "
               f"({md_escape(f.analysed_series)}, {md_escape(_contrast_words(results, f.analysed_contrast))}).")
    if f.not_analysed:
        out.append("Not analysed: " + "; ".join(f"{md_escape(r.reason)} ({r.n})" for r in f.not_analysed) + ".")
    return " ".join(out)


def _contrast_words(results: Results, contrast: str) -> str:
    later, base = contrast_visits(results, contrast)
    return f"{_visit_label(results, later)} vs {_visit_label(results, base)}"


def _characteristic(results: Results, variable: str, level: str | None = None):
    for c in results.baseline:
        if c.variable == variable and (level is None or c.level == level):
            return c
    return None


def baseline_sentence(results: Results) -> str:
    """Age, sex and disease characteristics of the enrolled participants, when the data have them."""
    n = results.flow.enrolled
    parts = [f"The {n} enrolled participants"]
    bits: list[str] = []
    age = _characteristic(results, "age_years")
    if age is not None and math.isfinite(age.mean):
        bits.append(f"had a mean age of {fmt_num(age.mean, 1)} years (SD {fmt_num(age.sd, 1)})")
    female = _characteristic(results, "sex", "female")
    if female is not None and female.count is not None:
        bits.append(f"{female.count} ({fmt_percent(female.percent)}) were women")
    alsfrs = _characteristic(results, "alsfrs_r_baseline")
    if alsfrs is not None and math.isfinite(alsfrs.median):
        bits.append(f"the median ALSFRS-R score was {fmt_num(alsfrs.median, 1)} "
                    f"[IQR {fmt_num(alsfrs.q1, 1)}–{fmt_num(alsfrs.q3, 1)}]")
    if not bits:
        return ""
    return parts[0] + " " + join_words(bits) + "."


def exposure_sentence(results: Results) -> str:
    ex = results.exposure
    s = ex.infusions_per_participant
    if not s.n:
        return "No infusion was recorded."
    planned = len({i.infusion_no for i in ex.by_infusion})
    if s.min == s.max == planned:
        text = f"Every participant received all {planned} planned infusions"
    elif s.min == s.max:
        text = f"Every participant received {fmt_num(s.min, 0)} of the {planned} planned infusions"
    else:
        text = (f"Participants received a median of {fmt_num(s.median, 0)} of the {planned} planned infusions "
                f"(range {fmt_num(s.min, 0)}–{fmt_num(s.max, 0)})")
    text += " (an infusion counts when given by at least one route)."
    not_given = [i for i in ex.by_infusion if i.n_given < i.n_planned]
    if not_given:
        text += " By route, " + join_words(
            [f"{md_escape(i.route)} doses of infusion {i.infusion_no} were given to {i.n_given} of {i.n_planned} "
             "participants" for i in not_given]) + "."
    return text


def _overview(results: Results) -> dict[str, EventCount]:
    return {e.category: e for e in results.safety.overview}


def safety_sentence(results: Results) -> str:
    """Participants with any, related, serious, severe and fatal adverse events (counts from the results)."""
    ov = _overview(results)
    n = results.safety.n_enrolled
    out: list[str] = []
    any_ = ov.get("any")
    if any_ is None or any_.n_participants == 0:
        out.append(f"No adverse event was recorded in the {n} enrolled participants.")
    else:
        out.append(f"At least one adverse event was recorded in {any_.n_participants} of {n} participants "
                   f"({fmt_percent(any_.percent)}; {plural(any_.n_events, 'event')}).")
        rel = ov.get("related")
        if rel is not None:
            if rel.n_participants:
                out.append(f"Events judged possibly, probably or definitely related to the intervention "
                           f"occurred in {plural(rel.n_participants, 'participant')} ({fmt_percent(rel.percent)}; "
                           f"{plural(rel.n_events, 'event')}).")
            else:
                out.append("No event was judged related to the intervention.")
    none: list[str] = []
    for key, words in (("serious", "serious adverse event"), ("grade>=3", "event of grade 3 or higher"),
                       ("death", "death")):
        e = ov.get(key)
        if e is None:
            continue
        if e.n_participants == 0:
            none.append(words)
        else:
            noun = {"serious": ("serious adverse event", "serious adverse events"),
                    "grade>=3": ("event of grade 3 or higher", "events of grade 3 or higher"),
                    "death": ("death", "deaths")}[key]
            out.append(f"{_cap(noun[1])}: {plural(e.n_events, 'event')} in "
                       f"{plural(e.n_participants, 'participant')} ({fmt_percent(e.percent)}).")
    if none:
        out.append(_cap(f"no {join_words(none, 'or')} occurred."))
    return " ".join(out)


def serious_events_sentence(results: Results) -> str:
    """The serious events one by one (term, participant, grade, relatedness, outcome)."""
    evs = results.safety.serious_events
    if not evs:
        return "No serious adverse event was reported."
    items = []
    for e in evs:
        bits = [f"participant {md_escape(e.participant_id)}", f"grade {e.grade}",
                f"relatedness {md_escape(e.relatedness)}"]
        if e.outcome:
            bits.append(f"outcome {md_escape(e.outcome)}")
        items.append(f"{md_escape(e.term)} ({', '.join(bits)})")
    related = [e for e in evs if e.related]
    lead = (f"{plural(len(evs), 'serious adverse event')} {'was' if len(evs) == 1 else 'were'} reported: "
            f"{'; '.join(items)}.")
    if len(evs) == 1:
        lead += (" It was judged possibly, probably or definitely related to the intervention." if related
                 else " It was not judged related to the intervention.")
    elif related:
        lead += (f" {len(related)} of them {'was' if len(related) == 1 else 'were'} judged possibly, probably "
                 "or definitely related to the intervention.")
    else:
        lead += " None was judged related to the intervention."
    return lead


# Methods ---------------------------------------------------------------------------

_BELOW_LOD = {
    "half_lod": "replaced by half the LOD",
    "lod": "replaced by the LOD",
    "lod_sqrt2": "replaced by the LOD divided by √2",
    "exclude": "excluded from the analysis",
}


def statistical_methods(results: Results) -> str:
    """The statistical-analysis paragraph, from the analysis options, the methods used and the provenance."""
    cfg = results.config
    opt = cfg.analysis
    base = md_escape(cfg.baseline.label)
    level = f"{opt.conf_level * 100:g}%"
    wil = [c for c in results.comparisons if c.test == "wilcoxon" and math.isfinite(c.pvalue)]
    n_exact = sum(1 for c in wil if c.exact is True)
    n_approx = sum(1 for c in wil if c.exact is False)
    out = [
        f"Each biomarker was analysed separately in each compartment, using the participants with values at both "
        f"visits of a comparison (complete pairs). Changes from {base} to each later visit were tested with the "
        "two-sided paired Wilcoxon signed-rank test, computed as R's wilcox.test: the exact null distribution "
        "when there were fewer than 50 pairs and no ties or zero differences, otherwise the normal approximation "
        "with continuity correction"
        + (f" (here {n_exact} of {len(wil)} tests were exact and {n_approx} used the approximation)."
           if wil else "."),
        f"The change was estimated by the Hodges–Lehmann estimator (the pseudomedian of the paired differences) "
        f"with its {level} confidence interval.",
        "p-values were adjusted for multiple testing within each biomarker family and compartment, separately for "
        "each contrast, by the Holm method (shown in the tables and used to judge significance) and by the "
        "Benjamini–Hochberg method (in the exported data).",
        f"The Friedman test across all {len(cfg.visits)} visits was used as an omnibus test of change over time, "
        "and the paired t-test as a sensitivity analysis.",
        f"Results reported below the limit of detection (LOD) were "
        f"{_BELOW_LOD.get(opt.below_lod, md_escape(opt.below_lod))}; "
        "missing values were not imputed.",
    ]
    if opt.primary is not None:
        contrast = opt.primary.contrast or cfg.final_contrast
        out.append(f"The primary endpoint was the change in {md_escape(_series_name(results, opt.primary.compartment, opt.primary.analyte))} "
                   f"({md_escape(_contrast_words(results, contrast))}); all other comparisons are secondary "
                   "and exploratory.")
    out.append(f"A p-value below {opt.alpha:g} was considered significant. Adverse events are summarised as "
               "counts of participants and events, without tests.")
    out.append(software_sentence(results))
    return " ".join(out)


def software_sentence(results: Results) -> str:
    p = results.provenance
    deps = p.dependencies
    libs = [f"{name} {deps[key]}" for name, key in (("NumPy", "numpy"), ("SciPy", "scipy"), ("pandas", "pandas"))
            if key in deps]
    return (f"Analyses were run with alsreport {md_escape(p.alsreport_version)} (Python "
            f"{md_escape(p.python_version)}; {md_escape(', '.join(libs))}), whose test statistics, p-values, "
            "confidence intervals and adjustments reproduce R's stats package.")


# Abstract ----------------------------------------------------------------------------

def abstract_background(results: Results) -> str:
    fams = _families_words(results).replace(" or ", " and ")
    comps = join_words(_compartments(results))
    return ("Amyotrophic lateral sclerosis (ALS) is an incurable neurodegenerative disease, and no biomarker has "
            "been validated to judge the response to a treatment. This study describes "
            f"{md_escape(fams)} biomarkers in {md_escape(comps)} before and after the intervention, together with "
            "its safety.")


def abstract_methods(results: Results) -> str:
    cfg = results.config
    f = results.flow
    design = md_escape(cfg.design) if cfg.design else "Single-arm study"
    visits = join_words([md_escape(v.label) for v in cfg.visits])
    text = [f"{_sentence(design)} The study enrolled {plural(f.enrolled, 'participant')} with ALS."]
    if cfg.intervention:
        text.append(_sentence(md_escape(cfg.intervention)))
    text.append(f"{_cap(md_escape(_families_words(results).replace(' or ', ' and ')))} biomarkers were measured in "
                f"{md_escape(join_words(_compartments(results)))} at {visits}. Changes from "
                f"{md_escape(cfg.baseline.label)} were tested with the paired Wilcoxon signed-rank test, with Holm "
                "adjustment within each biomarker family and compartment.")
    return " ".join(text)


def abstract_results(results: Results) -> str:
    f = results.flow
    lead = (f"Of {plural(f.enrolled, 'enrolled participant')}, {f.analysed} "
            f"{'was' if f.analysed == 1 else 'were'} analysed for the primary endpoint.")
    return " ".join(x for x in (lead, biomarker_results(results, max_listed=3), safety_sentence(results)) if x)


def abstract_conclusions(results: Results) -> str:
    sig = changes(results)
    serious = _overview(results).get("serious")
    parts: list[str] = []
    if sig:
        names = [md_escape(_series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                        ch.comparison.label)) for ch in sig[:3]]
        dirs = {ch.direction for ch in sig[:3]}
        verb = dirs.pop() if len(dirs) == 1 else "changed"
        more = f" and {len(sig) - 3} other series" if len(sig) > 3 else ""
        parts.append(f"{join_words(names)}{more} {verb} after the intervention, while the other biomarkers did not "
                     "change significantly.")
        parts.append("Without a control group this change cannot be attributed to the treatment; it needs "
                     "confirmation in a controlled trial.")
    else:
        parts.append("No biomarker changed significantly after the intervention. The study was small and "
                     "uncontrolled, so this does not exclude an effect.")
    if serious is not None and serious.n_participants == 0:
        parts.append("No serious adverse event was recorded.")
    elif serious is not None:
        parts.append(f"{plural(serious.n_events, 'serious adverse event')} "
                     f"{'was' if serious.n_events == 1 else 'were'} recorded and should be weighed against "
                     "any benefit.")
    return " ".join(parts)


# Discussion -----------------------------------------------------------------------------

def discussion(results: Results) -> str:
    """A short, result-dependent discussion paragraph (no claims beyond the data)."""
    sig = changes(results)
    design = md_escape(_lower_first(results.config.design)) if results.config.design else "single-arm study"
    if sig:
        names = join_words([md_escape(_series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                                    ch.comparison.label)) for ch in sig[:3]])
        first = (f"In this {design}, {names} changed significantly between the first and the last visit, "
                 "and the other biomarkers did not. A change measured before and after a treatment in the same "
                 "participants may reflect the treatment, the natural course of the disease, regression to the "
                 "mean or differences in sampling and assay runs; a single-arm study cannot tell these apart.")
    else:
        first = (f"In this {design}, no biomarker changed significantly between the first and the last visit. "
                 "With few participants and many biomarkers, small changes may have been missed.")
    return first


def limitations(results: Results) -> str:
    n = results.flow.enrolled
    tested = len(_tested(results))
    return (f"The study has no control group, a small sample ({n} participants) and a short follow-up "
            f"({md_escape(_contrast_words(results, results.config.final_contrast))}). In all, "
            f"{plural(tested, 'biomarker series', 'biomarker series')} {'was' if tested == 1 else 'were'} "
            "compared; the Holm adjustment controls the family-wise error within each family and "
            "compartment but not across all of them, so isolated findings should be read as hypotheses. "
            "Biomarker changes are surrogate measures and do not show clinical benefit.")


# The bundle the documents use ----------------------------------------------------------

class ReportText:
    """All generated text of one results set, computed on first use (``context.text.abstract_results``)."""

    def __init__(self, results: Results) -> None:
        self.results = results

    def __getattr__(self, name: str) -> str:
        fn = _TEXT.get(name)
        if fn is None:
            raise AttributeError(f"ReportText has no text {name!r}; available: {', '.join(sorted(_TEXT))}")
        value = fn(self.results)
        setattr(self, name, value)
        return value


_TEXT = {
    "abstract_background": abstract_background,
    "abstract_methods": abstract_methods,
    "abstract_results": abstract_results,
    "abstract_conclusions": abstract_conclusions,
    "participant_flow": participant_flow,
    "baseline": baseline_sentence,
    "exposure": exposure_sentence,
    "biomarker_results": biomarker_results,
    "statistical_methods": statistical_methods,
    "software": software_sentence,
    "safety": safety_sentence,
    "serious_events": serious_events_sentence,
    "discussion": discussion,
    "limitations": limitations,
}


# Methods and results pieces used by the documents ------------------------------------------

def objectives(results: Results) -> str:
    cfg = results.config
    later, base = contrast_visits(results, cfg.final_contrast)
    fams = md_escape(_families_words(results).replace(" or ", " and "))
    comps = md_escape(join_words(_compartments(results)))
    text = (f"The objectives were to describe the change in {fams} biomarkers in {comps} from "
            f"{md_escape(_visit_label(results, base))} to {md_escape(_visit_label(results, later))}")
    prim = cfg.analysis.primary
    if prim is not None:
        contrast = prim.contrast or cfg.final_contrast
        text += (f", with {md_escape(_series_name(results, prim.compartment, prim.analyte))} at "
                 f"{md_escape(_contrast_words(results, contrast))} as the primary endpoint")
    return text + ", and to describe the safety of the intervention (harms)."


def design_text(results: Results) -> str:
    cfg = results.config
    out = [_sentence(md_escape(cfg.design)) if cfg.design else "Single-arm study."]
    out.append("All participants received the same intervention: there was no control group, no random "
               "allocation and no blinding, and the analysis is exploratory (paired comparisons of each "
               "participant's later visits with the baseline visit).")
    visits = join_words([f"{md_escape(v.label)}" for v in cfg.visits])
    out.append(f"Visits were scheduled at {visits}; {md_escape(cfg.baseline.label)} is the baseline.")
    if cfg.reporting_period:
        out.append(f"Reporting period: {md_escape(cfg.reporting_period)}.")
    if cfg.data_cutoff:
        out.append(f"Data cut-off: {format_date(cfg.data_cutoff)}.")
    return " ".join(out)


def setting_text(results: Results) -> str:
    cfg = results.config
    f = results.flow
    out = []
    if cfg.site:
        out.append(f"The study was conducted at {md_escape(cfg.site)}.")
    out.append(f"People with ALS were assessed for eligibility by the investigators ({f.assessed} assessed, "
               f"{f.enrolled} enrolled); the reasons for not enrolling are given with the participant flow.")
    return " ".join(out)


def intervention_text(results: Results) -> str:
    cfg = results.config
    ex = results.exposure
    out = []
    if cfg.intervention:
        out.append(_sentence(md_escape(cfg.intervention)))
    if cfg.dose_cells_per_kg and not cfg.intervention:
        out.append(f"The planned dose was {_dose_words(cfg.dose_cells_per_kg)} cells/kg body weight per infusion.")
    by_no: dict[int, tuple[str, list[str]]] = {}
    for i in ex.by_infusion:
        by_no.setdefault(i.infusion_no, (i.visit, []))[1].append(i.route)
    if by_no:
        sched = [f"infusion {no} at {md_escape(_visit_label(results, visit))} ({md_escape(join_words(routes))})"
                 for no, (visit, routes) in sorted(by_no.items())]
        out.append(f"Schedule: {join_words(sched)}.")
    return " ".join(out)


def _dose_words(dose: float) -> str:
    """``1000000`` → ``1 × 10⁶`` (a planned dose from study.yml, written as a power of ten)."""
    exp = int(math.floor(math.log10(dose))) if dose > 0 else 0
    mant = dose / 10 ** exp
    sup = str(exp).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    m = fmt_num(mant, 0 if float(mant).is_integer() else 1)
    return f"{m} × 10{sup}"


def outcomes_text(results: Results) -> str:
    cfg = results.config
    later, base = contrast_visits(results, cfg.final_contrast)
    groups: dict[tuple[str, str], list[str]] = {}
    order = _order_key(results)
    for s in sorted(results.series, key=order):
        groups.setdefault((s.family, s.compartment), []).append(md_escape(_label(results, s.analyte, s.label)))
    listing = "; ".join(f"{md_escape(fam)} markers in {md_escape(comp)}: {join_words(names)}"
                        for (fam, comp), names in groups.items())
    out = []
    prim = cfg.analysis.primary
    if prim is not None:
        contrast = prim.contrast or cfg.final_contrast
        p_later, p_base = contrast_visits(results, contrast)
        out.append(f"The primary endpoint was the change in "
                   f"{md_escape(_series_name(results, prim.compartment, prim.analyte))} from "
                   f"{md_escape(_visit_label(results, p_base))} to {md_escape(_visit_label(results, p_later))}, "
                   "summarised by the Hodges–Lehmann estimate of the paired change.")
    out.append(f"Secondary endpoints were the changes from {md_escape(_visit_label(results, base))} to each later "
               f"visit of every other analyte in each compartment where it was measured ({listing}).")
    out.append("Values are reported in the units of the laboratory; each series was analysed on its own.")
    return " ".join(out)


def harms_methods(results: Results) -> str:
    return ("Adverse events were recorded by the investigators with their term and system organ class, a severity "
            "grade from 1 (mild) to 5 (death), whether they were serious, their relatedness to the intervention "
            "and, where applicable, the infusion they followed and the day of onset after it. Events judged "
            "possibly, probably or definitely related count as related. Laboratory safety is described by the "
            "shift from the baseline reference-range category to the worst category after baseline and by a "
            "listing of every value outside the laboratory's reference range.")


def sample_size_text(results: Results) -> str:
    return (f"No sample-size calculation is recorded in the study files; all {results.flow.enrolled} enrolled "
            "participants are included, each in the analyses for which they have data. The report analyses all "
            "data available at the data cut-off; no interim analysis or stopping rule is recorded.")


def recruitment_text(results: Results) -> str:
    cfg = results.config
    out = []
    if cfg.reporting_period:
        out.append(f"The reporting period was {_lower_first(md_escape(cfg.reporting_period))}")
    if cfg.data_cutoff:
        out.append((", with a" if out else "The") + f" data cut-off {'on' if out else 'was'} "
                   f"{format_date(cfg.data_cutoff)}")
    text = ("".join(out) + ". ") if out else ""
    return text + (f"Follow-up ended at the last scheduled visit ({md_escape(cfg.visits[-1].label)}).")


def sensitivity_text(results: Results) -> str:
    c = results.primary
    if c is None:
        return ("The paired t-test and the Friedman test across all visits were computed for every series "
                "as sensitivity analyses.")
    name = md_escape(_series_name(results, c.compartment, c.analyte, c.label))
    parts = []
    try:
        t = results.comparison(c.analyte, c.compartment, c.contrast, test="paired_t")
        parts.append(f"the paired t-test gave {p_phrase(t.pvalue)}")
    except KeyError:
        pass
    try:
        fr = results.comparison(c.analyte, c.compartment, test="friedman")
        parts.append(f"the Friedman test across all visits {p_phrase(fr.pvalue)}")
    except KeyError:
        pass
    if not parts:
        return ""
    return (f"For the primary endpoint, {name}, {join_words(parts)} (Wilcoxon signed-rank test: "
            f"{p_phrase(c.pvalue)}).")


def screen_failures(results: Results) -> str:
    """Markdown bullet list of the reasons for not enrolling (from the CONSORT flow)."""
    f = results.flow
    if not f.excluded_reasons:
        return f"All {f.assessed} people assessed were enrolled."
    return "\n".join(f"- {md_escape(r.reason)}: {r.n}" for r in f.excluded_reasons) + "\n"


def disposition_list(results: Results) -> str:
    """Markdown bullet list: enrolled, each infusion received, discontinued (with reasons), completed, analysed."""
    f = results.flow
    items = [f"- Assessed for eligibility: {f.assessed}", f"- Not enrolled: {f.excluded}",
             f"- Enrolled: {f.enrolled}"]
    for s in f.infusions:
        line = f"- Received infusion {s.infusion_no} ({md_escape(_visit_label(results, s.visit))}): {s.n_received}"
        notes = []
        if s.not_received:
            notes.append("not received: " + "; ".join(f"{md_escape(r.reason)}, {r.n}" for r in s.not_received))
        if s.resumed:
            notes.append(f"including {md_escape(', '.join(s.resumed))}, who had missed an earlier infusion")
        if notes:
            line += " (" + "; ".join(notes) + ")"
        items.append(line)
    if f.discontinued:
        for d in f.discontinued:
            when = "before the first infusion" if d.after_infusion == 0 else f"after infusion {d.after_infusion}"
            who = f" — {md_escape(', '.join(d.participants))}" if d.participants else ""
            items.append(f"- Discontinued {when}: {d.n} ({md_escape(d.reason)}){who}")
    else:
        items.append("- Discontinued: 0")
    items.append(f"- Completed follow-up: {f.completed}")
    items.append(f"- Analysed for the primary endpoint ({md_escape(f.analysed_series)}): {f.analysed}")
    return "\n".join(items) + "\n"


def safety_key_facts(results: Results) -> str:
    """Markdown bullet list of the numbers an ethics board looks at first."""
    f = results.flow
    ov = _overview(results)

    def count(key: str) -> str:
        e = ov.get(key)
        if e is None:
            return "—"
        if e.n_participants == 0:
            return "none"
        return f"{plural(e.n_participants, 'participant')} ({fmt_percent(e.percent)}), {plural(e.n_events, 'event')}"

    exposed = f.infusions[0].n_received if f.infusions else 0
    serious_related = [e for e in results.safety.serious_events if e.related]
    items = [
        f"- Participants enrolled: {f.enrolled}",
        f"- Participants exposed (at least one infusion): {exposed}",
        f"- Participants who discontinued: {f.n_discontinued}",
        f"- Any adverse event: {count('any')}",
        f"- Serious adverse events: {count('serious')}",
        f"- Serious adverse events possibly, probably or definitely related: "
        f"{len(serious_related) if serious_related else 'none'}",
        f"- Adverse events of grade 3 or higher: {count('grade>=3')}",
        f"- Deaths: {count('death')}",
    ]
    return "\n".join(items) + "\n"


_TEXT.update({
    "objectives": objectives,
    "design": design_text,
    "setting": setting_text,
    "intervention": intervention_text,
    "outcomes": outcomes_text,
    "harms_methods": harms_methods,
    "sample_size": sample_size_text,
    "recruitment": recruitment_text,
    "sensitivity": sensitivity_text,
    "screen_failures": screen_failures,
    "disposition": disposition_list,
    "key_facts": safety_key_facts,
})
