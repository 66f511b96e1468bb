"""Exports: CSV/XLSX hold the results' numbers, formula injection is neutralised, DOCX and LaTeX are real tables."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from alsreport.results.model import AdverseEvent
from alsreport.documents.table_export import export_tables
from alsreport.present.tables import build_table_data

from alsreport.documents.table_export import neutralise, table_csv_text
from tables_fixtures import EXAMPLE_KEYS, example_results, hand_results, with_events


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("tables")
    return out, export_tables(example_results(), out, ["html", "csv", "xlsx", "tex", "docx", "pdf"])


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def test_every_format_written(exported):
    out, paths = exported
    names = {p.name for p in paths}
    for key in EXAMPLE_KEYS:
        assert {f"{key}.html", f"{key}.csv", f"{key}.tex"} <= names
    assert {"tables.xlsx", "tables.docx", "tables.pdf"} <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # atomic writes leave nothing behind


def test_html_page_is_standalone(exported):
    out, _ = exported
    text = (out / "table2_immunological.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert 'id="alsreport-table2-immunological"' in text


@pytest.mark.parametrize("key, families", [("table2_immunological", ("immunological",)),
                                           ("table3_biochemical", ("biochemical", "haematological"))])
def test_biomarker_csv_equals_comparisons(exported, key, families):
    out, _ = exported
    results = example_results()
    table = _read_csv(out / f"{key}.csv")
    comp = results.comparisons_frame()
    final = comp[(comp["contrast"] == results.config.final_contrast) & (comp["test"] == "wilcoxon")
                 & comp["family"].isin(families)]
    assert len(table) == len(final) > 0
    merged = table.merge(final, on=["compartment", "analyte"], suffixes=("", "_r"), validate="one_to_one")
    assert len(merged) == len(final)
    for col in ("p_value", "p_holm", "p_bh", "estimate", "ci_low", "ci_high"):
        assert pd.api.types.is_float_dtype(table[col])
        assert merged[col].tolist() == pytest.approx(merged[f"{col}_r"].tolist(), rel=0, abs=0, nan_ok=True)
    assert (merged["n"] == merged["n_r"]).all()
    # The primary endpoint's p-value, bit for bit
    p = results.primary
    if p.family in families:
        row = table[(table["compartment"] == p.compartment) & (table["analyte"] == p.analyte)].iloc[0]
        assert row["p_value"] == p.pvalue and row["p_holm"] == p.p_holm


def test_descriptive_numbers_in_csv(exported):
    out, _ = exported
    results = example_results()
    table = _read_csv(out / "table2_immunological.csv")
    for d in results.descriptives:
        if d.family != "immunological":
            continue
        row = table[(table["compartment"] == d.compartment) & (table["analyte"] == d.analyte)].iloc[0]
        assert row[f"median_{d.visit}"] == d.median and row[f"q1_{d.visit}"] == d.q1
        assert row[f"q3_{d.visit}"] == d.q3 and row[f"n_{d.visit}"] == d.n


def test_xlsx_sheets_are_tables_with_numeric_cells(exported):
    out, _ = exported
    results = example_results()
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    assert wb.sheetnames == EXAMPLE_KEYS
    ws = wb["table2_immunological"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in r], strict=False)) for r in ws.iter_rows(min_row=2)]
    p = results.primary
    row = next(r for r in rows if r["analyte"] == p.analyte and r["compartment"] == p.compartment)
    # openpyxl writes 16 significant digits (CSV keeps every bit)
    assert isinstance(row["p_value"], float) and row["p_value"] == pytest.approx(p.pvalue, rel=1e-15)
    assert isinstance(row["estimate"], float) and row["estimate"] == pytest.approx(p.estimate, rel=1e-15)
    assert row["estimate"] < 0  # a negative number stays a number
    assert isinstance(row["n"], int) and row["n"] == p.n
    data = build_table_data(results)
    for key in EXAMPLE_KEYS:
        assert wb[key].max_row == len(data[key]) + 1


def test_formula_injection_is_neutralised(tmp_path):
    evil = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    events = [AdverseEvent(f"P{i:02d}", term, "Nervous system disorders", 1, True, "possible", True, 1, 2,
                           "recovered") for i, term in enumerate(evil, start=1)]
    results = with_events(hand_results(), events)
    export_tables(results, tmp_path, ["csv", "xlsx"])
    with open(tmp_path / "serious_events.csv", newline="", encoding="utf-8") as fh:
        terms = [r["term"] for r in csv.DictReader(fh)]
    assert terms == ["'" + t for t in evil]
    ws = openpyxl.load_workbook(tmp_path / "tables.xlsx")["serious_events"]
    header = [c.value for c in ws[1]]
    cells = [r[header.index("term")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert cells == ["'" + t for t in evil]
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    # Negative numbers stay numbers
    ws = openpyxl.load_workbook(tmp_path / "tables.xlsx")["table2_immunological"]
    header = [c.value for c in ws[1]]
    est = [r[header.index("estimate")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(x, float) and x < 0 for x in est)
    table = _read_csv(tmp_path / "table2_immunological.csv")
    assert table["estimate"].dtype.kind == "f" and (table["estimate"] < 0).all()


def test_neutralise_leaves_numbers_alone():
    assert neutralise(-1.5) == -1.5 and neutralise(-3) == -3
    assert neutralise("-3") == "'-3" and neutralise("ok") == "ok" and neutralise("") == ""
    frame = pd.DataFrame({"x": [-1.25, math.nan], "s": ["=1", None], "b": [True, False]})
    assert table_csv_text(frame) == "x,s,b\n-1.25,'=1,true\n,,false\n"


def test_docx_has_real_tables_with_headers(exported):
    out, _ = exported
    document = docx.Document(str(out / "tables.docx"))
    assert len(document.tables) >= len(EXAMPLE_KEYS)
    first_rows = [[c.text for c in t.rows[0].cells] for t in document.tables]
    # no-break spaces in "(N = 15)": a line never ends at "(N" (session 29 ethics reader)
    assert first_rows[0] == ["Characteristic", "All participants (N\u00a0=\u00a015)"]
    t2 = document.tables[1]
    assert t2.rows[0].cells[0].text == "Analyte (unit)"
    assert "Median [IQR]" in [c.text for c in t2.rows[0].cells]
    second = [c.text for c in t2.rows[1].cells]
    # the visit labels, word and number joined by a no-break space (never broken across lines)
    assert [v.label.replace(" ", "\u00a0") for v in example_results().config.visits] == [
        c for c in second if c.startswith("Month")]
    body = [[c.text for c in r.cells] for r in t2.rows]
    tnf = next(r for r in body if r[0] == "TNF-α (pg/mL)")
    assert "*" in tnf[-2] and "*" not in tnf[-1], tnf   # the primary endpoint: marked on its unadjusted p
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Immunological biomarkers by compartment" in headings


def test_latex_contains_tabular(exported):
    out, _ = exported
    for key in EXAMPLE_KEYS:
        tex = (out / f"{key}.tex").read_text(encoding="utf-8")
        assert "\\begin{tabular" in tex or "\\begin{longtable}" in tex, key
        assert "<span" not in tex and "<br>" not in tex and "&lt;" not in tex
    t2 = (out / "table2_immunological.tex").read_text(encoding="utf-8")
    assert "\\textless{}0.001" in t2 or "0.001" in t2
    assert "l|" not in t2.split("\\toprule")[0]  # no vertical rule after the stub
    assert "Holm-adjusted" in t2  # footnotes kept as notes


def test_unknown_format_rejected(tmp_path):
    with pytest.raises(ValueError, match="unknown table format.*choose from html, csv, xlsx, tex, docx, pdf"):
        export_tables(hand_results(), tmp_path, ["odt"])


def test_pdf_has_every_table_on_its_own_pages_with_embedded_fonts(exported):
    import re

    from pypdf import PdfReader

    from alsreport.present.tables import build_tables

    out, _ = exported
    reader = PdfReader(out / "tables.pdf")
    pages = [page.extract_text() for page in reader.pages]
    n = len(pages)
    assert all(f"Page {i} of {n}" in text for i, text in enumerate(pages, start=1))
    assert all("BM-MSC in ALS (synthetic example)" in text for text in pages)  # running header
    results = example_results()
    titles = [table.title for table in build_tables(results).values()]
    firsts = []
    for title in titles:  # each table starts on a new page, in order
        first = next(i for i, text in enumerate(pages) if title in text.replace("\n", " "))
        firsts.append(first)
    assert firsts == sorted(set(firsts)) and len(firsts) == len(titles)
    assert f"{results.primary.pvalue:.3f}" in " ".join(pages)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object()
            fonts.add((re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"])),
                       any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts)
