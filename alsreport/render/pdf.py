"""HTML → PDF with WeasyPrint: the caller's print stylesheets, a restricted URL fetcher.

Fonts are embedded (subset), bookmarks come from the document's h1–h6 (the
template marks the title and the table-of-contents heading ``bookmark-level:
none``), and the PDF's title, authors, description, keywords, generator and
creation date come from the HTML ``<meta>`` tags. A page a table continues on says so at its top ("Table 4
(continued)": :mod:`alsreport.render.continued`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Sequence

from alsreport.render.atomic import atomic_write_bytes
from alsreport.render.attachments import strip_attachments
from alsreport.render.file_links import plain_file_links

__all__ = ["html_to_pdf"]


#: CSS WeasyPrint does not know (SVG presentation styles, browser-only properties): not a problem
#: of the document, so not reported.
#: WeasyPrint's notes on CSS it does not read: properties a browser reads, and the screen's media queries with features
#: (``screen and (max-width: 40rem)``: they are the browser's, and print ignores them as they should be), which
#: ``render`` printed beside the study's warnings once it showed them (session 34 DSMB reader: eight such lines)
_CSS_NOISE = re.compile(r"^(Ignored `[^`]*` at \d+:\d+, (unknown property|invalid value)|Expected a media type, got "
                        r"|Invalid media type )")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def html_to_pdf(
    html: str,
    pdf_path: Path,
    *,
    base_dir: Path,
    allowed_dirs: Sequence[Path],
    stylesheets: Sequence[Path] = (),
    pdf_variant: str | None = None,
    where: str = "",
    pdf_tags: bool = True,
    defer_floats: bool = True,
) -> list[str]:
    """Write ``html`` as a PDF to ``pdf_path`` (atomically); return warnings for people.

    Only ``data:`` URIs and files inside ``allowed_dirs`` (and ``base_dir``)
    are read; anything else (``http://``, ``file:///etc/passwd``) is refused
    and reported, and the PDF is made without it. ``pdf_tags``: a tagged PDF (structure tree,
    ``/MarkInfo``, alt text of figures from their ``<title>``), the PDF/UA tagging of WeasyPrint;
    ``pdf_variant`` e.g. ``pdf/a-3u`` (XMP ``pdfaid``, sRGB output intent) or ``pdf/ua-1``.
    ``defer_floats``: a figure or table that does not fit on the rest of a page and would leave it half
    empty moves after the next paragraphs (:mod:`alsreport.render.float_flow`).
    """
    from weasyprint import CSS, HTML
    from weasyprint.logger import LOGGER

    from alsreport.render.continued import mark_continued_tables
    from alsreport.render.fetcher import RestrictedFetcher
    from alsreport.render.float_flow import layout_with_floats_deferred
    from alsreport.render.superscripts import superscript_markup

    where = where or Path(pdf_path).name
    html, unattached = strip_attachments(html)
    html = plain_file_links(html)   # the names of the files beside the page stay text in print (render/file_links.py)
    html = superscript_markup(html)   # 10⁹ as 10<sup>9</sup>: the print typefaces lack most superscript glyphs
    fetcher = RestrictedFetcher([Path(base_dir), *map(Path, allowed_dirs), *(Path(s).parent for s in stylesheets)])
    handler = _Collect()
    LOGGER.addHandler(handler)
    try:
        sheets = [CSS(filename=str(s), url_fetcher=fetcher) for s in stylesheets]
        document = HTML(string=html, base_url=str(Path(base_dir).resolve()) + "/", url_fetcher=fetcher)
        mark_continued_tables(document.etree_element)    # "Table 4 (continued)" on its continuation pages
        options = {"stylesheets": sheets, "pdf_variant": pdf_variant, "presentational_hints": True,
                   "full_fonts": False, "pdf_tags": pdf_tags}
        if defer_floats:
            data = layout_with_floats_deferred(document, lambda: document.render(**options)).write_pdf(**options)
        else:
            data = document.write_pdf(**options)
    finally:
        LOGGER.removeHandler(handler)
    atomic_write_bytes(Path(pdf_path), data)
    warnings = [f"{where}: refused to fetch {url} while making the PDF" for url in dict.fromkeys(fetcher.refused)]
    warnings += [f"{where}: did not attach {href or '(no href)'} to the PDF: only alsreport adds attachments"
                 for href in dict.fromkeys(unattached)]
    warnings += [
        f"{where}: WeasyPrint: {m}" for m in handler.messages
        if not any(u in m for u in fetcher.refused) and not _CSS_NOISE.match(m)
    ]
    return warnings
