"""StudyConfig's look-ups that the tables, figures and text share."""

from __future__ import annotations

import pytest

from alsreport.study.config import StudyConfig


def _config(codes: list[str]) -> StudyConfig:
    return StudyConfig.model_validate({
        "title": "T",
        "visits": [{"code": c, "label": f"Visit {c}", "month": i} for i, c in enumerate(codes)],
        "analytes": [{"name": "TNF-alpha", "label": "TNF-α", "family": "immunological"}],
    })


def test_visit_label_falls_back_to_the_code() -> None:
    cfg = _config(["M0", "M3"])
    assert cfg.visit_label("M3") == "Visit M3"
    assert cfg.visit_label("M9") == "M9"


@pytest.mark.parametrize("codes, contrast, expected", [
    (["M0", "M3"], "M3-M0", ("M3", "M0")),
    (["V-0", "W-12"], "W-12-V-0", ("W-12", "V-0")),   # codes that contain "-" themselves
    (["M0", "M3"], "X-Y", ("X", "Y")),                 # unknown codes: split at the last "-"
])
def test_contrast_visits(codes, contrast, expected) -> None:
    cfg = _config(codes)
    assert cfg.contrast_visits(contrast) == expected
    assert tuple(cfg.contrast_visits(c) for c in cfg.contrasts) == tuple((v, codes[0]) for v in codes[1:])
