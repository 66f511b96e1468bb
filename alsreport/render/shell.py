"""An in-process IPython shell that records what cells print and display, as Jupyter would.

Objects are shown through IPython's display formatter (``_repr_html_``,
``_repr_svg_``, ``_repr_markdown_``, …); matplotlib runs with the inline
backend and figures are formatted as SVG. While a document runs, this shell is
IPython's current instance (so ``display()`` reaches it); the previous instance,
matplotlib's backend and rcParams are restored afterwards. The working directory
is never changed here (:mod:`alsreport.render.isolated` runs a document in a
child process whose working directory is the document's folder).
"""

from __future__ import annotations

import atexit
import contextlib
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Iterator

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

__all__ = ["DOCUMENT_MODULE", "DisplayOutput", "EngineShell", "OutputRecorder", "StreamOutput", "engine_shell"]

#: ``__name__`` of the module the document's cells run in.
DOCUMENT_MODULE = "__alsreport_document__"


@dataclass
class StreamOutput:
    """Text a cell wrote to ``stdout`` or ``stderr``."""

    name: str
    text: str


@dataclass
class DisplayOutput:
    """A display (``display(obj)``, a figure, or the cell's last expression): mime type → data."""

    data: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)
    execute_result: bool = False


class OutputRecorder:
    """Collects a cell's outputs in the order they happen."""

    def __init__(self) -> None:
        self.outputs: list[StreamOutput | DisplayOutput] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if isinstance(last, StreamOutput) and last.name == name:
            last.text += text
        else:
            self.outputs.append(StreamOutput(name, text))

    def display(self, data: dict[str, Any], metadata: dict[str, Any] | None, execute_result: bool = False) -> None:
        self.outputs.append(DisplayOutput(dict(data), dict(metadata or {}), execute_result))

    def take(self) -> list[StreamOutput | DisplayOutput]:
        out, self.outputs = self.outputs, []
        return out


class _Stream:
    """A text stream (stdout/stderr stand-in) writing into the recorder."""

    def __init__(self, recorder: OutputRecorder, name: str) -> None:
        self._recorder, self.name = recorder, name
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        self._recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):  # type: ignore[override]
        self.shell.recorder.display(data, metadata)

    def clear_output(self, wait=False):  # type: ignore[override]
        self.shell.recorder.outputs.clear()


class _Hook(DisplayHook):
    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:  # type: ignore[override]
        self.shell.recorder.display(format_dict, md_dict, execute_result=True)

    def finish_displayhook(self) -> None:
        pass


class EngineShell(InteractiveShell):
    """InteractiveShell whose outputs go to an :class:`OutputRecorder`, never to the terminal."""

    display_pub_class = _Publisher  # type: ignore[assignment]
    displayhook_class = _Hook  # type: ignore[assignment]

    def __init__(self, **kwargs: Any) -> None:
        self.recorder = OutputRecorder()
        super().__init__(**kwargs)

    def showtraceback(self, *args: Any, **kwargs: Any) -> None:  # errors are reported by the engine
        pass

    def showsyntaxerror(self, *args: Any, **kwargs: Any) -> None:
        pass

    def init_virtualenv(self) -> None:
        pass

    def enable_gui(self, gui: str | None = None) -> None:
        pass

    def streams(self) -> tuple[_Stream, _Stream]:
        return _Stream(self.recorder, "stdout"), _Stream(self.recorder, "stderr")


@contextlib.contextmanager
def _matplotlib_inline(shell: EngineShell) -> Iterator[None]:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        yield
        return
    from matplotlib import pyplot as plt

    old_backend = matplotlib.get_backend()
    old_interactive = matplotlib.is_interactive()
    before = set(plt.get_fignums())
    with matplotlib.rc_context({"svg.hashsalt": "alsreport"}):
        try:
            shell.enable_matplotlib("inline")
            from IPython.core.pylabtools import select_figure_formats

            select_figure_formats(shell, {"svg"}, bbox_inches="tight")
            yield
        finally:
            for num in set(plt.get_fignums()) - before:
                plt.close(num)
            matplotlib.interactive(old_interactive)
            try:
                plt.switch_backend(old_backend)
            except Exception:  # pragma: no cover - e.g. a GUI backend not available here
                plt.switch_backend("agg")


@contextlib.contextmanager
def engine_shell(namespace: dict[str, Any]) -> Iterator[EngineShell]:
    """A fresh shell running in ``namespace``."""
    module = types.ModuleType(DOCUMENT_MODULE)
    module.__dict__.update(namespace)
    config = Config()
    config.HistoryManager.enabled = False
    saved = {cls: cls.__dict__.get("_instance") for cls in EngineShell._walk_mro()}
    shell = EngineShell(config=config, user_module=module, user_ns=module.__dict__)
    try:
        for cls in EngineShell._walk_mro():
            cls._instance = shell
        with _matplotlib_inline(shell):
            yield shell
    finally:
        for cls, inst in saved.items():
            cls._instance = inst
        sys.modules.pop(module.__name__, None)
        atexit.unregister(shell.atexit_operations)
        shell.configurables.clear()
