"""The safety report's stopping rules and the counts the board weighs against them stay on one page (session 33 DSMB
reader: the list could break across a page, the rules on one and the counts on the next). The section's rules, lead,
counts and the board's-judgement sentence are one ``.alsr-keep`` block in both engines, and print.css keeps such a
block whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from quarto_helpers import needs_quarto
from safety_fixtures import write_harms_study

from alsreport.documents.reports import render_reports

weasyprint = pytest.importorskip("weasyprint")
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _ethics_html(tmp_path_factory, engine: str) -> str:
    root = tmp_path_factory.mktemp(f"rules-{engine}")
    render_reports(write_harms_study(root / "harms"), reports=["ethics"], formats=["html"], engine=engine,
                   out_dir=root / "out", use_cache=False)
    return (root / "out" / "ethics.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> str:
    return _ethics_html(tmp_path_factory, "embedded")


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> str:
    return _ethics_html(tmp_path_factory, "quarto")


def _keep_block(html: str) -> str:
    section = html[html.index('id="sec-stopping"'):]
    section = section[:section.index("</section>")]
    blocks = re.findall(r'<div class="alsr-keep">(.*?)</div>', section, re.S)
    assert len(blocks) == 1, section
    return blocks[0]


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_rules_and_their_counts_are_one_block(request, engine):
    block = _keep_block(request.getfixturevalue(engine))
    for words in ("Any death related to the cell product.", "Two or more related grade 4 events",
                  "For the board’s assessment against these rules", "Related serious adverse events:",
                  "Whether a rule was met is the board’s judgement"):
        assert words in block.replace("&#8217;", "’"), words


def _pages(block: str, cls: str) -> tuple[int, int]:
    """Pages of the first rule and of the last sentence when the block follows a filler on a short page."""
    filler = "<p>Filler line of the section before.</p>" * 14
    html = f"<html><body>{filler}<div class='{cls}'>{block}</div></body></html>"
    page = "@page { size: 150mm 80mm; margin: 5mm; }"
    document = weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(filename=str(TEMPLATES / "print.css")),
                                                                weasyprint.CSS(string=page)])
    texts = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]
    return (next(i for i, t in enumerate(texts) if "Any death related" in t),
            next(i for i, t in enumerate(texts) if "Whether a rule was met" in t))


def test_print_css_keeps_the_block_on_one_page(embedded):
    block = _keep_block(embedded)
    first, last = _pages(block, "other")
    assert first < last   # the page is short enough: a plain block straddles it
    first, last = _pages(block, "alsr-keep")
    assert first == last
