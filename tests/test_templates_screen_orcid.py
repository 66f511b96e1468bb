"""templates/screen.css: an author's ORCID iD stays on one line on a phone (issue #10, session 25 HTML reader: at
390 px Quarto's page broke it after a hyphen, "0000-0002-1825-" | "0097"). The real byline markup
(documents/front_matter.py) in a column narrower than its line, laid out by headless Chromium; skipped without it."""

from __future__ import annotations

import pytest

from alsreport.documents.front_matter import byline_html
from test_manuscript_front_matter import config
from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

_PROBE = """<script>window.addEventListener("load", () => {
  const r = document.createRange(); r.selectNodeContents(document.querySelector(".alsr-orcid"));
  document.title = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size;
});</script>"""


@pytest.mark.parametrize("width", [150, 210, 270])   # the iD falls across the column's edge at one of these
def test_an_orcid_id_is_never_broken_across_lines(tmp_path, width):
    cfg = config(affiliations=[{"id": "lab", "name": "Lab"}],
                 authors=[{"name": "Alexandra Montgomery", "affiliations": ["lab"], "orcid": "0000-0002-1825-0097"}])
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>"
            + SCREEN_CSS.read_text(encoding="utf-8") + "</style></head><body><main>"
            f"<div style='width: {width}px'>{byline_html(cfg)}</div></main>{_PROBE}</body></html>")
    assert _layout_probe(html, tmp_path, 500) == "1"
