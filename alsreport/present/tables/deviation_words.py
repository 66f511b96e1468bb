"""The protocol-deviation listing in the study's words: visit labels, not codes ("Month 3", not "M3"), and
analyte labels, not the data's names ("TNF-α (serum)", not "TNF-alpha (serum)").

The analysis stage records deviations with the data's codes (:mod:`alsreport.analysis.summaries.dsmb`:
``infusion 2 (M1)``, ``M3``, ``TNF-alpha (serum)``); the listing maps each distinct value once (a listing may
hold hundreds of thousands of rows but only a few hundred distinct values). A value that names no visit or
analyte of the study (a date, a site's own words) is shown as written.
"""

from __future__ import annotations

import re

import pandas as pd

from alsreport.study.config import StudyConfig

__all__ = ["where_words", "detail_words"]

_INFUSION = re.compile(r"^infusion (?P<no>\d+) \((?P<visit>[^()]+)\)$")
_SAMPLE = re.compile(r"^(?P<analyte>.+) \((?P<compartment>[^()]+)\)$")


def _where(config: StudyConfig, value: str) -> str:
    m = _INFUSION.match(value)
    if m:
        return f"Infusion {m['no']} ({config.visit_label(m['visit'])})"
    return config.visit_label(value)   # a visit code → its label; anything else unchanged


def _detail(config: StudyConfig, value: str) -> str:
    m = _SAMPLE.match(value)
    if m is None:
        return value
    try:
        label = config.analyte(m["analyte"]).display
    except KeyError:
        return value
    return f"{label} ({m['compartment']})"


def _map(values: pd.Series, fn) -> pd.Series:
    mapping = {v: fn(v) for v in pd.unique(values.dropna())}
    return values.map(mapping)


def where_words(config: StudyConfig, values: pd.Series) -> pd.Series:
    """``infusion 2 (M1)`` → ``Infusion 2 (Month 1)``, ``M3`` → ``Month 3``."""
    return _map(values.astype(object), lambda v: _where(config, str(v)))


def detail_words(config: StudyConfig, values: pd.Series) -> pd.Series:
    """``TNF-alpha (serum)`` → ``TNF-α (serum)`` (a missing sample's analyte); other details unchanged."""
    return _map(values.astype(object), lambda v: _detail(config, str(v)))
