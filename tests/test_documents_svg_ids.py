"""alsreport.documents.svg_ids: an inline figure's ids are unique in the page (outside reader of the HTML, session 24:
the example's manuscript repeated 134 ids across its eight figures)."""

from __future__ import annotations

import re
from collections import Counter

from alsreport.documents.svg_ids import scoped_svg_ids


def test_every_id_and_every_reference_to_it_is_prefixed() -> None:
    svg = ('<svg><defs><path id="m1a" d="M0 0"/><clipPath id="p5"><rect/></clipPath></defs>'
           '<g id="figure_1"><g id="patch_1" clip-path="url(#p5)"><use xlink:href="#m1a" x="1"/>'
           '<use href="#m1a"/></g></g><a href="#elsewhere">x</a></svg>')
    assert scoped_svg_ids(svg, "fig-consort") == (
        '<svg><defs><path id="fig-consort-m1a" d="M0 0"/><clipPath id="fig-consort-p5"><rect/></clipPath></defs>'
        '<g id="fig-consort-figure_1"><g id="fig-consort-patch_1" clip-path="url(#fig-consort-p5)">'
        '<use xlink:href="#fig-consort-m1a" x="1"/><use href="#fig-consort-m1a"/></g></g>'
        '<a href="#elsewhere">x</a></svg>')    # a link to an id the SVG does not define is left alone
    assert scoped_svg_ids("<svg><g/></svg>", "fig-x") == "<svg><g/></svg>"
    # one gid on several artists (a median's line and markers): numbered after the first
    assert scoped_svg_ids('<g id="median"/><g id="median"/><use href="#median"/>', "f") == (
        '<g id="f-median"/><g id="f-median-2"/><use href="#f-median"/>')


def test_the_example_manuscript_s_figures_share_no_id() -> None:
    from alsreport.documents.context import report_context

    ctx = report_context()
    blocks = [ctx.figure_block(key, f"fig-{i}", "Caption.") for i, key in enumerate(ctx.figures)]
    ids = Counter(i for b in blocks for i in re.findall(r'\bid="([^"]+)"', b))
    assert len(blocks) >= 8 and sum(ids.values()) > 200
    assert {i: n for i, n in ids.items() if n > 1} == {}
    # every reference resolves to an id of the same page
    refs = {r for b in blocks for r in re.findall(r'(?:url\(#|href="#)([^")]+)', b)}
    assert refs - set(ids) <= {f"fig-{i}" for i in range(len(blocks))}    # the "Close" link of the enlarged figure
