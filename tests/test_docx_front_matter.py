"""The Word manuscript's front matter (outside reader: the Word file named the authors under the title but had no
affiliations, ORCID iDs or corresponding author, which the HTML's raw-HTML byline carries and pandoc's docx writer
drops): the metadata block and the byline (alsreport/documents/front_matter.py) written by pandoc's docx writer
(the embedded engine's render stage), read back from word/document.xml. The whole manuscript, under both
engines, is in test_docx.py."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from alsreport.documents.front_matter import Bibliography, byline_docx, metadata_block
from alsreport.render.crossref import CrossrefOptions
from alsreport.render.docx import pandoc_to_docx
from alsreport.study.config import StudyConfig
from alsreport.study.loading import load_study
from alsreport.study.example import example_study_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERENCE = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"
BASE = {"title": "T", "visits": [{"code": "M0", "label": "Month 0", "month": 0},
                                 {"code": "M1", "label": "Month 1", "month": 1}],
        "analytes": [{"name": "CRP", "family": "biochemical"}]}


def front_matter(config: StudyConfig, tmp_path: Path) -> list[tuple[str, str, str]]:
    """The Word file's paragraphs before the body's first: (style, text, its superscript text)."""
    markdown = metadata_block(config, Bibliography(None), tmp_path, "docx") + "\n" + byline_docx(config) + "\nBody.\n"
    path = tmp_path / "front.docx"
    pandoc_to_docx(markdown, path, document=tmp_path / "front.qmd", crossref=CrossrefOptions(),
                   reference_doc=REFERENCE)
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if text == "Body.":
            break
        sup = "".join(t.text or "" for r in p.iter(f"{W}r") if r.find(f"{W}rPr/{W}vertAlign") is not None
                      for t in r.iter(f"{W}t"))
        out.append((style.get(f"{W}val") if style is not None else "", text, sup))
    return out


def test_the_example_has_affiliations_orcid_and_corresponding_author_under_the_names(tmp_path):
    study = load_study(example_study_path())
    paras = front_matter(study.config, tmp_path)
    assert paras[0][0] == "Title"
    assert paras[1:] == [
        ("Author", "A. Example (synthetic)1,2*", "1,2*"),
        ("Author", "B. Example (synthetic)2", "2"),
        ("Affiliation", "1 Stem Cell Unit, Example University Hospital, Example City (synthetic)", "1"),
        ("Affiliation", "2 Immunology Laboratory, Example University, Example City (synthetic)", "2"),
        ("Affiliation", "ORCID: A. Example (synthetic) https://orcid.org/0000-0002-1825-0097", ""),
        ("Affiliation", "* Corresponding author: A. Example (synthetic), a.example@example.org", ""),
    ]


def test_without_orcid_or_corresponding_author_neither_line_is_printed(tmp_path):
    cfg = StudyConfig.model_validate({**BASE, "reporting": {
        "affiliations": [{"id": "lab", "name": "Lab *B*, City"}, {"id": "unit", "name": "Unit"}],
        "authors": [{"name": "C. D", "affiliations": ["unit", "lab"]}, {"name": "E_F", "affiliations": []}]}})
    assert front_matter(cfg, tmp_path)[1:] == [
        ("Author", "C. D1,2", "1,2"),
        ("Author", "E_F", ""),             # no affiliation: no mark
        ("Affiliation", "1 Unit", "1"),
        ("Affiliation", "2 Lab *B*, City", "2"),   # study text stays text
    ]


def test_without_authors_the_investigators_site_or_a_request_to_add_them(tmp_path):
    named = StudyConfig.model_validate({**BASE, "investigators": ["Dr X"], "site": "Unit Y"})
    assert front_matter(named, tmp_path)[1:] == [("Author", "Dr X", ""), ("Affiliation", "Unit Y", "")]
    nobody = StudyConfig.model_validate(BASE)
    assert front_matter(nobody, tmp_path)[1:] == [
        ("Author", "To be added by the authors: the authors and their affiliations.", "")]


def test_the_word_files_creator_is_the_names_without_their_marks(tmp_path):
    study = load_study(example_study_path())
    front_matter(study.config, tmp_path)
    with zipfile.ZipFile(tmp_path / "front.docx") as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert re.search(r"<dc:creator>(.*?)</dc:creator>", core).group(1) == \
        "A. Example (synthetic); B. Example (synthetic)"
