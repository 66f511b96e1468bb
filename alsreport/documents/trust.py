"""Which report templates a render uses: a study folder's own only when the user trusts them.

A study folder's ``_quarto.yml``, ``report/*.qmd`` and ``templates/`` are code:
the documents' Python cells run with the user's rights, and templates decide
what the HTML and PDF load. A study folder received from someone else must not
run code just by being rendered. So they are used only when the user says so,
with ``alsreport render --trust-templates`` or a line ``trust_templates: true``
in the folder's ``study.yml`` (which ``alsreport init --with-templates`` writes,
since the user asked for the templates). Either way the render says which
templates it used or ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["TRUST_KEY", "TemplateChoice", "own_templates", "choose_templates", "study_trusts_templates"]

#: The study.yml key that trusts the folder's own templates.
TRUST_KEY = "trust_templates"

_OWN = ("_quarto.yml", "report", "templates")


def own_templates(study: Path) -> list[str]:
    """The template files and folders a study folder carries (``_quarto.yml``, ``report/``, ``templates/``)."""
    return [name for name in _OWN if (Path(study) / name).exists()]


def study_trusts_templates(study: Path) -> bool:
    """True when the folder's study.yml says ``trust_templates: true`` (unreadable YAML: False)."""
    import yaml

    try:
        data = yaml.safe_load((Path(study) / "study.yml").read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return False
    return isinstance(data, dict) and data.get(TRUST_KEY) is True


@dataclass(frozen=True)
class TemplateChoice:
    """The project folder a render uses and the one-line notice that says why."""

    project: Path
    notice: str | None


def choose_templates(study: Path, bundled: Path, trust: bool | None = None) -> TemplateChoice:
    """The study folder as the project when it has a complete own project and is trusted; else ``bundled``.

    ``trust``: the ``--trust-templates`` flag (None/False: ask study.yml).
    """
    study = Path(study)
    own = own_templates(study)
    if not own:
        return TemplateChoice(Path(bundled), None)
    names = ", ".join(f"{n}/" if (study / n).is_dir() else n for n in own)
    complete = (study / "_quarto.yml").is_file() and (study / "report").is_dir()
    trusted = bool(trust) or study_trusts_templates(study)
    if trusted and complete:
        how = "--trust-templates" if trust else f"{TRUST_KEY}: true in study.yml"
        return TemplateChoice(study.resolve(), f"using the study folder's own templates ({names}; trusted by {how}): "
                                               "their code runs with your rights")
    if trusted:
        return TemplateChoice(Path(bundled), f"the study folder's {names} is not a complete project (it needs "
                                             "_quarto.yml and report/); the bundled templates are used")
    return TemplateChoice(Path(bundled), f"ignored the study folder's own templates ({names}): they can run code; "
                                         f"use them with --trust-templates or a line `{TRUST_KEY}: true` in study.yml")
