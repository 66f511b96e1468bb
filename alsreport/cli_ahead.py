"""The command line's start-up on two cores: the study is read and validated in a forked child
while this process imports the analysis (SciPy's special functions, the results model, the writer).

Imports hold the interpreter and cannot move to another process, but reading and checking the
study can: the child (:mod:`alsreport.forked`) loads it and sends the :class:`Study` back pickled
(a few milliseconds at 360,000 rows). What both processes need (pandas, pydantic, the study
modules) is imported once, before the fork. Only small studies go this way (input files up to
:data:`AHEAD_MAX_BYTES` together): a big study's pickle would be a second copy in memory, and its
reading dwarfs the imports anyway. When the child fails for any reason, :func:`load_ahead`
loads the study itself, in this process, so a study with errors gets exactly the messages it
always got.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from alsreport import forked

if TYPE_CHECKING:  # pragma: no cover
    from alsreport.study.model import Study

__all__ = ["AHEAD_MAX_BYTES", "load_ahead", "small_study"]

#: Input files (all files of the study folder, together) up to this size are read ahead in a child.
AHEAD_MAX_BYTES = 128 * 1024 * 1024


def _input_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def small_study(folder: Path) -> bool:
    """Whether the study's input files together are at most :data:`AHEAD_MAX_BYTES` (False if unreadable)."""
    try:
        return _input_bytes(folder) <= AHEAD_MAX_BYTES
    except OSError:
        return False


def _load(folder: Path) -> Study:
    from alsreport.study.loading import load_study

    return load_study(folder)


def load_ahead(folder: Path, meanwhile: tuple[str, ...]) -> Study:
    """The study, loaded by a child while the modules ``meanwhile`` are imported here (small studies,
    a second CPU idle: :func:`alsreport.forked.idle_core`), else loaded here; either way the same
    :class:`Study`, or the same error."""
    small = small_study(folder) and forked.idle_core()
    if small:  # what both processes need is imported once, before the fork (the child only reads and checks)
        import alsreport.study.loading  # noqa: F401 - pandas, pydantic and the study.yml models
    with forked.ahead(_load, folder, enabled=small) as study:
        if study.forked:
            for name in meanwhile:
                importlib.import_module(name)
        return study.value()  # type: ignore[no-any-return]
