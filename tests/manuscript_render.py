"""Rendering manuscripts for the manuscript tests, and reading their sections and page layout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from reports_helpers import html_text


def render_manuscript(study: Path, out: Path, formats: tuple[str, ...] = ("html", "pdf")) -> Path:
    from alsreport.documents.reports import render_reports

    render_reports(study, reports=["manuscript"], formats=list(formats), engine="embedded", out_dir=out)
    return out


def section_text(html: str, ident: str) -> str:
    """Visible text of the ``<section id=ident>`` (nested sections included)."""
    m = re.search(rf'<section id="{re.escape(ident)}"[^>]*>', html)
    assert m, f"no section {ident}"
    depth, pos = 1, m.end()
    for tag in re.finditer(r"<(/?)section\b[^>]*>", html[pos:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html_text(html[pos:pos + tag.start()])
    return html_text(html[pos:])


def word_boxes(pdf: Path) -> list[dict]:
    """Every word of the PDF with its page size and box (``pdftotext -bbox``), in points."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for page_no, page in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), 1):
        width, height = float(page.group(1)), float(page.group(2))
        for w in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                             page.group(3)):
            words.append({"page": page_no, "width": width, "height": height, "x0": float(w.group(1)),
                          "y0": float(w.group(2)), "x1": float(w.group(3)), "y1": float(w.group(4)),
                          "text": w.group(5)})
    return words


def page_fill(words: list[dict]) -> dict[int, tuple[float, bool]]:
    """Per page of :func:`word_boxes`: the share of the content box's height down to its lowest word (running
    header and footer left out), and whether the page is landscape."""
    top, bottom = 21 / 25.4 * 72, 20 / 25.4 * 72          # print.css @page margins
    out: dict[int, tuple[float, bool]] = {}
    for w in words:
        if w["y0"] < top - 1 or w["y1"] > w["height"] - bottom + 1:
            continue
        fill = (w["y1"] - top) / (w["height"] - top - bottom)
        out[w["page"]] = (max(out.get(w["page"], (0.0, False))[0], fill), w["width"] > w["height"])
    return out


def ink_fill(pdf: Path, dpi: int = 30) -> dict[int, float]:
    """Per page (1-based): the share of the content box's height down to its lowest ink, from the page's image
    (``pdftoppm``): unlike :func:`page_fill`'s lowest word, it sees rules and boxes drawn below the text (the
    safety report's write-in lines in its recommendation boxes)."""
    import tempfile

    import numpy as np
    from PIL import Image

    top_in, bottom_in = 21 / 25.4, 20 / 25.4          # print.css @page margins
    out: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"], check=True)
        for png in sorted(Path(tmp).glob("p-*.png")):
            ink = np.asarray(Image.open(png).convert("L")) < 200
            top, bottom = round(top_in * dpi), ink.shape[0] - round(bottom_in * dpi)
            rows = np.flatnonzero(ink[top:bottom].any(axis=1))
            out[int(png.stem.split("-")[-1])] = float((rows[-1] + 1) / (bottom - top)) if rows.size else 0.0
    return out


def starts_section(words: list[dict], page: int) -> bool:
    """Whether ``page`` (of :func:`word_boxes`) starts with a numbered top-level section's heading ("5 Adverse events":
    a number alone, then the title, printed larger than the text): the page before is the last of its section."""
    top = 21 / 25.4 * 72
    first = [w for w in words if w["page"] == page and w["y0"] >= top - 1][:2]
    return len(first) == 2 and first[0]["text"].isdigit() and first[0]["y1"] - first[0]["y0"] > 12.5 \
        and abs(first[1]["y0"] - first[0]["y0"]) < 1


def sparse_pages(pdf: Path, min_fill: float = 0.6) -> list[tuple[int, float]]:
    """Pages less than ``min_fill`` full (the float placement's aim, ``float_flow.MIN_FILL``) that are not followed
    by a forced new page: a change between portrait and landscape (wide tables), the CONSORT checklist appendix,
    or the end of the document."""
    words = word_boxes(pdf)
    fill = page_fill(words)
    pages = sorted(fill)
    starts = {p: " ".join(w["text"] for w in words if w["page"] == p)[:300] for p in pages}
    out = []
    for p in pages[:-1]:
        share, landscape = fill[p]
        turns = fill.get(p + 1, (0.0, landscape))[1] != landscape
        if share < min_fill and not turns and "CONSORT 2025 checklist" not in starts[p + 1]:
            out.append((p, round(share, 2)))
    return out
