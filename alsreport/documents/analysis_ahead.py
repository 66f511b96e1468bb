"""`render`'s start-up on two cores: the study is read, checked and analysed in a forked child while this
process imports what the documents need.

Before the documents' processes fork, ``alsreport render`` has one process and two cores: it imports the
analysis, the documents' context, the embedded engine's cell runner (IPython), pyplot and WeasyPrint (about as
long as reading and analysing a small study), then reads, checks and analyses the study, on one core.
:func:`load_and_analyze` runs the second half in a child (:mod:`alsreport.forked`) while this process does the
first; the :class:`~alsreport.study.model.Study` and :class:`~alsreport.results.model.Results` come back pickled.
Only small studies go this way (input files up to :data:`alsreport.cli_ahead.AHEAD_MAX_BYTES` together), and
only when a second CPU is free (:func:`cpu_free`); when the child fails in any way (an invalid study included) this process loads
and analyses the study itself, so every message and every result is the serial path's.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alsreport import forked

if TYPE_CHECKING:  # pragma: no cover
    from alsreport.results.model import Results
    from alsreport.study.model import Study

__all__ = ["cpu_free", "load_and_analyze"]


def _load_and_analyze(folder: Path) -> tuple["Study", "Results", dict[str, float]]:
    """The study, its results, and the seconds each took (``validate & load``, ``analyze``)."""
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    start = time.perf_counter()
    study = load_study(folder)
    loaded = time.perf_counter()
    results = analyze(study)
    return study, results, {"validate & load": loaded - start, "analyze": time.perf_counter() - loaded}


def _small(folder: Path) -> bool:
    from alsreport.cli_ahead import AHEAD_MAX_BYTES

    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) <= AHEAD_MAX_BYTES
    except OSError:
        return False


def _running_now() -> int | None:
    """Tasks running or ready to run at this instant, this process included (``/proc/loadavg``); None elsewhere."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def cpu_free() -> bool:
    """Whether a second CPU is free: :func:`alsreport.forked.idle_core` (1-minute load average), or nothing but
    this process running at this instant on two CPUs or more. The average lags a minute behind work that has
    ended (after a benchmark's previous command, say); the instant count does not."""
    if forked.idle_core():
        return True
    running = _running_now()
    return forked.two_cpus() and running is not None and running <= 1


def load_and_analyze(folder: Path, meanwhile: tuple[str, ...]) -> tuple["Study", "Results", dict[str, float]]:
    """``(study, results, seconds per stage)``: computed by a child while the modules ``meanwhile`` are imported
    here (a small study, a second CPU free: :func:`cpu_free`), else here after them."""
    enabled = cpu_free() and _small(Path(folder))
    if enabled:  # what both processes need is imported once, before the fork
        import alsreport.study.loading  # noqa: F401 - pandas, pydantic and the study.yml models
    with forked.ahead(_load_and_analyze, Path(folder), enabled=enabled) as ahead:
        for name in meanwhile if ahead.forked else ():
            importlib.import_module(name)
        value: Any = ahead.value()
    return value  # type: ignore[no-any-return]
