"""Both engines' safety report pages, as a keyboard and a screen reader meet them. Every table's scrolling box (great-tables' ``overflow-x:auto`` div) is reachable
by keyboard (``tabindex="0"``) and a region named by the caption that numbers it, "Table 5. Adverse events by system
organ class, …" (issue #10, session 25 HTML reader). Quarto's captions carry a UUID in their id
(render/caption_refs.py). Every figure's "Enlarge figure" link is named after it, "Enlarge Figure 1"
(render/zoom_labels.py). Real Quarto is skipped without quarto on PATH."""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import pytest


from quarto_helpers import needs_quarto
from render_helpers import example_ethics_html

_BOX = re.compile(r'<div id="alsreport-[^"]*" style="[^"]*overflow-x:auto[^"]*"([^>]*)>')


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    return example_ethics_html(tmp_path_factory, "embedded")


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> Path:
    return example_ethics_html(tmp_path_factory, "quarto")


def _text_of_id(page: str, ident: str) -> str:
    found = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(ident)}"[^>]*>(.*?)</\1>', page, re.S)
    assert found, ident
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", "", found.group(2)))).strip()


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_every_table_box_is_a_focusable_region_named_by_its_numbered_caption(request, engine):
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    boxes = [m.group(1) for m in _BOX.finditer(page)]
    assert len(boxes) >= 10
    names = []
    for attrs in boxes:
        assert 'tabindex="0"' in attrs and 'role="region"' in attrs, attrs
        names.append(_text_of_id(page, re.search(r'aria-labelledby="([^"]+)"', attrs).group(1)))
    assert all(re.match(r"Table S?\d+\. \S", name) for name in names), names
    assert "Table 5. Adverse events by system organ class, term and grade." in [n[:62] for n in names]


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_every_figures_enlarge_link_names_the_figure(request, engine):
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    links = re.findall(r'<a class="alsr-zoom-open" href="#zoom-[^"]+"([^>]*)>Enlarge figure</a>', page)
    # the safety report's one figure, the CONSORT flow; "Close" in its enlarged view comes back to it
    assert links == [' id="zoom-open-fig-consort" aria-label="Enlarge Figure 1"']
    assert re.findall(r'<div class="alsr-zoom"[^>]*>', page) == [
        '<div class="alsr-zoom" id="zoom-fig-consort" role="dialog" aria-modal="true" tabindex="-1" '
        'aria-label="Figure 1, enlarged">']


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_front_matters_list_titles_are_level_2_headings_outside_the_numbered_sections(request, engine):
    """Issue #10, HTML reader: "Contents", "List of tables", "List of figures" and "Abbreviations" were ``<p>``s, missing
    from a screen reader's list of headings. They are headings by role (report/ethics.qmd contents_title), level 2 as the
    sections, and neither numbered nor in the page's table of contents."""
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    titles = re.findall(r'<p class="alsr-contents-title" role="heading" aria-level="2"[^>]*>([^<]+)</p>', page)
    assert titles == ["Contents", "List of tables", "List of figures", "Abbreviations"]
    assert 'class="alsr-contents-title">' not in page                      # no title left a plain paragraph
    main = page[page.index("<main"):]
    assert main.index(">Abbreviations</p>") < main.index('<section id="sec-summary"')   # before section 1
    toc = re.search(r'<nav id="TOC"[^>]*>(.*?)</nav>', page, re.S)
    assert toc and "Summary" in toc.group(1)
    assert not any(t in toc.group(1) for t in ("List of tables", "List of figures", "Abbreviations"))
