"""Linear mixed model on log values: each visit against baseline, using every available value.

R equivalent (lme4), for one series in long form (one row per participant and visit
with a value)::

    fit <- lmer(log(value) ~ visit + (1 | participant), data = d, REML = TRUE)
    fixef(fit); sqrt(diag(vcov(fit)))                    # visit effects and standard errors
    confint(fit, method = "Wald", parm = "beta_")        # 95% Wald intervals
    isSingular(fit)                                      # random-intercept SD / sigma < 1e-4

``visit`` is a factor with the baseline as reference level, so each coefficient is the
difference in mean log value from baseline (``exp`` of it: the ratio of geometric
means). Fitted by REML with statsmodels' ``MixedLM`` (L-BFGS; at a boundary, where
the Hessian is singular, Powell's then Nelder-Mead's search); the estimates and standard errors agree with ``lmer`` to about 1e-6
(tests). Wald z statistics and two-sided normal p-values are reported (lme4 itself
gives no p-value). A fit that does not converge, or is singular (the participant
variance estimated at 0), is reported in ``warnings``, not hidden.

References: Laird, N. M. & Ware, J. H. (1982) Random-effects models for longitudinal
data, *Biometrics* 38, 963-974; Bates, D. et al. (2015) Fitting linear mixed-effects
models using lme4, *J. Stat. Softw.* 67(1).
"""

from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from alsreport.stats._rmath import libm_log, qnorm

__all__ = ["METHOD", "MixedModelFit", "mixed_model_log"]

METHOD = "Linear mixed model on log values (REML), random intercept per participant"
W_SINGULAR = "singular fit: the participant variance is estimated at 0 (lme4's isSingular)"
W_NOTCONV = "the REML fit did not converge"
R_NONPOSITIVE = "log transform needs positive values: a value is zero or negative"
R_TOO_FEW = "fewer than 2 participants with values"
SINGULAR_TOL = 1e-4  # lme4: isSingular(tol = 1e-4) on theta = SD(participant) / sigma


@dataclass(frozen=True)
class MixedModelFit:
    """One series' fit: one element per later visit (in visit order) in each array.

    Attributes:
        estimate: difference in mean log value, visit minus baseline (``fixef``).
        stderr: its standard error (``sqrt(diag(vcov(fit)))``).
        ci_low, ci_high: Wald interval ``estimate -/+ qnorm(1 - alpha/2) * stderr``.
        statistic, pvalue: Wald z and its two-sided normal p-value.
        n_obs, n_participants: values and participants used.
        sd_participant, sigma: random-intercept and residual standard deviations.
        converged, singular: as statsmodels / lme4 report them.
        warnings: messages about convergence and singularity.
        reason: None, or why no model was fitted (then every array is NaN).
    """

    estimate: NDArray[np.float64]
    stderr: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    statistic: NDArray[np.float64]
    pvalue: NDArray[np.float64]
    n_obs: int
    n_participants: int
    sd_participant: float
    sigma: float
    converged: bool
    singular: bool
    warnings: tuple[str, ...]
    reason: str | None


def _empty(k: int, n_obs: int, n_part: int, reason: str) -> MixedModelFit:
    nan = np.full(k, np.nan)
    return MixedModelFit(nan, nan, nan, nan, nan, nan, n_obs, n_part, np.nan, np.nan, False, False, (), reason)


def _lme4_stderr(x: NDArray[np.float64], group: NDArray[np.intp], scale: float, var_part: float) -> NDArray[np.float64]:
    """Standard errors as lme4's ``vcov(fit)``: ``sigma^2 (X' V^-1 X)^-1`` at the REML estimates.

    With a random intercept, ``V_g = I + lambda 11'`` (``lambda = var_part / sigma^2``) and
    ``V_g^-1 = I - lambda / (1 + n_g lambda) 11'``, so ``X' V^-1 X`` needs only ``X'X`` and the
    per-participant column sums. (statsmodels' ``bse_fe`` inverts the Hessian of the whole
    likelihood instead and differs from lme4 by up to ~1e-3.)
    """
    lam = var_part / scale
    n_g = np.bincount(group).astype(np.float64)
    sums = np.zeros((n_g.size, x.shape[1]))
    np.add.at(sums, group, x)
    w = lam / (1 + n_g * lam)
    info = x.T @ x - (sums * w[:, None]).T @ sums
    return np.sqrt(np.diag(scale * np.linalg.inv(info)))


def _fit(model):  # noqa: ANN001, ANN202 -- statsmodels objects
    """REML fit by L-BFGS; at a boundary (singular Hessian) Powell's, then Nelder-Mead's derivative-free search.

    Returns ``(fit, caught warnings, last error)``; ``fit`` None when every method failed
    or gave non-finite standard errors.
    """
    error: Exception | str = "no method converged"
    for method in ("lbfgs", "powell", "nm"):
        with _warnings.catch_warnings(record=True) as caught:
            _warnings.simplefilter("always")
            try:
                fit = model.fit(reml=True, method=[method])
            except (np.linalg.LinAlgError, ValueError) as exc:
                error = exc
                continue
        if np.isfinite(np.asarray(fit.bse_fe, dtype=float)).all():
            return fit, caught, None
        error = "non-finite standard errors"
    return None, [], error


def mixed_model_log(values: ArrayLike, conf_level: float = 0.95) -> MixedModelFit:
    """Fit ``log(value) ~ visit + (1 | participant)`` by REML to a participants x visits array (NaN = missing).

    Column 0 is the baseline. Visits with no value at all get NaN estimates.
    """
    from statsmodels.regression.mixed_linear_model import MixedLM  # heavy import, only when asked for

    y = np.asarray(values, dtype=np.float64)
    n_part_all, k = y.shape
    present = ~np.isnan(y)
    n_obs = int(present.sum())
    people = present.any(axis=1)
    if (y[present] <= 0).any():
        return _empty(k - 1, n_obs, int(people.sum()), R_NONPOSITIVE)
    if people.sum() < 2 or not present[:, 0].any():
        return _empty(k - 1, n_obs, int(people.sum()), R_TOO_FEW)
    cols = [j for j in range(1, k) if present[:, j].any()]
    pi, vj = np.nonzero(present)
    endog = libm_log(y[pi, vj])
    exog = np.column_stack([np.ones(pi.size)] + [(vj == j).astype(float) for j in cols])
    fit, caught, error = _fit(MixedLM(endog, exog, groups=pi))
    if fit is None:
        return _empty(k - 1, n_obs, int(people.sum()), f"the model could not be fitted: {error}")
    beta = np.asarray(fit.fe_params, dtype=float)[1:]
    var_part = max(float(np.asarray(fit.cov_re)[0, 0]), 0.0)
    se = _lme4_stderr(exog, pi, float(fit.scale), var_part)[1:]
    sigma = float(np.sqrt(fit.scale))
    sd_part = float(np.sqrt(var_part))
    singular = bool(sd_part / sigma < SINGULAR_TOL)
    converged = bool(fit.converged) and not any("converge" in str(w.message).lower() for w in caught)
    msgs = ([] if converged else [W_NOTCONV]) + ([W_SINGULAR] if singular else [])
    z = qnorm(1 - (1 - conf_level) / 2)
    out = {name: np.full(k - 1, np.nan) for name in ("est", "se")}
    idx = np.array(cols, dtype=np.intp) - 1
    out["est"][idx] = beta
    out["se"][idx] = se
    stat = out["est"] / out["se"]
    return MixedModelFit(
        estimate=out["est"], stderr=out["se"], ci_low=out["est"] - z * out["se"], ci_high=out["est"] + z * out["se"],
        statistic=stat, pvalue=2 * special.ndtr(-np.abs(stat)), n_obs=n_obs, n_participants=int(people.sum()),
        sd_participant=sd_part, sigma=sigma, converged=converged, singular=singular, warnings=tuple(msgs),
        reason=None,
    )
