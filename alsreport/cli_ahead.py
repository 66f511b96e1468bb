"""The command line's start-up on two cores: the study's files are read in a forked child while this
process imports the validation and the analysis (the ``study.yml`` models with pydantic, SciPy's special
functions, the results model, the writer), then checked here.

Imports hold the interpreter and cannot move to another process, but reading the files can: the child
(:mod:`alsreport.forked`) reads them (:func:`~alsreport.study.reading.read_study`: the CSV files parsed
into categorical text, ``study.yml``, the hashes) and sends the :class:`RawStudy` back pickled (~8 MB at
360,000 rows, most of it out of band). Only what reading needs (pandas, pyarrow, YAML) is imported
before the fork; the child then reads while this process imports, so that neither waits long for the
other (issue #13: at 300 x 300 the child had read *and* checked the study, ~0.35 s, while this process
imported for ~0.14 s and then waited). Only small studies go this way (input files up to
:data:`AHEAD_MAX_BYTES` together): a big study's pickle would be a second copy in memory, and its
reading dwarfs the imports anyway. When the child fails for any reason, :func:`load_ahead` reads the
files itself, in this process; the checks run here either way, so a study with errors gets exactly the
messages it always got.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alsreport import forked

if TYPE_CHECKING:  # pragma: no cover
    from alsreport.study.model import Study
    from alsreport.study.reading import RawStudy

__all__ = ["AHEAD_MAX_BYTES", "THEN_MAX_BYTES", "load_ahead", "read_ahead", "small_study"]

#: Input files (all files of the study folder, together) up to this size are read ahead in a child.
AHEAD_MAX_BYTES = 128 * 1024 * 1024
#: Input files up to this size get the second child of :func:`read_ahead` (~1.7 million measurement rows,
#: within the analysis's own limit for forking, ``alsreport.analysis.run.AHEAD_MAX_ROWS``): it holds a
#: second checked copy of the study.
THEN_MAX_BYTES = 64 * 1024 * 1024


def _input_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def small_study(folder: Path, limit: int | None = None) -> bool:
    """Whether the study's input files together are at most ``limit`` bytes (default :data:`AHEAD_MAX_BYTES`;
    False if unreadable)."""
    try:
        return _input_bytes(folder) <= (AHEAD_MAX_BYTES if limit is None else limit)
    except OSError:
        return False


def _read(folder: Path) -> RawStudy:
    from alsreport.study.reading import read_study

    return read_study(folder)


def load_ahead(folder: Path, meanwhile: tuple[str, ...],
               paused: Callable[[], AbstractContextManager[object]] = nullcontext) -> Study:
    """The study, its files read by a child while the modules ``meanwhile`` are imported here (small studies,
    a second CPU idle: :func:`alsreport.forked.idle_core`), then checked and loaded here; else read here as well.
    Either way the same :class:`Study`, or the same error. ``paused``: the context in which the modules are
    imported (the command line's pauses the garbage collector)."""
    return read_ahead(folder, meanwhile, paused)[0]


def read_ahead(folder: Path, meanwhile: tuple[str, ...],
               paused: Callable[[], AbstractContextManager[object]] = nullcontext,
               then: Callable[[Study], Any] | None = None) -> tuple[Study, forked.Ahead | None]:
    """:func:`load_ahead`, and with ``then`` (a function of the study) ``then(study)`` computed ahead: when a
    child read the files, a second child is forked as soon as they are here; it checks and loads them itself,
    on the core that would otherwise wait while this process does the same, and calls ``then``. Forked
    before this process checks the study, it shares none of the memory this process then fills: the
    memory freed by the checks and reused by the analysis costs no copy-on-write faults (issue #13: at
    300 x 300 a child forked after the checks, as the analysis forks one, made the analysis dataset's
    build take ~9,000 of them, 0.18-0.3 s instead of ~0.1). The second value is None when no child read
    the files or they total more than :data:`THEN_MAX_BYTES`; should the second child fail, ``value()``
    computes ``then(study)`` here."""
    small = small_study(folder) and forked.idle_core()
    if small:  # what the child needs is imported once, before the fork (it only reads)
        with paused():
            import alsreport.study.reading  # noqa: F401 - pandas, pyarrow, YAML
    with forked.ahead(_read, folder, enabled=small) as raw:
        with paused():
            import alsreport.study.loading  # noqa: F401 - pydantic, the study.yml models, the validation
            if raw.forked:
                for name in meanwhile:
                    importlib.import_module(name)
        files = raw.value()
    from alsreport.study.loading import load_read

    ahead = then is not None and raw.forked and small_study(folder, THEN_MAX_BYTES)
    child = forked.start(_load_then, files, folder, then) if ahead else None
    try:
        study = load_read(files, folder)
    except BaseException:
        if child is not None:
            child.close(kill=True)
        raise
    return study, (forked.Ahead(then, (study,), child) if child is not None and then is not None else None)


def _load_then(files: RawStudy, folder: Path, then: Callable[[Study], Any]) -> Any:
    from alsreport.study.loading import load_read

    return then(load_read(files, folder))
