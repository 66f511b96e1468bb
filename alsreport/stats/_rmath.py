"""Small ports of R's nmath / base numerics that the kernels need bit-for-bit.

Private to :mod:`alsreport.stats`. Each function names the R source it follows
(R 4.x, ``src/nmath`` and ``src/main``); the point of porting rather than
calling SciPy is that the Wilcoxon confidence interval is found by a root search
whose path depends on the last bits of these values.

* :func:`qnorm` -- ``qnorm()`` (Wichura 1988, AS 241; ``src/nmath/qnorm.c``),
  scalar, used for the handful of critical values of one call.
* :func:`signrank_table` / :func:`psignrank` / :func:`qsignrank` -- the exact
  null distribution of the signed-rank statistic (``src/nmath/signrank.c``),
  including R's summation order.
* :func:`pnorm_two_sided` -- ``2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))``
  with Cody's algorithm as in ``src/nmath/pnorm.c``, using the C library's ``exp``
  (:func:`libm_exp`) as R does.
* :func:`signif` -- ``signif(x, digits)`` (``src/nmath/fprec.c``).
* :func:`r_mean` / :func:`r_var` -- ``mean()`` and ``var()`` per row with R's
  long-double two-pass accumulation in index order (``src/main/summary.c``,
  ``src/library/stats/src/cov.c``).
* :func:`r_median_sorted` / :func:`r_quantile7_sorted` -- ``median()`` and
  ``quantile(type = 7)`` on rows already sorted with NaN last.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "DBL_EPSILON",
    "DBL_MAX",
    "libm_exp",
    "libm_log",
    "pnorm_two_sided",
    "psignrank",
    "qnorm",
    "qsignrank",
    "r_mean",
    "r_mean_pair",
    "r_median_sorted",
    "r_quantile7_sorted",
    "r_var",
    "signif",
    "signrank_table",
]

DBL_EPSILON = float(np.finfo(np.float64).eps)
DBL_MAX = float(np.finfo(np.float64).max)


def qnorm(p: float, lower_tail: bool = True) -> float:
    """R's ``qnorm(p, lower.tail = lower_tail)`` for a scalar (AS 241, as in R 4.2).

    Reference: Wichura, M. J. (1988) Algorithm AS 241, Applied Statistics 37, 477-484;
    R Core ``?qnorm``.
    """
    if math.isnan(p) or p < 0.0 or p > 1.0:
        return math.nan
    if p == (0.0 if lower_tail else 1.0):
        return -math.inf
    if p == (1.0 if lower_tail else 0.0):
        return math.inf
    p_ = p if lower_tail else (0.5 - p + 0.5)  # R_DT_qIv
    q = p_ - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        val = q * (((((((r * 2509.0809287301226727 +
                         33430.575583588128105) * r + 67265.770927008700853) * r +
                       45921.953931549871457) * r + 13731.693765509461125) * r +
                     1971.5909503065514427) * r + 133.14166789178437745) * r +
                   3.387132872796366608) / (((((((r * 5226.495278852545925 +
                                                  28729.085735721942674) * r + 39307.89580009271061) * r +
                                                21213.794301586595867) * r + 5394.1960214247511077) * r +
                                              687.1870074920579083) * r + 42.313330701600911252) * r + 1.0)
        return val
    # r = min(p, 1 - p) < 0.075
    if q > 0:
        r = (0.5 - p + 0.5) if lower_tail else p  # R_DT_CIv
    else:
        r = p_
    r = math.sqrt(-math.log(r))
    if r <= 5.0:
        r += -1.6
        val = (((((((r * 7.7454501427834140764e-4 +
                     0.0227238449892691845833) * r + 0.24178072517745061177) *
                   r + 1.27045825245236838258) * r +
                  3.64784832476320460504) * r + 5.7694972214606914055) *
                r + 4.6303378461565452959) * r +
               1.42343711074968357734) / (((((((r *
                                                1.05075007164441684324e-9 + 5.475938084995344946e-4) *
                                               r + 0.0151986665636164571966) * r +
                                              0.14810397642748007459) * r + 0.68976733498510000455) *
                                            r + 1.6763848301838038494) * r +
                                           2.05319162663775882187) * r + 1.0)
    else:
        r += -5.0
        val = (((((((r * 2.01033439929228813265e-7 +
                     2.71155556874348757815e-5) * r +
                    0.0012426609473880784386) * r + 0.026532189526576123093) *
                  r + 0.29656057182850489123) * r +
                 1.7848265399172913358) * r + 5.4637849111641143699) *
               r + 6.6579046435011037772) / (((((((r *
                                                   2.04426310338993978564e-15 + 1.4215117583164458887e-7) *
                                                  r + 1.8463183175100546818e-5) * r +
                                                 7.868691311456132591e-4) * r + 0.0148753612908506148525)
                                               * r + 0.13692988092273580531) * r +
                                              0.59983220655588793769) * r + 1.0)
    if q < 0.0:
        val = -val
    return val


@lru_cache(maxsize=64)
def signrank_table(n: int) -> tuple[NDArray[np.float64], float]:
    """Cumulative null distribution of the signed-rank statistic V for ``n`` ranks.

    Returns ``(cum, f)`` where ``cum[k] = sum_{i<=k} count(i) * f`` accumulated left to
    right exactly as R's ``psignrank`` loop does, ``count(i)`` = number of subsets of
    ``{1..n}`` summing to ``i`` (``csignrank``) and ``f = exp(-n * M_LN2)``.
    """
    u = n * (n + 1) // 2
    counts = np.zeros(u + 1, dtype=np.int64)  # at most 2**49 for n < 50: exact
    counts[0] = 1
    for j in range(1, n + 1):
        counts[j:] = counts[j:] + counts[: u + 1 - j]
    f = math.exp(-n * math.log(2.0))  # R: exp(- n * M_LN2), libm exp
    cum = np.add.accumulate(counts.astype(np.float64) * f)  # sequential, as R's loop
    cum.setflags(write=False)
    return cum, f


def psignrank(x: float, n: int, lower_tail: bool = True) -> float:
    """R's ``psignrank(x, n, lower.tail)`` (``src/nmath/signrank.c``)."""
    u = n * (n + 1) / 2
    x = float(np.rint(x + 1e-7))  # R_forceint(x + 1e-7)
    if x < 0.0:
        return 0.0 if lower_tail else 1.0
    if x >= u:
        return 1.0 if lower_tail else 0.0
    cum, _ = signrank_table(n)
    if x <= n * (n + 1) / 4:
        p = float(cum[int(x)])
    else:
        x = u - x
        p = float(cum[int(x) - 1]) if x >= 1 else 0.0
        lower_tail = not lower_tail
    return p if lower_tail else (0.5 - p + 0.5)


def qsignrank(x: float, n: int) -> int:
    """R's ``qsignrank(x, n)`` (lower tail, ``src/nmath/signrank.c``)."""
    if x == 0.0:
        return 0
    if x == 1.0:
        return n * (n + 1) // 2
    cum, _ = signrank_table(n)
    if x <= 0.5:
        target = x - 10 * DBL_EPSILON
        return int(np.argmax(cum >= target))
    target = 1 - x + 10 * DBL_EPSILON
    q = int(np.argmax(cum > target))
    return n * (n + 1) // 2 - q


def signif(x: float, digits: int) -> float:
    """R's ``signif(x, digits)`` for a finite scalar (``src/nmath/fprec.c``, R >= 4.0)."""
    if x == 0.0 or not math.isfinite(x):
        return x
    sgn = -1.0 if x < 0 else 1.0
    ax = abs(x)
    e10 = digits - 1 - math.floor(math.log10(ax))
    if e10 > 0:
        p10 = 10.0 ** e10
        return sgn * (float(np.rint(ax * p10)) / p10)
    p10 = 10.0 ** (-e10)
    return sgn * float(np.rint(ax / p10)) * p10


_LD = np.longdouble
_BLOCK_CELLS = 1 << 20


def _blocks(n_rows: int, n_cols: int) -> list[slice]:
    """Row slices of about ``_BLOCK_CELLS`` cells, to bound long-double temporaries."""
    step = max(1, _BLOCK_CELLS // max(1, n_cols))
    return [slice(i, i + step) for i in range(0, n_rows, step)]


def _seq_sum(a: NDArray[np.longdouble]) -> NDArray[np.longdouble]:
    """Column sums of ``a`` added strictly in row order, as R's loops add.

    ``np.sum`` may sum pairwise (with eight partial sums) along a contiguous axis --
    e.g. a single series, where each column is contiguous -- which changes the rounding
    of a sum that cancels. A cumulative sum is always sequential.
    """
    if a.shape[0] == 0:
        return np.zeros(a.shape[1:], dtype=_LD)
    return np.cumsum(a, axis=0, dtype=_LD)[-1]


def _ld_mean_t(xt: NDArray[np.float64], vt: NDArray[np.bool_], nl: NDArray[np.longdouble]) -> NDArray[np.longdouble]:
    """R's two-pass long-double mean of each column of ``xt`` (participants x series).

    Each column is accumulated sequentially, in R's order (:func:`_seq_sum`). Missing
    cells hold 0 and add nothing.
    """
    s = _seq_sum(xt.astype(_LD)) / nl
    fin = np.isfinite(s)
    resid = np.subtract(xt, s[None, :], dtype=_LD)
    resid[~vt] = 0
    t = _seq_sum(resid)
    return np.where(fin, s + t / nl, s)


def r_mean(x: NDArray[np.float64], valid: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Row means exactly as R's ``mean(x)`` on each row's valid values.

    R accumulates in long double in index order, divides by n, adds the mean of the
    residuals (accumulated the same way) and rounds once to double (``real_mean``,
    ``src/main/summary.c``). ``x`` must hold 0 where ``valid`` is False. Rows with no
    valid value give NaN.
    """
    m_rows, n_cols = x.shape
    out = np.empty(m_rows)
    n = valid.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        for sl in _blocks(m_rows, n_cols):
            xt = np.ascontiguousarray(x[sl].T)
            vt = np.ascontiguousarray(valid[sl].T)
            out[sl] = _ld_mean_t(xt, vt, n[sl].astype(_LD)).astype(np.float64)
    return out


def r_var(x: NDArray[np.float64], valid: NDArray[np.bool_]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Row ``(mean, var)`` as R's ``mean(x)`` and ``var(x)`` compute them (n - 1 denominator).

    Follows ``cov_na_1`` in ``src/library/stats/src/cov.c``: the two-pass long-double
    mean rounded to double, then the long-double sum, in index order, of the squared
    long-double deviations from it, divided by ``n - 1``. ``x`` must hold 0 where
    ``valid`` is False. Rows with fewer than two valid values give NaN variance.
    """
    m_rows, n_cols = x.shape
    mean = np.empty(m_rows)
    var = np.empty(m_rows)
    n = valid.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # R: var overflows to Inf
        for sl in _blocks(m_rows, n_cols):
            xt = np.ascontiguousarray(x[sl].T)
            vt = np.ascontiguousarray(valid[sl].T)
            nl = n[sl].astype(_LD)
            m = _ld_mean_t(xt, vt, nl).astype(np.float64)
            dev = np.subtract(xt, m[None, :], dtype=_LD)
            dev *= dev
            dev[~vt] = 0
            var[sl] = (_seq_sum(dev) / (nl - 1)).astype(np.float64)
            mean[sl] = m
    var = np.where(n >= 2, var, np.nan)
    return mean, var


def r_median_sorted(xs: NDArray[np.float64], n: NDArray[np.int64]) -> NDArray[np.float64]:
    """R's ``median()`` of each row of ``xs`` (rows sorted ascending, NaN last; ``n`` valid).

    Odd n: the middle value; even n: ``mean()`` of the two middle values, in long
    double as R computes it (:func:`r_mean_pair`).
    """
    out = np.full(xs.shape[0], np.nan)
    ok = n > 0
    if not ok.any():
        return out
    rows = np.flatnonzero(ok)
    nn = n[ok]
    lo = (nn - 1) // 2
    hi = nn // 2
    a = xs[rows, lo]
    b = xs[rows, hi]
    out[ok] = np.where(lo == hi, a, r_mean_pair(a, b))
    return out


def r_mean_pair(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """R's ``mean(c(a, b))`` element-wise: the long-double two-pass mean, rounded once.

    This is how R's ``median()`` averages the two middle values of an even-length
    vector, so ``median(c(1e308, 1.5e308))`` is 1.25e308 (not the ``Inf`` that
    ``(a + b) / 2`` in double precision overflows to).
    """
    pair = np.stack([np.asarray(a, np.float64), np.asarray(b, np.float64)], axis=1)
    return r_mean(pair, np.ones(pair.shape, dtype=bool))


def r_quantile7_sorted(xs: NDArray[np.float64], n: NDArray[np.int64], prob: float) -> NDArray[np.float64]:
    """R's ``quantile(x, prob, type = 7)`` of each row (rows sorted ascending, NaN last).

    Follows ``quantile.default``: ``index = 1 + (n - 1) * prob``; ``lo``/``hi`` its floor
    and ceiling; ``qs = x[lo]``, replaced by ``(1 - h) * x[lo] + h * x[hi]`` with
    ``h = index - lo`` where ``index > lo`` and ``x[hi] != qs``.
    """
    out = np.full(xs.shape[0], np.nan)
    ok = n > 0
    if not ok.any():
        return out
    rows = np.flatnonzero(ok)
    index = 1 + (n[ok] - 1).astype(np.float64) * prob
    lo = np.floor(index)
    hi = np.ceil(index)
    xlo = xs[rows, lo.astype(np.int64) - 1]
    xhi = xs[rows, hi.astype(np.int64) - 1]
    h = index - lo
    interp = (index > lo) & (xhi != xlo)
    out[ok] = np.where(interp, (1 - h) * xlo + h * xhi, xlo)
    return out


_PN_A = (2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
         18154.981253343561249, 0.065682337918207449113)
_PN_B = (47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956)
_PN_C = (0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
         597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
         11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8)
_PN_D = (22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
         6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
         38912.003286093271411, 19685.429676859990727)
_PN_P = (0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
         0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303)
_PN_Q = (1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
         0.00378239633202758244, 7.29751555083966205e-5)
_M_SQRT_32 = 5.656854249492380195206754896838
_M_1_SQRT_2PI = 0.398942280401432677939946059934


def _exp_scalar(v: float) -> float:
    """The C library's ``exp(v)``, +inf on overflow."""
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


_libm_exp = np.frompyfunc(_exp_scalar, 1, 1)


def _log_scalar(v: float) -> float:
    """The C library's ``log(v)``: -inf at 0, NaN below 0 (as R's ``log``)."""
    if v > 0 or v != v or v == math.inf:
        return math.log(v)
    return -math.inf if v == 0 else math.nan


_libm_log = np.frompyfunc(_log_scalar, 1, 1)


def libm_log(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """The C library's ``log`` element-wise, as R calls it (NumPy's SIMD ``log`` can differ by an ulp)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(_libm_log(np.asarray(x, dtype=np.float64)), dtype=np.float64)


def libm_exp(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """The C library's ``exp`` element-wise (NumPy's SIMD ``exp`` can differ by an ulp)."""
    with np.errstate(over="ignore", under="ignore"):
        return np.asarray(_libm_exp(x), dtype=np.float64)


def pnorm_two_sided(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """R's ``2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))`` element-wise.

    Cody's (1993) algorithm as in R's ``pnorm_both`` (``src/nmath/pnorm.c``); R's
    computation is symmetric in ``z``, so this is ``2 * pnorm(-|z|)``.
    """
    z = np.asarray(z, dtype=np.float64)
    x = -np.abs(z)
    y = -x
    out = np.full(z.shape, np.nan)
    with np.errstate(all="ignore"):
        r1 = y <= 0.67448975
        if r1.any():
            xx = x[r1]
            xsq = xx * xx
            xnum = _PN_A[4] * xsq
            xden = xsq
            for i in range(3):
                xnum = (xnum + _PN_A[i]) * xsq
                xden = (xden + _PN_B[i]) * xsq
            tiny = np.abs(xx) <= DBL_EPSILON * 0.5
            xnum = np.where(tiny, 0.0, xnum)
            xden = np.where(tiny, 0.0, xden)
            temp = xx * (xnum + _PN_A[3]) / (xden + _PN_B[3])
            out[r1] = 0.5 + temp
        r2 = ~r1 & (y <= _M_SQRT_32)
        if r2.any():
            yy = y[r2]
            xnum = _PN_C[8] * yy
            xden = yy
            for i in range(7):
                xnum = (xnum + _PN_C[i]) * yy
                xden = (xden + _PN_D[i]) * yy
            temp = (xnum + _PN_C[7]) / (xden + _PN_D[7])
            xsq = np.trunc(yy * 16) / 16
            dl = (yy - xsq) * (yy + xsq)
            out[r2] = libm_exp(-xsq * (xsq * 0.5)) * libm_exp(-(dl * 0.5)) * temp
        r3 = ~r1 & ~r2 & (x > -37.5193)
        if r3.any():
            xx = x[r3]
            yy = y[r3]
            xsq = 1.0 / (xx * xx)
            xnum = _PN_P[5] * xsq
            xden = xsq
            for i in range(4):
                xnum = (xnum + _PN_P[i]) * xsq
                xden = (xden + _PN_Q[i]) * xsq
            temp = xsq * (xnum + _PN_P[4]) / (xden + _PN_Q[4])
            temp = (_M_1_SQRT_2PI - temp) / yy
            xsq = np.trunc(xx * 16) / 16
            dl = (xx - xsq) * (xx + xsq)
            out[r3] = libm_exp(-xsq * (xsq * 0.5)) * libm_exp(-(dl * 0.5)) * temp
        r4 = ~r1 & ~r2 & ~r3 & ~np.isnan(x)
        out[r4] = 0.0
    return 2 * out
