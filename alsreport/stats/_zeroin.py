"""R's ``uniroot`` root finder (Brent's zeroin, ``R_zeroin2``) run on many problems in lock-step.

Private to :mod:`alsreport.stats`. A port of ``R_zeroin2`` from R's
``src/library/stats/src/zeroin.c`` (itself after Brent 1973 / Forsythe, Malcolm & Moler
1977) with every branch replaced by a mask, so that each problem follows exactly the
sequence of iterates R would produce for it, while the expensive function is evaluated
for all still-active problems at once. The value mapping of R's ``fcn2`` wrapper
(``src/library/stats/src/optimize.c``) is applied to every evaluation: NaN and +Inf
become ``DBL_MAX``, -Inf becomes ``-DBL_MAX``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alsreport.stats._rmath import DBL_EPSILON, DBL_MAX

__all__ = ["ZeroinResult", "fcn2_map", "zeroin2"]


@dataclass(frozen=True)
class ZeroinResult:
    """Per problem: ``root`` (R's ``uniroot(...)$root``), ``iterations`` (``$iter``;
    -1 when R would warn ``_NOT_ converged``) and ``estim_prec`` (``$estim.prec``)."""

    root: NDArray[np.float64]
    iterations: NDArray[np.int64]
    estim_prec: NDArray[np.float64]


def fcn2_map(v: NDArray[np.float64]) -> NDArray[np.float64]:
    """Map non-finite function values as R's ``fcn2`` does before ``zeroin`` sees them."""
    v = np.asarray(v, dtype=np.float64)
    if np.isfinite(v).all():
        return v
    return np.where(np.isfinite(v), v, np.where(v == -np.inf, -DBL_MAX, DBL_MAX))


def zeroin2(
    f: Callable[[NDArray[np.intp], NDArray[np.float64]], NDArray[np.float64]],
    ax: NDArray[np.float64],
    bx: NDArray[np.float64],
    fa: NDArray[np.float64],
    fb: NDArray[np.float64],
    tol: float,
    maxiter: int = 1000,
) -> ZeroinResult:
    """Vectorised ``R_zeroin2(ax, bx, f(ax), f(bx), f, tol, maxiter)``.

    ``f(idx, x)`` must return the (already :func:`fcn2_map`-ped) function values of
    problems ``idx`` at abscissae ``x`` (both 1-D, same length). Problem ``i`` behaves
    exactly like R's ``uniroot(f_i, lower = ax[i], upper = bx[i], f.lower = fa[i],
    f.upper = fb[i], tol = tol, maxiter = maxiter)``; the caller is responsible for
    R's prior checks (``lower < upper``, opposite signs).
    """
    a = np.array(ax, dtype=np.float64)
    b = np.array(bx, dtype=np.float64)
    fa = np.array(fa, dtype=np.float64)
    fb = np.array(fb, dtype=np.float64)
    c = a.copy()
    fc = fa.copy()
    m = a.shape[0]
    root = np.full(m, np.nan)
    iterations = np.zeros(m, dtype=np.int64)
    estim = np.zeros(m)

    at_a = fa == 0.0
    root[at_a] = a[at_a]
    at_b = ~at_a & (fb == 0.0)
    root[at_b] = b[at_b]
    active = np.flatnonzero(~(at_a | at_b))

    half_tol = tol / 2
    it = 0
    with np.errstate(all="ignore"):
        while active.size and it < maxiter + 1:
            it += 1
            A, B, C = a[active], b[active], c[active]
            FA, FB, FC = fa[active], fb[active], fc[active]
            prev_step = B - A
            swap = np.abs(FC) < np.abs(FB)
            if swap.any():
                A = np.where(swap, B, A)
                B = np.where(swap, C, B)
                C = np.where(swap, A, C)
                FA = np.where(swap, FB, FA)
                FB = np.where(swap, FC, FB)
                FC = np.where(swap, FA, FC)
            tol_act = 2 * DBL_EPSILON * np.abs(B) + half_tol
            new_step = (C - B) / 2

            conv = (np.abs(new_step) <= tol_act) | (FB == 0.0)
            if conv.any():
                done = active[conv]
                root[done] = B[conv]
                iterations[done] = it - 1
                estim[done] = np.abs(C[conv] - B[conv])
                keep = ~conv
                active = active[keep]
                A, B, C, FA, FB, FC = A[keep], B[keep], C[keep], FA[keep], FB[keep], FC[keep]
                prev_step, tol_act, new_step = prev_step[keep], tol_act[keep], new_step[keep]
                if not active.size:
                    break

            interp = (np.abs(prev_step) >= tol_act) & (np.abs(FA) > np.abs(FB))
            if interp.any():
                cb = C - B
                linear = A == C
                t1 = FB / FA
                p_lin = cb * t1
                q_lin = 1.0 - t1
                qq = FA / FC
                t1q = FB / FC
                t2 = FB / FA
                p_quad = t2 * (cb * qq * (qq - t1q) - (B - A) * (t1q - 1.0))
                q_quad = (qq - 1.0) * (t1q - 1.0) * (t2 - 1.0)
                p = np.where(linear, p_lin, p_quad)
                q = np.where(linear, q_lin, q_quad)
                positive = p > 0.0
                q = np.where(positive, -q, q)
                p = np.where(positive, p, -p)
                accept = (interp
                          & (p < (0.75 * cb * q - np.abs(tol_act * q) / 2))
                          & (p < np.abs(prev_step * q / 2)))
                new_step = np.where(accept, p / q, new_step)

            small = np.abs(new_step) < tol_act
            new_step = np.where(small, np.where(new_step > 0.0, tol_act, -tol_act), new_step)
            A = B
            FA = FB
            B = B + new_step
            FB = f(active, B)
            flip = ((FB > 0) & (FC > 0)) | ((FB < 0) & (FC < 0))
            C = np.where(flip, A, C)
            FC = np.where(flip, FA, FC)
            a[active], b[active], c[active] = A, B, C
            fa[active], fb[active], fc[active] = FA, FB, FC

    if active.size:  # not converged: R returns b and warns
        root[active] = b[active]
        iterations[active] = -1
        estim[active] = np.abs(c[active] - b[active])
    return ZeroinResult(root=root, iterations=iterations, estim_prec=estim)
