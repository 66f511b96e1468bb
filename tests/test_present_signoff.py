"""present/signoff.py: who signs the safety report, and the sign-off table's markup."""

from __future__ import annotations

from alsreport.present.signoff import signoff_people, signoff_table_html
from alsreport.study.config_safety import DsmbMember

from tables_fixtures import example_results


def _config(**safety):
    cfg = example_results().config
    return cfg.model_copy(update={"safety": cfg.safety.model_copy(update=safety)})


def test_investigators_then_an_unnamed_reviewer_without_dsmb_members():
    people = signoff_people(_config())
    # addressed to the ethics committee alone without DSMB members (session 35 DSMB reader #21: "/ DSMB")
    assert people[-1] == ("", "Reviewed for the ethics committee")
    assert [role for _, role in people[:-1]] == ["Investigator"] * len(example_results().config.investigators)


def test_dsmb_members_sign_with_their_affiliation_and_role():
    cfg = _config(dsmb_members=[DsmbMember(name="A. Chair", role="Chair", affiliation="University Hospital"),
                                DsmbMember(name="B. Stat", role="Statistician")])
    # then the ethics committee's reviewer, as the report is addressed to both (session 34 DSMB reader: the line was
    # gone once members were named)
    assert signoff_people(cfg)[-3:] == [("A. Chair, University Hospital", "DSMB chair"),
                                        ("B. Stat", "DSMB statistician"), ("", "Reviewed for the ethics committee")]


def test_study_text_is_escaped():
    cfg = _config(dsmb_members=[DsmbMember(name="R&D <Board>")])
    html = signoff_table_html(cfg)
    assert "R&amp;D &lt;Board&gt;" in html and "<Board>" not in html
    assert html.count("<tr>") == len(signoff_people(cfg))


def test_the_layout_table_is_marked_as_such():
    # no header cells: a data table to screen readers unless marked (session 30 HTML reader)
    assert signoff_table_html(_config()).startswith('<table class="alsr-signoff" role="presentation">')
