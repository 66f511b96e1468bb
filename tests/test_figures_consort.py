"""Figure 1, the CONSORT flow diagram: its text comes from ``results.flow``, its geometry holds.

Content is checked in the SVG (text kept as ``<text>``); geometry from the rendered
extents (``layout_boxes``), for the example, a hand-made flow that tries to break the
layout and a second study.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from matplotlib.transforms import Bbox

from alsreport.present.figures import consort_figure, layout_boxes, layout_problems
from alsreport.present.figures.consort_check import BoxLayout
from alsreport.present.figures.style import FIGURE_MM, FONT_PT, MM
from alsreport.present.format import n_eq
from alsreport.results.model import Results
from figures_fixtures import LONG, UNBREAKABLE, example_results, figure_svg_bytes, other_results, stress_results, svg_text

CASES = {"example": example_results, "stress": stress_results, "other": other_results}


def _squash(text: str) -> str:
    """Without any white space: wrapped lines (even a word split by characters) compare equal to the source."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _reason_items(reason: str, n: int) -> list[str]:
    """A reason's words and count: a bracketed detail is printed after its heading, the count after the detail
    ("Did not meet inclusion criteria …: ALSFRS-R below 24 (n = 2)")."""
    m = re.match(r"^(?P<head>[^()]+?)\s*\((?P<detail>[^()]+)\)$", reason.strip())
    if m is None:
        return [f"{reason} {n_eq(n)}"]
    return [m.group("head"), f"{m.group('detail')} {n_eq(n)}"]


def _expected_items(results: Results) -> list[str]:
    """Every count and every reason with its count, as the flow holds them."""
    f = results.flow
    items = [n_eq(f.assessed), n_eq(f.excluded), n_eq(f.enrolled), n_eq(f.completed), n_eq(f.analysed)]
    items += [x for r in f.excluded_reasons for x in _reason_items(r.reason, r.n)]
    for stage in f.infusions:
        items.append(n_eq(stage.n_received))
        items += [x for r in stage.not_received for x in _reason_items(r.reason, r.n)]
        if stage.not_received:
            items.append(n_eq(sum(r.n for r in stage.not_received)))
    items += [x for d in f.discontinued for x in _reason_items(d.reason, d.n)]
    if f.compartments:   # one analysis box per compartment (the primary endpoint in its compartment's box)
        left = {p for d in f.discontinued for p in d.participants}
        for c in f.compartments:
            # not those who left the study early: the follow-up box above counts them (session 29 reader)
            excluded = [r for r in c.not_analysed if not set(r.participants) <= left]
            items += [n_eq(c.analysed), n_eq(sum(r.n for r in excluded))]
            # capitalised, a sample missing without a reason saying so (session 27 readers)
            items += [x for r in excluded for x in _reason_items(
                re.sub(r"^No sample( at [^:]*)$", r"Missing\1 with no reason recorded", f"{r.reason[:1].upper()}{r.reason[1:]}"),
                r.n)]
            items += [x for r in c.below_lod_excluded for x in _reason_items(r.reason, r.n)]
        return items
    items += [x for r in f.not_analysed for x in _reason_items(r.reason, r.n)]
    items.append(n_eq(sum(r.n for r in f.not_analysed)))
    return items


@pytest.fixture(scope="module", params=list(CASES))
def case(request: pytest.FixtureRequest) -> tuple[Results, object, bytes]:
    results = CASES[request.param]()
    fig = consort_figure(results)
    return results, fig, figure_svg_bytes(fig)


def test_every_count_and_reason_is_in_the_svg(case) -> None:
    results, _, svg = case
    text = _squash(svg_text(svg))
    missing = [item for item in _expected_items(results) if _squash(item) not in text]
    assert not missing


def test_stress_flow_really_has_long_and_unbreakable_reasons() -> None:
    reasons = [r.reason for r in stress_results().flow.excluded_reasons]
    assert LONG in reasons and UNBREAKABLE in reasons
    assert stress_results().flow.assessed >= 10_000


def test_each_infusion_stage_has_its_box_with_its_visit(case) -> None:
    results, fig, svg = case
    names = [b.name for b in layout_boxes(fig)]
    for stage in results.flow.infusions:
        assert f"infusion{stage.infusion_no}" in names
        label = results.config.visit(stage.visit).label
        assert _squash(f"Received infusion {stage.infusion_no}") in _squash(svg_text(svg))
        assert _squash(f"at {label}") in _squash(svg_text(svg))


def test_analysed_box_names_the_series_and_contrast(case) -> None:
    results, _, svg = case
    series = results.flow.analysed_series
    if results.flow.compartments:   # the compartment names the box, the analyte the primary endpoint
        from alsreport.present.format import label_in_text   # mid-line as the text writes it (session 33)
        series = label_in_text(series.removeprefix(f"{results.flow.analysed_compartment} "))
    assert _squash(series) in _squash(svg_text(svg, "consort-text-analysed"))


def test_one_analysis_box_per_compartment_with_its_exclusions() -> None:
    """Issue #10: the flow said "Completed 15, Excluded 0" although blood has 14 pairs at Month 3."""
    results = example_results()
    fig = consort_figure(results)
    svg = figure_svg_bytes(fig)
    boxes = {b.name: b for b in layout_boxes(fig)}
    assert [n for n in boxes if n.startswith("analysed")] == ["analysed1", "analysed2", "analysed3"]
    csf, serum, blood = (_squash(svg_text(svg, f"consort-text-analysed{k}-")) for k in (1, 2, 3))
    assert csf.startswith(_squash("CSF analysed (n = 15)")) and _squash("Primary endpoint, TNF-α (n = 15)") in csf
    assert serum.startswith(_squash("Serum analysed (n = 15)")) and "Primary" not in serum
    assert blood.startswith(_squash("Blood analysed (n = 14)"))
    assert _squash("Not analysed (n = 1) • Missing at Month 3 with no reason recorded (n = 1)") in blood
    # the samples missing at the visits between, with their reasons (session 27 readers: "CSF Excluded (n = 0)"
    # while CSF was missing at Months 1 and 2; serum at Month 2)
    assert _squash("Not analysed (n = 0) Sample missing at another visit (n = 2) • Missing at Month 1 with no reason recorded (n = 1) "
                   "• Lumbar puncture unsuccessful at Month 2 (n = 1)") in csf
    assert _squash("Sample missing at another visit (n = 1) • Missing at Month 2 with no reason recorded (n = 1)") in serum
    assert "another visit" not in blood
    # side by side under the main column, the same height, inside the figure
    row = [boxes[f"analysed{k}"].box for k in (1, 2, 3)]
    assert row[0].x1 < row[1].x0 and row[1].x1 < row[2].x0
    assert len({round(b.y0, 3) for b in row}) == 1 and len({round(b.y1, 3) for b in row}) == 1
    assert layout_problems(list(boxes.values()), fig) == []


def test_no_text_leaves_its_box_and_no_boxes_overlap(case) -> None:
    _, fig, _ = case
    boxes = layout_boxes(fig)
    assert len(boxes) >= 8
    assert layout_problems(boxes, fig) == []


def test_layout_check_finds_overflow_and_overlap() -> None:
    """The checker itself: a text wider than its box and two overlapping boxes are reported."""
    box = Bbox.from_extents(0, 0, 100, 20)
    inside = Bbox.from_extents(5, 5, 95, 15)
    wide = Bbox.from_extents(5, 5, 120, 15)
    ok = BoxLayout("a", "main", box, (inside,), ("fits",))
    over = BoxLayout("b", "main", Bbox.from_extents(200, 0, 300, 20), (wide.translated(195, 0),), ("too wide",))
    overlapping = BoxLayout("c", "side", Bbox.from_extents(50, 10, 150, 30), (Bbox.from_extents(60, 12, 90, 18),),
                            ("x",))
    problems = layout_problems([ok, over, overlapping])
    assert any("too wide" in p for p in problems)
    assert any("overlap" in p and "a" in p and "c" in p for p in problems)
    assert layout_problems([ok]) == []


def test_single_column_of_main_boxes_with_losses_to_the_right(case) -> None:
    _, fig, _ = case
    boxes = layout_boxes(fig)
    mains = [b for b in boxes if b.kind == "main"]
    sides = [b for b in boxes if b.kind == "side"]
    analysis = [b for b in boxes if b.kind == "analysis"]   # the compartments' row: below every main box
    assert all(a.box.y1 < min(b.box.y0 for b in mains) and a.box.x0 >= mains[0].box.x0 for a in analysis)
    # One column: every main box has the same left and right edge.
    assert len({(round(b.box.x0, 3), round(b.box.x1, 3)) for b in mains}) == 1
    # Stacked top to bottom in drawing order.
    tops = [b.box.y1 for b in mains]
    assert tops == sorted(tops, reverse=True)
    assert all(s.box.x0 > mains[0].box.x1 for s in sides)
    phases = [b for b in boxes if b.kind == "phase"]
    assert len(phases) == 4 and all(p.box.x1 < mains[0].box.x0 for p in phases)


def test_printed_width_and_font_sizes(case) -> None:
    """At the reports' text width (less the SVG's pad) and in the other figures' 8 pt (it was 8.5 pt at 175 mm,
    printed at 8.1 pt)."""
    _, fig, _ = case
    assert fig.get_figwidth() == pytest.approx(FIGURE_MM * MM)
    sizes = {t.get_fontsize() for t in fig.texts}
    assert sizes == {FONT_PT}


def test_figure_height_follows_the_content() -> None:
    assert consort_figure(stress_results()).get_figheight() > consort_figure(example_results()).get_figheight()


def test_reasons_are_drawn_as_text_not_parsed_as_math() -> None:
    flow = example_results().flow
    odd = dataclasses.replace(flow, excluded_reasons=(flow.excluded_reasons[0].__class__("Cost $5 and $6", 2),))
    results = dataclasses.replace(example_results(), flow=odd)
    fig = consort_figure(results)
    assert "Cost $5 and $6" in svg_text(figure_svg_bytes(fig))
    assert layout_problems(layout_boxes(fig), fig) == []


def test_layout_check_catches_a_shrunken_box_in_a_real_figure() -> None:
    fig = consort_figure(example_results())
    patch = next(a for a in fig.artists if (a.get_gid() or "") == "consort-box-main-assessed")
    patch.set_width(patch.get_width() / 3)
    problems = layout_problems(layout_boxes(fig), fig)
    assert any("leaves box assessed" in p for p in problems)


def test_participants_who_resumed_are_named_in_the_infusion_box() -> None:
    base = example_results()
    stages = list(base.flow.infusions)
    stages[2] = dataclasses.replace(stages[2], resumed=("P04", "P09"))
    results = dataclasses.replace(base, flow=dataclasses.replace(base.flow, infusions=tuple(stages)))
    fig = consort_figure(results)
    text = _squash(svg_text(figure_svg_bytes(fig)))
    assert _squash("including 2 who had missed an earlier infusion") in text
    assert _squash("missed an earlier") not in _squash(svg_text(figure_svg_bytes(consort_figure(base))))
    assert layout_problems(layout_boxes(fig), fig) == []


def test_compartment_boxes_of_a_study_with_a_discontinuation_and_excluded_below_lod_values(tmp_path) -> None:
    from analysis_helpers import discontinue, edited_example, with_options

    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    results = analyze(with_options(load_study(edited_example(tmp_path / "s", discontinue)), below_lod="exclude"))
    fig = consort_figure(results)
    svg = figure_svg_bytes(fig)
    csf, blood = (_squash(svg_text(svg, f"consort-text-analysed{k}-")) for k in (1, 3))
    # CSF: P15 stopped before Month 3; IL-17A below the LOD for P01, P12 and IFN-γ for P05, P09, P13 (at Month 0
    # or Month 3, hand-counted from measurements.csv)
    assert csf.startswith(_squash("CSF analysed (n = 14)"))
    # P15 is counted once, in the follow-up box: the analysis boxes hang under "Completed follow-up (n = 14)"
    # (session 29 six-visit reader: 14 completed, 14 analysed and 1 excluded did not add up)
    assert _squash("Not analysed (n = 0)") in csf and "Discontinued" not in csf
    assert _squash("Discontinued after 2 infusions (n = 1)") in _squash(svg_text(svg, "consort-text-"))
    assert _squash("Below the LOD, left out of the analyte's test: • IL-17A (n = 2) • IFN-γ (n = 3)") in csf
    assert _squash("Primary endpoint, TNF-α (n = 14)") in csf
    assert blood.startswith(_squash("Blood analysed (n = 13)"))
    assert _squash("Not analysed (n = 1) • Missing at Month 3 with no reason recorded (n = 1)") in blood
    assert "Discontinued" not in blood
    assert layout_problems(layout_boxes(fig), fig) == []


def test_a_dose_missed_by_every_route_is_no_route_s_missed_dose(tmp_path) -> None:
    """P15 discontinued after infusion 2, so neither route of infusion 3 was given: the infusion's side box counts them
    once, as discontinued, and its route lines only the IT dose P09 missed while receiving IV (session 33 tester:
    "IV dose of infusion 3 not given (n = 199): withdrew consent" and the same for IT, beside "Discontinued after 2
    infusions (n = 199)")."""
    from analysis_helpers import discontinue, edited_example

    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    svg = figure_svg_bytes(consort_figure(analyze(load_study(edited_example(tmp_path / "s", discontinue)))))
    side = _squash(svg_text(svg, "consort-text-lost3-"))
    assert side == _squash("IT dose of infusion 3 not given (n = 1) • Lumbar puncture unsuccessful (n = 1) "
                           "Discontinued after 2 infusions (n = 1) • Withdrew consent (n = 1)")
    assert _squash("IV 14, IT 13") in _squash(svg_text(svg, "consort-text-infusion3-"))


def test_a_participant_who_died_is_counted_once_in_the_follow_up_box(tmp_path) -> None:
    """Reader 11b's item 1: the follow-up box said "Died (n = 1)" and the analysis boxes "Discontinued before
    Month 12 (n = 1)" for the same participant. Session 29 six-visit reader: "Completed follow-up to Month 12
    (n = 11)" led to "CSF analysed (n = 11)" with "Excluded (n = 1): Died before Month 12", which read as 11 − 1; the
    analysis boxes now count exclusions among those who completed follow-up, and the death once, above them."""
    from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    study = write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2")))
    svg = figure_svg_bytes(consort_figure(analyze(load_study(study))))
    for k in (1, 2):
        box = _squash(svg_text(svg, f"consort-text-analysed{k}-"))
        assert _squash("analysed (n = 11)") in box and _squash("Not analysed (n = 0)") in box
        assert "Died" not in box and "Discontinued" not in box
    assert _squash("Completed follow-up to Month 12 (n = 11)") in _squash(svg_text(svg, "consort-text-completed-"))
    followup = _squash(svg_text(svg, "consort-text-discontinued-"))
    assert _squash("Died (n = 1)") in followup
    # P05 had all 3 infusions, then died: no treatment was left to stop (session 26 six-visit reader)
    assert _squash("Did not complete follow-up (n = 1)") in followup and "Discontinued" not in followup


def test_reasons_differing_in_their_bracketed_detail_share_one_bullet() -> None:
    """Session 26 example reader: "Did not meet inclusion criteria (ALSFRS-R below 24) (n = 2)", doubled brackets,
    and its sibling reason two bullets further down, while §3.1 counts them together."""
    from alsreport.present.figures import consort_content

    boxes = {b.name: [line.text.replace("\u00a0", " ") for line in b.lines]
             for b in consort_content(example_results()).boxes()}
    assert boxes["excluded"] == [
        "Excluded (n = 6)",
        # those not eligible, then the eligible (session 32 reviewer: the contraindication, eligible = no, read as a
        # third kind of exclusion between "Declined" and nothing)
        "Not eligible (n = 4)",
        "Did not meet inclusion criteria (n = 3): ALSFRS-R below 24 (n = 2); forced vital capacity below 50% (n = 1)",
        "Contraindication to lumbar puncture (n = 1)",
        "Eligible, not included (n = 2)", "Declined the treatment (n = 2)"]


def test_the_allocation_box_names_the_arm_as_the_methods_do() -> None:
    """Reader's item 9: "Single arm: the intervention" named nothing; the box gives the planned schedule (the
    Methods' words: infusions and routes), or the name a caller passes."""
    from alsreport.present.figures import consort_content

    def allocation(results: Results, **kw) -> str:
        box = next(b for b in consort_content(results, **kw).boxes() if b.name == "allocated")
        return " ".join(line.text for line in box.lines).replace("\u00a0", " ")

    results = example_results()   # retrospective: nobody was allocated, the box names the intervention
    n = results.flow.enrolled
    assert allocation(results) == f"Intervention (n = {n}) 3 planned infusions, IV and IT"
    assert allocation(results, intervention=" BM-MSC\n") == f"Intervention (n = {n}) BM-MSC"
    svg = _squash(svg_text(figure_svg_bytes(consort_figure(results))))
    assert _squash("3 planned infusions, IV and IT") in svg and "theintervention" not in svg
    assert "Singlearm" not in svg
    prospective = dataclasses.replace(results, config=results.config.model_copy(update={"design": "Prospective study"}))
    # Issue #10: "Single arm: 3 planned infusions, IV and IT (n = 15)" is not a CONSORT allocation box; one arm
    # allocates nobody, so every design says "Intervention" in the box and the band (reader 6's item 10)
    assert allocation(prospective) == f"Intervention (n = {n}) 3 planned infusions, IV and IT"
    svg = _squash(svg_text(figure_svg_bytes(consort_figure(prospective))))
    assert "Allocat" not in svg and "Intervention" in svg


def test_one_planned_infusion_starts_its_line_in_capitals(iv_one_analyte_results) -> None:
    """Session 36 reviewer: the IV-only study's box read "one planned infusion, IV", its line in lower case."""
    from alsreport.present.figures import consort_content

    box = next(b for b in consort_content(iv_one_analyte_results).boxes() if b.name == "allocated")
    assert [line.text.replace("\u00a0", " ") for line in box.lines] == ["Intervention (n = 12)",
                                                                        "One planned infusion, IV"]


def test_nobody_discontinued_is_said_once_and_no_zero_box_follows_the_last_infusion() -> None:
    """Issue #10: "Discontinued after 3 infusions (n = 0)" when nobody discontinued at all."""
    from alsreport.present.figures import consort_content

    results = example_results()
    none = dataclasses.replace(results, flow=dataclasses.replace(results.flow, discontinued=()))
    boxes = {b.name: [line.text.replace("\u00a0", " ") for line in b.lines] for b in consort_content(none).boxes()}
    assert boxes["discontinued"] == ["Discontinued or lost to follow-up (n = 0)"]   # both of CONSORT's (session 28)


def test_the_follow_up_band_counts_its_zero_when_everyone_who_left_left_during_the_intervention(tmp_path) -> None:
    """Session 35 DSMB reader #23: in the withdrawn study (P05 and P06 withdrew after infusion 1, counted in the
    intervention band) the follow-up band was empty, where the example's says "(n = 0)"."""
    import alsreport
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.figures import consort_content

    results = alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two)))
    boxes = {b.name: [line.text.replace("\u00a0", " ") for line in b.lines]
             for b in consort_content(results).boxes()}
    assert boxes["lost2"][0] == "Discontinued after 1 infusion (n = 2)"   # the intervention band, before infusion 2
    assert boxes["discontinued"] == ["Discontinued or lost to follow-up after the last infusion (n = 0)"]
    svg = _squash(svg_text(figure_svg_bytes(consort_figure(results))))
    assert _squash("Discontinued or lost to follow-up after the last infusion (n = 0)") in svg


def _first_baselines(svg: bytes) -> dict[str, tuple[str, float]]:
    """``{gid: (text, y of its first line's baseline)}`` for every text group of the diagram."""
    from figures_fixtures import SVG_NS, svg_root

    out = {}
    for g in svg_root(svg).iter(f"{SVG_NS}g"):
        gid = g.get("id") or ""
        first = next(g.iter(f"{SVG_NS}text"), None)
        if gid.startswith("consort-text-") and first is not None:
            y = first.get("y")
            if y is None:   # a text of several lines: transform="translate(x y)"
                y = re.search(r"translate\(\S+ ([-\d.]+)\)", first.get("transform")).group(1)
            out[gid] = ("".join(first.itertext()), float(y))
    return out


def test_a_bullet_sits_on_the_first_line_of_its_item(case) -> None:
    """Issue #10 (reader: odd glyphs in the boxes at low resolution): the bullet of an item that wraps sat 0.85 pt
    above the item's first line (matplotlib adds the font's line gap to a text of several lines only)."""
    _, _, svg = case
    texts = _first_baselines(svg)
    bullets = [gid for gid, (text, _) in texts.items() if text == "•"]
    assert bullets
    for gid in bullets:
        name, k = gid.rsplit("-", 1)
        item = texts[f"{name}-{int(k) + 1}"]
        assert abs(texts[gid][1] - item[1]) < 0.01, (gid, item)


def test_the_analysis_boxes_name_the_compartment_without_punctuation_and_print_in_the_pdf_sans(tmp_path) -> None:
    """Issue #10 (reader: "CSFı" in the analysis boxes of the PDF at low resolution): the bold "CSF:" heading read as
    a dotless i after CSF; the heading is "CSF analysed (n = 15)". The diagram printed by WeasyPrint (as the
    manuscript's inline SVG) uses only the PDF's sans, Liberation Sans, no fallback font for any glyph, and its text
    layer holds the headings as drawn."""
    import shutil
    import subprocess

    weasyprint = pytest.importorskip("weasyprint")
    if shutil.which("pdffonts") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdffonts, pdftotext) not installed")
    from alsreport.documents.context import figure_svg
    from pdf_fonts import font_families

    fig = consort_figure(example_results())
    svg = figure_svg_bytes(fig)
    headings = [svg_text(svg, f"consort-text-analysed{k}-0") for k in (1, 2, 3)]
    assert headings == ["CSF analysed (n = 15)", "Serum analysed (n = 15)", "Blood analysed (n = 14)"]
    pdf = tmp_path / "consort.pdf"
    weasyprint.HTML(string=f"<html><body><div class='alsr-figure'>{figure_svg(fig)}</div></body></html>").write_pdf(pdf)
    assert font_families(pdf) == {"Liberation-Sans"}
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert all(h in text.replace("\u00a0", " ") for h in headings), text
    assert not re.search(r"CSF[^\s]", text)
