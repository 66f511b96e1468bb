"""Running a document's Python cells and inline expressions, in order, in one namespace."""

from __future__ import annotations

import contextlib
import re
import time
import traceback
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alsreport.render.cellopts import CellSettings, resolve_cell_settings
from alsreport.render.errors import CellExecutionError, QmdSyntaxError
from alsreport.render.inline import inline_markdown
from alsreport.render.shell import DOCUMENT_MODULE, DisplayOutput, EngineShell, StreamOutput, engine_shell
from alsreport.render.source import Cell, Loc, MarkdownChunk, QmdDocument, scan_fences

__all__ = ["ExecutedCell", "ExecutedDocument", "ExecutedMarkdown", "INLINE_RE", "execute_cells"]

INLINE_RE = re.compile(r"(?<!`)`\{(?P<engine>[A-Za-z]\w*)\}[ \t]+(?P<expr>[^`]+?)`(?!`)")


@dataclass
class ExecutedMarkdown:
    """A markdown chunk with its inline expressions replaced by their values."""

    chunk: MarkdownChunk
    text: str


@dataclass
class ExecutedCell:
    """A cell, its resolved options and what it printed or displayed."""

    cell: Cell
    settings: CellSettings
    outputs: list[StreamOutput | DisplayOutput] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class ExecutedDocument:
    """Every chunk of a document after execution, plus warnings for people."""

    doc: QmdDocument
    chunks: list[ExecutedMarkdown | ExecutedCell]
    warnings: list[str]
    seconds: float


def _cell_for_frame(filename: str, shell: EngineShell, cells_by_count: dict[int, Cell]) -> Cell | None:
    count = getattr(shell.compile, "_filename_map", {}).get(filename)
    if count is None:
        m = re.match(r"<ipython-input-(\d+)-", filename)
        count = int(m.group(1)) if m else None
    return cells_by_count.get(count) if count is not None else None


def _format_traceback(exc: BaseException, shell: EngineShell, cells_by_count: dict[int, Cell]) -> tuple[str, Cell | None, int | None]:
    """A traceback with cell frames shown as ``file.qmd:line``; the innermost cell frame."""
    lines = ["Traceback (most recent call last):"]
    where: tuple[Cell | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        cell = _cell_for_frame(frame.filename, shell, cells_by_count)
        if cell is not None:
            qmd_line = cell.code_line + (frame.lineno or 1) - 1
            where = (cell, qmd_line)
            lines.append(f'  {cell.loc.path.name}:{qmd_line}, in cell {cell.describe()}')
            code = cell.code.splitlines()
            if frame.lineno and 0 < frame.lineno <= len(code):
                lines.append("    " + code[frame.lineno - 1].strip())
        elif "IPython/core/interactiveshell.py" in frame.filename.replace("\\", "/"):
            continue
        else:
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append("    " + frame.line.strip())
    lines.extend(traceback.format_exception_only(type(exc), exc))
    return "\n".join(line.rstrip("\n") for line in lines), where[0], where[1]


def _python_default_filters() -> None:
    """Python's own default warning filters, with the document's cells as ``__main__``.

    As in Jupyter: a ``DeprecationWarning`` shows when the document's code
    triggers it, not when a library does internally.
    """
    _warnings.resetwarnings()
    _warnings.simplefilter("default")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        _warnings.filterwarnings("ignore", category=category)
    _warnings.filterwarnings("default", category=DeprecationWarning, module=DOCUMENT_MODULE)


def _check_syntax(cell: Cell, document: Path) -> None:
    """Cells must be plain Python: IPython magics and ``!`` shell escapes are refused."""
    try:
        compile(cell.code, f"<cell {cell.describe()}>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = cell.code_line + (exc.lineno or 1) - 1
        hint = ""
        text = (exc.text or "").lstrip()
        if text.startswith(("%", "!")):
            hint = " (IPython magics and ! shell commands are not run by the embedded engine)"
        raise QmdSyntaxError(cell.loc.path, line, f"{document.name}: cell {cell.describe()}: invalid Python: {exc.msg}{hint}") from None


def _eval_inline(text: str, chunk: MarkdownChunk, shell: EngineShell, document: Path, debug: bool) -> str:
    """Replace `` `{python} expr` `` outside fenced code blocks by its value, by Quarto's rule.

    The value goes through IPython's display formatter, then :func:`inline_markdown`
    (``_repr_markdown_`` as markdown, a plain ``str`` as escaped text; an empty
    result leaves the expression as code, as Quarto does).
    """
    namespace = shell.user_ns
    lines = text.split("\n")
    in_fence = [False] * len(lines)
    for start, end, _ in scan_fences(lines):
        for i in range(start, min(end + 1, len(lines))):
            in_fence[i] = True
    for i, line in enumerate(lines):
        if in_fence[i] or "`{" not in line:
            continue
        loc = chunk.locs[i] if i < len(chunk.locs) else Loc(document, 0)

        def value(match: re.Match[str], loc: Loc = loc) -> str:
            if match.group("engine") != "python":
                return match.group(0)
            expr = match.group("expr").strip()
            try:
                value = eval(compile(expr, f"<inline {loc}>", "eval", dont_inherit=True), namespace)
                data, _ = shell.display_formatter.format(value)
            except Exception as exc:
                tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
                raise CellExecutionError(
                    document=document, cell_label=f"inline expression `{{python}} {expr}`", path=loc.path, line=loc.line,
                    exc_type=type(exc).__name__, exc_message=str(exc), traceback_text=tb, debug=debug,
                ) from None
            return inline_markdown(data) or match.group(0)

        lines[i] = INLINE_RE.sub(value, line)
    return "\n".join(lines)


def execute_cells(
    doc: QmdDocument,
    *,
    execute_options: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
    debug: bool = False,
) -> ExecutedDocument:
    """Run the document's cells and inline expressions in order, in one fresh namespace.

    ``params`` are injected as variables: right after a cell tagged
    ``parameters`` (``#| tags: [parameters]``, as papermill/Quarto do), or before
    the first cell when there is none. A failing cell raises
    :class:`CellExecutionError` naming the document, cell and line.
    """
    started = time.perf_counter()
    warnings: list[str] = list(doc.warnings)
    settings: dict[int, CellSettings] = {}
    for cell in doc.cells:
        if cell.engine != "python":
            raise QmdSyntaxError(
                cell.loc.path, cell.loc.line,
                f"cell {cell.describe()} uses engine {{{cell.engine}}}; the embedded engine runs only {{python}} cells",
            )
        settings[cell.number], cell_warnings = resolve_cell_settings(cell, execute_options)
        warnings.extend(cell_warnings)
        if settings[cell.number].eval:
            _check_syntax(cell, doc.path)
    params = dict(params or {})
    has_param_cell = any("parameters" in s.tags for s in settings.values())
    namespace: dict[str, Any] = {} if has_param_cell else dict(params)
    chunks: list[ExecutedMarkdown | ExecutedCell] = []
    cells_by_count: dict[int, Cell] = {}
    with engine_shell(namespace) as shell:
        ns = shell.user_ns
        for chunk in doc.chunks:
            if isinstance(chunk, MarkdownChunk):
                chunks.append(ExecutedMarkdown(chunk, _eval_inline(chunk.text, chunk, shell, doc.path, debug)))
                continue
            cell_settings = settings[chunk.number]
            executed = ExecutedCell(chunk, cell_settings)
            chunks.append(executed)
            if not cell_settings.eval:
                continue
            t0 = time.perf_counter()
            cells_by_count[shell.execution_count] = chunk
            stdout, stderr = shell.streams()
            with _warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(stdout), \
                    contextlib.redirect_stderr(stderr):
                _python_default_filters()
                result = shell.run_cell(chunk.code, store_history=True)
            executed.outputs = shell.recorder.take()
            executed.seconds = time.perf_counter() - t0
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                tb, cell, line = _format_traceback(error, shell, cells_by_count)
                raise CellExecutionError(
                    document=doc.path, cell_label=chunk.name, path=(cell or chunk).loc.path,
                    line=line or chunk.code_line, exc_type=type(error).__name__, exc_message=str(error),
                    traceback_text=tb, debug=debug,
                )
            if caught and cell_settings.warning:
                text = "".join(f"{w.category.__name__}: {w.message}\n" for w in caught)
                executed.outputs.append(StreamOutput("stderr", text))
                warnings.extend(f"{doc.path.name}: cell {chunk.describe()}: {line}" for line in text.splitlines())
            if "parameters" in cell_settings.tags:
                ns.update(params)
    return ExecutedDocument(doc, chunks, warnings, time.perf_counter() - started)
