"""Abbreviations are spelled out at their first use in the abstract and again in the body (issue #10, words4
item 1: the abstract used CSF, TNF-α, CI … without defining them; journals read the abstract on its own)."""

from __future__ import annotations

import re

import pytest
from analysis_helpers import example_results

from alsreport import analyze, load_study
from alsreport.present.prose import ReportText
from alsreport.present.prose.first_use import (
    ABSTRACT_TEXTS,
    BODY_DEFINED,
    BODY_TEXTS,
    abbreviation_definitions,
    define_first_uses,
)
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

DEFS = {"CSF": "cerebrospinal fluid", "TNF-α": "tumour necrosis factor α", "CI": "confidence interval",
        "IV": "intravenous", "MSC": "mesenchymal stem cell", "ALS": "amyotrophic lateral sclerosis",
        "ALSFRS-R": "revised ALS Functional Rating Scale"}


def test_the_first_use_is_spelled_out_once():
    a, b = define_first_uses(["Biomarkers in CSF and serum.", "CSF TNF\\-α fell (95% CI 1 to 2)."], DEFS)
    assert a == "Biomarkers in cerebrospinal fluid (CSF) and serum."
    assert b == "CSF tumour necrosis factor α (TNF\\-α) fell (95% confidence interval [CI] 1 to 2)."


def test_a_definition_in_the_text_itself_counts_and_quoted_reasons_stay_as_written():
    assert define_first_uses(["given intravenously \\(IV\\); IV again."], DEFS) == [
        "given intravenously \\(IV\\); IV again."]
    assert define_first_uses(["Excluded (criteria \\[ALSFRS\\-R below 24\\], 2). ALSFRS-R score 30."], DEFS,
                             defined={"ALS"}) == [
        "Excluded (criteria \\[ALSFRS\\-R below 24\\], 2). revised ALS Functional Rating Scale (ALSFRS-R) score 30."]
    assert define_first_uses(["ALS and ALSFRS-R"], DEFS, defined={"ALS"}) == [
        "ALS and revised ALS Functional Rating Scale (ALSFRS-R)"]
    assert define_first_uses(["Two MSCs."], DEFS) == ["Two mesenchymal stem cells (MSCs)."]


def _first_uses_defined(text: str, definitions: dict[str, str], defined=frozenset()) -> list[str]:
    """The abbreviations whose first use in ``text`` is not a definition ``long (ABBR)`` / ``long [ABBR]``
    (reasons quoted as recorded, in escaped square brackets, are left as written and do not count)."""
    text = re.sub(r"\\\[.*?\\\]", "", text)
    bad = []
    for abbreviation in definitions:
        if abbreviation in defined:
            continue
        body = "".join(r"\\?" + re.escape(c) if not c.isalnum() else re.escape(c) for c in abbreviation)
        m = re.search(rf"(?<![\w\\-]){body}s?(?![\w-])", text)
        if m and not re.match(r"\\?[)\]]", text[m.end():]):
            bad.append(abbreviation)
    return bad


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    root = tmp_path_factory.mktemp("first-use")
    out = {"example": example_results()}
    for name, v in {"six_visits": Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2")),
                    "it_only": Variant(routes=("IT",))}.items():
        out[name] = analyze(load_study(write_variant(root / name, v)))
    return out


@pytest.mark.parametrize("name", ["example", "six_visits", "it_only"])
def test_every_abbreviation_is_defined_at_its_first_use_in_the_abstract_and_in_the_body(studies, name):
    results = studies[name]
    t = ReportText(results)
    defs = abbreviation_definitions(results)
    abstract = " ".join(getattr(t, k) for k in ABSTRACT_TEXTS)
    body = " ".join(getattr(t, k) for k in BODY_TEXTS)
    assert _first_uses_defined(abstract, defs) == []
    assert _first_uses_defined(body, defs, BODY_DEFINED) == []
    assert "cerebrospinal fluid (CSF)" in abstract and "tumour necrosis factor α (TNF\\-α)" in abstract
    assert "cerebrospinal fluid (CSF)" in body and "tumour necrosis factor α (TNF\\-α)" in body


def test_the_old_abstract_failed_the_check():
    """The check above fails on the texts as written before (no definitions): CSF, TNF-α and CI were bare."""
    from alsreport.present.prose.text import TEXTS

    results = example_results()
    old = " ".join(TEXTS[k](results) for k in ABSTRACT_TEXTS)
    assert {"CSF", "TNF-α", "CI"} <= set(_first_uses_defined(old, abbreviation_definitions(results)))
