"""The PDF step: restricted URL fetcher, metadata, and nothing fetched from outside."""

from __future__ import annotations

import socket
from pathlib import Path

import pypdf
import pytest

from alsreport.render import html_to_pdf, render_document
from alsreport.render.fetcher import RestrictedFetcher

from render_helpers import FIXTURES


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and block) any attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_remote_and_outside_files_are_not_fetched(tmp_path: Path, no_network: list[object]) -> None:
    result = render_document(FIXTURES / "remote.qmd", project_dir=FIXTURES, output_dir=tmp_path)
    assert result.outputs["pdf"].is_file()  # the render completed
    warnings = "\n".join(result.warnings)
    assert "refused to fetch http://example.com/x.png" in warnings
    assert "refused to fetch file:///etc/passwd" in warnings
    assert no_network == []
    text = "".join(p.extract_text() for p in pypdf.PdfReader(result.outputs["pdf"]).pages)
    assert "Some text." in text and "root:" not in text


def test_fetcher_allows_data_and_allowed_folders_only(tmp_path: Path) -> None:
    allowed = tmp_path / "out"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p { color: red; }")
    fetcher = RestrictedFetcher([allowed])
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"p { color: red; }"
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css",
                (allowed / ".." / "out" / ".." / "x").resolve().as_uri()):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)
    assert "file:///etc/passwd" in fetcher.refused and "http://example.com/x.png" in fetcher.refused


def test_html_to_pdf_with_print_stylesheet_and_metadata(tmp_path: Path, no_network: list[object]) -> None:
    css = tmp_path / "print.css"
    css.write_text('@page { size: A5; } h1 { color: #333; } @import url("http://example.com/evil.css");')
    html = (
        '<html><head><title>Unit title</title><meta name="author" content="A. Person">'
        '<meta name="dcterms.created" content="2024-01-02"></head><body><h1>Heading</h1>'
        '<p>Body text</p><img src="http://example.com/x.png"><img src="file:///etc/passwd"></body></html>'
    )
    pdf = tmp_path / "out" / "unit.pdf"
    warnings = html_to_pdf(html, pdf, base_dir=tmp_path / "out", allowed_dirs=[], stylesheets=[css])
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == "Unit title" and reader.metadata.author == "A. Person"
    assert "Body text" in reader.pages[0].extract_text()
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - 148) < 1  # the print stylesheet's A5
    assert any("http://example.com/x.png" in w for w in warnings)
    assert any("file:///etc/passwd" in w for w in warnings)
    assert no_network == []


def test_the_screens_media_queries_are_no_warning(tmp_path: Path) -> None:
    # session 34 DSMB reader: once render printed its warnings, eight lines of "Expected a media type, got
    # 'screen/**/and/**/(min-width: 40.01rem)'" for screen.css's browser-only rules buried the study's own
    css = tmp_path / "screen.css"
    css.write_text("@media screen and (max-width: 40rem) { p { color: red; } } p { hyphens: manual; }")
    html = "<html lang='en'><head><title>T</title></head><body><p>Body text</p></body></html>"
    warnings = html_to_pdf(html, tmp_path / "out" / "t.pdf", base_dir=tmp_path / "out", allowed_dirs=[],
                           stylesheets=[css])
    assert warnings == []
