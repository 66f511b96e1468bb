"""scripts/make_example_study.py writes the bundled example's study.yml (session 31: the script still wrote the
protocol statement, investigators and consent of two sessions before, while study.yml had been edited by hand)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alsreport.study.example import example_study_path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_example_study.py"


def test_the_script_writes_the_committed_study_yml():
    spec = importlib.util.spec_from_file_location("make_example_study", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module._study_yml() == (example_study_path() / "study.yml").read_text(encoding="utf-8")
