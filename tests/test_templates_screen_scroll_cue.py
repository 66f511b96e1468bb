"""templates/screen.css: a table box that scrolls sideways on a 390 px phone shows that it does (issue #10, session 25
HTML reader: the safety report's Table 5 ended exactly at a column edge in Quarto's page, so it looked complete).

The cue is a shadow at the edge that hides columns (background gradients on the scrolling box, 'local' covers over
'scroll' shadows). A headless Chromium window 390 px wide screenshots the real AE-by-SOC table and a wide text table
with their text and rules made transparent, so only backgrounds are left; the pixel column 3 px inside the box's
right edge is grey all down the table (column headings included: their white cells hid the shadow) while the
left edge is white, and the other way round once the box is scrolled to its end. Skipped without chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from alsreport.present.tables.harms import adverse_event_table

from tables_fixtures import example_results
from test_templates_screen_print import SCREEN_CSS, _chromium

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

#: column width of the two pages at 390 px (test_templates_screen_phone.PAGES) and Bootstrap's cell rules in Quarto's
PAGES = {"embedded": 346, "quarto": 327}
_BOOTSTRAP = (".table { --bs-table-bg: #fff; width: 100%; } .table > :not(caption) > * > * { padding: 0.5rem; "
              "background-color: var(--bs-table-bg); }")
#: only backgrounds are painted: text, rules and the page's own margins are out of the way
_BARE = ("* { color: transparent !important; border-color: transparent !important; text-decoration: none !important; }"
         " body, body:has(> main) { margin: 0 !important; padding: 0 !important; } main { margin: 0; padding: 0; }")
_SCROLL_TO_END = ("<script>window.addEventListener('load', () => { for (const b of document.querySelectorAll("
                  "'.alsr-table > div[id], main table')) b.scrollLeft = b.scrollWidth; });</script>")


def _screenshot(inner: str, width: int, tmp_path: Path, *, at_end: bool, quarto: bool) -> Image.Image:
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + (_BOOTSTRAP if quarto else "")
            + SCREEN_CSS.read_text(encoding="utf-8") + _BARE + "</style></head><body><main>"
            f"<div style='width: {width}px'>{inner}</div></main>" + (_SCROLL_TO_END if at_end else "")
            + "</body></html>")
    page = tmp_path / f"cue-{at_end}.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / f"cue-{at_end}.png"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,700", "--hide-scrollbars",
                    "--virtual-time-budget=3000", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=300)
    return Image.open(png).convert("L")


def _column(image: Image.Image, x: int, top: int, bottom: int) -> list[int]:
    return [image.getpixel((x, y)) for y in range(top, bottom)]


def _cue(inner: str, width: int, tmp_path: Path, top: int, bottom: int, quarto: bool) -> tuple[list[int], ...]:
    start = _screenshot(inner, width, tmp_path, at_end=False, quarto=quarto)
    end = _screenshot(inner, width, tmp_path, at_end=True, quarto=quarto)
    return (_column(start, width - 3, top, bottom), _column(start, 3, top, bottom),
            _column(end, width - 3, top, bottom), _column(end, 3, top, bottom))


@pytest.mark.parametrize("page", PAGES)
def test_a_wide_gt_table_shows_a_shadow_where_columns_are_hidden(tmp_path, page):
    table = adverse_event_table(example_results()).html
    inner = f"<div class='quarto-float alsr-landscape'><div class='alsr-table alsr-table-captioned'>{table}</div></div>"
    right, left, right_end, left_end = _cue(inner, PAGES[page], tmp_path, 30, 400, page == "quarto")  # below the float's 1.4rem margin
    assert max(right) <= 235  # grey all the way down, column headings and group rows included
    assert min(left) == 255                   # nothing hidden on the left yet
    assert max(left_end) <= 235 and min(right_end) >= 250  # scrolled to the end: the cue moves to the left


@pytest.mark.parametrize("page", PAGES)
def test_a_wide_text_table_shows_a_shadow_where_columns_are_hidden(tmp_path, page):
    cells = "".join(f"<td>cell{k}&nbsp;value&nbsp;{k}</td>" for k in range(8))
    rows = "".join(f"<tr>{cells}</tr>" for _ in range(6))
    table = f"<table class='{'caption-top table' if page == 'quarto' else ''}'><tbody>{rows}</tbody></table>"
    right, left, right_end, left_end = _cue(table, PAGES[page], tmp_path, 20, 160, page == "quarto")  # below its 0.6rem margin
    assert max(right) <= 235 and min(left) == 255
    assert max(left_end) <= 235 and min(right_end) >= 250


@pytest.mark.parametrize("page", PAGES)
def test_the_shadow_shows_beside_every_row_and_note_of_a_biomarker_table(tmp_path, page):
    """Session 32 HTML reader: Table 2's rows ("n (missing)", group headings) and notes, painted white by
    great-tables, hid the shadow beside them; it showed beside some rows only."""
    from alsreport.present.tables import biomarker_table

    table = biomarker_table(example_results()).html
    inner = f"<div class='quarto-float'><div class='alsr-table alsr-table-captioned'>{table}</div></div>"
    right, _, _, _ = _cue(inner, PAGES[page], tmp_path, 30, 690, page == "quarto")
    assert [y + 30 for y, v in enumerate(right) if v > 235] == []
