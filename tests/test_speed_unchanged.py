"""The speed work changes no output: the analysis dataset, series array and DSMB summaries equal those of the row-wise code.

The builders before the text-code rewrite (alsreport 0.1.0, analysis/dataset.py) are kept
here as the reference; every table, figure and report is made from these two objects and
the result objects (whose files are compared in test_csv_columns.py), so equal objects
give byte-identical tables and reports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from analysis_helpers import example_study
from reports_helpers import write_second_study
from safety_fixtures import write_harms_study

from alsreport.analysis.summaries import dsmb
from alsreport.results.dsmb import Completeness

from alsreport.analysis.dataset import (
    _constant,
    analysis_data_with_codes,
    _series_table,
    build_analysis_data,
    build_series_array,
    participant_order,
    substitute_censored,
)
from alsreport.study.loading import load_study


def _as_text(m: pd.DataFrame) -> pd.DataFrame:
    """The measurements as loaded before their text columns became categoricals (str columns)."""
    return m.astype({c: "str" for c in m.columns if isinstance(m[c].dtype, pd.CategoricalDtype)})


def old_build_analysis_data(study) -> pd.DataFrame:
    config = study.config
    m = _as_text(study.measurements)
    people = participant_order(study)
    m = m[m["participant_id"].isin(people)]
    series = _series_table(config, m)
    s_code = pd.MultiIndex.from_frame(series[["compartment", "analyte"]]).get_indexer(
        pd.MultiIndex.from_frame(m[["compartment", "analyte"]].astype(object)))
    p_code = pd.Index(people).get_indexer(m["participant_id"])
    v_code = pd.Index(config.visit_codes).get_indexer(m["visit"])
    value = substitute_censored(m["value"].to_numpy(dtype=np.float64), m["censoring"].to_numpy(dtype=object),
                                m["limit"].to_numpy(dtype=np.float64), config.analysis.below_lod)
    out = pd.DataFrame({
        "participant_id": m["participant_id"].to_numpy(dtype=object),
        "visit": m["visit"].to_numpy(dtype=object),
        "family": series["family"].to_numpy(dtype=object)[s_code],
        "compartment": m["compartment"].to_numpy(dtype=object),
        "analyte": m["analyte"].to_numpy(dtype=object),
        "label": series["label"].to_numpy(dtype=object)[s_code],
        "unit": m["unit"].to_numpy(dtype=object),
        "value": value,
        "censoring": m["censoring"].to_numpy(dtype=object),
        "limit": m["limit"].to_numpy(dtype=np.float64),
        "lod": m["lod"].to_numpy(dtype=np.float64),
        "ref_low": m["ref_low"].to_numpy(dtype=np.float64),
        "ref_high": m["ref_high"].to_numpy(dtype=np.float64),
    })
    order = np.lexsort((v_code, p_code, s_code))
    return out.iloc[order].reset_index(drop=True)


def old_series_meta(study, data: pd.DataFrame) -> list[tuple]:
    table = _series_table(study.config, data)
    s_code = pd.MultiIndex.from_frame(table[["compartment", "analyte"]]).get_indexer(
        pd.MultiIndex.from_frame(data[["compartment", "analyte"]].astype(object)))
    unit = data.groupby(s_code)["unit"].first()
    lo = _constant(data["ref_low"], s_code, len(table))
    return [(r.family, r.compartment, r.analyte, r.label, str(unit.get(i, "")), lo[i])
            for i, r in enumerate(table.itertuples(index=False))]


def old_missing_samples(study) -> set[tuple[str, str, str]]:
    """(participant, visit, compartment) of every enrolled participant without any value of the compartment at
    one of its sampled visits (a visit with a row of the compartment), row by row."""
    m = _as_text(study.measurements)
    m = m[m["participant_id"].isin(set(study.enrolled["participant_id"].astype(str)))]
    valued = m[m["censoring"] != "missing"]
    have = set(zip(valued["participant_id"], valued["visit"], valued["compartment"], strict=True))
    out = set()
    for comp, rows in m.groupby("compartment"):
        for visit in rows["visit"].unique():
            out |= {(str(p), str(visit), str(comp)) for p in study.enrolled["participant_id"].astype(str)
                    if (p, visit, comp) not in have}
    return out


def old_completeness(study) -> tuple[Completeness, ...]:
    ids = study.enrolled["participant_id"].astype(str)
    m = _as_text(study.measurements)
    m = m[m["participant_id"].isin(set(ids))]
    codes = list(study.config.visit_codes)
    rank = {v: i for i, v in enumerate(codes)}
    n_series = m.groupby(["analyte", "compartment"]).ngroups
    last = m.assign(_r=m["visit"].map(rank)).groupby("participant_id")["_r"].max()
    stopped = set(study.enrolled.loc[study.enrolled["completed"].eq(False).fillna(False), "participant_id"])
    out = []
    for v in codes:
        on = [p for p in ids if p not in stopped or last.get(p, -1) >= rank[v]]
        at = m[(m["visit"] == v) & (m["censoring"] != "missing")]
        out.append(Completeness(v, len(on) * n_series, int(len(at)), int(at["participant_id"].nunique())))
    return tuple(out)


def old_graded_series(data: pd.DataFrame, visits: tuple[str, ...]) -> list[tuple[str, str]]:
    from alsreport.analysis.ctcae import criterion_for

    data = data[data["visit"].isin(visits)]
    return [(str(c), str(a)) for (c, a), g in data.groupby(["compartment", "analyte"], sort=False, observed=True)
            if str(c) != "CSF" and criterion_for(str(a), str(g["label"].iloc[0])) is not None]


@pytest.fixture(scope="module", params=["example", "second", "harms"])
def study(request, tmp_path_factory):
    if request.param == "example":
        return example_study()
    write = write_second_study if request.param == "second" else write_harms_study
    return load_study(write(tmp_path_factory.mktemp(request.param) / "study"))


def test_analysis_data_equals_the_row_wise_build(study) -> None:
    new = build_analysis_data(study)
    old = old_build_analysis_data(study)
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    assert list(new.dtypes) == list(old.dtypes)


def test_series_array_series_equal_the_row_wise_build(study) -> None:
    data = build_analysis_data(study)
    arr = build_series_array(study, data)
    got = [(s.family, s.compartment, s.analyte, s.label, s.unit, s.ref_low) for s in arr.series]
    expected = old_series_meta(study, old_build_analysis_data(study))
    assert [g[:5] for g in got] == [e[:5] for e in expected]
    np.testing.assert_array_equal([g[5] for g in got], [e[5] for e in expected])


def test_dsmb_completeness_equals_the_row_wise_count(study) -> None:
    assert dsmb.completeness(study) == old_completeness(study)


def test_missing_sample_deviations_equal_the_row_wise_listing(study) -> None:
    from alsreport.analysis.run import analyze

    from alsreport.results.missing_samples import not_collected_after_discontinuation

    results = analyze(study)
    got = [d for d in results.dsmb.deviations if d.kind == "missing sample"]
    # a sample not collected after the participant discontinued is not a deviation (issue #10)
    after = {(p, g.visit, g.compartment) for g in not_collected_after_discontinuation(results.flow)
             for p in g.participants}
    assert {(d.participant_id, d.where, d.compartment) for d in got} == old_missing_samples(study) - after
    assert len(got) == len(old_missing_samples(study) - after) and after <= old_missing_samples(study)


def test_graded_series_are_those_of_the_per_group_check(study) -> None:
    from alsreport.analysis.summaries.lab_grades import graded_data

    data = build_analysis_data(study)
    visits = study.config.visit_codes[study.config.baseline_index:]
    graded = graded_data(data, visits)
    got = list(dict.fromkeys(zip(graded["compartment"].astype(str), graded["analyte"].astype(str), strict=True)))
    assert got == old_graded_series(data, visits)


@pytest.mark.parametrize("series", [True, False])
def test_series_array_from_the_loading_codes_equals_the_one_from_the_texts(study, series: bool) -> None:
    data, codes = analysis_data_with_codes(study, series=series)
    assert ("family" in codes) == series
    fast, slow = build_series_array(study, data, codes), build_series_array(study, data)
    assert repr(fast.series) == repr(slow.series)  # repr: NaN limits compare equal
    assert fast.participants == slow.participants and fast.visits == slow.visits
    for name in ("values", "below", "above", "ref_low", "ref_high", "recorded"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(slow, name))


def test_the_loading_codes_give_every_text_column_of_the_analysis_dataset(study) -> None:
    """The series (family, label) as well: the series array takes its series table from them, and the forked
    analysis_data.csv writer every text column."""
    from alsreport.analysis.codes import text_column

    data, codes = analysis_data_with_codes(study)
    assert set(codes) == {"participant_id", "visit", "family", "compartment", "analyte", "label", "unit", "censoring"}
    for name, (code, values) in codes.items():
        assert text_column(code, values).equals(data[name].reset_index(drop=True)), name


def _table_texts(results) -> dict[str, str]:
    """Each table's tidy data (CSV text) and rendered cells (great-tables HTML without its random id)."""
    import re

    from alsreport.documents.table_export import table_csv_text
    from alsreport.present.tables.registry import build_table_data, build_tables

    out = {f"{k} data": table_csv_text(f) for k, f in build_table_data(results).items()}
    for key, table in build_tables(results).items():
        out[f"{key} cells"] = re.sub(r'id="[a-z]{10}"|#[a-z]{10}\b', "", table.gt.as_raw_html())
    return out


def test_results_files_and_tables_equal_those_of_the_row_wise_code(study, tmp_path, monkeypatch) -> None:
    """End to end: the files and table cells from analyze() equal those from the reference (row-wise) pieces."""
    import dataclasses
    import json

    from alsreport.analysis.run import analyze
    from alsreport.results.writer import write_results

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    fast = analyze(study)
    deviations = tuple(fast.dsmb.deviations)  # missing samples: test_missing_sample_deviations_equal_the_row_wise_listing
    old_data = old_build_analysis_data(study)
    if "analysis_set" in fast.analysis_data.columns:
        old_data["analysis_set"] = fast.analysis_data["analysis_set"].to_numpy()
    slow = dataclasses.replace(fast, analysis_data=old_data, dsmb=dataclasses.replace(
        fast.dsmb, deviations=deviations, completeness=old_completeness(study)))
    paths = write_results(fast, tmp_path / "fast")
    write_results(slow, tmp_path / "slow")
    for path in paths:
        assert path.read_bytes() == (tmp_path / "slow" / path.name).read_bytes(), path.name
    text = (tmp_path / "fast" / "results.json").read_text(encoding="utf-8")
    assert text == json.dumps(slow.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert _table_texts(fast) == _table_texts(slow)
