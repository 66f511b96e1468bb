"""The "n (missing)" row of each compartment in the biomarker tables (issue #10, "Missing data unreported")."""

from __future__ import annotations

import re
from html import unescape

from manuscript_studies import SIX_VISITS, Series, Variant, write_variant
from tables_fixtures import example_results

from alsreport import analyze, load_study
from alsreport.present.tables import biomarker_table


def _rows(html: str) -> list[str]:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    body = html.split('<tbody class="gt_table_body">')[1].split("</tbody>")[0]
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r))).strip() for r in body.split("</tr>") if "<t" in r]


def _n_rows(table) -> list[str]:
    return [r for r in _rows(table.gt.as_raw_html()) if r.startswith("n (missing)")]


def test_example_tables_give_n_and_missing_at_each_visit():
    """Four participants miss one visit each (P12 CSF Month 1, P09 CSF Month 2: lumbar puncture unsuccessful,
    P07 serum Month 2, P04 blood Month 3)."""
    res = example_results()
    assert _n_rows(biomarker_table(res)) == ["n (missing) 15 (0) 14 (1) 14 (1) 15 (0)",      # CSF
                                             "n (missing) 15 (0) 15 (0) 14 (1) 15 (0)"]      # serum
    t3 = biomarker_table(res, ("biochemical", "haematological"))
    assert "n (missing) 15 (0) 15 (0) 15 (0) 14 (1)" in _n_rows(t3)                        # blood
    note = [n for n in t3.text.notes if n.startswith("n (missing)")][0].replace("\u00a0", " ")  # visit labels: NBSP
    assert "no sample: CSF at Month 1 (1 participant), serum at Month 2 (1 participant), blood at Month 3 " \
           "(1 participant); lumbar puncture unsuccessful: CSF at Month 2 (1 participant)" in note
    # the tidy data stay one row per series (the n row is presentation only)
    assert len(biomarker_table(res).gt._tbl_data) == 12


def test_a_study_with_a_missing_sample_and_an_analyte_without_a_value(tmp_path):
    v = Variant(visits=SIX_VISITS, missed_visit=("P03", "M2"), series=(
        Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)), Series("IL-6", "CSF", effect=(0.0,))))
    folder = write_variant(tmp_path / "s", v)
    m = (folder / "measurements.csv").read_text(encoding="utf-8").splitlines()
    # P05's IL-6 at Month 6 has no value although the CSF sample exists (its TNF-α was measured)
    m = [re.sub(r"^(P05,M6,CSF,IL-6,)[^,]*", r"\1", line) for line in m]
    (folder / "measurements.csv").write_text("\n".join(m) + "\n", encoding="utf-8")
    table = biomarker_table(analyze(load_study(folder)))
    assert _n_rows(table) == ["n (missing) 12 (0) 12 (0) 11 (1) 12 (0) 12 (0) 12 (0)"]
    note = [n for n in table.text.notes if n.startswith("n (missing)")][0].replace("\u00a0", " ")
    assert note.endswith("no sample: CSF at Month 2 (1 participant). Fewer values than samples: CSF IL-6 at "
                         "Month 6 (11).")


def test_a_discontinued_participant_is_one_phrase_from_the_first_missed_visit_on(tmp_path):
    """Reader 6's item 15: 'discontinued: CSF at Month 3 (1 participant), CSF at Month 6 (1 participant), CSF at
    Month 12 (1 participant), serum at Month 3 …' for one participant who died after infusion 3."""
    from test_manuscript_layout import WIDE

    table = biomarker_table(analyze(load_study(write_variant(tmp_path / "s", WIDE))))
    note = [n for n in table.text.notes if n.startswith("n (missing)")][0].replace("\u00a0", " ")
    # P05 died: "died", not "discontinued", as the text says (session 27 six-visit reader)
    assert note.endswith("no sample: CSF and serum at Month 2 (1 participant); died: CSF and serum from "
                         "Month 3 on (1 participant).")


def test_only_a_run_to_the_last_visit_with_one_count_is_grouped():
    from alsreport.present.tables.sample_counts import _spans

    res = example_results()                                   # Month 0 to Month 3: visit indices 0-3
    assert _spans(res, [(2, 1), (3, 1)]) == ("from Month\u00a02 on (1 participant)",)
    assert _spans(res, [(1, 1), (2, 1)]) == ("at Month\u00a01 (1 participant)", "at Month\u00a02 (1 participant)")
    assert _spans(res, [(2, 1), (3, 2)]) == ("at Month\u00a02 (1 participant)", "at Month\u00a03 (2 participants)")
    assert _spans(res, [(3, 1)]) == ("at Month\u00a03 (1 participant)",)
