"""What the command line does to the process it owns (``alsreport``, ``python -m alsreport``; never a
test's CliRunner, never a library call): settings that only the owner of a process may make.

- :func:`one_blas_thread`, before NumPy is imported: OpenBLAS (NumPy's and SciPy's copies) starts a
  thread per CPU when it is loaded, and each such thread spins for about 0.1 s of CPU before it
  sleeps, again after every call that used it (issue #13, measured with ``perf`` on
  ``alsreport analyze`` at 300 x 300: ~0.2 CPU s in ``blas_thread_server``, on the core where the
  forked child reads the study). alsreport's kernels run their own threads (``alsreport.stats._blocks``)
  and call BLAS only for matrix-vector products of exact integers (the signed-rank sums) and small
  matrices (the mixed model), whose results do not depend on the number of BLAS threads.
- :func:`leave`, once every output is written and closed: the process ends at once
  (:func:`os._exit` after flushing stdout and stderr and shutting down logging), skipping the
  interpreter's teardown of a few hundred MiB of objects (~0.08 s at 300 x 300), memory the system
  takes back anyway. Only for commands whose ``with`` blocks have all closed (files, locks, children).

This module imports no stage of alsreport.
"""

from __future__ import annotations

import os
import sys

__all__ = ["BLAS_THREADS_VARIABLE", "leave", "one_blas_thread"]

#: OpenBLAS's own setting of its thread count (read when the library is loaded); a user's value is kept.
BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"


def one_blas_thread() -> None:
    """One OpenBLAS thread for this process (and what it starts), unless the user chose a number.

    Only takes effect when called before NumPy or SciPy is imported.
    """
    os.environ.setdefault(BLAS_THREADS_VARIABLE, "1")


def leave(status: int = 0) -> None:
    """End the process now with ``status``: flush stdout and stderr, shut logging down, :func:`os._exit`."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or odd stream: nothing more to write
            pass
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(status)
