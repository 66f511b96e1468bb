"""The deviation listing names visits and analytes as the study does (issue #10: internal names such as
``M3`` and ``TNF-alpha`` in a printed document)."""

from __future__ import annotations

import re

import pandas as pd
from analysis_helpers import example_results

from alsreport.present.tables.deviation_words import detail_words, where_words
from alsreport.present.tables.dsmb import deviation_listing


def test_codes_become_the_study_s_words():
    cfg = example_results().config
    where = where_words(cfg, pd.Series(["M3", "infusion 2 (M1)", "2024-01-05", None]), 3)
    assert where.tolist()[:3] == ["Month\u00a03", "Infusion\u00a02 (Month\u00a01)", "2024-01-05"] and pd.isna(where.iloc[3])


def test_the_example_listing_shows_no_visit_code_or_data_name():
    html = deviation_listing(example_results()).gt.as_raw_html()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))
    assert ("P07 Missing sample Month 2 No serum sample recorded; visit attended (infusion 3 given IV and IT; CSF and "
            "blood sampled)") in text
    # reader 13a item 3: P04 gave CSF and serum at Month 3 (no infusion that day); the row said only "no blood sample"
    assert "P04 Missing sample Month 3 No blood sample recorded; visit attended (CSF and serum sampled)" in text
    assert not re.search(r"\bM\d\b", text) and "TNF-alpha" not in text and "IFN-gamma" not in text


def test_a_partial_doses_reason_is_the_datas_text_worded_by_the_listing():
    """Reader: "IT not given: Lumbar puncture unsuccessful" (a capital after a colon). The analysis keeps the study's
    reason and the route as data; the listing words them, the reason lower-cased mid-sentence."""
    results = example_results()
    partial = [d for d in results.dsmb.deviations if d.kind == "partial dose"]
    assert [(d.participant_id, d.routes, d.detail) for d in partial] == [("P09", "IT", "Lumbar puncture unsuccessful")]
    html = deviation_listing(results).gt.as_raw_html()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))
    assert "P09 Partial dose Infusion 3 (Month 2) IT not given (lumbar puncture unsuccessful)" in text


def test_a_dose_deviation_is_worded_from_its_kind_reason_and_routes():
    words = detail_words(pd.Series(["partial dose", "partial dose", "missed dose", "missed dose", "missing sample"]),
                         pd.Series(["CSF leak at the previous puncture", "", "Withdrew", "", "no CSF sample"]),
                         pd.Series(["IT", "IV/IT", "", "", ""]))
    assert words.tolist() == ["IT not given (CSF leak at the previous puncture)", "IV/IT not given (no reason recorded)",
                              "Withdrew", "no reason recorded", "no CSF sample"]


def test_a_missing_sample_is_worded_from_its_compartment_reason_and_visit():
    """Reader 12a: "no CSF sample: Lumbar puncture unsuccessful", the capital the partial dose's row had lost; reader
    12b item 10: "no CSF sample" at a visit where infusion 3 was given IV and IT. The analysis keeps compartment,
    reason and the infusion at the visit as data; the listing words them."""
    def series(*values: str) -> pd.Series:
        return pd.Series(list(values))

    words = detail_words(series(*["missing sample"] * 5), series("Lumbar puncture unsuccessful", "", "", "", ""),
                         series("", "", "", "", ""), series("CSF", "serum", "blood", "CSF", "blood"),
                         series("3", "3", "", "2", ""), series("IV", "IV/IT", "", "IT", ""),
                         series("serum/blood", "", "", "", "CSF/serum"))
    # one wording for every row (reader 13a item 3): what is missing, the data's reason, then whether the visit was
    # attended as far as the infusions and the other compartments' samples show
    assert words.tolist() == [
        "no CSF sample recorded (lumbar puncture unsuccessful); visit attended (infusion 3 given IV; serum and blood "
        "sampled)",
        "no serum sample recorded; visit attended (infusion 3 given IV and IT)",
        "no blood sample recorded; nothing else recorded at this visit",
        "no CSF sample recorded; visit attended (infusion 2 given IT)",
        "no blood sample recorded; visit attended (CSF and serum sampled)"]


def test_the_example_keeps_each_missing_samples_data_apart_from_its_words():
    """Reader 12a/12b: the analysis composed "no CSF sample: Lumbar puncture unsuccessful", which the listing split
    again; now compartment, reason and the infusion given at that visit are fields of the deviation."""
    rows = [(d.participant_id, d.where, d.compartment, d.detail, d.visit_infusion, d.visit_routes, d.visit_sampled)
            for d in example_results().dsmb.deviations if d.kind == "missing sample"]
    # visit_sampled: the other compartments sampled at that visit (reader 13a item 3: P04 came at Month 3, a visit
    # without an infusion, and gave CSF and serum)
    assert rows == [("P04", "M3", "blood", "", "", "", "CSF/serum"), ("P07", "M2", "serum", "", "3", "IV/IT", "CSF/blood"),
                    ("P09", "M2", "CSF", "Lumbar puncture unsuccessful", "3", "IV", "serum/blood"),
                    ("P12", "M1", "CSF", "", "2", "IV/IT", "serum/blood")]


def test_the_listing_s_subtitle_starts_with_a_word_not_a_numeral():
    """Outside reader of the safety report (issue #10, session 25): its title and the list of tables read "Protocol
    deviations derived from the data. 4 missing samples, 1 partial dose.", a sentence that starts with a numeral."""
    from alsreport.present.tables.deviation_words import deviation_counts

    assert deviation_listing(example_results()).text.subtitle == "Missing samples: 4; partial doses: 1"
    assert deviation_counts(pd.Series(["missed dose", "missing sample", "missed dose"])) == \
        "Missed doses: 2; missing samples: 1"
    assert deviation_counts(pd.Series([], dtype=object)) == "None"


def test_no_deviation_is_one_line_without_headers_of_empty_columns():
    """Session 36 DSMB reader: the IV-only study's empty Table 2 spread its column headings over the page above
    "None found", unlike the empty listings' one line "None reported"."""
    import dataclasses

    res = example_results()
    none = dataclasses.replace(res, dsmb=dataclasses.replace(res.dsmb, deviations=()))
    html = deviation_listing(none).gt.as_raw_html()
    body = html.split('<tbody class="gt_table_body">')[1].split("</tbody>")[0]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>.*?</td>", body, flags=re.S)]
    assert cells == ["None found"]
    assert not re.search(r"<th[^>]*gt_col_heading", html)
