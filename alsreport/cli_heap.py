"""The command line's memory for small studies: glibc's heap kept and backed by transparent huge pages.

Page faults are expensive on the virtual machines this runs on: ``alsreport analyze`` at 300 x 300 took
~120,000 minor faults over its processes (~0.5 CPU s of system time, issue #13), most of them for
memory that pandas, NumPy and the pickled study take from ``malloc`` in blocks of 128 KiB to a few MiB
(each such block is a fresh ``mmap`` that faults in page by page and is unmapped again when freed).
:func:`huge_page_heap`, called once by the command line before it imports pandas:

- asks glibc to serve blocks up to 32 MiB from its heap (``M_MMAP_THRESHOLD``) and to keep the heap's
  free memory instead of returning it (``M_TRIM_THRESHOLD``), so memory freed by one step is reused by
  the next without faulting again;
- grows the heap ahead by :data:`HEAP_AHEAD` of address space (allocated and freed at once: nothing is
  touched, so nothing is resident yet) and marks it for transparent huge pages (``madvise(MADV_HUGEPAGE)``,
  which this kernel's default ``madvise`` mode honours): a fault there maps 2 MiB at once.

Forked children inherit both. Measured on ``alsreport analyze`` at 300 x 300 (forced forks, alternating
runs): minor faults ~119,000 -> ~65,000, median wall 1.77 -> 1.64 s and CPU 2.39 -> 2.21 s over 8 pairs,
1.79 -> 1.73 s and 2.38 -> 2.30 s over 10 more; peak RSS +8-12 MiB. glibc's own
``GLIBC_TUNABLES=glibc.malloc.hugetlb=1``, which does much the same, must be set before the process starts.

Only for studies whose input files are small (:func:`heap_for`: at most
:data:`alsreport.cli_ahead.AHEAD_MAX_BYTES`, none of them Parquet, whose size says little about its rows:
the 10,000 x 300 study is 22 MB of Parquet): the kept heap never shrinks and huge pages round memory up,
which the 10,000-participant study (~3.8 GiB of its 4 GiB budget) cannot afford. Only on Linux with
glibc (elsewhere nothing is done); a kernel without transparent huge pages still gets the kept heap,
unmarked. Process-wide settings, so only for a process the command line owns (never a test's CliRunner, never
a library call). This module imports no stage of alsreport.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from alsreport.cli_ahead import small_study

__all__ = ["HEAP_AHEAD", "heap_for", "huge_page_heap"]

#: Address space the heap is grown by ahead of use (not resident until touched).
HEAP_AHEAD = 256 * 1024 * 1024
#: glibc's largest ``M_MMAP_THRESHOLD`` on 64-bit systems: blocks up to this size come from the heap.
_MMAP_THRESHOLD = 32 * 1024 * 1024
_CHUNK = 16 * 1024 * 1024
_HUGE_PAGE = 2 * 1024 * 1024
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
_MADV_HUGEPAGE = 14  # Linux's mman.h


def _glibc() -> bool:
    return sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc" and sys.maxsize > 2**32


def heap_for(folder: Path) -> bool:
    """Whether a study folder is small enough for :func:`huge_page_heap`: :func:`alsreport.cli_ahead.small_study`
    and no Parquet file (a Parquet file holds ~20 times its size in CSV text)."""
    try:
        return small_study(folder) and not any(p.suffix.lower() == ".parquet" for p in folder.iterdir())
    except OSError:
        return False


def huge_page_heap() -> bool:
    """Keep glibc's heap and grow it ahead by :data:`HEAP_AHEAD` of huge-page-backed address space.

    True when done; False off Linux/glibc (nothing done), when glibc refuses the settings, or when the
    marking fails (a kernel without transparent huge pages: the heap is then kept, unmarked).
    """
    if not _glibc():
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.malloc.restype = ctypes.c_void_p
        libc.malloc.argtypes = [ctypes.c_size_t]
        libc.free.argtypes = [ctypes.c_void_p]
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        if not (libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD) and libc.mallopt(_M_TRIM_THRESHOLD, 2**30)):
            return False
        blocks = [libc.malloc(_CHUNK) for _ in range(HEAP_AHEAD // _CHUNK)]  # from the heap: below the threshold
        for block in blocks:
            libc.free(block)
        got = [b for b in blocks if b]
        if not got:
            return False
        low = -(-min(got) // _HUGE_PAGE) * _HUGE_PAGE
        high = (max(got) + _CHUNK) // _HUGE_PAGE * _HUGE_PAGE
        # one range when the heap grew by brk; were it not, madvise would still mark what is mapped in it
        return high > low and libc.madvise(low, high - low, _MADV_HUGEPAGE) == 0
    except (OSError, AttributeError):
        return False
