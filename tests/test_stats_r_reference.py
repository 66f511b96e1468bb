"""Every kernel of alsreport.stats against R 4.2.2 on random edge-heavy series (a property test).

The cases (``tests/r_reference.py``): paired series with n from 1 to 80, ties, zero
differences, all differences zero, missing values and magnitudes from 1e-300 to 1e300;
Friedman matrices with ties and incomplete blocks; descriptive vectors, some whose sum
overflows; p-value families with NA and 1. R's answers were computed by
``Rscript tests/fixtures/r_reference/kernels.R`` (``wilcox.test(later, base, paired = TRUE,
conf.int = TRUE)``, ``t.test(later, base, paired = TRUE)``, ``friedman.test(y)``, ``mean``,
``sd``, ``median``, ``quantile``, ``p.adjust``) and printed with ``sprintf("%a")`` (exact).

Measured on this reference (430 cases): everything is bit-identical to R except the
values that go through Student's t or chi-squared distribution functions (SciPy's
``stdtr``/``stdtrit``/``chdtrc`` instead of R's ``pt``/``qt``/``pchisq``): paired-t
p-values, paired-t confidence limits (relative to the interval's half-width: a limit
near 0 is a difference of two larger numbers) and Friedman p-values, which agree to
about 1e-14 (measured worst cases in the README). Where R stops with an error, every statistic is NaN (df included).
The same comparison runs against R itself on fresh cases when ``Rscript`` is on PATH.
"""

from __future__ import annotations

import math
import shutil

import pytest
from r_reference import STORED_SEED, cases, kernel_values, load_stored, run_r

#: Values computed through SciPy's t / chi-squared distribution functions; all others are bit-identical.
APPROXIMATE = {"t_pvalue": 1e-13, "t_ci_low": 1e-13, "t_ci_high": 1e-13, "f_pvalue": 1e-13}


def _scale(key: str, rv: dict[str, object]) -> float:
    """A limit is ``mean -/+ qt(...) * stderr``: its error is relative to the half-width, not to itself."""
    if key in ("t_ci_low", "t_ci_high"):
        return abs(float(rv["t_ci_high"]) - float(rv["t_ci_low"])) / 2  # type: ignore[arg-type]
    return 0.0


def _same(want: float, got: float, tol: float, scale: float = 0.0) -> bool:
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if tol == 0 or want == got:
        return want == got
    return abs(want - got) <= tol * max(abs(want), scale)


def mismatches(r: dict[str, dict[str, object]], k: dict[str, dict[str, object]]) -> list[str]:
    """Every value where the kernels differ from R (bit for bit unless in APPROXIMATE)."""
    bad: list[str] = []
    for cid, rv in r.items():
        kv = k[cid]
        for key, want in rv.items():
            if key.endswith("_error"):  # R stopped: every statistic of that test is NaN
                pre = key[:2]
                filled = [n for n, v in kv.items() if n.startswith(pre) and isinstance(v, float) and not math.isnan(v)]
                bad += [f"{cid} {n}: R stopped ({want}) but got {kv[n]!r}" for n in filled]
                continue
            got = kv[key]
            if isinstance(want, str):
                if want != got:
                    bad.append(f"{cid} {key}: R {want!r}, got {got!r}")
                continue
            wants = want if isinstance(want, list) else [want]
            gots = got if isinstance(got, list) else [got]
            scale = _scale(key, rv)
            bad += [f"{cid} {key}: R {w!r}, got {g!r}" for w, g in zip(wants, gots, strict=True)
                    if not _same(w, g, APPROXIMATE.get(key, 0.0), scale)]
    return bad


def test_kernels_match_stored_r_outputs() -> None:
    cs, r = load_stored()
    assert len(cs) == len(r) == 430
    assert mismatches(r, kernel_values(cs)) == []


def test_stored_reference_covers_the_edges() -> None:
    cs, r = load_stored()
    one_pair = [c["id"] for c in cs if c["kind"] == "w" and (~(c["later"] != c["later"]) & (c["base"] == c["base"])).sum() == 1]
    assert one_pair and any(r[i].get("w_conf_level") == 0 and r[i].get("w_pvalue") == 1 for i in one_pair)
    assert any(r[c].get("w_statistic") == 0 and math.isnan(r[c].get("w_pvalue", 0.0)) for c in r)  # all zero
    assert any("t_error" in v and "constant" in str(v["t_error"]) for v in r.values())
    assert any("f_error" in v for v in r.values())
    assert any(v.get("d_median") == 1.25e308 for v in r.values())


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")
def test_kernels_match_r_itself_on_fresh_cases(tmp_path) -> None:
    cs = cases(STORED_SEED + 1)
    assert mismatches(run_r(cs, tmp_path), kernel_values(cs)) == []
