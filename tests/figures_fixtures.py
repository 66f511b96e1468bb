"""Results for the figure tests.

* :func:`example_results`: the bundled example, analysed by the real pipeline (cached).
* :func:`stress_results`: the example with a hand-made CONSORT flow that tries to break
  the diagram's layout: 10 exclusion reasons (some very long, one unbreakable token),
  3- and 4-digit counts, a loss and a discontinuation at every stage, long reasons for
  exclusion from the analysis.
* :func:`other_results`: a second study written to disk and run through
  ``load_study`` → ``analyze``: other analytes and compartments (plasma NfL, GFAP,
  CSF CHI3L1, CXCL13 spanning three decades, IL-1β always below the LOD, serum sodium),
  three visits with other codes (V0/W12/W24), two intravenous-only infusions, one
  participant who discontinued after the first infusion.
* :func:`svg_text`: the text of an SVG (``svg.fonttype = none`` keeps text as ``<text>``).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import yaml

from analysis_helpers import example_results  # noqa: F401  (the one cached analysis of the example)
from alsreport.results.model import ConsortFlow, Discontinuation, ExclusionReason, InfusionStage, ReasonCount, Results

SVG_NS = "{http://www.w3.org/2000/svg}"




LONG = ("Did not meet inclusion criteria: forced vital capacity below 50% of predicted on two consecutive "
        "measurements at least four weeks apart, or need for non-invasive ventilation for more than "
        "twelve hours a day")
UNBREAKABLE = "Reason-code-" + "X" * 70


def stress_flow() -> ConsortFlow:
    excluded = (
        ExclusionReason(LONG, 4321),
        ExclusionReason("Declined to participate", 2345),
        ExclusionReason("Did not meet inclusion criteria (ALSFRS-R below 24)", 1234),
        ExclusionReason("Contraindication to lumbar puncture (anticoagulation, spinal surgery or local infection)",
                    987),
        ExclusionReason("Lived more than 200 km from the study centre and could not attend monthly visits", 456),
        ExclusionReason("Participating in another interventional trial", 321),
        ExclusionReason(UNBREAKABLE, 210),
        ExclusionReason("Pregnancy or breast-feeding", 123),
        ExclusionReason("Active malignancy within five years", 99),
        ExclusionReason("Other reasons", 10),
    )
    lost = (ReasonCount("Withdrew consent before the bone-marrow aspiration could be scheduled", 120),
            ReasonCount("Insufficient cell yield after expansion (fewer than 1 × 10⁶ cells/kg)", 45),
            ReasonCount("reason not recorded", 7))
    stages = tuple(InfusionStage(k, f"M{k - 1}", 9876 - 1000 * k, lost) for k in (1, 2, 3))
    discontinued = tuple(
        Discontinuation(a, reason, n) for a in (0, 1, 2, 3) for reason, n in (
            ("Withdrew consent", 101 + a), ("Serious adverse event (post lumbar puncture headache requiring "
                                            "hospitalisation)", 12 + a), ("Died (disease progression)", 3 + a)))
    not_analysed = (ReasonCount("no CSF sample at Month 3; no TNF-α value at Month 0 because the sample "
                                "haemolysed and could not be re-assayed", 1111),
                    ReasonCount("TNF-α below the limit of detection at Month 3 (excluded)", 222),
                    ReasonCount(UNBREAKABLE, 33))
    return ConsortFlow(
        assessed=19999, excluded=10110, excluded_reasons=excluded, enrolled=9889, infusions=stages,
        discontinued=discontinued, completed=8765, analysed=7654, analysed_series="CSF TNF-α",
        analysed_contrast="M3-M0", not_analysed=not_analysed, analysed_analyte="TNF-alpha",
        analysed_compartment="CSF")


@functools.cache
def stress_results() -> Results:
    return dataclasses.replace(example_results(), flow=stress_flow())


# A second study, through the real pipeline ------------------------------------------------

OTHER_CONFIG = {
    "title": "Intrathecal cells in ALS: a second test study",
    "short_title": "Second study",
    "synthetic": True,
    "visits": [{"code": "V0", "label": "Baseline", "month": 0},
               {"code": "W12", "label": "Week 12", "month": 2.8},
               {"code": "W24", "label": "Week 24", "month": 5.5}],
    "analytes": [
        {"name": "NfL", "label": "Neurofilament light chain", "family": "immunological"},
        {"name": "GFAP", "label": "GFAP", "family": "immunological"},
        {"name": "CHI3L1", "label": "Chitinase-3-like 1", "family": "immunological"},
        {"name": "CXCL13", "label": "CXCL13", "family": "immunological"},
        {"name": "IL-1b", "label": "IL-1β", "family": "immunological"},
        {"name": "sodium", "label": "Sodium", "family": "biochemical"},
    ],
    "analysis": {"below_lod": "half_lod", "primary": {"analyte": "NfL", "compartment": "plasma"}},
}

# (compartment, analyte, unit, lod, baseline median, log-sd, relative change at the last visit)
OTHER_SERIES = [
    ("plasma", "NfL", "pg/mL", 1.0, 60.0, 0.35, -0.25),
    ("plasma", "GFAP", "pg/mL", 5.0, 140.0, 0.3, 0.02),
    ("CSF", "CHI3L1", "ng/mL", 2.0, 180.0, 0.4, -0.05),
    ("CSF", "CXCL13", "pg/mL", 1.0, 20.0, 1.6, 0.0),
    ("CSF", "IL-1b", "pg/mL", 0.8, 0.0, 0.0, 0.0),   # always below the LOD: no estimate
    ("serum", "sodium", "mmol/L", None, 140.0, 0.015, 0.0),
]
N_OTHER = 12
DROPOUT = "Q12"


def _other_tables() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(20240131)
    people = [f"Q{i:02d}" for i in range(1, N_OTHER + 1)]
    part = [["X01", "no", "Did not meet inclusion criteria", "no"] + [""] * 8]
    for p in people:
        done = p != DROPOUT
        part.append([p, "yes", "", "yes", rng.choice(["male", "female"]), str(rng.integers(35, 70)),
                     rng.choice(["bulbar", "spinal"]), str(rng.integers(6, 40)), str(rng.integers(24, 44)),
                     f"{rng.uniform(50, 90):.1f}", "yes" if done else "no",
                     "" if done else "Moved abroad"])
    participants = pd.DataFrame(part, columns=[
        "participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years", "onset_site",
        "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed", "discontinuation_reason"])
    inf = []
    for p in people:
        for no, visit in ((1, "V0"), (2, "W12")):
            if p == DROPOUT and no == 2:
                inf.append([p, str(no), visit, "IV", "", "no", "Moved abroad"])
            else:
                inf.append([p, str(no), visit, "IV", "1000000", "yes", ""])
    infusions = pd.DataFrame(inf, columns=["participant_id", "infusion_no", "visit", "route", "cells_per_kg",
                                           "given", "reason_not_given"])
    rows = []
    visits = [v["code"] for v in OTHER_CONFIG["visits"]]
    for compartment, analyte, unit, lod, median, sd, change in OTHER_SERIES:
        for p in people:
            base = median * np.exp(rng.normal(0, sd))
            for k, visit in enumerate(visits):
                if p == DROPOUT and k == len(visits) - 1:
                    continue
                if median == 0:
                    value = f"<{lod}"
                else:
                    x = base * (1 + change * k / (len(visits) - 1)) * np.exp(rng.normal(0, 0.08))
                    value = f"<{lod}" if lod is not None and x < lod else f"{x:.3g}"
                rows.append([p, visit, compartment, analyte, value, unit, "" if lod is None else str(lod), "", ""])
    # one below-LOD value in a measured series
    rows[1][4] = "<1.0"
    measurements = pd.DataFrame(rows, columns=["participant_id", "visit", "compartment", "analyte", "value",
                                               "unit", "lod", "ref_low", "ref_high"])
    adverse = pd.DataFrame([["Q01", "Headache", "Nervous system disorders", "1", "no", "possible", "1", "1",
                             "recovered"]],
                           columns=["participant_id", "term", "system_organ_class", "grade", "serious",
                                    "relatedness", "infusion_no", "onset_day", "outcome"])
    return {"participants": participants, "infusions": infusions, "measurements": measurements,
            "adverse_events": adverse}


def write_other_study(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yml").write_text(yaml.safe_dump(OTHER_CONFIG, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    for name, frame in _other_tables().items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


@functools.cache
def other_results() -> Results:
    from alsreport import analyze, load_study

    with tempfile.TemporaryDirectory() as tmp:
        return analyze(load_study(write_other_study(Path(tmp) / "second")))


# SVG ---------------------------------------------------------------------------------

def svg_root(svg: str | bytes) -> ElementTree.Element:
    if isinstance(svg, str):
        svg = svg.encode("utf-8")
    return ElementTree.parse(io.BytesIO(svg)).getroot()


def svg_lines(svg: str | bytes, under_id: str | None = None) -> list[str]:
    """The ``<text>`` contents of an SVG in document order (optionally only inside ``<g id=under_id…>``)."""
    root = svg_root(svg)
    scopes = [root] if under_id is None else [
        g for g in root.iter(f"{SVG_NS}g") if (g.get("id") or "").startswith(under_id)]
    out: list[str] = []
    for scope in scopes:
        for t in scope.iter(f"{SVG_NS}text"):
            out.append("".join(t.itertext()))
    return out


def normalise(text: str) -> str:
    """No-break spaces as spaces, runs of white space as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def svg_text(svg: str | bytes, under_id: str | None = None) -> str:
    """All text of an SVG joined with spaces (wrapped lines joined back), normalised."""
    return normalise(" ".join(svg_lines(svg, under_id)))


def figure_svg_bytes(fig) -> bytes:
    from alsreport.present.figures.style import figure_style

    buf = io.BytesIO()
    with figure_style():
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
