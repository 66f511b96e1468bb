"""Clopper–Pearson intervals against R's binom.test."""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats.proportion import clopper_pearson

# R 4.2.2: binom.test(x, n, conf.level = cl)$conf.int
R_BINOM_TEST = {
    (14, 15, 0.95): (0.680515433421697, 0.998313569758647),
    (0, 15, 0.95): (0, 0.218019360910534),
    (11, 15, 0.95): (0.448996758963029, 0.922128453708956),
    (12, 15, 0.95): (0.519108866193147, 0.956687994894163),
    (2, 15, 0.95): (0.0165759134400836, 0.404602696603372),
    (15, 15, 0.95): (0.781980639089466, 1),
    (1, 15, 0.95): (0.0016864302413527, 0.319484566578303),
    (0, 40, 0.95): (0, 0.0880973028788024),
    (3, 40, 0.95): (0.0157421798510415, 0.203864748732899),
    (7, 40, 0.95): (0.0733827293520852, 0.327790133361586),
    (40, 40, 0.95): (0.911902697121198, 1),
    (5, 8, 0.95): (0.244863216366552, 0.914766585862746),
    (0, 1, 0.95): (0, 0.975),
    (1, 1, 0.95): (0.025, 1),
    (3, 15, 0.9): (0.0568468675902468, 0.439784435981556),
    (0, 15, 0.99): (0, 0.297578169847481),
}


@pytest.mark.parametrize(("x", "n", "cl"), list(R_BINOM_TEST))
def test_matches_r_binom_test(x: int, n: int, cl: float) -> None:
    r = clopper_pearson(x, n, cl)
    low, high = R_BINOM_TEST[(x, n, cl)]
    assert r.low[0] == pytest.approx(low, rel=1e-10, abs=1e-14)
    assert r.high[0] == pytest.approx(high, rel=1e-10, abs=1e-14)
    assert r.statistic[0] == pytest.approx(x / n)


def test_vectorised_and_zero_denominator() -> None:
    r = clopper_pearson(np.array([0, 14, 0]), np.array([15, 15, 0]))
    assert r.high[0] == pytest.approx(0.218019360910534)  # R: binom.test(0, 15)$conf.int[2]
    assert r.low[1] == pytest.approx(0.680515433421697)  # R: binom.test(14, 15)$conf.int[1]
    assert np.isnan(r.low[2]) and np.isnan(r.high[2]) and np.isnan(r.statistic[2])
    with pytest.raises(ValueError):
        clopper_pearson(3, 2)
