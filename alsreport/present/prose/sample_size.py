"""Whether the sample is small or large and whether many biomarkers were tested: the words of the Limitations,
the Discussion and the abstract's Conclusions on what the study's size allows."""

from __future__ import annotations

import math
from statistics import NormalDist

from alsreport.results.model import Results

__all__ = ["LARGE_SAMPLE", "MANY_SERIES", "small_sample", "many_series"]

#: A "small" standardised change (Cohen's d = 0.2, Cohen 1988), the change a sample is judged by.
_SMALL_CHANGE = 0.2

#: Participants from which a sample is not called small: the number a paired test needs for 80% power to find a
#: small change (d = 0.2) at a two-sided 5% level, ((z₀.₉₇₅ + z₀.₈) / 0.2)² = 197 (normal approximation). Below it
#: a small change may well be missed ("a small sample"); from it on a small change is likely to reach statistical
#: significance, so the size of each change matters more than its p-value.
LARGE_SAMPLE = math.ceil(((NormalDist().inv_cdf(0.975) + NormalDist().inv_cdf(0.8)) / _SMALL_CHANGE) ** 2)

#: Biomarker series from which the study tested "many" (their adjustment for multiple tests costs power): three or
#: more; with one or two, "many biomarkers" is not true.
MANY_SERIES = 3


def small_sample(results: Results) -> bool:
    """Fewer participants enrolled than :data:`LARGE_SAMPLE`."""
    return results.flow.enrolled < LARGE_SAMPLE


def many_series(results: Results) -> bool:
    """At least :data:`MANY_SERIES` biomarker series."""
    return len(results.series) >= MANY_SERIES
