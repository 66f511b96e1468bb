"""Every CSS form that names a resource is reported and removed from the self-contained HTML (issue 14)."""

from __future__ import annotations

from pathlib import Path

from alsreport.render.css_urls import decode_ident_escapes, rewrite_css_urls
from alsreport.render.embed import css_with_data_uris

_REMOTE_FORMS = {
    "url": 'a { background: url(http://127.0.0.1:9/a.png) }',
    "quoted url": 'a { background: url("https://127.0.0.1:9/b.png") }',
    "image-set": 'a { background-image: image-set("http://127.0.0.1:9/c.png" 1x, url(//127.0.0.1:9/d.png) 2x) }',
    "-webkit-image-set": 'a { background-image: -webkit-image-set("http://127.0.0.1:9/e.png" 1x) }',
    "escaped url": 'a { background: u\\72l(http://127.0.0.1:9/f.png) }',
    "escaped start": 'a { background: \\75 rl(http://127.0.0.1:9/g.png) }',
    "import": '@import "http://127.0.0.1:9/h.css";',
    "font": '@font-face { font-family: x; src: url(file:///etc/hostname) }',
}


def test_every_remote_form_is_reported_and_removed(tmp_path: Path):
    css_path = tmp_path / "style.css"
    for form, css in _REMOTE_FORMS.items():
        out, warnings = css_with_data_uris(css, css_path, [tmp_path], "doc")
        assert "127.0.0.1" not in out and "/etc/hostname" not in out, form
        assert warnings, form
        assert all("127.0.0.1" in w or "/etc/hostname" in w for w in warnings), form


def test_local_files_are_inlined_in_every_form(tmp_path: Path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    css = 'a { b: url(logo.png); c: image-set("logo.png" 1x); d: -webkit-image-set(url("logo.png") 2x) }'
    out, warnings = css_with_data_uris(css, tmp_path / "s.css", [tmp_path], "doc")
    assert warnings == [] and out.count("data:image/png;base64,") == 3 and "logo.png" not in out


def test_escapes_that_spell_identifiers_are_decoded_others_kept():
    assert decode_ident_escapes("u\\72l(x)") == "url(x)"
    assert decode_ident_escapes('content: "\\201C"') == 'content: "\\201C"'  # a quote mark stays escaped
    assert rewrite_css_urls("x: url(a) url('b')", str.upper) == 'x: url("A") url("B")'
