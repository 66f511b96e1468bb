"""Benchmark of the vectorised kernels in :mod:`alsreport.stats` against a naive SciPy loop.

For each size (participants x series) it generates a synthetic study -- every series
measured at 4 visits M0..M3, values on a lab-like 2-decimal grid (so with ties), about
5 % missing -- and times, in one process:

* **kernels**: ``signed_rank`` (with the Hodges-Lehmann CI) and ``paired_t`` for the
  contrasts M1-M0, M2-M0, M3-M0, ``friedman`` over the 4 visits, and Holm + BH
  ``p_adjust_grouped`` of the Wilcoxon p-values within each contrast, and ``describe``
  (n, mean, SD, quartiles type 7, range, geometric mean) at each visit;
* **naive**: a Python loop over series calling ``scipy.stats.wilcoxon``,
  ``scipy.stats.ttest_rel`` and ``scipy.stats.friedmanchisquare`` on the complete cases
  (SciPy's ``wilcoxon`` told to use R's exact/approximate choice and continuity
  correction; it computes no confidence interval, so it does less work than the kernels)
  plus ``scipy.stats.false_discovery_control`` and a sorted Holm step per contrast, and
  NumPy descriptives per series and visit.

Peak memory is the peak resident set size sampled every 2 ms during each phase (above
the level just before it), and the process's ``ru_maxrss`` once the kernels have run.

Usage::

    python benchmarks/bench_stats.py                      # 15x40, 1000x300, 10000x300
    python benchmarks/bench_stats.py --sizes 1000x300 --no-naive
"""

from __future__ import annotations

import argparse
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alsreport.stats import describe, friedman, p_adjust_grouped, paired_t, signed_rank  # noqa: E402

VISITS = 4
DEFAULT_SIZES = "15x40,1000x300,10000x300"
TARGETS = {(1000, 300): (2.0, None), (10000, 300): (30.0, 4 * 1024**3)}


def make_data(participants: int, series: int, seed: int) -> np.ndarray:
    """``(series, participants, visits)`` values: log-normal, visit effects, 2 decimals, 5 % NaN."""
    rng = np.random.default_rng(seed)
    level = rng.lognormal(1.0, 0.8, size=(series, 1, 1))
    person = rng.lognormal(0.0, 0.5, size=(series, participants, 1))
    effect = np.array([0.0, 0.03, 0.06, 0.1])[None, None, :] * rng.choice([-1, 0, 1], size=(series, 1, 1))
    noise = rng.lognormal(0.0, 0.25, size=(series, participants, VISITS))
    values = np.round(level * person * np.exp(effect) * noise, 2)
    values[rng.random(values.shape) < 0.05] = np.nan
    return values


class PeakRSS:
    """Samples this process's resident set size in a background thread."""

    def __init__(self, interval: float = 0.002) -> None:
        self.interval = interval
        self.page = resource.getpagesize()
        self.peak = 0
        self.base = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def rss(self) -> int:
        try:
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * self.page
        except OSError:  # not Linux: fall back to the lifetime maximum
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.interval)

    def __enter__(self) -> PeakRSS:
        self.base = self.peak = self.rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.peak = max(self.peak, self.rss())


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def run_kernels(values: np.ndarray) -> dict[str, float]:
    times: dict[str, float] = {}
    base = values[:, :, 0]
    pvals = []
    t_w = t_t = 0.0
    for v in range(1, VISITS):
        dt, w = timed(lambda v=v: signed_rank(values[:, :, v], base))
        t_w += dt
        pvals.append(w.pvalue)
        dt, _ = timed(lambda v=v: paired_t(values[:, :, v], base))
        t_t += dt
    times["wilcoxon+CI"] = t_w
    times["(wilcoxon, no CI)"] = sum(
        timed(lambda v=v: signed_rank(values[:, :, v], base, conf_int=False))[0] for v in range(1, VISITS))
    times["paired t"] = t_t
    times["friedman"], _ = timed(lambda: friedman(values))
    p = np.concatenate(pvals)
    groups = np.repeat(np.arange(VISITS - 1), values.shape[0])
    times["p.adjust"], _ = timed(lambda: (p_adjust_grouped(p, groups, "holm"), p_adjust_grouped(p, groups, "BH")))
    times["descriptives"] = sum(timed(lambda v=v: describe(values[:, :, v]))[0] for v in range(VISITS))
    return times


def run_naive(values: np.ndarray) -> dict[str, float]:
    from scipy import stats

    times = {"wilcoxon (no CI)": 0.0, "paired t": 0.0, "friedman": 0.0, "p.adjust": 0.0, "descriptives": 0.0}
    series = values.shape[0]
    pw = np.full((VISITS - 1, series), np.nan)
    for s in range(series):
        base = values[s, :, 0]
        for v in range(1, VISITS):
            later = values[s, :, v]
            ok = ~(np.isnan(later) | np.isnan(base))
            d = later[ok] - base[ok]
            t0 = time.perf_counter()
            nz = d[d != 0]
            # R's choice: exact only for < 50 non-zero differences without ties or zeros
            exact = nz.size < 50 and nz.size == d.size and np.unique(np.abs(nz)).size == nz.size
            try:
                pw[v - 1, s] = stats.wilcoxon(d, correction=not exact,
                                              method="exact" if exact else "approx").pvalue
            except ValueError:
                pass
            t1 = time.perf_counter()
            stats.ttest_rel(later[ok], base[ok])
            t2 = time.perf_counter()
            times["wilcoxon (no CI)"] += t1 - t0
            times["paired t"] += t2 - t1
        t0 = time.perf_counter()
        for v in range(VISITS):
            x = values[s, :, v]
            x = x[~np.isnan(x)]
            if x.size:
                x.mean(), x.std(ddof=1), np.percentile(x, [25, 50, 75]), x.min(), x.max()
                if (x > 0).all():
                    stats.gmean(x)
        times["descriptives"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        y = values[s][~np.isnan(values[s]).any(axis=1)]
        if y.shape[0] >= 2:
            stats.friedmanchisquare(*y.T)
        times["friedman"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    for v in range(VISITS - 1):
        p = pw[v][~np.isnan(pw[v])]
        stats.false_discovery_control(p, method="bh")
        o = np.argsort(p)
        np.minimum(1, np.maximum.accumulate((p.size - np.arange(p.size)) * p[o]))
    times["p.adjust"] = time.perf_counter() - t0
    return times


def parse_sizes(text: str) -> list[tuple[int, int]]:
    out = []
    for item in text.split(","):
        p, s = item.lower().split("x")
        out.append((int(p), int(s)))
    return out


def mib(b: float) -> str:
    return f"{b / 2**20:8.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES,
                    help=f"comma-separated PARTICIPANTSxSERIES (default {DEFAULT_SIZES})")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--no-naive", action="store_true", help="skip the per-series SciPy loop")
    args = ap.parse_args(argv)

    print(f"numpy {np.__version__}; {VISITS} visits -> 3 contrasts; values on a 2-decimal grid, ~5% missing")
    status = 0
    for participants, series in parse_sizes(args.sizes):
        values = make_data(participants, series, args.seed)
        print(f"\n== {participants} participants x {series} series "
              f"({values.nbytes / 2**20:.0f} MiB of input) ==")
        with PeakRSS() as mem:
            kt = run_kernels(values)
        k_nocI = kt.pop("(wilcoxon, no CI)")
        k_total = sum(kt.values())
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        for name, t in kt.items():
            print(f"  kernels  {name:18s} {t:8.3f} s")
        print(f"  (kernels wilcoxon without CI {k_nocI:8.3f} s; not in the total)")
        print(f"  kernels  {'TOTAL':18s} {k_total:8.3f} s   peak RSS +{mib(mem.peak - mem.base)}"
              f" (absolute {mib(mem.peak)}; ru_maxrss so far {mib(maxrss)})")
        if not args.no_naive:
            with PeakRSS() as nmem:
                nt = run_naive(values)
            n_total = sum(nt.values())
            for name, t in nt.items():
                print(f"  naive    {name:18s} {t:8.3f} s")
            print(f"  naive    {'TOTAL':18s} {n_total:8.3f} s   peak RSS +{mib(nmem.peak - nmem.base)}")
            print(f"  ratio naive / kernels: {n_total / k_total:6.1f}x"
                  f"   (like for like, Wilcoxon without CI: {n_total / (k_total - kt['wilcoxon+CI'] + k_nocI):.1f}x)")
        target = TARGETS.get((participants, series))
        if target is not None:
            t_max, m_max = target
            ok = k_total <= t_max and (m_max is None or maxrss <= m_max)
            limit = f"<= {t_max:g} s" + (f", <= {m_max / 2**30:g} GiB" if m_max else "")
            print(f"  target {limit}: {'met' if ok else 'MISSED'}")
            status |= 0 if ok else 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
