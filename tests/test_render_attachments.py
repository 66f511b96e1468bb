"""No file is attached to a PDF unless alsreport attached it (issue 14: rel=attachment embedding a secret)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from alsreport.render import html_to_pdf
from alsreport.render.attachments import MARK, strip_attachments


def embedded_files(pdf: Path) -> int:
    """Files embedded anywhere in the PDF (names tree or file-attachment annotations)."""
    data = pdf.read_bytes()
    return data.count(b"/EmbeddedFile") + data.count(b"/FileAttachment") + len(PdfReader(pdf).attachments)


def test_unmarked_attachment_relations_are_removed():
    html = ('<a rel="attachment" href="secret.txt">s</a><a rel=\'nofollow attachment\' href=x>y</a>'
            f'<link rel=attachment href="k.txt"><a rel="attachment" {MARK} href="ok.csv">ok</a><a href="z">z</a>')
    out, removed = strip_attachments(html)
    assert removed == ["secret.txt", "x", "k.txt"]
    assert out.count("attachment") == 2 and f'rel="attachment" {MARK} href="ok.csv"' in out  # the marked one
    assert 'rel="nofollow"' in out


def test_a_secret_in_the_output_folder_is_not_embedded(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "secret.txt").write_text("SECRET", encoding="utf-8")
    html = '<html><body><p>x <a rel="attachment" href="secret.txt">report</a></p></body></html>'
    warnings = html_to_pdf(html, out / "r.pdf", base_dir=out, allowed_dirs=[])
    assert embedded_files(out / "r.pdf") == 0
    assert any("did not attach secret.txt" in w for w in warnings)
    marked = html.replace('rel="attachment"', f'rel="attachment" {MARK}')
    html_to_pdf(marked, out / "m.pdf", base_dir=out, allowed_dirs=[])
    assert embedded_files(out / "m.pdf") > 0  # the mark is what allows it
