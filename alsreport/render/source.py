"""Reading a ``.qmd``: front matter, ``{{< include >}}`` expansion, markdown and code cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alsreport.render.errors import QmdSyntaxError
from alsreport.render.metadata import split_front_matter

__all__ = [
    "Cell",
    "Loc",
    "MarkdownChunk",
    "QmdDocument",
    "expand_includes",
    "parse_qmd",
    "scan_fences",
]

INCLUDE_RE = re.compile(r"^\s*(?<!\{)\{\{<\s*include\s+(?P<arg>\"[^\"]*\"|'[^']*'|\S+)\s*>\}\}(?!\})\s*$")
CELL_FENCE_RE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,})\s*\{(?P<engine>[A-Za-z][\w-]*)(?P<attrs>[^{}]*)\}\s*$"
)
FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
OPTION_RE = re.compile(r"^\s*#\|\s?(?P<yaml>.*)$")


@dataclass(frozen=True)
class Loc:
    """A line in a source file (1-based)."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}"


@dataclass
class MarkdownChunk:
    """Markdown text between cells, with the source location of each line."""

    text: str
    locs: list[Loc]


@dataclass
class Cell:
    """An executable ```` ```{engine} ```` cell."""

    number: int
    engine: str
    code: str
    options: dict[str, Any]
    loc: Loc
    code_line: int
    fence_attrs: str = ""
    option_lines: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str | None:
        value = self.options.get("label")
        return None if value is None else str(value)

    @property
    def name(self) -> str:
        """``"tbl-demo"`` (its label) or ``#3`` (its position) for people."""
        return f'"{self.label}"' if self.label else f"#{self.number}"

    def describe(self) -> str:
        """``"tbl-demo" (report.qmd:12)``: name and the line of its opening fence."""
        return f"{self.name} ({self.loc})"


@dataclass
class QmdDocument:
    """A parsed document: its own front matter and its body split into chunks."""

    path: Path
    front_matter: dict[str, Any]
    chunks: list[MarkdownChunk | Cell]
    files: list[Path]
    text: str
    warnings: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[Cell]:
        return [c for c in self.chunks if isinstance(c, Cell)]


def _resolve_include(arg: str, base: Path, roots: list[Path], loc: Loc) -> Path:
    arg = arg.strip("\"'")
    if arg.startswith("/"):
        target = (roots[0] / arg.lstrip("/")).resolve()
    else:
        target = (base / arg).resolve()
    if not any(target == r or r in target.parents for r in roots):
        raise QmdSyntaxError(
            loc.path, loc.line,
            f"include {arg!r} points outside the project folder ({', '.join(map(str, roots))})",
        )
    if not target.is_file():
        raise QmdSyntaxError(loc.path, loc.line, f"include {arg!r}: no such file {target}")
    return target


def expand_includes(
    path: Path, roots: list[Path], warnings: list[str], files: list[Path], _stack: tuple[Path, ...] = ()
) -> list[tuple[str, Loc]]:
    """Lines of ``path`` with ``{{< include f >}}`` lines replaced by ``f``'s lines, recursively.

    Paths are relative to the main document's folder, also in included files, as in Quarto
    (``/x`` is relative to the project).
    A file that includes itself, directly or not, is an error naming the chain.
    """
    path = path.resolve()
    if path in _stack:
        chain = " -> ".join(p.name for p in (*_stack, path))
        raise QmdSyntaxError(_stack[-1], None, f"include cycle: {chain}")
    files.append(path)
    text = path.read_text(encoding="utf-8")
    first_line = 1
    if _stack:  # included files: their front matter is dropped
        front, body, first_line = split_front_matter(text, path)
        if front:
            warnings.append(f"{path.name}: front matter of an included file is ignored")
        text = body
    out: list[tuple[str, Loc]] = []
    for offset, line in enumerate(text.splitlines()):
        loc = Loc(path, first_line + offset)
        match = INCLUDE_RE.match(line)
        if match:
            main = _stack[0] if _stack else path
            target = _resolve_include(match.group("arg"), main.parent, roots, loc)
            out.extend(expand_includes(target, roots, warnings, files, (*_stack, path)))
        else:
            out.append((line, loc))
    return out


def scan_fences(lines: list[str]) -> list[tuple[int, int, re.Match[str] | None]]:
    """Fenced blocks as (start, end, cell-match or None).

    ``end`` is the index of the closing fence line, or ``len(lines)`` when the
    block is never closed.
    """
    blocks: list[tuple[int, int, re.Match[str] | None]] = []
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m or (m.group("fence")[0] == "`" and "`" in m.group("info")):
            i += 1
            continue
        fence = m.group("fence")
        cell = CELL_FENCE_RE.match(lines[i])
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        blocks.append((i, j, cell))
        i = j + 1
    return blocks


def _parse_options(code_lines: list[str], first: Loc) -> tuple[dict[str, Any], int, dict[str, int]]:
    yaml_lines: list[str] = []
    option_lines: dict[str, int] = {}
    n = 0
    for n, line in enumerate(code_lines):
        m = OPTION_RE.match(line)
        if not m:
            break
        yaml_lines.append(m.group("yaml"))
        key = re.match(r"^([A-Za-z][\w.-]*)\s*:", m.group("yaml"))
        if key:
            option_lines[key.group(1)] = first.line + n
    else:
        n = len(code_lines)
    if not yaml_lines:
        return {}, 0, {}
    try:
        options = yaml.safe_load("\n".join(yaml_lines)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first.line + (mark.line if mark else 0)
        raise QmdSyntaxError(first.path, line, f"cell options (#| lines) are not valid YAML: {exc}") from None
    if not isinstance(options, dict):
        raise QmdSyntaxError(first.path, first.line, "cell options must be '#| key: value' lines")
    return options, n, option_lines


def parse_qmd(path: Path, *, project_dir: Path | None = None) -> QmdDocument:
    """Parse ``path``: front matter, includes expanded, split into markdown chunks and cells."""
    path = Path(path).resolve()
    if not path.is_file():
        raise QmdSyntaxError(path, None, "no such document")
    roots = [Path(project_dir).resolve()] if project_dir else []
    if path.parent not in roots:
        roots.append(path.parent)
    warnings: list[str] = []
    files: list[Path] = []
    text = path.read_text(encoding="utf-8")
    front, _, body_start = split_front_matter(text, path)
    expanded = expand_includes(path, roots, warnings, files)
    expanded = expanded[body_start - 1:]  # drop the main document's front matter lines
    lines = [t for t, _ in expanded]
    locs = [loc for _, loc in expanded]

    chunks: list[MarkdownChunk | Cell] = []
    cursor = 0
    number = 0

    def flush(upto: int) -> None:
        if upto > cursor:
            chunks.append(MarkdownChunk("\n".join(lines[cursor:upto]) + "\n", locs[cursor:upto]))

    for start, end, cell_match in scan_fences(lines):
        if cell_match is None:
            continue
        flush(start)
        number += 1
        body = lines[start + 1:end]
        if end >= len(lines):
            raise QmdSyntaxError(locs[start].path, locs[start].line, "code cell is never closed (expected a ``` line)")
        first = locs[start + 1] if start + 1 < len(locs) else locs[start]
        options, n_opts, option_lines = _parse_options(body, first)
        code_line = locs[start + 1 + n_opts].line if start + 1 + n_opts < len(locs) else first.line
        chunks.append(
            Cell(
                number=number,
                engine=cell_match.group("engine"),
                code="\n".join(body[n_opts:]).strip("\n") + "\n",
                options=options,
                loc=locs[start],
                code_line=code_line,
                fence_attrs=cell_match.group("attrs").strip(),
                option_lines=option_lines,
            )
        )
        cursor = end + 1
    flush(len(lines))
    return QmdDocument(path, front, chunks, files, "\n".join(lines), warnings)
