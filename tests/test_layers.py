"""The stage layering (README, "Contributing") holds, and a deliberate upward import breaks it.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``); ``.ci/run`` runs ``lint-imports``
on the package as well. The second test copies the package, adds one import from a lower stage to a
higher one, and checks that import-linter fails and names it: the contract can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install '.[test]')")


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT), str(project / "pyproject.toml"), "--no-cache"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def _copy_project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "alsreport", tmp_path / "alsreport",
                    ignore=shutil.ignore_patterns("__pycache__", "example_study"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_stage_imports_only_the_stages_below_it(tmp_path: Path) -> None:
    done = _lint(_copy_project(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "upward", "message"), [
    ("stats/_arrays.py", "alsreport.present.tables", "alsreport.stats is not allowed to import alsreport.present"),
    ("results/model.py", "alsreport.analysis.run", "alsreport.results is not allowed to import alsreport.analysis"),
    ("present/tables/registry.py", "alsreport.render.pdf", "alsreport.present is not allowed to import alsreport.render"),
    ("render/html.py", "alsreport.study.model", "alsreport.render is not allowed to import alsreport.study"),
])
def test_an_upward_import_breaks_the_contract(tmp_path: Path, module: str, upward: str, message: str) -> None:
    project = _copy_project(tmp_path)
    path = project / "alsreport" / module
    path.write_text(path.read_text() + f"\nimport {upward}  # deliberate upward import\n")
    done = _lint(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stdout, done.stdout
