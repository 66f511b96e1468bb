"""Replacing a whole output folder in one step.

:func:`swap_in` makes a complete, freshly written folder take the place of the
output folder. On Linux this is one ``renameat2(RENAME_EXCHANGE)`` call: a reader,
a crash or a kill sees either the old set or the new set, never a mix (the old
set is then deleted). Where the exchange is not available the files are moved one
by one (``os.replace``, atomic per file). Files of the old folder that the new set
does not have (a user's notes, say) are carried over.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

__all__ = ["swap_in", "exchange"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths on one file system; False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _carry_over(old: Path, new: Path) -> None:
    for p in old.iterdir():
        if (new / p.name).exists() or p.is_symlink():
            continue
        if p.is_dir():
            shutil.copytree(p, new / p.name, symlinks=True)
        else:
            shutil.copy2(p, new / p.name)


def swap_in(new: Path, target: Path) -> None:
    """Put the complete folder ``new`` in the place of ``target``; ``new`` is gone afterwards."""
    new, target = Path(new), Path(target)
    if not target.exists():
        os.rename(new, target)
        return
    _carry_over(target, new)
    if exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old set
        return
    for p in sorted(new.iterdir()):  # per file; a kill here can mix old and new files
        os.replace(p, target / p.name)
    shutil.rmtree(new, ignore_errors=True)
