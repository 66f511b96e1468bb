"""The Word file after pandoc (both engines): what a copy or an accessibility checker reads.

* no U+2060 or U+200B in its XML (:func:`alsreport.render.unbroken.without_invisible`: a range or name copied
  out of Word parses; Word has no markup that keeps a run whole without a character the copy carries along);
* each picture's non-visual description (``pic:cNvPr/@descr``) is the figure's alternative text, as its
  drawing's (``wp:docPr/@descr``) already is: pandoc writes the image's source there, for our figures (data
  URIs, :mod:`alsreport.documents.docx_blocks`) the whole base64 image (reader 12b's item 8: about 500 KB of
  a 755 KB ``document.xml``, and a wall of base64 for every reader of the picture's properties).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from alsreport.render.unbroken import without_invisible

__all__ = ["finish_docx", "picture_descriptions"]

_DRAWING = re.compile(r"<w:drawing>.*?</w:drawing>", re.S)
_DOC_PR_DESCR = re.compile(r'<wp:docPr\b[^>]*?\sdescr="([^"]*)"')
_PIC_DESCR = re.compile(r'(<pic:cNvPr\b[^>]*?\sdescr=")[^"]*(")')


def _drawing(match: re.Match[str]) -> str:
    drawing = match.group(0)
    alt = _DOC_PR_DESCR.search(drawing)
    text = alt.group(1) if alt else ""
    return _PIC_DESCR.sub(lambda m: m.group(1) + text + m.group(2), drawing)


def picture_descriptions(xml: str) -> str:
    """``xml`` (a Word part) with each picture's ``pic:cNvPr/@descr`` set to its drawing's ``wp:docPr/@descr``
    (already attribute-escaped; empty without one)."""
    return _DRAWING.sub(_drawing, xml) if "<pic:cNvPr" in xml else xml


def _finished(xml: str) -> str:
    return picture_descriptions(without_invisible(xml))


def finish_docx(path: Path) -> None:
    """Rewrite the Word file at ``path`` with its XML parts finished (module doc); untouched when already so."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i).decode("utf-8") for i in z.infolist() if i.filename.endswith(".xml")}
        changed = {name: text for name, text in ((n, _finished(t)) for n, t in parts.items()) if text != parts[name]}
        if not changed:
            return
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".docx", delete=False) as tmp:
            with zipfile.ZipFile(tmp, "w") as out:
                for info in z.infolist():
                    data = changed[info.filename].encode("utf-8") if info.filename in changed else z.read(info)
                    out.writestr(info, data)
    shutil.move(tmp.name, path)
