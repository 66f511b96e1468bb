"""The columnar deviations behave as the tuple of Deviation objects they replace, and write the same JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from alsreport.results.deviation_table import DEVIATION_FIELDS, DeviationTable
from alsreport.results.dsmb import Deviation
from alsreport.results.json_text import JsonRecords, dumps_indented

DEVIATIONS = (
    Deviation("P01", "missed dose", "infusion 2 (M1)", "no reason recorded"),
    Deviation("P01", "missing sample", "M2", 'IL-6 "high" (serum)'),
    Deviation("P02", "informed consent", "2024-01-20", "Form v2 — signed late, {late}", source="site"),
    Deviation("P02", "missing sample", "M2", "IL-6 (serum)"),
)


def test_a_table_is_the_sequence_of_its_deviations() -> None:
    table = DeviationTable.from_deviations(DEVIATIONS)
    assert len(table) == 4
    assert tuple(table) == DEVIATIONS
    assert table[1] == DEVIATIONS[1] and table[-1] == DEVIATIONS[-1]
    assert table[1:3] == DEVIATIONS[1:3]
    assert table == DEVIATIONS and DEVIATIONS == table and table == list(DEVIATIONS)
    assert table != DEVIATIONS[:3]
    with pytest.raises(IndexError):
        table[4]
    assert table.codes("kind")[1] == ("missed dose", "missing sample", "informed consent")
    assert table.frame().to_dict("records")[2] == {
        "participant_id": "P02", "kind": "informed consent", "where": "2024-01-20",
        "detail": "Form v2 — signed late, {late}", "source": "site", "routes": "", "compartment": "", "visit_infusion": "", "visit_routes": "",
        "visit_sampled": ""}


def test_concat_take_and_codes_stay_consistent() -> None:
    a = DeviationTable.from_deviations(DEVIATIONS[:2])
    b = DeviationTable.from_deviations(DEVIATIONS[2:])
    joined = DeviationTable.concat([a, b])
    assert joined == DEVIATIONS
    assert joined.codes("where")[1] == ("infusion 2 (M1)", "M2", "2024-01-20")  # equal texts share a code
    assert joined.take(np.array([3, 0])) == (DEVIATIONS[3], DEVIATIONS[0])
    assert DeviationTable.concat([]) == () and len(DeviationTable.from_deviations([])) == 0


def test_codes_outside_the_texts_are_refused() -> None:
    columns = {k: (np.zeros(1, dtype=np.int32), ["x"]) for k in DEVIATION_FIELDS}
    columns["kind"] = (np.array([1]), ["x"])
    with pytest.raises(ValueError, match="kind"):
        DeviationTable(columns)


@pytest.mark.parametrize("rows", [DEVIATIONS, ()])
def test_json_records_write_the_text_of_the_list_of_dicts(rows) -> None:
    from json.encoder import encode_basestring

    table = DeviationTable.from_deviations(rows)
    doc = {"dsmb": {"deviations": JsonRecords(*table.json_columns(encode_basestring)), "n": 1}}
    plain = {"dsmb": {"deviations": [{k: getattr(d, k) for k in DEVIATION_FIELDS} for d in rows], "n": 1}}
    assert dumps_indented(doc) == json.dumps(plain, ensure_ascii=False, indent=2, allow_nan=False)


def test_json_records_survive_the_standard_library_fallback() -> None:
    from json.encoder import encode_basestring

    table = DeviationTable.from_deviations(DEVIATIONS)
    doc = {"x": float("nan"), "d": JsonRecords(*table.json_columns(encode_basestring))}  # NaN: left to json.dumps
    with pytest.raises(ValueError, match="Out of range float"):  # json.dumps(allow_nan=False), as before
        dumps_indented(doc)
    doc["x"] = None
    doc[1] = 2  # a non-string key: json.dumps encodes it, the records included
    assert json.loads(dumps_indented(doc))["d"][2]["detail"] == "Form v2 — signed late, {late}"


def test_derived_deviations_are_sorted_as_sorted_by_participant_source_and_kind(tmp_path) -> None:
    """analysis/summaries/dsmb.py sorts codes; the rule is Python's sorted() on (participant order, source, kind)."""
    from safety_fixtures import write_harms_study

    from alsreport.analysis.summaries import dsmb
    from alsreport.study.loading import load_study

    study = load_study(write_harms_study(tmp_path / "s"))
    unsorted = dsmb._dose_deviations(study) + list(dsmb._sample_deviations(study)) + dsmb.reported_deviations(study)
    order = {p: i for i, p in enumerate(study.enrolled["participant_id"].astype(str))}
    expected = tuple(sorted(unsorted, key=lambda d: (order.get(d.participant_id, 10**9), d.source, d.kind)))
    got = dsmb.derived_deviations(study)
    assert isinstance(got, DeviationTable) and len({d.source for d in got}) == 2
    assert tuple(got) == expected
