"""The provenance appendix's analysis options in words (issue #10, "Wording": no Python identifiers or
column keys such as ``half_lod`` or ``M3-M0`` in the manuscript).

:func:`option_rows` turns the options recorded in ``results.provenance.options`` (``analysis:`` of
study.yml as run) into (what, value) rows a reader understands; the ``study.yml`` key is not shown. The test
of the change and the multiplicity rule are always listed (:func:`method_rows`), defaults included: the
configuration records the analysis settings, and the Declarations send the reader here for them (reader 11b's
item 8: neither was listed while the text called the configuration "the analysis plan").
"""

from __future__ import annotations

from typing import Any

from alsreport.present.adjustment import adjustment, scope_words
from alsreport.present.method_words import omnibus_shown
from alsreport.present.format import below_lod_rule, contrast_words, series_title
from alsreport.study.config import StudyConfig

__all__ = ["option_rows", "method_rows"]

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
    return f"{series_title(str(p.get('compartment') or ''), analyte)}, {contrast_words(config, contrast)}, {judged}"


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


#: Options :func:`method_rows` states in its multiplicity row (not repeated as rows of their own).
_IN_METHOD_ROWS = ("adjust", "adjust_scope")


def option_rows(config: StudyConfig, options: dict[str, Any], *, several: bool) -> list[tuple[str, str]]:
    """(what, value) for every recorded analysis option, in words, then :func:`method_rows`."""
    rows = [(_LABELS.get(k, k.replace("_", " ").capitalize()), _value(config, k, v)) for k, v in options.items()
            if k not in _IN_METHOD_ROWS]
    return rows + method_rows(config, several=several)


def method_rows(config: StudyConfig, *, several: bool) -> list[tuple[str, str]]:
    """The test of the change from baseline and the multiplicity rule, as run (``analysis.adjust``,
    ``analysis.adjust_scope`` and the primary endpoint's own rule). ``several``: more than one comparison with
    baseline was run; with one, there is nothing to adjust (session 36 reviewer: the IV-only, one-analyte study's
    Provenance described a Holm adjustment of secondary endpoints it does not have, its Methods "the only
    comparison with baseline")."""
    level = f"{config.analysis.conf_level * 100:g}%"
    # the extra tests named as the Methods name them (session 26 six-visit reader: "as sensitivity analyses" here)
    test = ("two-sided paired Wilcoxon signed-rank test of each later visit against the baseline (as R's "
            "wilcox.test: exact below 50 pairs without ties or zeros, else the normal approximation with continuity "
            f"correction); Hodges–Lehmann estimate with its {level} confidence interval; paired t-test as a "
            "sensitivity analysis" + (" and Friedman test across all visits as a supportive test" if omnibus_shown(config)
                                      else "; no omnibus test across visits (two visits)"))
    if not several:
        return [("Test of the change from baseline", test),
                ("Multiple testing", "none needed: a single comparison with baseline (its Holm-adjusted p, in the "
                                     "tables, equals its p)")]
    adj = adjustment(config)
    rule = (f"{adj.name.removeprefix('the ')}, {scope_words(config)}" if adj.any else
            "none: the secondary endpoints are judged on unadjusted p-values")
    primary = config.analysis.primary
    if primary is not None:
        rule += ("; the primary endpoint is judged on its unadjusted p-value" if primary.adjust == "none" else
                 "; the primary endpoint is judged on its Holm-adjusted p-value within its family and compartment")
    return [("Test of the change from baseline", test), ("Multiple testing (secondary endpoints)", rule)]
