"""The safety report's cover rows (alsreport.present.ethics_cover) and the Methods' data-scope sentence:
reader 6's items 1, 8 and 9 (issue #10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from analysis_helpers import example_results

from alsreport.present.ethics_cover import cover_rows, document_type
from alsreport.present.prose.methods import sample_size_text


def _rows(cfg) -> dict[str, str]:
    return dict(cover_rows(cfg, "2 December 2026", "abc123"))


def test_the_protocol_falls_back_on_the_manuscripts_protocol_statement() -> None:
    cfg = example_results().config
    assert not cfg.safety.protocol_number and cfg.reporting.protocol
    # was "Not recorded" (item 9); its first sentence, not the paragraph (session 31 HTML reader)
    # "the earlier publication": "the earlier report" read as an earlier safety report on a cover that says "Previous
    # report: None (first report)" (session 36 DSMB reader)
    assert _rows(cfg)["Protocol"] == ("No protocol or statistical analysis plan was published, and this analysis was "
                                      "defined after the earlier publication on these participants.")
    assert _rows(cfg)["Previous report"] == "None (first report)"
    bare = cfg.model_copy(update={"reporting": cfg.reporting.model_copy(update={"protocol": None})})
    assert _rows(bare)["Protocol"] == "Not recorded (to be added)"
    numbered = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"protocol_number": "P-1",
                                                                             "protocol_version": "v2"})})
    assert _rows(numbered)["Protocol"] == "P-1 — v2"


def test_a_silent_study_yml_is_not_recorded_never_not_registered() -> None:
    cfg = example_results().config.model_copy(update={"registration": None, "data_cutoff": None})
    rows = _rows(cfg)
    assert rows["Registration"] == "Not recorded (to be added)"                               # was "Not registered" (item 1)
    assert rows["Data cut-off"] == "Not recorded (to be added)"                               # was "not recorded" (item 8)
    dated = cfg.model_copy(update={"data_cutoff": dt.date(2024, 1, 31), "registration": "NCT00000000"})
    assert (_rows(dated)["Data cut-off"], _rows(dated)["Registration"]) == ("31 January 2024", "NCT00000000")
    assert list(rows)[-1] == "Generated" and rows["Generated"] == "2 December 2026 (data fingerprint abc123)"


def test_all_data_at_the_cut_off_only_with_a_date() -> None:
    res = example_results()
    undated = replace(res, config=res.config.model_copy(update={"data_cutoff": None}))
    text = sample_size_text(undated)
    assert "at the data cut-off" not in text                                   # item 8: no date, no such claim
    assert "The analysis uses all data available (*to be added by the authors:* the data cut-off date)." in text
    dated = replace(res, config=res.config.model_copy(update={"data_cutoff": dt.date(2024, 1, 31)}))
    assert sample_size_text(dated).endswith("The analysis uses all data available at the data cut-off (31 January "
                                            "2024).")


def test_no_meeting_date_is_not_recorded_not_not_scheduled() -> None:
    cfg = example_results().config
    bare = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"meeting_date": None})})
    # the example names no DSMB members: the report is for the ethics committee, whose meeting it is (session 35 DSMB
    # reader #21: "DSMB meeting" on a report "for the ethics committee")
    assert "DSMB meeting" not in _rows(bare)
    assert _rows(bare)["Committee meeting"] == "Not recorded (to be added)"                   # was "Not scheduled" (reader 11b, 5)
    dated = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"meeting_date": dt.date(2024, 3, 1)})})
    assert _rows(dated)["Committee meeting"] == "1 March 2024"   # as every date of the report (session 33 DSMB reader)


def test_the_safety_reports_title_names_the_study():
    """The HTML <title> and the PDF's Title said 'Safety report for the ethics committee' for every study (readers
    11a, item 12, and 11b, item 10)."""
    from alsreport.present.title import safety_report_title

    cfg = example_results().config
    assert safety_report_title(cfg) == "Safety report — BM-MSC in ALS (synthetic example), data cut-off 31 January 2024"
    bare = cfg.model_copy(update={"short_title": None, "data_cutoff": None})
    assert safety_report_title(bare) == f"Safety report — {' '.join(cfg.title.split())}"


def test_the_approval_number_never_breaks_at_its_hyphens():
    """Session 29 ethics reader: the cover broke "EX-" / "REC-2023-001" across lines. The number's hyphens carry a
    word joiner, which the HTML writers turn into a nowrap span (render.unbroken)."""
    from alsreport import load_study
    from alsreport.render.unbroken import unbroken_markup
    from alsreport.study.example import example_study_path

    rows = dict(cover_rows(load_study(example_study_path()).config, "4 December 2026", "e0c97709affe"))
    assert rows["Ethics approval"] == ("The Research Ethics Committee of Example University (synthetic), "
                                       "EX-\u2060REC-\u20602023-\u2060001")
    assert unbroken_markup(f"<dd>{rows['Ethics approval']}</dd>").endswith(
        '(synthetic), <span class="alsr-nobr">EX-REC-2023-001</span></dd>')


def test_the_previous_report_and_the_meeting_are_dated_as_the_cut_off() -> None:
    """Session 33 DSMB reader: "Previous report: Data cut-off 2024-06-30" beside "Data cut-off: 31 December 2024"."""
    from alsreport.present.prose.safety_report import previous_report_text

    res = example_results()
    safety = res.config.safety.model_copy(update={"previous_report_cutoff": dt.date(2024, 6, 30),
                                                  "meeting_date": dt.date(2025, 2, 3)})
    cfg = res.config.model_copy(update={"safety": safety})
    rows = _rows(cfg)
    assert (rows["Previous report"], rows["Committee meeting"]) == ("Data cut-off 30 June 2024", "3 February 2025")
    # the example records no onset dates: no counts since then (tests/test_prose_safety_report.py)
    assert previous_report_text(replace(res, config=cfg)).startswith(
        "The previous safety report had a data cut-off of 30 June 2024. Counts since then cannot be given")
    assert previous_report_text(res) == "This is the first safety report: all counts are cumulative."


def test_a_study_with_a_dsmb_addresses_it_and_says_its_session_is_open() -> None:
    """Session 34 DSMB reader: "Safety report for the ethics committee" above a DSMB meeting and its members' sign-off,
    and no word on open and closed sessions."""
    from alsreport.study.config_safety import DsmbMember

    cfg = example_results().config
    assert not cfg.safety.dsmb_members
    assert document_type(cfg) == "Safety report for the ethics committee" and "DSMB session" not in _rows(cfg)
    board = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"dsmb_members": [
        DsmbMember(name="Prof Cora Chair", role="Chair")]})})
    assert document_type(board) == "Safety report for the DSMB and the ethics committee"
    rows = list(_rows(board))
    assert rows[rows.index("DSMB meeting") + 1] == "DSMB session"
    # session 35 DSMB reader: "Open: a single arm, open-label, has no allocation to conceal, …" had no subject
    assert _rows(board)["DSMB session"] == ("Open session only: a single-arm, open-label study has no allocation to "
                                           "conceal, so the report has no closed part.")
