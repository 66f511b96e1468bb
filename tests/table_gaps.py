"""The space between the columns of every table of a rendered report, measured in its PDF (issue #10: the p-value
of one column ran into the n of the next, ">0.999 14", with 3 px of padding on each side).

The HTML says which texts are adjacent cells of a row (``<table>`` rows, every table: great-tables and markdown);
``pdftotext -bbox`` says where their words were printed. A pair of adjacent cells is found in the PDF where the
words of the left cell are followed, on the same printed line, by the words of the right cell; the gap is from the
left cell's last word to the right cell's first. A cell printed on two lines is not found (its pair is not
measured); :func:`column_gaps` reports how many pairs it found. Words larger than table type are left out (the
same words in a sentence are not a table row).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manuscript_render import word_boxes

#: Height of a word box over the type size (Liberation Sans: ascent 0.905 + descent 0.212 em).
BOX_EM = 1.117
#: Table type is at most 8.5 pt (markdown tables; great-tables 8.25 pt); the text is 10-10.5 pt.
TABLE_MAX_PT = 9.2


@dataclass(frozen=True)
class Gap:
    table: str
    left: str
    right: str
    page: int
    gap_pt: float
    font_pt: float

    @property
    def em(self) -> float:
        return self.gap_pt / self.font_pt


def _tag(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def cell_pairs(html: str) -> dict[tuple[str, ...], set[tuple[str, int]]]:
    """``{(left words..., "|", right words...): {(table id, left word count)}}``: every two neighbouring non-empty
    cells of every row of every table of ``html`` (the notes of a table left out)."""
    import weasyprint

    root = weasyprint.HTML(string=html).etree_element
    pairs: dict[tuple[str, ...], set[tuple[str, int]]] = {}
    tables = [el for el in root.iter() if _tag(el) == "table"]
    for k, table in enumerate(tables):
        name = next((el.get("id") for el in table.iter() if el.get("id")), None) or f"table{k}"
        name = name.removesuffix("-title")
        for tr in (el for el in table.iter() if _tag(el) == "tr"):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            if any("gt_footnote" in (c.get("class") or "") or "gt_sourcenote" in (c.get("class") or "") for c in cells):
                continue
            words = [w for w in (_text(c).split() for c in cells) if w]
            for a, b in zip(words, words[1:], strict=False):
                pairs.setdefault((*a, "|", *b), set()).add((name, len(a)))
    return pairs


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words on the same printed line (same page, overlapping heights), left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["page"], (w["y0"] + w["y1"]) / 2, w["x0"])):
        mid = (w["y0"] + w["y1"]) / 2
        last = lines[-1] if lines else None
        if last and last[0]["page"] == w["page"] and last[0]["y0"] - 0.5 < mid < last[0]["y1"] + 0.5:
            last.append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def column_gaps(html: str, pdf: Path) -> tuple[list[Gap], int]:
    """(every adjacent-cell pair found printed, with its gap; the number of pairs the HTML has)."""
    pairs = cell_pairs(html)
    by_edge: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for key in pairs:
        cut = key.index("|")
        by_edge.setdefault((key[cut - 1], key[cut + 1]), []).append(key)
    found: list[Gap] = []
    for line in _lines(word_boxes(pdf)):
        texts = [w["text"] for w in line]
        for i in range(len(line) - 1):
            for key in by_edge.get((texts[i], texts[i + 1]), ()):
                cut = key.index("|")
                left, right = list(key[:cut]), list(key[cut + 1:])
                if texts[i + 1 - len(left):i + 1] != left or texts[i + 1:i + 1 + len(right)] != right:
                    continue
                a, b = line[i], line[i + 1]
                font = max(a["y1"] - a["y0"], b["y1"] - b["y0"]) / BOX_EM
                if font > TABLE_MAX_PT:     # the same words in the text (e.g. "alsreport 0.1.0" in the Methods)
                    continue
                table = sorted(pairs[key])[0][0]
                found.append(Gap(table, " ".join(left), " ".join(right), a["page"], b["x0"] - a["x1"], font))
    return found, len(pairs)


def narrow_gaps(gaps: list[Gap], min_em: float = 0.95) -> list[tuple]:
    """The pairs printed closer than ``min_em`` of their type, as (table, left, right, page, gap in pt)."""
    return sorted({(g.table, g.left, g.right, g.page, round(g.gap_pt, 1)) for g in gaps if g.em < min_em})
