"""The ethics report of the second safety study (tests/safety_fixtures.py) as a PDF: every DSMB section
is there, and the PDF is tagged (PDF/UA structure), archivable (PDF/A-3u) and carries its metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from reports_helpers import embedded_fonts, pdf_text
from safety_fixtures import write_harms_study

from alsreport.documents.reports import render_reports


@pytest.fixture(scope="module")
def ethics_pdf(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ethics")
    study = write_harms_study(root / "harms")
    summary = render_reports(study, reports=["ethics"], formats=["pdf"], engine="embedded", out_dir=root / "out",
                             use_cache=False)
    return next(p for p in summary.outputs if p.suffix == ".pdf")


def _struct_types(root) -> dict[str, list]:
    found: dict[str, list] = {}

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                found.setdefault(str(node["/S"]), []).append(node)
            kids = node.get("/K")
            if isinstance(kids, pypdf.generic.ArrayObject):
                for k in kids:
                    walk(k)
            elif kids is not None:
                walk(kids)

    walk(root["/StructTreeRoot"])
    return found


def test_pdf_is_tagged_archivable_with_metadata(ethics_pdf: Path) -> None:
    reader = pypdf.PdfReader(str(ethics_pdf))
    root = reader.trailer["/Root"]
    # issue 11: "Tagged: no; no structure tree, no alt text; no XMP metadata or output intent"
    assert bool(root["/MarkInfo"]["/Marked"])
    types = _struct_types(root)
    assert {"/Document", "/H1", "/Table", "/TH", "/TD", "/Figure", "/L", "/Caption"} <= set(types)
    assert all(str(f.get("/Alt", "")).strip() for f in types["/Figure"])  # the CONSORT diagram has alt text
    assert str(root["/Lang"]).startswith("en")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="3"|>3<)', xmp) and re.search(r'pdfaid:conformance(="U"|>U<)', xmp)
    assert "Safety report — MSC-IT safety cohort" in xmp and "Dr Ada Investigator" in xmp   # the study named (11a, 11b)
    intents = root["/OutputIntents"]
    assert intents and "sRGB" in str(intents[0]["/OutputConditionIdentifier"])
    assert all(embedded_fonts(ethics_pdf).values())


def test_every_dsmb_section_is_there(ethics_pdf: Path) -> None:
    text = pdf_text(ethics_pdf)
    for words in ("Contents", "List of tables", "MSC-IT-02", "EC-2023-0417", "Protocol synopsis and schema",
                  "Bone marrow harvest", "How harms were collected", "CTCAE version 5.0", "MedDRA version 26.1",
                  "Surveillance window", "Relatedness judged by", "Previous report", "30 September 2024",
                  "Report post-lumbar-puncture headache separately", "Stopping rules",
                  # session 34 DSMB reader: the board it is for, its open session, the action items' status asked
                  "DSMB session", "Open session only: a single-arm, open-label study has no allocation to",
                  # session 36 DSMB reader: the DSMB recommends, the committee decides, each in its own box
                  "Recommendation of the DSMB (to be completed by the DSMB,", "Decision of the ethics committee",
                  "Action items from the previous report (to be added by the investigators: what was done about "
                  "each):",
                  "Enrolment against target", "target 48", "Baseline characteristics", "Protocol deviations",
                  "Platelet count below the infusion threshold", "Missing sample", "All adverse events",
                  "Since the last report", "Procedure: lumbar puncture", "Procedure: bone marrow harvest",
                  "Laboratory values by visit with CTCAE grades", "CTCAE grade shifts from baseline",
                  "Data completeness", "Recommendation of the DSMB", "Investigators' recommendation",
                  "Prof Cora Chair", "DSMB chair", "DSMB statistician",
                  # deviations.csv, merged with the derived ones
                  "and reported by the site", "Site report", "Started a prohibited anticoagulant"):
        assert words in text, words
    # the kicker, in spaced capitals (the text layer spells them out)
    assert "SAFETYREPORTFORTHEDSMBANDTHEETHICSCOMMITTEE" in text.replace(" ", "")
    # the unresolved event of the issue (cramps, recovering) is listed
    assert "Muscle cramps" in text and "Recovering" in text
