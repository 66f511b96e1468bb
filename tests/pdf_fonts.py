"""The typeface families embedded in a PDF (``pdffonts``), for the typography tests (issue #10: "three
typefaces"; one serif for the text and one sans for tables and figures)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_STYLE = re.compile(r"[-,]?(Bold|Italic|Oblique|Regular|BoldItalic|BoldOblique)+$")


def font_families(pdf: Path) -> set[str]:
    """``{"Liberation-Serif", "Liberation-Sans"}``: every embedded font (figures' too) by family, subset tag and
    style left out."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {_STYLE.sub("", n.split("+", 1)[-1]) for n in names}


def serif_and_sans(families: set[str]) -> tuple[list[str], list[str], list[str]]:
    """The families split into (serif, sans, other) by their names."""
    serif = sorted(f for f in families if "Serif" in f)
    sans = sorted(f for f in families if "Sans" in f and "Serif" not in f)
    return serif, sans, sorted(families - set(serif) - set(sans))
