"""Pure numerical kernels reproducing R's ``stats`` results, vectorised across series.

Every function takes 2-D arrays -- one row per series (analyte x compartment), one
column per participant, NaN = missing -- and returns a frozen dataclass of NumPy
arrays with one element per series. No pandas, no I/O, no formatting.

============================  ==========================================================
:func:`signed_rank`           ``wilcox.test(later, baseline, paired = TRUE, conf.int = TRUE)``
:func:`paired_t`              ``t.test(later, baseline, paired = TRUE)``
:func:`friedman`              ``friedman.test(y)`` (+ Kendall's W)
:func:`p_adjust`              ``p.adjust(p, "holm" | "BH")``
:func:`p_adjust_grouped`      ``p.adjust`` within each family
:func:`describe`              ``mean``, ``sd``, ``median``, ``quantile(type = 7)``, ...
============================  ==========================================================
"""

from __future__ import annotations

from alsreport.stats.descriptive import DescriptiveArrays, describe
from alsreport.stats.friedman import FriedmanArrays, friedman
from alsreport.stats.multiplicity import p_adjust, p_adjust_grouped
from alsreport.stats.ttest import TTestArrays, paired_t
from alsreport.stats.wilcoxon import WilcoxonArrays, signed_rank

__all__ = [
    "DescriptiveArrays",
    "FriedmanArrays",
    "TTestArrays",
    "WilcoxonArrays",
    "describe",
    "friedman",
    "p_adjust",
    "p_adjust_grouped",
    "paired_t",
    "signed_rank",
]
