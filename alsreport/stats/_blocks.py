"""Independent blocks of rows computed on the machine's cores (threads), results in block order.

Private to :mod:`alsreport.stats`. The kernels' heavy steps are NumPy sorts and ufunc
loops, which release the GIL, so two threads on two cores run two blocks of rows at
once. Each block is computed exactly as it would be alone and the results come back in
the order of the blocks, so the output does not depend on the number of threads or on
their timing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["MAX_THREADS", "block_threads", "map_blocks"]

T = TypeVar("T")
R = TypeVar("R")

#: At most this many threads per call (the kernels' work memory grows with each).
MAX_THREADS = 2


def block_threads() -> int:
    """Threads worth starting: the cores this process may run on, at most :data:`MAX_THREADS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_THREADS, cores))


def map_blocks(fn: Callable[[T], R], blocks: Sequence[T], threads: int | None = None) -> list[R]:
    """``[fn(b) for b in blocks]``, computed on up to ``threads`` threads (default :func:`block_threads`).

    The threads are joined before this returns; an exception of any block is raised here.
    """
    threads = block_threads() if threads is None else threads
    if threads <= 1 or len(blocks) <= 1:
        return [fn(b) for b in blocks]
    with ThreadPoolExecutor(max_workers=min(threads, len(blocks)), thread_name_prefix="alsreport-stats") as pool:
        return list(pool.map(fn, blocks))
