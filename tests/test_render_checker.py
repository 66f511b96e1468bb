"""check_quarto_subset: the project's documents stay inside the embedded engine's subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreport.render import check_quarto_subset

from render_helpers import FIXTURES, PROJECT

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([*REPO.glob("report/*.qmd"), *REPO.glob("templates/*.qmd")])


@pytest.mark.skipif(not DOCUMENTS, reason="no report/*.qmd or templates/*.qmd in the repository yet")
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_project_documents_use_only_the_supported_subset(document: Path) -> None:
    problems = check_quarto_subset(document, project_dir=REPO)
    assert problems == [], "\n".join(map(str, problems))


def test_fixture_report_is_inside_the_subset() -> None:
    assert check_quarto_subset(PROJECT / "main.qmd", project_dir=PROJECT) == []


def test_violations_are_flagged_with_file_and_line() -> None:
    problems = check_quarto_subset(FIXTURES / "unsupported.qmd")
    found = {(p.line, p.message.split(":")[0]) for p in problems}
    by_line = {p.line: p.message for p in problems}
    assert all(p.path == (FIXTURES / "unsupported.qmd").resolve() for p in problems)
    assert "{r} cell" in by_line[5]
    assert "options in the cell header" in by_line[9]
    assert "'fig-width' is not supported" in by_line[15]
    assert "echo: 'maybe'" in by_line[16]
    assert "magics" in by_line[17]
    assert "lst- cross-references" in by_line[22]
    assert "{{< video >}} is not supported" in by_line[26]
    messages28 = [p.message for p in problems if p.line == 28]
    assert any("`{r}`" in m for m in messages28) and any("@eq-energy" in m for m in messages28)
    assert "#eq-energy" in by_line[30]
    assert "callout-danger: unknown callout type" in by_line[32]
    assert ".panel-tabset" in by_line[36]
    assert not any("eq-ignored" in p.message for p in problems)  # code blocks are not text
    assert str(problems[0]).startswith(f"{(FIXTURES / 'unsupported.qmd').resolve()}:5: ")
    assert len(found) >= 12


def test_included_files_are_checked(tmp_path: Path) -> None:
    (tmp_path / "part.qmd").write_text("::: {.callout-danger}\nx\n:::\n")
    (tmp_path / "doc.qmd").write_text("{{< include part.qmd >}}\n\n{{< include missing.qmd >}}\n")
    problems = check_quarto_subset(tmp_path / "doc.qmd")
    assert [(p.path.name, p.line) for p in problems] == [("doc.qmd", 3), ("part.qmd", 1)]
    assert "no such file" in problems[0].message


def test_front_matter_in_an_included_file_is_refused() -> None:
    # Quarto 1.11 merges it into the document (tests/quarto_corpus showed the title replaced); the embedded
    # engine ignores it, so the checker names it
    from render_helpers import FIXTURES

    problems = check_quarto_subset(FIXTURES / "refused" / "with-front-matter.qmd")
    assert [(p.path.name, p.line) for p in problems] == [("_front.qmd", 1)]
    assert "included file has front matter" in problems[0].message
