"""How a p-value is written, everywhere (tables, figures, sentences): one rule.

Three decimals; below 0.001 as ``<0.001`` and above 0.999 as ``>0.999`` (more digits
claim a precision the data do not have); ``—`` when no test was computed. The
full-precision value stays in the results and the CSV/XLSX exports.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["format_p"]


def format_p(p: Any, *, lt: str = "<", gt: str = ">", missing: str = "—") -> str:
    """``p`` as printed; ``lt``/``gt`` let HTML or LaTeX writers pass their escaped signs."""
    try:
        x = float(p)
    except (TypeError, ValueError):
        return missing
    if not math.isfinite(x):
        return missing
    if x < 0.001:
        return f"{lt}0.001"
    if x > 0.999:
        return f"{gt}0.999"
    return f"{x:.3f}"
