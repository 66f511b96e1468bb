"""Input shaping shared by the kernels: every kernel works on (series, participants) arrays."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["as_2d"]


def as_2d(a: ArrayLike, name: str) -> NDArray[np.float64]:
    """``a`` as a float64 (series, participants) array; a 1-D input is one series."""
    arr = np.asarray(a, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D or 2-D (series x participants), got shape {arr.shape}")
    return arr
