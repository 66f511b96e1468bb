"""The differential corpus: each document of tests/quarto_corpus rendered by Quarto and by the embedded engine.

Quarto renders the whole corpus project once per session (one ``quarto render`` of a copy); the
embedded engine renders each document. The comparison normalises page chrome away and keeps what a
reader sees: the title block, headings with their section numbers, paragraphs, numbered captions
and references, table cells, list items, the callouts' structure, code and printed output, and
whether there is a table of contents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alsreport.render import render_document

from quarto_helpers import callout_structure, code_blocks, document_blocks, has_toc, needs_quarto, title_block

CORPUS = Path(__file__).parent / "quarto_corpus"
DOCUMENTS = sorted(p.stem for p in CORPUS.glob("*.qmd"))


def _view(page: str) -> dict[str, object]:
    return {"title": title_block(page), "text": document_blocks(page), "callouts": callout_structure(page),
            "code": code_blocks(page), "toc": has_toc(page)}


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("_output", ".quarto"))
    return root


@pytest.fixture(scope="session")
def quarto_pages(corpus_copy: Path) -> dict[str, str]:
    if shutil.which("quarto") is None:
        pytest.skip("quarto is not on PATH (CI installs it from ../shared/quarto/install.sh; see .ci/run)")
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    proc = subprocess.run(["quarto", "render", "--to", "html"], cwd=corpus_copy, env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {name: (corpus_copy / "_output" / f"{name}.html").read_text(encoding="utf-8") for name in DOCUMENTS}


@pytest.fixture(scope="session")
def embedded_pages(corpus_copy: Path) -> dict[str, str]:
    out = corpus_copy / "_embedded"
    pages = {}
    for name in DOCUMENTS:
        result = render_document(corpus_copy / f"{name}.qmd", project_dir=corpus_copy, output_dir=out, to=["html"],
                                 use_cache=False)
        pages[name] = result.outputs["html"].read_text(encoding="utf-8")
    return pages


@needs_quarto
@pytest.mark.parametrize("name", DOCUMENTS)
def test_embedded_engine_matches_quarto(name: str, quarto_pages, embedded_pages) -> None:
    assert _view(embedded_pages[name]) == _view(quarto_pages[name])


def test_corpus_covers_the_subset(embedded_pages) -> None:
    """Without Quarto the embedded side still runs: each construct shows up as the corpus intends."""
    crossref = "\n".join(document_blocks(embedded_pages["crossref"]))
    assert "h1: 2 Methods" in crossref and "h2: 2.1 Design" in crossref
    assert "figcaption: Table 2: A pipe table with a caption" in crossref
    assert "Section 2" in crossref and "Figure 2" in crossref and "?@" not in crossref
    assert [c.split(":")[0] for c in callout_structure(embedded_pages["callouts"])] == [
        "default note titled", "default warning titled", "default important titled", "default tip titled",
        "default caution titled"]
    assert title_block(embedded_pages["meta"]) == ["title: Report on Corpus study", "subtitle: Second site: Beta"]
    assert not has_toc(embedded_pages["precedence"]) and has_toc(embedded_pages["crossref"])
