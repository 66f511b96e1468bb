"""The provenance appendix's analysis options in words (issue #10, "Wording": no Python identifiers or
column keys such as ``half_lod`` or ``M3-M0`` in the manuscript).

:func:`option_rows` turns the options recorded in ``results.provenance.options`` (``analysis:`` of
study.yml as run) into (what, value) rows a reader understands; the ``study.yml`` key is not shown.
"""

from __future__ import annotations

from typing import Any

from alsreport.present.format import below_lod_rule, contrast_words
from alsreport.study.config import StudyConfig

__all__ = ["option_rows"]

_LABELS = {
    "below_lod": "Values below the limit of detection (LOD)", "conf_level": "Confidence level",
    "alpha": "Significance level", "primary": "Primary endpoint", "baseline": "Baseline visit",
    "adjust": "Adjusted p-values used for the secondary endpoints", "adjust_scope": "Adjustment families",
    "analysis_set": "Analysis set", "sensitivity": "Sensitivity analyses",
}
_ADJUST = {"holm": "Holm", "BH": "Benjamini–Hochberg", "none": "none (unadjusted)"}
_SCOPE = {"family": "analyte family × compartment × contrast × test", "all": "every comparison of the same test"}
_SETS = {"all": "every available pair", "completers": "completers (a sample at every planned visit)",
         "per_protocol": "per protocol (every planned infusion received)"}


def _primary(config: StudyConfig, p: dict[str, Any]) -> str:
    try:
        analyte = config.analyte(str(p.get("analyte"))).display
    except KeyError:
        analyte = str(p.get("analyte"))
    contrast = p.get("contrast") or config.final_contrast
    judged = ("judged on its unadjusted p-value" if p.get("adjust", "none") == "none"
              else "judged on its Holm-adjusted p-value within its family")
    return f"{p.get('compartment')} {analyte}, {contrast_words(config, contrast)}, {judged}"


def _sensitivity(s: dict[str, Any]) -> str:
    parts = []
    if s.get("transform") == "log":
        parts.append("paired t-test on log values")
    if s.get("mixed_model"):
        parts.append("linear mixed model of log values")
    return "; ".join(parts) or "none"


def _value(config: StudyConfig, key: str, value: Any) -> str:
    if value is None:
        return "—"
    if key == "below_lod":
        return below_lod_rule(str(value))
    if key == "conf_level":
        return f"{float(value) * 100:g}%"
    if key == "primary" and isinstance(value, dict):
        return _primary(config, value)
    if key == "baseline":
        return config.visit_label(str(value))
    if key == "sensitivity" and isinstance(value, dict):
        return _sensitivity(value)
    words = {"adjust": _ADJUST, "adjust_scope": _SCOPE, "analysis_set": _SETS}.get(key, {})
    if isinstance(value, dict):
        return ", ".join(f"{str(k).replace('_', ' ')}: {_value(config, '', v)}" for k, v in value.items()
                         if v is not None) or "—"
    return words.get(str(value), str(value).replace("_", " "))


def option_rows(config: StudyConfig, options: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, value) for every recorded analysis option, in words."""
    return [(_LABELS.get(k, k.replace("_", " ").capitalize()), _value(config, k, v)) for k, v in options.items()]
