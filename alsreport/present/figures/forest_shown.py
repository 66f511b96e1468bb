"""Which forest plots the manuscript shows (issue #10, reader 7: the six-visit study's Figure 4 was a forest plot of
one row, "Immunological markers, serum: IL-10").

A forest plot compares markers; one marker is one estimate and its interval, which Table 2 or 3 already gives in the
same words. So the manuscript draws a forest plot for a family and compartment with at least
:data:`MIN_FOREST_ROWS` series, and says where the change of a marker left alone is (the figures exported by
``alsreport figures`` keep every panel).
"""

from __future__ import annotations

from alsreport.present.figures.forest import forest_series
from alsreport.results.model import Results, Series

__all__ = ["MIN_FOREST_ROWS", "forest_keys_shown", "forest_left_out"]

#: Fewer series than this in a family and compartment: no forest plot in the manuscript.
MIN_FOREST_ROWS = 2


def _panels(results: Results) -> dict[str, tuple[str, str]]:
    from alsreport.present.figures import forest_panels  # the package imports this module's neighbours

    return forest_panels(results)


def forest_keys_shown(results: Results) -> list[str]:
    """Keys ``figure3_forest_<family>_<compartment>`` of the panels with at least :data:`MIN_FOREST_ROWS` series."""
    return [key for key, (fam, comp) in _panels(results).items()
            if len(forest_series(results, fam, comp)) >= MIN_FOREST_ROWS]


def forest_left_out(results: Results) -> list[Series]:
    """The series of the panels not shown (one per family and compartment), in the panels' order."""
    return [s for fam, comp in _panels(results).values()
            for s in forest_series(results, fam, comp) if len(forest_series(results, fam, comp)) < MIN_FOREST_ROWS]
