"""The speed work changes no output: the analysis dataset and series array equal those of the row-wise code.

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

from alsreport.analysis.dataset import (
    _constant,
    _series_table,
    build_analysis_data,
    build_series_array,
    participant_order,
    substitute_censored,
)
from alsreport.study.loading import load_study


def old_build_analysis_data(study) -> pd.DataFrame:
    config = study.config
    m = study.measurements
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


@pytest.fixture(scope="module", params=["example", "second"])
def study(request, tmp_path_factory):
    if request.param == "example":
        return example_study()
    return load_study(write_second_study(tmp_path_factory.mktemp("second") / "study"))


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
