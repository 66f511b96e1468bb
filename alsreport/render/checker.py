"""``check_quarto_subset``: Quarto syntax in a ``.qmd`` that the embedded engine does not support.

Run it on report documents before relying on the embedded engine: each
problem names the file and line and says what is supported instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from alsreport.render.callouts import CALLOUT_TYPES
from alsreport.render.cellopts import SUPPORTED_OPTIONS
from alsreport.render.crossref import UNSUPPORTED_PREFIXES
from alsreport.render.errors import QmdSyntaxError
from alsreport.render.execute import INLINE_RE
from alsreport.render.metadata import split_front_matter
from alsreport.render.shortcodes import SHORTCODE_RE, SUPPORTED_SHORTCODES
from alsreport.render.source import CELL_FENCE_RE, INCLUDE_RE, OPTION_RE, scan_fences

__all__ = ["SubsetProblem", "check_quarto_subset"]

_VALUES = {
    "echo": (True, False, "fenced"),
    "include": (True, False),
    "output": (True, False, "asis"),
    "warning": (True, False),
    "eval": (True, False),
}
_DIV_RE = re.compile(r"^\s*:{3,}\s*(?:\{(?P<attrs>[^}]*)\}|(?P<cls>[\w-]+))\s*:*\s*$")
_ID_RE = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w-]*)[^}]*\}")
_REF_RE = re.compile(r"(?<![\w@.\\])-?@(?P<id>[A-Za-z][\w]*-[\w:.-]*[\w])")
_UNSUPPORTED_CLASSES = {
    "panel-tabset": "tabsets need JavaScript",
    "panel-sidebar": "dashboard panels are not supported",
    "panel-fill": "dashboard panels are not supported",
    "panel-input": "dashboard panels are not supported",
    "content-visible": "conditional content is not supported",
    "content-hidden": "conditional content is not supported",
}


@dataclass(frozen=True)
class SubsetProblem:
    """One construct outside the supported subset, with where it is."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _strip_code_spans(line: str) -> str:
    return re.sub(r"(`+)(?!\{)[^`]*?\1", "", line)


def _cell_options(path: Path, body: list[str], start: int,
                  out: list[SubsetProblem]) -> tuple[list[tuple[int, str]], dict] | None:
    """The cell's leading ``#|`` lines (line number, yaml) and their parsed options; None when invalid."""
    yaml_lines: list[tuple[int, str]] = []
    for i, text in enumerate(body):
        opt = OPTION_RE.match(text)
        if not opt:
            break
        yaml_lines.append((start + 2 + i, opt.group("yaml")))
    options: dict = {}
    if yaml_lines:
        try:
            options = yaml.safe_load("\n".join(t for _, t in yaml_lines)) or {}
        except yaml.YAMLError as exc:
            out.append(SubsetProblem(path, yaml_lines[0][0], f"cell options are not valid YAML: {exc}"))
            return None
        if not isinstance(options, dict):
            out.append(SubsetProblem(path, yaml_lines[0][0], "cell options must be '#| key: value' lines"))
            return None
    return yaml_lines, options


def _option_lines(yaml_lines: list[tuple[int, str]]) -> dict[str, int]:
    """Option key → the line it is written on."""
    where = {}
    for ln, text in yaml_lines:
        km = re.match(r"^([A-Za-z][\w.-]*)\s*:", text)
        if km:
            where[km.group(1)] = ln
    return where


def _check_option_values(path: Path, options: dict, where: dict[str, int], line_no: int,
                         out: list[SubsetProblem]) -> None:
    for key, value in options.items():
        ln = where.get(key, line_no)
        if key not in SUPPORTED_OPTIONS:
            out.append(SubsetProblem(path, ln, f"cell option {key!r} is not supported (supported: "
                                               f"{', '.join(sorted(SUPPORTED_OPTIONS))})"))
        elif key in _VALUES and value not in _VALUES[key]:
            out.append(SubsetProblem(path, ln, f"cell option {key}: {value!r} is not one of "
                                               + ", ".join(str(v).lower() for v in _VALUES[key])))


def _check_cell_label(path: Path, options: dict, where: dict[str, int], line_no: int,
                      out: list[SubsetProblem]) -> None:
    label = str(options.get("label") or "")
    prefix = label.split("-", 1)[0] if "-" in label else ""
    if prefix in UNSUPPORTED_PREFIXES:
        out.append(SubsetProblem(path, where.get("label", line_no), f"label {label}: {prefix}- cross-references are not supported (use tbl-, fig- or sec-)"))
    for kind, cap in (("tbl", "tbl-cap"), ("fig", "fig-cap")):
        if prefix == kind and cap not in options:
            out.append(SubsetProblem(path, where.get("label", line_no), f"label {label} has no {cap}: it will not be numbered or referenceable"))
        if cap in options and prefix != kind:
            out.append(SubsetProblem(path, where.get(cap, line_no), f"{cap} needs a label starting with {kind}-"))


def _check_magics(path: Path, code: list[str], first_line: int, out: list[SubsetProblem]) -> None:
    for i, text in enumerate(code):
        if re.match(r"^\s*(%|!)", text):
            out.append(SubsetProblem(path, first_line + i,
                                     "IPython magics and ! shell commands are not run by the embedded engine"))


def _check_cell(path: Path, lines: list[str], start: int, end: int, m: re.Match[str], out: list[SubsetProblem]) -> None:
    engine, attrs = m.group("engine"), m.group("attrs").strip()
    line_no = start + 1
    if engine != "python":
        out.append(SubsetProblem(path, line_no, f"{{{engine}}} cell: the embedded engine runs only {{python}} cells"))
        return
    if attrs:
        out.append(SubsetProblem(path, line_no, f"options in the cell header ({attrs}) are not supported; "
                                                "write them as '#| key: value' lines"))
    body = lines[start + 1:end]
    parsed = _cell_options(path, body, start, out)
    if parsed is None:
        return
    yaml_lines, options = parsed
    where = _option_lines(yaml_lines)
    _check_option_values(path, options, where, line_no, out)
    _check_cell_label(path, options, where, line_no, out)
    _check_magics(path, body[len(yaml_lines):], start + 2 + len(yaml_lines), out)


def _check_shortcodes(path: Path, line_no: int, text: str, out: list[SubsetProblem]) -> None:
    for sc in SHORTCODE_RE.finditer(text):
        if sc.group("open") and sc.group("close"):
            continue
        name, args = sc.group("name"), sc.group("args").split()
        if name not in SUPPORTED_SHORTCODES:
            out.append(SubsetProblem(path, line_no, f"shortcode {{{{< {name} >}}}} is not supported "
                                                    f"(supported: {', '.join(sorted(SUPPORTED_SHORTCODES))})"))
        elif name == "include" and not INCLUDE_RE.match(text):
            out.append(SubsetProblem(path, line_no, "{{< include >}} must be alone on its line"))
        elif name == "meta" and len(args) != 1:
            out.append(SubsetProblem(path, line_no, "{{< meta >}} takes exactly one key"))


def _check_inline_code(path: Path, line_no: int, text: str, out: list[SubsetProblem]) -> None:
    for im in INLINE_RE.finditer(text):
        if im.group("engine") != "python":
            out.append(SubsetProblem(path, line_no, f"inline `{{{im.group('engine')}}}` code: only `{{python}} expr` is supported"))


def _check_xref_prefixes(path: Path, line_no: int, plain: str, out: list[SubsetProblem]) -> None:
    """``@eq-x`` references and ``{#eq-x}`` identifiers of unsupported cross-reference kinds."""
    for ref in _REF_RE.finditer(plain):
        prefix = ref.group("id").split("-", 1)[0].lower()
        if prefix in UNSUPPORTED_PREFIXES:
            out.append(SubsetProblem(path, line_no, f"@{ref.group('id')}: {prefix}- cross-references are not supported (use tbl-, fig- or sec-)"))
    for ident in _ID_RE.finditer(plain):
        prefix = ident.group("id").split("-", 1)[0].lower()
        if "-" in ident.group("id") and prefix in UNSUPPORTED_PREFIXES:
            out.append(SubsetProblem(path, line_no, f"#{ident.group('id')}: {prefix}- cross-references are not supported"))


def _check_div(path: Path, line_no: int, text: str, out: list[SubsetProblem]) -> None:
    """Classes and layout attributes of a ``:::`` div fence."""
    div = _DIV_RE.match(text)
    if not div:
        return
    attrs = div.group("attrs") or ("." + div.group("cls") if div.group("cls") else "")
    for cls in re.findall(r"(?:^|\s)\.([\w-]+)", attrs):
        if cls.startswith("callout-") and cls[len("callout-"):] not in CALLOUT_TYPES:
            out.append(SubsetProblem(path, line_no, f".{cls}: unknown callout type (use one of "
                                                    + ", ".join(f"callout-{t}" for t in CALLOUT_TYPES) + ")"))
        elif cls in _UNSUPPORTED_CLASSES or cls.startswith("column-"):
            why = _UNSUPPORTED_CLASSES.get(cls, "page columns are not supported")
            out.append(SubsetProblem(path, line_no, f".{cls}: {why}"))
    if re.search(r"\blayout(-ncol|-nrow)?\s*=", attrs):
        out.append(SubsetProblem(path, line_no, "layout attributes are not supported"))


def _check_text_line(path: Path, line_no: int, text: str, in_code: bool, out: list[SubsetProblem]) -> None:
    _check_shortcodes(path, line_no, text, out)
    if in_code:
        return
    _check_inline_code(path, line_no, text, out)
    _check_xref_prefixes(path, line_no, _strip_code_spans(text), out)
    _check_div(path, line_no, text, out)


def _check_front_matter(path: Path, front: dict, *, included: bool, out: list[SubsetProblem]) -> None:
    if front and included:  # the main document is the first file seen
        out.append(SubsetProblem(path, 1, "an included file has front matter: Quarto merges it into the including "
                                          "document's metadata (its title replaces the document's), the embedded "
                                          "engine ignores it; move these keys to the main document"))
    engine = front.get("engine") if isinstance(front, dict) else None
    if engine not in (None, "jupyter", "markdown"):
        out.append(SubsetProblem(path, 1, f"engine: {engine} is not supported (python cells run with jupyter semantics)"))


def _check_file(path: Path, root: Path, out: list[SubsetProblem], seen: set[Path], main_dir: Path | None = None) -> None:
    main_dir = main_dir or path.parent  # includes resolve from the main document's folder, as in Quarto
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    text = path.read_text(encoding="utf-8")
    try:
        front, _, body_start = split_front_matter(text, path)
    except QmdSyntaxError as exc:
        out.append(SubsetProblem(path, exc.line or 1, str(exc).split(": ", 1)[-1]))
        front, body_start = {}, 1
    _check_front_matter(path, front, included=len(seen) > 1, out=out)
    lines = text.splitlines()
    code_lines: set[int] = set()
    for start, end, cell in scan_fences(lines):
        if start < body_start - 1:
            continue
        if end >= len(lines):
            out.append(SubsetProblem(path, start + 1, "code block is never closed"))
        code_lines.update(range(start, min(end, len(lines) - 1) + 1))
        if cell is not None:
            _check_cell(path, lines, start, end, cell, out)
    for i in range(body_start - 1, len(lines)):
        text_line = lines[i]
        if CELL_FENCE_RE.match(text_line):
            continue
        _check_text_line(path, i + 1, text_line, i in code_lines, out)
        inc = INCLUDE_RE.match(text_line)
        if inc:
            arg = inc.group("arg").strip("\"'")
            target = (root / arg.lstrip("/")) if arg.startswith("/") else (main_dir / arg)
            if not target.is_file():
                out.append(SubsetProblem(path, i + 1, f"include {arg}: no such file"))
            else:
                _check_file(target, root, out, seen, main_dir)


def check_quarto_subset(path: Path, *, project_dir: Path | None = None) -> list[SubsetProblem]:
    """Problems (file, line, what) for Quarto syntax in ``path`` outside the embedded subset.

    Included files are checked too. An empty list means the embedded engine
    renders the document as Quarto would (within the documented subset).
    """
    path = Path(path)
    out: list[SubsetProblem] = []
    _check_file(path, Path(project_dir) if project_dir else path.parent, out, set())
    return sorted(out, key=lambda p: (str(p.path), p.line))
