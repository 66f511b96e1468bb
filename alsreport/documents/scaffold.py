"""``alsreport init``: start a new study folder from the bundled example."""

from __future__ import annotations

import shutil
from pathlib import Path

from alsreport.errors import AlsreportError
from alsreport.documents.resources import project_dir
from alsreport.study.example import example_study_path

__all__ = ["init_study"]


def init_study(dest: Path, *, with_templates: bool = False) -> list[Path]:
    """Copy the example study (and optionally the report templates) into ``dest``.

    ``dest`` must not exist or be an empty folder; nothing is overwritten.
    """
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise AlsreportError(f"{dest} already exists and is not an empty folder; choose a new folder name")
    dest.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    for src in sorted(example_study_path().iterdir()):
        if src.is_file() and not src.name.startswith((".", "__")):
            created.append(Path(shutil.copy2(src, dest / src.name)))
    if with_templates:
        from alsreport.documents.trust import TRUST_KEY

        with open(dest / "study.yml", "a", encoding="utf-8") as fh:  # the user asked for their own templates
            fh.write(f"# render uses the report/ and templates/ of this folder (their code runs with your rights)\n"
                     f"{TRUST_KEY}: true\n")
        root = project_dir()
        shutil.copy2(root / "_quarto.yml", dest / "_quarto.yml")
        created.append(dest / "_quarto.yml")
        for folder in ("report", "templates"):
            shutil.copytree(root / folder, dest / folder)
            created.extend(sorted(p for p in (dest / folder).rglob("*") if p.is_file()))
    return created
