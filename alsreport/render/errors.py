"""Errors raised by the render pipeline: each says which file, cell or line and what was expected."""

from __future__ import annotations

from pathlib import Path

from alsreport.errors import AlsreportError

__all__ = ["CellExecutionError", "QmdSyntaxError", "RenderError"]


class RenderError(AlsreportError):
    """A document could not be rendered; the message names the file and what went wrong."""


class QmdSyntaxError(RenderError):
    """The ``.qmd`` source (front matter, cell options, include) is malformed."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self._message = message
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # pickled across a process boundary (render.isolated)
        return (type(self), (self.path, self.line, self._message))


def _what(label: str) -> str:
    return label if label.startswith("inline") else f"cell {label}"


class CellExecutionError(RenderError):
    """A code cell raised an exception; the render was aborted.

    ``traceback_text`` holds the formatted traceback; it is part of the message
    only when the render ran with ``debug=True``.
    """

    def __init__(
        self,
        *,
        document: Path,
        cell_label: str,
        path: Path,
        line: int,
        exc_type: str,
        exc_message: str,
        traceback_text: str,
        debug: bool = False,
    ) -> None:
        self.document = Path(document)
        self.cell_label = cell_label
        self.path = Path(path)
        self.line = line
        self.exc_type = exc_type
        self.exc_message = exc_message
        self.traceback_text = traceback_text
        self.debug = debug
        message = (
            f"{self.document.name}: {_what(cell_label)} ({self.path.name}, line {line}) raised "
            f"{exc_type}: {exc_message}"
        )
        if debug and traceback_text:
            message += "\n" + traceback_text.rstrip()
        else:
            message += "\n(render with debug=True to see the traceback)"
        super().__init__(message)

    def __reduce__(self):  # pickled across a process boundary (render.isolated)
        kwargs = dict(document=self.document, cell_label=self.cell_label, path=self.path, line=self.line,
                      exc_type=self.exc_type, exc_message=self.exc_message, traceback_text=self.traceback_text,
                      debug=self.debug)
        return (_rebuild_cell_error, (kwargs,))


def _rebuild_cell_error(kwargs: dict) -> CellExecutionError:
    return CellExecutionError(**kwargs)
