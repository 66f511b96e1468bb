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


def headings_in_dom_order(html: str) -> list[tuple[str, str]]:
    """(tag, text) of each h1-h6 in the page's ``<body>``, in document order: what a screen reader's heading list and a
    text layer read, whatever the CSS shows first."""
    from html.parser import HTMLParser

    class _Headings(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[tuple[str, str]] = []
            self._open: str | None = None
            self._text: list[str] = []

        def handle_starttag(self, tag: str, attrs) -> None:
            if re.fullmatch(r"h[1-6]", tag) and self._open is None:
                self._open, self._text = tag, []

        def handle_endtag(self, tag: str) -> None:
            if tag == self._open:
                self.found.append((tag, re.sub(r"\s+", " ", "".join(self._text)).replace(NBSP, " ").strip()))
                self._open = None

        def handle_data(self, data: str) -> None:
            if self._open:
                self._text.append(data)

    parser = _Headings()
    parser.feed(html[html.index("<body"):])
    return parser.found


def example_ethics_html(tmp_path_factory, engine: str) -> Path:
    """The bundled example's safety report rendered to HTML by ``engine`` (``embedded`` or ``quarto``), in a fresh
    folder: the page a module's fixture shares among its tests."""
    from alsreport.documents.reports import render_reports
    from alsreport.study.example import example_study_path

    out = tmp_path_factory.mktemp(f"ethics-{engine}")
    render_reports(example_study_path(), reports=["ethics"], formats=["html"], engine=engine, out_dir=out)
    return out / "ethics.html"


def example_manuscript_html(tmp_path_factory, engine: str) -> Path:
    """The bundled example's manuscript rendered to HTML by ``engine`` (``embedded`` or ``quarto``), in a fresh folder."""
    from alsreport.documents.reports import render_reports
    from alsreport.study.example import example_study_path

    out = tmp_path_factory.mktemp(f"manuscript-{engine}")
    render_reports(example_study_path(), reports=["manuscript"], formats=["html"], engine=engine, out_dir=out)
    return out / "manuscript.html"
