"""Manuscript tables (great-tables) built from :class:`~alsreport.results.Results` only."""
from .baseline import baseline_data, baseline_table
from .biomarkers import biomarker_data, biomarker_table
from .exposure import exposure_data, exposure_table
from .safety import *  # noqa
from .safety import __all__ as _safety_all
__all__ = ["baseline_data", "baseline_table", "biomarker_data", "biomarker_table", "exposure_data", "exposure_table", *_safety_all]
