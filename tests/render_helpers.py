"""Shared helpers for the render tests (fixture paths, copying the fixture project)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "render"
PROJECT = FIXTURES / "project"
NBSP = "\u00a0"


def copy_project(dest: Path) -> Path:
    """A writable copy of the fixture project (``_quarto.yml``, ``main.qmd``, parts, assets)."""
    target = dest / "project"
    shutil.copytree(PROJECT, target)
    return target


def text_of(html: str) -> str:
    """Visible text of ``html`` (tags dropped, entities and non-breaking spaces normalized)."""
    import html as _html

    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", _html.unescape(text).replace(NBSP, " "))
