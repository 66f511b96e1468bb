"""Helpers for the report tests: a second study unlike the example, and reading the outputs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

#: An adverse-event term that must print as text, never run.
XSS_TERM = "<script>alert(1)</script>"
SAE_TERM = "Aseptic meningitis"
DISCONTINUATION = "Moved abroad"
SCREEN_FAILURE = "Platelet count below 100"

SECOND_CONFIG = {
    "title": "Neurofilament and GFAP after intrathecal cell therapy (test study)",
    "short_title": "NfL/GFAP test study",
    "synthetic": False,
    "registration": "TEST-0001",
    "site": "Test Hospital <Neurology>",
    "sponsor": "Test Sponsor",
    "investigators": ["Dr Test Investigator"],
    "design": "Prospective, open-label, single-arm pilot study",
    "intervention": "Two intrathecal infusions of autologous cells, four weeks apart.",
    "dose_cells_per_kg": 2000000,
    "reporting_period": "Week 0 to week 12",
    "data_cutoff": "2025-03-15",
    "report_version": "2.0",
    "visits": [
        {"code": "W0", "label": "Week 0", "month": 0},
        {"code": "W4", "label": "Week 4", "month": 1},
        {"code": "W12", "label": "Week 12", "month": 3},
    ],
    "analytes": [
        {"name": "NfL", "label": "NfL", "family": "biochemical"},
        {"name": "GFAP", "label": "GFAP", "family": "biochemical"},
    ],
    "analysis": {"below_lod": "half_lod", "primary": {"analyte": "NfL", "compartment": "CSF"}},
}

_ENROLLED = [f"P{i:02d}" for i in range(1, 9)]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text
    return "".join(",".join(cell(c) for c in line) + "\n" for line in [header, *rows])


def write_second_study(folder: Path) -> Path:
    """8 enrolled (P08 discontinues after infusion 1), 2 not enrolled; NfL (CSF) rises, GFAP (plasma) does not;
    one serious adverse event and one event whose term is HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yml").write_text(yaml.safe_dump(SECOND_CONFIG, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    participants = [
        ["S01", "no", SCREEN_FAILURE, "no"] + [""] * 8,
        ["S02", "yes", "Declined to participate", "no"] + [""] * 8,
    ]
    for k, pid in enumerate(_ENROLLED):
        done = pid != "P08"
        participants.append([pid, "yes", "", "yes", "female" if k % 2 else "male", str(50 + k), "spinal",
                             str(12 + k), str(30 + k % 5), f"{60 + k}.5", "yes" if done else "no",
                             "" if done else DISCONTINUATION])
    p_cols = ["participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years", "onset_site",
              "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed", "discontinuation_reason"]
    infusions = []
    for pid in _ENROLLED:
        for no, visit in ((1, "W0"), (2, "W4")):
            if pid == "P08" and no == 2:
                infusions.append([pid, str(no), visit, "IT", "", "no", DISCONTINUATION])
            else:
                infusions.append([pid, str(no), visit, "IT", "2000000", "yes", ""])
    i_cols = ["participant_id", "infusion_no", "visit", "route", "cells_per_kg", "given", "reason_not_given"]
    measurements = []
    for k, pid in enumerate(_ENROLLED):
        for j, visit in enumerate(("W0", "W4", "W12")):
            if pid == "P08" and visit != "W0":
                continue
            nfl = 900 + 37 * k + (120 + 11 * k) * j          # rises in everyone
            gfap = 150 + 9 * k + (0, 5, -4)[j] * (1 if k % 2 else -1)   # wobbles
            measurements.append([pid, visit, "CSF", "NfL", f"{nfl:.0f}", "pg/mL", "50", "", ""])
            measurements.append([pid, visit, "plasma", "GFAP", f"{gfap:.1f}", "pg/mL", "10", "0", "160"])
    m_cols = ["participant_id", "visit", "compartment", "analyte", "value", "unit", "lod", "ref_low", "ref_high"]
    events = [
        ["P03", SAE_TERM, "Nervous system disorders", "3", "yes", "possible", "1", "2", "recovered"],
        ["P05", XSS_TERM, "General disorders and administration site conditions", "1", "no", "unlikely", "2", "1",
         "recovered"],
        ["P06", "Post lumbar puncture headache", "Nervous system disorders", "2", "no", "probable", "1", "1",
         "recovered"],
    ]
    a_cols = ["participant_id", "term", "system_organ_class", "grade", "serious", "relatedness", "infusion_no",
              "onset_day", "outcome"]
    for name, cols, rows in (("participants", p_cols, participants), ("infusions", i_cols, infusions),
                             ("measurements", m_cols, measurements), ("adverse_events", a_cols, events)):
        (folder / f"{name}.csv").write_text(_csv(cols, rows), encoding="utf-8", newline="")
    return folder


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace (no-break spaces included) collapsed, soft hyphens from line breaks removed."""
    import pypdf

    text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    text = text.replace("\u2010\n", "").replace("\u00ad\n", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def without_nobr(html: str) -> str:
    """``html`` without the nowrap spans the HTML writers put around a run that must not break (render/unbroken.py:
    "<span class="alsr-nobr">ALSFRS-R</span>"), their text kept: markup inside a word, not between words."""
    return re.sub(r'<span class="alsr-nobr">(.*?)</span>', r"\1", html, flags=re.S)


def html_text(html: str) -> str:
    """Visible text of an HTML page (tags and styles removed, entities decoded, whitespace collapsed)."""
    import html as _html

    from alsreport.render.file_links import plain_file_links

    # a link to a file beside the page is inline: its tags add no space ("(comparisons.csv)"), as the PDF prints it;
    # so is a nowrap span
    body = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", plain_file_links(without_nobr(html)))
    body = re.sub(r"(?s)<[^>]+>", " ", body)
    # word joiners (U+2060, inside ranges: format.RANGE_DASH) are invisible
    return re.sub(r"\s+", " ", _html.unescape(body).replace("\u00a0", " ").replace("\u2060", ""))


def outline_titles(path: Path) -> list[str]:
    import pypdf

    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(pypdf.PdfReader(str(path)).outline)
    return titles


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Base font name → whether its program is embedded."""
    import pypdf

    fonts: dict[str, bool] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def external_references(html: str) -> list[str]:
    """src/href values that would leave the file (anything but data:, #fragments and mailto:)."""
    refs = re.findall(r"""(?i)\b(?:src|href)\s*=\s*["']([^"']*)["']""", html)
    refs += re.findall(r"""(?i)url\(\s*["']?([^"')]+)""", html)
    return [r for r in refs if not r.startswith(("data:", "#", "mailto:")) and r.strip()]


def file_links(page: str) -> set[str]:
    """The targets of a page's links to the files beside it (alsreport.render.file_links)."""
    return set(re.findall(r'<a class="alsr-file-link" href="([^"]+)">', page))


def pdf_uris(path: Path) -> set[str]:
    """The last path segment of every URI link annotation of a PDF."""
    import pypdf

    uris = set()
    for page in pypdf.PdfReader(str(path)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(str(action["/URI"]).rstrip("/").rsplit("/", 1)[-1])
    return uris
