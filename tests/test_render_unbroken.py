"""render/unbroken.py: the HTML writers put nowrap spans and <wbr> where the formatting module joined a run with
U+2060 or offered a break with U+200B; the Word files carry neither (readers 11a, item 10, and 11b, item 13: 461
joiners in the manuscript's HTML, 163 in the Word file, a range copied into R or Excel did not parse)."""

from __future__ import annotations

import zipfile

from alsreport.render.unbroken import docx_without_invisible, unbroken_markup


def test_joined_runs_become_spans_and_zero_width_spaces_wbr():
    page = ('<html><head><title>IL-\u20606</title><style>.x{}</style></head><body>'
            '<p title="47.0–\u206055.5">49.0 [47.0–\u206055.5] and IL-\u20606\u00a0(pg/mL)</p>'
            '<table><tr><th>Given/\u200bplanned</th></tr></table><svg><title>3–\u20604</title><text>3–\u20604</text></svg>'
            '</body></html>')
    assert unbroken_markup(page) == (
        '<html><head><title>IL-6</title><style>.x{}</style></head><body>'
        '<p title="47.0–55.5">49.0 <span class="alsr-nobr">[47.0–55.5]</span> and '
        '<span class="alsr-nobr">IL-6\u00a0(pg/mL)</span></p>'
        '<table><tr><th>Given/<wbr>planned</th></tr></table><svg><title>3–4</title><text>3–4</text></svg>'
        '</body></html>')
    plain = "<p>No joiner here: 3–4</p>"
    assert unbroken_markup(plain) is plain


def test_word_files_lose_the_invisible_characters(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:t>47.0–\u206055.5 IL-\u20606 Given/\u200bplanned</w:t>")
        z.writestr("word/media/x.png", b"\x89PNG")
    docx_without_invisible(path)
    with zipfile.ZipFile(path) as z:
        assert z.read("word/document.xml").decode("utf-8") == "<w:t>47.0–55.5 IL-6 Given/planned</w:t>"
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml", "word/media/x.png"]
