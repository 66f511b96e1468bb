"""No stale render (issue 14): editing any file a render reads makes the next render a miss, with the new content.

A trusted study folder carries a small manuscript that reads, from outside
``report/`` and ``templates/``: a stylesheet (``css:``) whose ``url()`` names an
image, a markdown image, an included file, and a file a cell opens in a
subfolder of the study.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from alsreport.documents.read_set import referenced_files, study_files
from alsreport.documents.reports import render_reports
from alsreport.study.example import example_study_path

_DOC = """---
title: Tiny
css: ../assets/style.css
---

```{python}
#| tags: [parameters]
study = None
```

```{python}
#| output: asis
from pathlib import Path
print("Cell read: " + (Path(study) / "extra" / "note.txt").read_text(encoding="utf-8").strip())
```

![A logo](../assets/logo.svg)

{{< include ../shared/part.qmd >}}
"""


def _svg(colour: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" '
            f'fill="{colour}"/></svg>')


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    study = tmp_path_factory.mktemp("read-set") / "study"
    shutil.copytree(example_study_path(), study)
    files = {
        "_quarto.yml": "project:\n  type: default\n",
        "report/manuscript.qmd": _DOC,
        "templates/print.css": "body { font-size: 10pt; }\n",
        "assets/style.css": "body { background-image: url(bg.svg); }\n",
        "assets/bg.svg": _svg("red"),
        "assets/logo.svg": _svg("blue"),
        "shared/part.qmd": "Included text: version one.\n",
        "extra/note.txt": "note version one\n",
    }
    for rel, text in files.items():
        (study / rel).parent.mkdir(parents=True, exist_ok=True)
        (study / rel).write_text(text, encoding="utf-8")
    return study


def _render(study: Path, out: Path) -> tuple[str, list[str]]:
    said: list[str] = []
    render_reports(study, reports=["manuscript"], formats=["html"], engine="embedded", out_dir=out,
                   progress=said.append, trust_templates=True)
    return (out / "manuscript.html").read_text(encoding="utf-8"), said


def _shows(html: str, text: str) -> bool:
    """``text`` is in the page, as text or inside a data: URI (base64 or percent-encoded)."""
    from urllib.parse import quote

    return any(form in html for form in (text, base64.b64encode(text.encode("utf-8")).decode("ascii"), quote(text)))


def test_the_read_set_names_every_file_outside_report_and_templates(project):
    named = {p.relative_to(project.resolve()).as_posix()
             for p in referenced_files(project, [project / "report" / "manuscript.qmd"])}
    assert {"assets/style.css", "assets/bg.svg", "assets/logo.svg", "shared/part.qmd"} <= named
    assert "extra/note.txt" in {p.relative_to(project).as_posix() for p in study_files(project)}
    (project / "_output").mkdir(exist_ok=True)
    (project / "_output" / "x.html").write_text("an output, not an input")
    assert not any("_output" in p.parts for p in study_files(project))


_EDITS = {
    "css url()": ("assets/bg.svg", _svg("red"), _svg("green")),
    "markdown image": ("assets/logo.svg", _svg("blue"), _svg("yellow")),
    "include": ("shared/part.qmd", "Included text: version one.\n", "Included text: version two.\n"),
    "cell reads": ("extra/note.txt", "note version one\n", "note version two\n"),
}


def test_editing_any_file_read_makes_the_next_render_a_miss_with_the_new_content(project, tmp_path):
    out = tmp_path / "out"
    html, _ = _render(project, out)
    assert "Cell read: note version one" in html
    _, said = _render(project, out)
    assert any(s.startswith("inputs unchanged") for s in said)  # the cache itself still works
    for edit, (rel, old, new) in _EDITS.items():
        assert _shows(html, old.strip()), edit
        (project / rel).write_text(new, encoding="utf-8")
        html, said = _render(project, out)
        assert not any(s.startswith("inputs unchanged") for s in said), (edit, said)
        assert _shows(html, new.strip()) and not _shows(html, old.strip()), edit
