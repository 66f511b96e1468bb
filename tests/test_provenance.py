"""Provenance: reproducible timestamp, versions, input hashes, options."""

from __future__ import annotations

import datetime as dt
import platform

import pytest
from analysis_helpers import example_study

from alsreport import __version__
from alsreport.errors import AlsreportError
from alsreport.analysis.provenance import DEPENDENCIES, build_provenance, generated_at
from alsreport.results.model import SCHEMA_VERSION


def test_source_date_epoch() -> None:
    assert generated_at({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01T00:00:00Z"
    assert generated_at({"SOURCE_DATE_EPOCH": "1706659200"}) == "2024-01-31T00:00:00Z"
    with pytest.raises(AlsreportError, match="SOURCE_DATE_EPOCH"):
        generated_at({"SOURCE_DATE_EPOCH": "yesterday"})


def test_now_in_utc_without_source_date_epoch() -> None:
    stamp = generated_at({})
    when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert abs((dt.datetime.now(dt.timezone.utc) - when).total_seconds()) < 60


def test_provenance_fields() -> None:
    study = example_study()
    p = build_provenance(study, {"SOURCE_DATE_EPOCH": "0"})
    assert p.schema_version == SCHEMA_VERSION
    assert p.alsreport_version == __version__ and p.python_version == platform.python_version()
    assert list(p.dependencies) == sorted(DEPENDENCIES)
    assert {"numpy", "scipy", "pandas", "great-tables", "matplotlib", "weasyprint", "pypandoc"} <= set(p.dependencies)
    assert p.dependencies["numpy"] == __import__("numpy").__version__
    assert p.inputs == study.input_hashes and list(p.inputs) == sorted(p.inputs)
    assert p.fingerprint == study.fingerprint
    assert p.options == {"below_lod": "half_lod", "conf_level": 0.95, "alpha": 0.05,
                         "primary": {"analyte": "TNF-alpha", "compartment": "CSF", "contrast": "M3-M0",
                                     "adjust": "none"}}
