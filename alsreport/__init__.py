"""alsreport: reproducible reports for single-arm clinical biomarker studies.

The library API mirrors the command line::

    study = load_study(path)        # validate_study(path) lists problems without raising
    results = analyze(study)
    write_results(results, "out/")
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "__version__",
    "analyze",
    "example_study_path",
    "load_study",
    "render_reports",
    "validate_study",
    "write_results",
]

__version__ = "0.1.0"

_LAZY = {
    "analyze": "alsreport.analysis.run",
    "example_study_path": "alsreport.study.example",
    "load_study": "alsreport.study.loading",
    "render_reports": "alsreport.documents.reports",
    "validate_study": "alsreport.study.validation",
    "write_results": "alsreport.results.writer",
}


def __getattr__(name: str) -> Any:
    """Import the public functions on first use, keeping ``import alsreport`` light."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'alsreport' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
