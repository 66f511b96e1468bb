"""alsreport.present.format: the one rule for showing numbers, and that tables, figures and text follow it.

For the same value the biomarker table's cell, the forest plot's text and the
generated sentence show the same string: estimates, confidence intervals,
medians, IQRs and p-values, including zero, negative zero, a value that rounds
to zero, an all-zero series and values below the LOD.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from html import unescape

import numpy as np
import pytest
from great_tables import vals
from matplotlib.text import Text

from alsreport.present import format as fmt
from alsreport.present import prose
from alsreport.present.figures.forest import forest_figure, forest_rows
from alsreport.present.figures.style import figure_style
from alsreport.present.figures.trajectories import trajectory_figure
from alsreport.present.tables.baseline import baseline_table
from alsreport.present.tables.biomarkers import biomarker_table
from alsreport.results.model import Characteristic, ConfidenceInterval, Results
from figures_fixtures import other_results
from tables_fixtures import HandSeries, example_results, hand_results

NBSP = "\u00a0"


# The rule itself -----------------------------------------------------------------------

@pytest.mark.parametrize("x, decimals, shown", [
    (-1.914, 2, "\u22121.91"),
    (1234.5, 1, "1234.5"),          # no thousands separator
    (0.0, 2, "0.00"),
    (-0.0, 2, "0.00"),              # negative zero has no sign
    (-0.001, 2, "0.00"),            # rounds to zero: no sign
    (-0.004999, 2, "0.00"),
    (-0.005001, 2, "\u22120.01"),
    (0.125, 2, "0.12"),             # the binary value of 0.125 is exact: half to even
    (2.675, 2, "2.67"),             # 2.675 is 2.67499999… in binary
    (math.nan, 2, "—"),
    (math.inf, 1, "—"),
    (None, 2, "—"),
])
def test_number(x, decimals, shown) -> None:
    assert fmt.number(x, decimals) == shown


def test_number_is_great_tables_fmt_number() -> None:
    """The tables write numbers with great-tables' public fmt_number: the same text for every value tried."""
    values = [0.0, -0.0, -0.001, 0.001, -0.0049, -0.005, 0.015, 0.025, 1.005, 2.675, -9.995, 99.95, 123456.789,
              -1e-9, 1e-9, 0.1 + 0.2]
    for x in values:
        for d in range(4):
            assert fmt.number(x, d) == vals.fmt_number(x, decimals=d, use_seps=False)[0], (x, d)


@pytest.mark.parametrize("values, decimals", [
    ([250], 0), ([12.3], 1), ([1.2], 2), ([0.9], 2), ([0.05], 3),
    ([0.0, 0.0, 0.0], 2),          # an all-zero series: 2, as when there are no values
    ([], 2), ([math.nan], 2), ([-0.0], 2),
    ([-150.0, 2.0], 0),            # by magnitude
])
def test_decimals_for(values, decimals) -> None:
    assert fmt.decimals_for(values) == decimals


@pytest.mark.parametrize("p, printed", [
    (0.0011596679687500004, "0.001"),   # R: wilcox.test(...)$p.value of the example's primary endpoint
    (0.00099, "<0.001"),
    (0.0499, "0.050"),
    (0.9991, ">0.999"),
    (1.0, ">0.999"),
    (math.nan, "—"),
    (None, "—"),
    ("not a number", "—"),
])
def test_p_value(p, printed) -> None:
    assert fmt.p_value(p) == printed


def test_p_value_escaped_signs_and_phrase() -> None:
    assert fmt.p_value(1e-9, lt="&lt;") == "&lt;0.001"
    assert fmt.p_value(1.0, gt=r"\textgreater{}") == r"\textgreater{}0.999"
    assert fmt.p_value(math.inf, missing="") == ""
    assert fmt.p_phrase(0.0011) == f"p{NBSP}={NBSP}0.001"
    assert fmt.p_phrase(0.0001) == f"p{NBSP}<{NBSP}0.001"
    assert fmt.p_phrase(math.nan) == "p not computed"


def test_intervals_counts_percentages() -> None:
    # a range never breaks inside: no-break spaces around "to", a word joiner after the en dash (issue #10)
    assert fmt.ci(-2.512, -0.001, 2) == "\u22122.51\u00a0to\u00a00.00"
    assert fmt.iqr(7.123, 9.8, 2) == "7.12–\u20609.80"
    assert fmt.median_iqr(9.06, 7.12, 9.8, 2) == "9.06 [7.12–\u20609.80]"
    assert fmt.median_iqr(9.06, math.nan, 9.8, 2) == "9.06"
    assert fmt.estimate_ci(-1.9, -2.512, -1.11, 2) == "\u22121.90 (\u22122.51\u00a0to\u00a0\u22121.11)"
    assert fmt.estimate_ci(-1.9, math.nan, -1.11, 1) == "\u22121.9" and fmt.estimate_ci(math.nan, 0, 1) == "—"
    assert fmt.count(1234) == "1,234" and fmt.count(None) == "—"
    assert fmt.n_eq(15) == f"(n{NBSP}={NBSP}15)"
    assert fmt.n_is(1234) == f"n{NBSP}={NBSP}1,234"   # inside a list that has its own brackets
    assert fmt.percent(93.3333) == "93.3%" and fmt.percent(math.nan) == "—"
    assert fmt.conf_label(0.95) == f"95%{NBSP}CI"


@pytest.mark.parametrize("unit, printed", [
    ("10^9/L", "10⁹/L"), ("10^{12}/L", "10¹²/L"), ("10^-3 mm^2", "10⁻³ mm²"), ("mL/min/1.73m^2", "mL/min/1.73m²"),
    ("pg/mL", "pg/mL"), ("", ""), (None, ""),
])
def test_display_unit(unit, printed) -> None:
    assert fmt.display_unit(unit) == printed


def test_a_unit_in_the_text_does_not_break_after_its_slash() -> None:
    """Session 25 reader: the PDF abstract broke "−1.9 pg/mL" after the slash; the text joins it (U+2060, which the
    HTML writers turn into a nowrap span: render.unbroken), the tables and figures keep display_unit."""
    assert fmt.unit_in_text("pg/mL") == "pg/\u2060mL"
    assert fmt.unit_in_text("10^9/L") == "10⁹/\u2060L" and fmt.unit_in_text("mg") == "mg" and fmt.unit_in_text(None) == ""


def test_dates_and_below_lod_words() -> None:
    assert fmt.format_date("2024-01-31") == "31 January 2024"
    assert fmt.format_date(dt.date(2024, 2, 1)) == "1 February 2024"
    assert fmt.format_date("soon") == "soon" and fmt.format_date(None) == ""
    assert fmt.below_lod_rule("half_lod") == "replaced by half the LOD"
    assert fmt.below_lod_plotted("half_lod") == "plotted at LOD/2"
    assert fmt.below_lod_rule("exclude") == "excluded from the analysis"


# Tables, figures and text agree ----------------------------------------------------------

SERIES = HandSeries("NfL", "Neurofilament light", "immunological", "plasma", "pg/mL", (21.4, 19.8, 17.2),
                    pvalue=0.0004, p_holm=0.0004, n_pairs=11, n_below_lod=2)


def _results(estimate: float, low: float, high: float, medians: tuple[float, float, float] | None = None,
             q1s: tuple[float, ...] | None = None, q3s: tuple[float, ...] | None = None,
             pvalue: float = 0.0004) -> Results:
    """Hand-made results whose final Wilcoxon comparison and descriptives carry the given values."""
    res = hand_results((SERIES,))
    final = res.config.final_contrast
    comps = tuple(replace(c, estimate=estimate, ci=ConfidenceInterval(low, high, 0.95), pvalue=pvalue, p_holm=pvalue)
                  if c.test == "wilcoxon" and c.contrast == final else c for c in res.comparisons)
    descs = res.descriptives
    if medians is not None:
        codes = res.config.visit_codes
        q1s = q1s or medians
        q3s = q3s or medians
        descs = tuple(replace(d, median=medians[codes.index(d.visit)], q1=q1s[codes.index(d.visit)],
                              q3=q3s[codes.index(d.visit)]) for d in descs)
    return replace(res, comparisons=comps, descriptives=descs)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ").replace("\u2060", "")).strip()  # as read: joiners invisible


def _table_cells(res: Results) -> list[str]:
    """The body cells of the biomarker table's first row, as shown (tags removed, one-line layout)."""
    html = biomarker_table(res, stacked=False).gt.as_raw_html()
    body = html.split('<tbody class="gt_table_body">')[1].split("</tbody>")[0]
    row = next(r for r in body.split("</tr>") if "<td" in r)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
    cells = [re.sub(r'<span class="gt_footnote_marks"[^>]*>.*?</span>', "", c, flags=re.S) for c in cells]
    return [_plain(unescape(re.sub(r"<[^>]+>", " ", c))) for c in cells]


def _figure_texts(res: Results) -> dict[str, str]:
    with figure_style():
        fig = forest_figure(res, SERIES.family, SERIES.compartment)
    return {t.get_gid(): _plain(t.get_text()) for t in fig.findobj(Text) if t.get_gid()}


def _forest_change(res: Results) -> str:
    """What the forest plot prints: the change on its drawn scale (% of the baseline median), through
    format.number like every other number (the plot draws relative change; the table and the text
    give the same estimate in native units)."""
    row = next(r for r in forest_rows(res, SERIES.family, SERIES.compartment) if r.series.analyte == SERIES.analyte)
    if not math.isfinite(row.relative):
        return "—"
    text = fmt.percent(row.relative)       # one decimal in every row, as the tables' percentages (issue #10)
    if math.isfinite(row.relative_low) and math.isfinite(row.relative_high):
        text += f" ({fmt.ci(row.relative_low, row.relative_high, 1)})"
    assert not re.search(r"−0\.0(?!\d*[1-9])", text), text  # no negative zero
    return text


def _sentence(res: Results) -> str:
    return _plain(prose.change_sentence(res, prose.primary_change(res)))


CASES = {
    "ordinary": dict(estimate=-1.914, low=-2.512, high=-1.108),
    "zero": dict(estimate=0.0, low=-0.5, high=0.5),
    "negative zero": dict(estimate=-0.0, low=-0.0, high=0.25),
    "rounds to zero": dict(estimate=-0.001, low=-0.004, high=0.003),
    "all-zero series": dict(estimate=0.0, low=-0.001, high=0.0, medians=(0.0, 0.0, 0.0)),
    "below the LOD": dict(estimate=-0.125, low=-0.25, high=0.0, medians=(0.25, 0.25, 0.125),
                          q1s=(0.25, 0.25, 0.125), q3s=(0.5, 0.4, 0.3)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_estimate_and_ci_agree(case: str) -> None:
    res = _results(**CASES[case])
    c = res.primary
    d = fmt.series_decimals(res)[(c.compartment, c.analyte)]
    est, ci = fmt.number(c.estimate, d), _plain(fmt.ci(c.ci.low, c.ci.high, d))
    assert "−0.00" not in est + ci
    cells = _table_cells(res)
    assert f"{est} ({ci})" in cells
    figure = _figure_texts(res)
    assert figure[f"forest-change-{c.analyte}"] == _plain(_forest_change(res))
    sentence = _sentence(res)
    assert f"Hodges–Lehmann estimate of the change {est} pg/mL, 95% CI {ci};" in sentence


@pytest.mark.parametrize("case", list(CASES))
def test_medians_and_iqr_agree(case: str) -> None:
    res = _results(**CASES[case])
    c = res.primary
    d = fmt.series_decimals(res)[(c.compartment, c.analyte)]
    cells = _table_cells(res)
    later, base = fmt.contrast_visits(res.config, c.contrast)
    by_visit = {x.visit: x for x in res.descriptives if x.analyte == c.analyte}
    for code in res.config.visit_codes:
        x = by_visit[code]
        assert _plain(fmt.median_iqr(x.median, x.q1, x.q3, d)) in cells
    sentence = _sentence(res)
    assert f"median of {fmt.number(by_visit[base].median, d)} pg/mL" in sentence \
        or f"median {fmt.number(by_visit[base].median, d)} pg/mL" in sentence
    assert f"{fmt.number(by_visit[later].median, d)} pg/mL at Week 24" in sentence


def test_all_zero_series_has_two_decimals_everywhere() -> None:
    res = _results(**CASES["all-zero series"])
    c = res.primary
    assert fmt.series_decimals(res)[(c.compartment, c.analyte)] == 2
    assert "0.00 [0.00–0.00]" in _table_cells(res)
    assert _figure_texts(res)[f"forest-change-{c.analyte}"] == _forest_change(res) == "—"  # baseline median 0: no relative scale
    assert "estimate of the change 0.00 pg/mL, 95% CI 0.00 to 0.00" in _sentence(res)


@pytest.mark.parametrize("p", [0.0004, 0.0123, 0.5, 0.99995])
def test_p_values_agree(p: float) -> None:
    res = _results(-1.914, -2.512, -1.108, pvalue=p)
    c = res.primary
    shown = fmt.p_value(p)
    cells = _table_cells(res)
    # The primary is judged on its unadjusted p (the default), so the mark sits on that cell, not on Holm's
    assert cells[-2].rstrip("*") == shown and cells[-1] == shown
    assert cells[-2].endswith("*") == (p < 0.05)
    figure = _figure_texts(res)
    assert figure[f"forest-p-{c.analyte}"] == shown == figure[f"forest-pholm-{c.analyte}"]
    assert f"{_plain(fmt.p_phrase(p))}, Holm-adjusted {_plain(fmt.p_phrase(p))}" in _sentence(res)


def test_iqr_agrees_in_table_1_and_the_baseline_sentence() -> None:
    res = hand_results((SERIES,))
    score = Characteristic(variable="alsfrs_r_baseline", label="ALSFRS-R", kind="continuous", n=12, mean=38.0,
                           sd=4.0, median=38.05, q1=-0.04, q3=41.25, min=30, max=45)
    res = replace(res, baseline=res.baseline + (score,))
    html = _plain(unescape(re.sub(r"<[^>]+>", " ", baseline_table(res).gt.as_raw_html())))
    iqr = _plain(fmt.iqr(score.q1, score.q3, 1))
    assert iqr == "0.0–41.2"
    assert f"{fmt.number(score.median, 1)} [{iqr}]" in html
    assert f"the median ALSFRS-R score was {fmt.number(score.median, 1)} (IQR {iqr})" in _plain(
        prose.baseline_sentence(res))


def test_below_lod_wording_is_one_rule_in_table_figure_and_methods() -> None:
    res = other_results()  # a second study with values below the LOD of plasma NfL
    rule = res.config.analysis.below_lod
    table = _plain(unescape(re.sub(r"<[^>]+>", " ", biomarker_table(res).gt.as_raw_html())))
    assert f"Results below the limit of detection (LOD) were {fmt.below_lod_rule(rule)}:" in table
    assert f"were {fmt.below_lod_rule(rule)};" in _plain(prose.statistical_methods(res))
    with figure_style():
        fig = trajectory_figure(res, "NfL", "plasma")
    legend = " ".join(t.get_text() for t in fig.findobj(Text))
    assert f"Below LOD ({fmt.below_lod_plotted(rule)})" in legend


@pytest.mark.parametrize(("compartment", "label", "mid", "start"), [
    ("CSF", "TNF-α", "CSF TNF-α", "CSF TNF-α"),
    ("serum", "IL-6", "serum IL-6", "Serum IL-6"),
    ("serum", "Albumin", "serum albumin", "Serum albumin"),          # was 'serum Albumin'
    ("CSF", "Total protein", "CSF total protein", "CSF total protein"),
    ("blood", "White blood cells", "white blood cells", "White blood cells"),  # was 'blood White blood cells'
    ("serum", "C-reactive protein", "serum C-reactive protein", "Serum C-reactive protein"),
    ("serum", "Na", "serum Na", "Serum Na"),                          # symbols and acronyms keep their case
    ("CSF", "pH", "CSF pH", "CSF pH"),
])
def test_series_title_reads_as_words(compartment, label, mid, start):
    assert fmt.series_title(compartment, label) == mid
    assert fmt.series_title(compartment, label, start=True) == start


def test_counts_side_by_side_are_one_unbreakable_value():
    from alsreport.present.format import counts_of

    assert counts_of(12, 11, 11) == "12\u00a0/\u00a011\u00a0/\u00a011"
    assert counts_of(1234, 0) == "1,234\u00a0/\u00a00"


def test_a_table_row_always_leads_with_its_compartment():
    from alsreport.present.format import series_title

    assert series_title("blood", "White blood cells") == "white blood cells"          # a sentence
    assert series_title("blood", "White blood cells", row=True) == "Blood white blood cells"
    assert series_title("blood", "Lymphocytes", row=True) == "Blood lymphocytes"
    assert series_title("CSF", "TNF-α", row=True) == "CSF TNF-\u2060α"    # the hyphen never ends a line
    assert series_title("", "Albumin", row=True) == "Albumin"


def test_a_name_never_breaks_after_its_hyphen_and_keeps_the_hyphen_minus():
    """"CSF IL-" / "6 (pg/mL)" at 390 px (reader 9): a word joiner follows a hyphen between two letters or digits;
    the hyphen stays U+002D (no U+2011), so "IL-6" is still found by text search."""
    from alsreport.present.format import NAME_HYPHEN, unbroken_name

    assert NAME_HYPHEN == "-\u2060"
    assert unbroken_name("Serum IL-10 (pg/mL)") == "Serum IL-\u206010 (pg/mL)"
    assert unbroken_name("CSF TNF-α") == "CSF TNF-\u2060α"
    assert unbroken_name("Anti-MOG - total -5") == "Anti-\u2060MOG - total -5"   # only inside a word
    assert "\u2011" not in unbroken_name("IL-17A") and unbroken_name("IL-17A").replace("\u2060", "") == "IL-17A"


def test_a_visit_label_in_a_table_never_breaks_between_its_word_and_its_number():
    """Issue #10's readers: "Month" / "0" in the safety report's laboratory table at 390 px."""
    from alsreport.present.format import table_visit_label, unbroken_label

    cfg = example_results().config
    assert [table_visit_label(cfg, v) for v in cfg.visit_codes] == [f"Month\u00a0{m}" for m in range(4)]
    assert unbroken_label("Infusion 3 (Month 2)") == "Infusion\u00a03 (Month\u00a02)"
    assert unbroken_label("Day −14 screening") == "Day\u00a0−14 screening"
    assert unbroken_label("Baseline") == "Baseline" and unbroken_label("12 weeks after") == "12 weeks after"


def test_a_reference_range_prints_both_limits_at_the_analytes_decimals():
    """Reader 12a's item 8: "2.4–7", "1–4.8", "12–17.5", "4–11" mixed decimals within a range and against the medians
    beside it. Both limits at the analyte's decimals; never fewer than a limit was given with (nothing rounded)."""
    from alsreport.present.format import NBSP, RANGE_DASH, reference_range

    assert reference_range(2.4, 7, 2) == f"2.40{RANGE_DASH}7.00"
    assert reference_range(12, 17.5, 1) == f"12.0{RANGE_DASH}17.5"
    assert reference_range(4, 11, 2) == f"4.00{RANGE_DASH}11.00"
    assert reference_range(30, 200, 0) == f"30{RANGE_DASH}200"
    assert reference_range(0.6, 1.2, 0) == f"0.6{RANGE_DASH}1.2"      # a limit's own decimal is kept
    assert reference_range(0.125, 1, 1) == f"0.125{RANGE_DASH}1.000"
    assert reference_range(3.5, None, 0) == f"≥{NBSP}3.5" and reference_range(float("nan"), 200, 0) == f"≤{NBSP}200"
    assert reference_range(None, float("nan")) == "—"


def test_the_recorded_precision_is_the_most_decimals_an_observed_value_has():
    """Reader 13a's item 2: the decimals of a series follow how its values were recorded (ALT "50" → 0, CRP "5.2" → 1,
    CSF TNF-α "9.06" → 2), not the size of its medians ("50.0", "5.20" were printed); summaries at most one decimal more; values below the LOD were substituted (half the LOD) and do not count."""
    from analysis_helpers import example_results

    from alsreport.present.format import _row_decimals, recorded_decimals, series_decimals, value_decimals

    assert _row_decimals(np.array([50.0, 5.2, 0.125, 7.0, 1234.5678, 0.1 + 0.2, -2.5])).tolist() == [0, 1, 3, 0, 4, 1, 1]
    res = example_results()
    recorded = recorded_decimals(res)
    assert {k: recorded[k] for k in [("serum", "ALT"), ("serum", "CRP"), ("blood", "WBC"), ("CSF", "TNF-alpha"),
                                     ("serum", "ALP"), ("CSF", "IL-17A")]} == {
        ("serum", "ALT"): 0, ("serum", "CRP"): 1, ("blood", "WBC"): 1, ("CSF", "TNF-alpha"): 2, ("serum", "ALP"): 0,
        ("CSF", "IL-17A"): 2}
    assert value_decimals(res) == recorded   # every series of the example has observed values
    summary = series_decimals(res)   # about three significant digits, at most one decimal beyond the recorded
    assert [summary[k] for k in [("serum", "ALT"), ("serum", "CRP"), ("blood", "WBC"), ("CSF", "TNF-alpha"),
                                 ("serum", "ALP")]] == [1, 2, 2, 1, 0]
    assert all(summary[k] <= d + 1 for k, d in recorded.items())
    from alsreport.present.format import decimals
    assert decimals(res) == fmt.Decimals(summary=summary, values=recorded)   # both rules, one reading
    data = res.analysis_data.copy()
    below = (data["censoring"] == "below").to_numpy()
    assert below.any()
    data.loc[below, "value"] = 0.125   # a substituted value's decimals are not the laboratory's
    assert recorded_decimals(replace(res, analysis_data=data)) == recorded


def test_a_power_of_ten_never_breaks_across_lines():
    """Session 26 reader: "1 ×" at a line's end, "10⁶ cells/kg" on the next (§2.4): no-break spaces around ×."""
    from alsreport.present.format import power_of_ten

    assert power_of_ten(1_000_000) == "1\u00a0×\u00a010⁶"
    assert power_of_ten(500_000, 6) == "0.5\u00a0×\u00a010⁶"
    assert power_of_ten(2_500) == "2.5\u00a0×\u00a010³"
    assert power_of_ten(1_234_567, 6) == "1.235\u00a0×\u00a010⁶"   # at most 3 decimals


def test_detection_limit_as_written_with_its_unit():
    from alsreport.present.format import detection_limit

    assert detection_limit(0.6, "pg/mL") == "LOD\u00a00.6\u00a0pg/\u2060mL"     # no break after the slash
    assert detection_limit(5, "10^9/L") == "LOD\u00a05\u00a010⁹/\u2060L"     # no decimals added, the unit as printed
    assert detection_limit(0.125, "") == "LOD\u00a00.125"
    assert detection_limit(float("nan"), "pg/mL") == ""              # none, or more than one in the data


def test_label_in_text_lowers_an_ordinary_word_only() -> None:
    from alsreport.present.format import label_in_text
    assert label_in_text("Neurofilament") == "neurofilament"
    assert label_in_text("Neurofilament light chain") == "neurofilament light chain"
    for kept in ("IL", "CSF markers", "TNF-α", "Na", "pH", "Th17 cytokines", "immunological"):
        assert label_in_text(kept) == kept
