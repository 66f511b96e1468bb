"""The analysis dataset: enrolled participants only, below-LOD substitution, series order, array form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from analysis_helpers import example_study, with_options

from alsreport.analysis.dataset import (
    ANALYSIS_COLUMNS,
    build_analysis_data,
    build_series_array,
    substitute_censored,
)


def test_substitute_each_rule() -> None:
    value = np.array([1.5, np.nan, np.nan, np.nan])
    cens = np.array(["observed", "below", "above", "missing"], dtype=object)
    limit = np.array([np.nan, 0.8, 20.0, np.nan])
    expected_below = {"half_lod": 0.4, "lod": 0.8, "lod_sqrt2": 0.8 / math.sqrt(2), "exclude": math.nan}
    for rule, below in expected_below.items():
        out = substitute_censored(value, cens, limit, rule)
        assert out[0] == 1.5
        assert out[1] == below or (math.isnan(below) and math.isnan(out[1]))
        assert out[2] == 20.0  # ">x" analysed as x
        assert math.isnan(out[3])
    with pytest.raises(ValueError, match="below_lod"):
        substitute_censored(value, cens, limit, "zero")


def test_only_enrolled_rows_in_series_participant_visit_order() -> None:
    study = example_study()
    data = build_analysis_data(study)
    assert tuple(data.columns) == ANALYSIS_COLUMNS
    assert set(data["participant_id"]) == set(study.enrolled["participant_id"])
    assert len(data) == len(study.measurements)  # every row of the example belongs to an enrolled participant
    first = data.iloc[:4]
    assert list(first["visit"]) == ["M0", "M1", "M2", "M3"]
    assert set(first["analyte"]) == {"TNF-alpha"} and set(first["compartment"]) == {"CSF"}
    assert data.loc[0, "label"] == "TNF-α" and data.loc[0, "family"] == "immunological"


def test_series_order_family_then_yaml_then_compartment() -> None:
    study = example_study()
    arr = build_series_array(study, build_analysis_data(study))
    keys = [(s.family, s.analyte, s.compartment) for s in arr.series]
    assert keys[:4] == [("immunological", "TNF-alpha", "CSF"), ("immunological", "TNF-alpha", "serum"),
                        ("immunological", "IL-6", "CSF"), ("immunological", "IL-6", "serum")]
    families = [k[0] for k in keys]
    assert families == sorted(families, key=["immunological", "biochemical", "haematological"].index)
    albumin = [k[2] for k in keys if k[1] == "albumin"]
    assert albumin == ["CSF", "serum"]
    assert keys[-1] == ("haematological", "platelets", "blood")
    assert arr.values.shape == (31, 15, 4)
    assert arr.participants == tuple(f"P{i:02d}" for i in range(1, 16))


def test_array_holds_the_analysed_values() -> None:
    study = example_study()
    data = build_analysis_data(study)
    arr = build_series_array(study, data)
    i = arr.index("TNF-alpha", "CSF")
    assert arr.values[i, 0, :].tolist() == [9.06, 8.67, 6.65, 9.38]  # P01
    assert math.isnan(arr.values[i, 11, 1])  # P12 M1 is missing
    assert arr.recorded[i, 11, 1]
    assert np.count_nonzero(~np.isnan(arr.values)) == int(data["value"].notna().sum())
    crp = arr.series[arr.index("CRP", "serum")]
    assert (crp.ref_low, crp.ref_high, crp.lod, crp.unit) == (0.0, 5.0, 0.3, "mg/L")


# CSF IFN-gamma "<0.8": P05 M0/M2/M3, P09 M1/M3, P13 M2/M3 (example measurements.csv; P09 has no CSF at M2)
@pytest.mark.parametrize("rule, substituted", [
    ("half_lod", 0.4), ("lod", 0.8), ("lod_sqrt2", 0.8 / math.sqrt(2)), ("exclude", math.nan),
])
def test_below_lod_rule_changes_substituted_values(rule: str, substituted: float) -> None:
    study = with_options(example_study(), below_lod=rule)
    data = build_analysis_data(study)
    rows = data[(data["analyte"] == "IFN-gamma") & (data["compartment"] == "CSF") & (data["censoring"] == "below")]
    assert len(rows) == 7  # the rows stay, marked as censored
    assert (rows["limit"] == 0.8).all()
    if math.isnan(substituted):
        assert rows["value"].isna().all()
    else:
        assert (rows["value"] == substituted).all()
    observed = data[(data["analyte"] == "IFN-gamma") & (data["compartment"] == "CSF")
                    & (data["censoring"] == "observed")]
    assert observed["value"].notna().all()
    arr = build_series_array(study, data)
    i = arr.index("IFN-gamma", "CSF")
    assert arr.below[i].sum() == (0 if rule == "exclude" else 7)


def test_above_upper_limit_is_analysed_as_the_limit_and_counted(tmp_path) -> None:
    import pandas as pd
    from analysis_helpers import edited_example

    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    def edit(t: dict[str, pd.DataFrame]) -> None:
        m = t["measurements"]
        m.loc[(m["participant_id"] == "P01") & (m["visit"] == "M0") & (m["analyte"] == "CK"), "value"] = ">1000"

    res = analyze(load_study(edited_example(tmp_path / "s", edit)))
    row = res.analysis_data[(res.analysis_data["participant_id"] == "P01") & (res.analysis_data["visit"] == "M0")
                            & (res.analysis_data["analyte"] == "CK")].iloc[0]
    assert (row["value"], row["censoring"], row["limit"]) == (1000.0, "above", 1000.0)
    d = next(x for x in res.descriptives if (x.analyte, x.visit) == ("CK", "M0"))
    assert (d.n_above_uloq, d.max) == (1, 1000.0)
    assert [res.comparison("CK", "serum", c).n_above_uloq for c in ("M1-M0", "M2-M0", "M3-M0")] == [1, 1, 1]
    assert res.comparison("CK", "serum", test="friedman").n_above_uloq == 1
    assert res.comparison("CK", "serum", "M1-M0", "paired_t").n_above_uloq == 1
