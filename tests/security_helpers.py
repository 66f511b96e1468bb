"""Hostile study folders for the security tests: every text field of the data contract carries a payload."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import yaml

from alsreport.study.example import example_study_path

#: Markup and syntax of every output kind; none of it may come alive anywhere.
PAYLOAD = ('{{x}}<img src=x onerror=alert(1)><a rel="attachment" href="secret.txt">s</a>'
           '<link rel=stylesheet href=http://127.0.0.1:9/x.css> {{< meta title >}} '
           '[l](http://127.0.0.1:9/x) ![i](http://127.0.0.1:9/i.png) \\textbf{b} $x$ {.c} @cite <!-- c --> %')
#: A cell a spreadsheet would evaluate.
FORMULA = '=HYPERLINK("http://127.0.0.1:9/","x")'

#: study.yml keys holding free text.
YAML_TEXT_KEYS = ("title", "short_title", "description", "registration", "site", "sponsor", "design",
                  "intervention", "reporting_period")


def hostile_study(dest: Path, payload: str = PAYLOAD, formula: str = FORMULA) -> Path:
    """A copy of the example study whose free-text fields carry ``payload`` (spreadsheet cells ``formula``)."""
    shutil.copytree(example_study_path(), dest)
    cfg_path = dest / "study.yml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    for k in YAML_TEXT_KEYS:
        if k in cfg:
            cfg[k] = f"{cfg[k]} {payload}"
    cfg["investigators"] = [f"PI {payload}"]
    for v in cfg["visits"]:
        v["label"] = f"{v['label']} {payload}"
    for a in cfg["analytes"][:3]:
        a["label"] = f"{a['label']} {payload}" if a["name"] != "IL-6" else f"{formula} {payload}"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _edit(dest / "measurements.csv", lambda f: f.assign(unit=f["unit"].where(f["analyte"] != "IL-10",
                                                                              f"pg/mL {payload}")))
    _edit(dest / "adverse_events.csv", lambda f: f.assign(term=f"{formula} {payload}",
                                                          system_organ_class=f"SOC {payload}"))
    _edit(dest / "participants.csv", lambda f: f.assign(
        exclusion_reason=f["exclusion_reason"].where(f["exclusion_reason"].isna(), f"{formula} {payload}")))
    (dest / "secret.txt").write_text("SECRET-IN-STUDY-FOLDER", encoding="utf-8")
    return dest


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame.replace("", None)).fillna("")
    frame.to_csv(path, index=False)
