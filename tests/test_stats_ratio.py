"""alsreport.stats.ratio.geometric_mean_ratio against R 4.2.2.

R: r <- t.test(log(later), log(baseline), paired = TRUE); exp(r$estimate); exp(r$conf.int); r$p.value
(printed with sprintf("%.17g")).
"""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats.ratio import R_NONPOSITIVE, geometric_mean_ratio

nan = np.nan


def test_matches_t_test_on_logs() -> None:
    r = geometric_mean_ratio([[2.0, 3.0, 5.5, 7.1, 1.2, nan]], [[1.5, 3.2, 4.0, 5.0, 1.0, 2.0]])
    # R: t.test(log(c(2, 3, 5.5, 7.1, 1.2)), log(c(1.5, 3.2, 4, 5, 1)), paired = TRUE)
    #    exp(estimate) 1.2397566894373779; exp(conf.int) 1.0056843505534194 1.5283092037366706
    #    p.value 0.046318210953204014; statistic 2.8516557846252559; df 4
    assert r.ratio[0] == pytest.approx(1.2397566894373779, rel=1e-14)
    assert r.ci_low[0] == pytest.approx(1.0056843505534194, rel=1e-13)
    assert r.ci_high[0] == pytest.approx(1.5283092037366706, rel=1e-13)
    assert r.t.pvalue[0] == pytest.approx(0.046318210953204014, rel=1e-13)
    assert r.t.statistic[0] == pytest.approx(2.8516557846252559, rel=1e-14)
    assert (r.t.df[0], r.t.n[0], r.reason[0]) == (4.0, 5, None)


def test_non_positive_value_has_a_reason() -> None:
    r = geometric_mean_ratio([[1.0, 2.0, 0.0]], [[1.0, 1.5, 1.0]])
    assert r.reason[0] == R_NONPOSITIVE and np.isnan(r.ratio[0]) and np.isnan(r.t.pvalue[0])
