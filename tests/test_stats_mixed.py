"""alsreport.stats.mixed.mixed_model_log against lme4::lmer (R 4.2.2, lme4 1.1-31).

R, with ``long(m)`` the participants x visits matrix ``m`` in long form without NA
(participant and visit as factors, baseline the first level)::

    fit <- lmer(log(value) ~ visit + (1 | participant), data = long(m), REML = TRUE)
    fixef(fit)[-1]; sqrt(diag(vcov(fit)))[-1]
    confint(fit, method = "Wald", parm = "beta_")[-1, ]
    isSingular(fit); as.data.frame(VarCorr(fit))$sdcor
"""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats.mixed import W_SINGULAR, mixed_model_log

nan = np.nan
TOL = 1e-4  # the requirement: estimates and standard errors to 1e-4

# CSF TNF-alpha of the bundled example (15 participants x M0..M3; one value missing at M1)
TNF = np.array([
    [9.06, 8.67, 6.65, 9.38], [6.51, 6.03, 4.89, 5.01], [8.72, 9.32, 6.42, 7.35], [7.52, 6.48, 6.25, 5.02],
    [11.7, 9.77, 9.71, 10.06], [4.85, 4.43, 4.38, 3.57], [15.09, 14.51, 11.3, 10.12], [9.06, 10.28, 7.39, 6.47],
    [13.96, 12.98, 15.18, 15.48], [6.11, 5.1, 4.8, 5.17], [8.27, 7.8, 4.86, 5.92], [10.14, nan, 8.44, 6.76],
    [13.39, 12.16, 11.99, 10.8], [9.68, 9.52, 8.78, 7.48], [9.26, 6.69, 8.33, 7.36]])


def test_matches_lmer_with_a_missing_value() -> None:
    f = mixed_model_log(TNF)
    # R: fixef(fit)[-1]                      -> -0.0849552449925 -0.203627326858 -0.23345294445
    np.testing.assert_allclose(f.estimate, [-0.0849552449925, -0.203627326858, -0.23345294445], rtol=TOL)
    # R: sqrt(diag(vcov(fit)))[-1]           -> 0.042686840895 0.0417143937895 0.0417143937895
    np.testing.assert_allclose(f.stderr, [0.042686840895, 0.0417143937895, 0.0417143937895], rtol=TOL)
    # R: confint(fit, method = "Wald")[-1, 1] -> -0.16861991576 -0.285386036322 -0.315211653914
    np.testing.assert_allclose(f.ci_low, [-0.16861991576, -0.285386036322, -0.315211653914], rtol=TOL)
    # R: isSingular(fit) FALSE; sdcor         -> 0.332178042725 (participant) 0.114239572256 (residual)
    assert not f.singular and f.converged and f.warnings == ()
    assert f.sd_participant == pytest.approx(0.332178042725, rel=TOL)
    assert f.sigma == pytest.approx(0.114239572256, rel=TOL)
    assert (f.n_obs, f.n_participants) == (59, 15)


def test_singular_fit_is_reported() -> None:
    # participant means all equal: lmer says "boundary (singular) fit"
    b = np.exp(np.array([[1, 2, 3], [2, 3, 1], [3, 1, 2], [1.5, 2.5, 2]]))
    f = mixed_model_log(b)
    # R: fixef -> 0.25 0.125; SE -> 0.595119035712 0.595119035712; Wald lower -> -0.91641187651 -1.04141187651
    np.testing.assert_allclose(f.estimate, [0.25, 0.125], rtol=TOL)
    np.testing.assert_allclose(f.stderr, [0.595119035712, 0.595119035712], rtol=TOL)
    np.testing.assert_allclose(f.ci_low, [-0.91641187651, -1.04141187651], rtol=TOL)
    # R: isSingular(fit) TRUE; sdcor -> 0 0.84162541153
    assert f.singular and f.warnings == (W_SINGULAR,)
    assert f.sd_participant < 1e-4 and f.sigma == pytest.approx(0.84162541153, rel=TOL)


def test_unfittable_series_say_why() -> None:
    assert "zero or negative" in mixed_model_log([[1.0, 0.0], [2.0, 3.0]]).reason
    assert mixed_model_log([[1.0, 2.0], [nan, nan]]).reason == "fewer than 2 participants with values"
    f = mixed_model_log(TNF[:, [0, 1]] * [1, nan])  # no value at the later visit
    assert f.reason is None and np.isnan(f.estimate).all()
