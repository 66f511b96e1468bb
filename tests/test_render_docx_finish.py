"""render/docx_finish.py: the Word file without U+2060 and U+200B (readers 11a, item 10, and 11b, item 13), and each
picture's non-visual description its alternative text, not pandoc's image source (reader 12b, item 8: the whole
base64 data URI of every figure, about 500 KB of a 755 KB document.xml)."""

from __future__ import annotations

import zipfile

from alsreport.render.docx_finish import finish_docx, picture_descriptions

_PNG = "data:image/png;base64," + "iVBORw0KGgo" * 50


def _drawing(alt: str, src: str) -> str:
    """A picture as pandoc 3's docx writer writes it (alt text on wp:docPr, the source on pic:cNvPr)."""
    return (f'<w:drawing><wp:inline><wp:docPr descr="{alt}" title="" id="24" name="Picture" /><a:graphic>'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr descr="{src}" id="0" name="Picture" /></pic:nvPicPr></pic:pic>'
            '</a:graphic></wp:inline></w:drawing>')


def test_word_files_lose_the_invisible_characters(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:t>47.0–\u206055.5 IL-\u20606 Given/\u200bplanned</w:t>")
        z.writestr("word/media/x.png", b"\x89PNG")
    finish_docx(path)
    with zipfile.ZipFile(path) as z:
        assert z.read("word/document.xml").decode("utf-8") == "<w:t>47.0–55.5 IL-6 Given/planned</w:t>"
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml", "word/media/x.png"]


def test_each_pictures_description_is_its_alt_text_not_the_data_uri():
    xml = ("<w:body>" + _drawing("Flow of participants &amp; dropouts.", _PNG) + "<w:p/>"
           + _drawing("CSF TNF-α: values of each participant.", "figure-2.png") + _drawing("", _PNG) + "</w:body>")
    out = picture_descriptions(xml)
    assert out == ("<w:body>" + _drawing("Flow of participants &amp; dropouts.", "Flow of participants &amp; dropouts.")
                   + "<w:p/>" + _drawing("CSF TNF-α: values of each participant.", "CSF TNF-α: values of each participant.")
                   + _drawing("", "") + "</w:body>")
    assert picture_descriptions("<w:t>no picture</w:t>") == "<w:t>no picture</w:t>"


def test_the_word_file_shrinks_by_the_data_uris(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:body>" + _drawing("A figure.", _PNG) * 3 + "</w:body>")
    before = path.stat().st_size
    finish_docx(path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "base64" not in xml and xml.count('descr="A figure."') == 6
    assert path.stat().st_size < before
