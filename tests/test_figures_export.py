"""build_figures and export_figures: keys, files, 300-dpi PNG, embedded TrueType in PDF, searchable SVG,
reproducible bytes; the ``alsreport figures`` command on the example and on a second study."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from alsreport.cli import main
from alsreport.present.figures import FIGURE_FORMATS, PNG_DPI, build_figures, export_figures, figure_keys, forest_panels, slug
from alsreport.present.format import p_value
from alsreport.results.model import Results
from figures_fixtures import example_results, other_results, svg_text, write_other_study

KEY = re.compile(r"^[a-z0-9_]+$")


def _expected_forest_keys(results: Results) -> set[str]:
    contrast = results.config.final_contrast
    return {f"figure3_forest_{c.family}_{c.compartment}".lower() for c in results.comparisons
            if c.test == "wilcoxon" and c.contrast == contrast}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("figures") / "nested" / "out"   # export creates the folder
    return out, export_figures(example_results(), out, FIGURE_FORMATS)


@pytest.mark.parametrize("results_of", [example_results, other_results])
def test_keys_in_order_and_slug_safe(results_of) -> None:
    results = results_of()
    keys = figure_keys(results)
    assert all(KEY.match(k) for k in keys)
    assert keys[0] == "figure1_consort"
    p = results.primary
    assert keys[1] == "figure2_trajectories"
    grids = [k for k in keys if k.startswith("figure2_grid_")]
    # small multiples of the primary endpoint's family, one per compartment (first appearance order)
    compartments = dict.fromkeys(s.compartment for s in results.series)
    assert grids == [f"figure2_grid_{slug(p.family, comp)}" for comp in compartments
                     if any(s.family == p.family and s.compartment == comp for s in results.series)]
    forests = [k for k in keys if k.startswith("figure3_forest_")]
    assert set(forests) == _expected_forest_keys(results) and len(forests) == len(set(forests))
    # the key's family and compartment as the results spell them (captions)
    assert {(c.family, c.compartment) for c in results.comparisons if c.test == "wilcoxon"} == set(
        forest_panels(results).values())
    assert list(forest_panels(results)) == forests
    # figures in order: 1, then 2, then 3
    assert [k[:7] for k in keys] == sorted(k[:7] for k in keys)


def test_build_figures_returns_figures_for_the_same_keys() -> None:
    from matplotlib.figure import Figure

    results = other_results()
    figs = build_figures(results)
    assert list(figs) == figure_keys(results)
    assert all(isinstance(f, Figure) for f in figs.values())
    # the reports build everything but the small multiples, which they do not show
    without = build_figures(results, grids=False)
    assert list(without) == [k for k in figure_keys(results) if not k.startswith("figure2_grid_")]
    assert len(without) < len(figs)


def test_without_primary_endpoint_there_is_no_trajectory_figure() -> None:
    import dataclasses

    ex = example_results()
    cfg = ex.config.model_copy(update={"analysis": ex.config.analysis.model_copy(update={"primary": None})})
    results = dataclasses.replace(ex, config=cfg)
    assert results.primary is None
    keys = figure_keys(results)
    assert "figure2_trajectories" not in keys
    assert keys[0] == "figure1_consort" and any(k.startswith("figure3_forest_") for k in keys)


def test_every_key_and_format_is_written(exported) -> None:
    out, paths = exported
    keys = figure_keys(example_results())
    expected = [out / f"{k}.{fmt}" for k in keys for fmt in FIGURE_FORMATS]
    assert paths == expected
    assert all(p.is_file() and p.stat().st_size > 1000 for p in paths)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in expected)


def test_png_is_300_dpi(exported) -> None:
    _, paths = exported
    for p in paths:
        if p.suffix == ".png":
            with Image.open(p) as im:
                dpi = im.info["dpi"]
            assert dpi == pytest.approx((PNG_DPI, PNG_DPI), abs=0.01)


def _fonts(reader: PdfReader) -> list:
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts.append(font)
            for d in font.get("/DescendantFonts", []):
                fonts.append(d.get_object())
    return fonts


def test_pdf_fonts_are_embedded_truetype(exported) -> None:
    _, paths = exported
    for p in paths:
        if p.suffix != ".pdf":
            continue
        fonts = _fonts(PdfReader(p))
        assert fonts, p
        assert all(f["/Subtype"] != "/Type3" for f in fonts), p
        # every font with glyphs (simple or CID) has a FontDescriptor with the TrueType program
        described = [f for f in fonts if "/FontDescriptor" in f]
        assert described, p
        assert all("/FontFile2" in f["/FontDescriptor"].get_object() for f in described), p


def test_svg_text_is_searchable(exported) -> None:
    out, _ = exported
    ex = example_results()
    consort = svg_text((out / "figure1_consort.svg").read_bytes())
    assert "Assessed for eligibility" in consort and f"(n = {ex.flow.assessed})" in consort
    forest = svg_text((out / "figure3_forest_immunological_csf.svg").read_bytes())
    c = ex.comparison("TNF-alpha", "CSF")
    assert "TNF-α" in forest and p_value(c.p_holm) in forest and p_value(c.pvalue) in forest
    assert "<text" in (out / "figure2_trajectories.svg").read_text(encoding="utf-8")


def test_second_export_is_byte_identical(exported, tmp_path: Path) -> None:
    out, paths = exported
    again = export_figures(example_results(), tmp_path, FIGURE_FORMATS)
    assert [p.name for p in again] == [p.name for p in paths]
    different = [p.name for p, q in zip(paths, again, strict=False) if p.read_bytes() != q.read_bytes()]
    assert not different


def test_no_dates_or_versions_in_the_files(exported) -> None:
    out, _ = exported
    svg = (out / "figure1_consort.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    meta = PdfReader(out / "figure1_consort.pdf").metadata or {}
    assert "/CreationDate" not in meta and "/Producer" not in meta


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="eps"):
        export_figures(example_results(), tmp_path, ("svg", "eps"))


def test_cli_exports_the_example(tmp_path: Path) -> None:
    out = tmp_path / "figs"
    result = CliRunner().invoke(main, ["figures", "--out", str(out), "--format", "svg"])
    assert result.exit_code == 0, result.output
    written = sorted(out.glob("*.svg"))
    assert [p.stem for p in sorted(written)] == sorted(figure_keys(example_results()))
    assert all(f"wrote {p}" in result.output for p in written)
    assert not list(out.glob("*.png"))


def test_cli_exports_a_second_study(tmp_path: Path) -> None:
    study = write_other_study(tmp_path / "second")
    out = tmp_path / "figs"
    result = CliRunner().invoke(main, ["figures", str(study), "--out", str(out), "--format", "svg,png"])
    assert result.exit_code == 0, result.output
    keys = figure_keys(other_results())
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.{f}" for k in keys for f in ("svg", "png"))
    assert "figure3_forest_immunological_plasma" in keys
    forest = svg_text((out / "figure3_forest_immunological_plasma.svg").read_bytes())
    assert "Neurofilament light chain" in forest and "Week 24" in forest
