"""Both engines' manuscript pages, as a keyboard and a screen reader meet them (issue #10, HTML reader at 1280 and
390 px). Real Quarto is skipped without quarto on PATH.

The CONSORT checklist's empty links that carry an answer's PDF page (documents/checklist.py, ``manuscript-print.css``
target-counter) were nameless links and invisible keyboard stops in the HTML: 7 in the example (items 6, 7, 12b, 16b, 21c,
23a, 23b; items 22b, 25, 26 and 27 name their float, "Figure 1", "Table 1", with its page). They are hidden from assistive technology and out of the tab order; the PDF still prints "Section 1, p. 2"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quarto_helpers import needs_quarto
from render_helpers import example_manuscript_html


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    return example_manuscript_html(tmp_path_factory, "embedded")


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> Path:
    return example_manuscript_html(tmp_path_factory, "quarto")


def _checklist(page: str) -> str:
    start = page.index('id="consort-checklist"')
    return page[start:page.index("</table>", start)]


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_checklists_empty_page_links_are_no_keyboard_stop_and_hidden_from_screen_readers(request, engine):
    table = _checklist(request.getfixturevalue(engine).read_text(encoding="utf-8"))
    empty = re.findall(r"<a\b([^>]*)>\s*</a>", table)
    marks = [re.search(r'href="#([\w-]+)"', attrs).group(1) for attrs in empty]
    assert marks == ["chk-protocol", "chk-data", "chk-funding", "chk-conflicts", "chk-rationale", "chk-objectives",
                     "chk-involvement", "chk-delivery", "chk-interim", "chk-missing", "chk-additional",
                     "chk-recruitment", "chk-recruitment", "chk-additional"]   # 21d, 23a, 23b, 28
    for attrs in empty:
        assert 'aria-hidden="true"' in attrs and 'tabindex="-1"' in attrs, attrs
    # every other link of the table is named by its text ("Section 2.4", "Abstract")
    named = re.findall(r"<a\b[^>]*>(.*?)</a>", table, re.S)
    assert len(named) > 30 and all(re.sub(r"<[^>]+>", "", t).strip() for t in named if t.strip())


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_checklist_is_named_by_its_caption(request, engine):
    """Session 36 HTML reader: the CONSORT checklist table had no accessible name; its caption is a paragraph above
    it, not a <caption>, so the group around both is labelled by it."""
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    group = re.search(r'<div id="consort-checklist"[^>]*>', page).group(0)
    assert 'role="group"' in group and 'aria-labelledby="consort-checklist-caption"' in group
    caption = re.search(r'<div id="consort-checklist-caption"[^>]*>(.*?)</div>', page, re.S)
    assert caption and "CONSORT 2025 checklist items and where this manuscript addresses them." in caption.group(1)


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_each_figures_enlarged_view_is_a_named_modal_dialog_whose_close_returns_to_enlarge(request, engine):
    """HTML reader: the phone's "Enlarge figure" overlay was a plain fixed div. It is a dialog named after the figure
    (documents/figure_zoom.py, render/zoom_labels.py), shown only while it is the :target (screen.css); "Close" goes
    back to, and so focuses, the "Enlarge figure" link (Chromium at 390 px: the dialog takes the focus when opened,
    the page behind it is visibility: hidden, and the link has the focus after Close)."""
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    dialogs = re.findall(r'<div class="alsr-zoom" id="zoom-([\w-]+)" role="dialog" aria-modal="true" tabindex="-1" '
                         r'aria-label="(Figure \d+), enlarged">\s*<a class="alsr-zoom-close" href="#zoom-open-\1" '
                         r'aria-label="Close \2">Close</a>', page)
    # the example's 8 figures: CONSORT flow, trajectories, changes, five forest plots
    assert [number for _, number in dialogs] == [f"Figure {n}" for n in range(1, 9)]
    for label, number in dialogs:
        assert (f'<a class="alsr-zoom-open" href="#zoom-{label}" id="zoom-open-{label}" '
                f'aria-label="Enlarge {number}">Enlarge figure</a>') in page
        assert f'<use href="#svg-{label}"' in page and f'<svg id="svg-{label}"' in page


@needs_quarto
def test_quartos_page_adds_no_anchor_links_to_headings_and_floats(quarto):
    """Session 26 HTML reader: Quarto's anchor-sections put 41 links named "Anchor", invisible even when focused,
    after the manuscript's headings and floats (the embedded page has none): _quarto.yml turns them off."""
    page = quarto.read_text(encoding="utf-8")
    assert "anchorJS.add(" not in page and 'class="anchorjs-link' not in page


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_contents_shown_after_the_abstract_are_there_in_the_dom(request, engine):
    """Session 32 HTML reader: below 78rem the embedded page showed its TOC (written after </main>) after the abstract
    by CSS order, so the keyboard and screen readers met it last. Both engines' pages hold a copy right after the
    abstract (render/toc_order.py), with every section the TOC lists."""
    page = request.getfixturevalue(engine).read_text(encoding="utf-8")
    abstract_end = page.index('<nav id="TOC-body"')
    assert page.rfind('id="sec-abstract"', 0, abstract_end) >= 0
    assert page.find('<section id="sec-introduction"', 0, abstract_end) < 0   # before the Introduction
    copy = page[abstract_end:page.index("</nav>", abstract_end)]
    toc = re.search(r'<nav id="TOC"[^>]*>(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r'href="(#[\w-]+)"', copy) == re.findall(r'href="(#[\w-]+)"', toc)
