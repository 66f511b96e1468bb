"""Blocks of rows on threads (alsreport.stats._blocks): same results, in block order, whatever the threads."""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats import _blocks, wilcoxon


def test_map_blocks_keeps_block_order_on_threads() -> None:
    blocks = list(range(7))
    assert _blocks.map_blocks(lambda b: b * b, blocks, threads=2) == [0, 1, 4, 9, 16, 25, 36]
    assert _blocks.map_blocks(lambda b: b * b, blocks, threads=1) == [0, 1, 4, 9, 16, 25, 36]


def test_map_blocks_raises_the_error_of_a_block() -> None:
    def fn(b: int) -> int:
        if b == 3:
            raise ValueError("block 3")
        return b

    with pytest.raises(ValueError, match="block 3"):
        _blocks.map_blocks(fn, list(range(5)), threads=2)


def test_block_threads_is_within_bounds() -> None:
    assert 1 <= _blocks.block_threads() <= _blocks.MAX_THREADS


def test_row_blocks_cover_every_row_once_split_per_thread() -> None:
    nnz = np.array([5, 3, 9, 3, 7, 1, 2], dtype=np.int64)
    blocks = wilcoxon._row_blocks(nnz, 2)
    assert sorted(np.concatenate(blocks).tolist()) == list(range(7))
    assert len(blocks) == 2  # one block of 7 short rows, halved for two threads


def _signed_rank_with(threads: int, monkeypatch: pytest.MonkeyPatch, later: np.ndarray,
                      base: np.ndarray) -> wilcoxon.WilcoxonArrays:
    monkeypatch.setattr(wilcoxon, "block_threads", lambda: threads)
    monkeypatch.setattr(wilcoxon, "_CHUNK_ELEMENTS", 4096)  # several blocks of rows
    return wilcoxon.signed_rank(later, base)


def test_signed_rank_identical_on_one_and_two_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    base = np.round(rng.lognormal(2, 1, (40, 300)), 2)
    later = np.round(base * rng.lognormal(0.05, 0.3, (40, 300)), 2)  # 2-decimal grid: ties and zeros
    later[rng.random(later.shape) < 0.05] = np.nan
    later[3, :] = base[3, :]  # all zero differences
    later[5, 2:] = np.nan  # two pairs: exact
    one = _signed_rank_with(1, monkeypatch, later, base)
    two = _signed_rank_with(2, monkeypatch, later, base)
    for name in ("statistic", "pvalue", "estimate", "ci_low", "ci_high", "conf_level", "effect_size"):
        a, b = getattr(one, name), getattr(two, name)
        assert np.array_equal(a.view(np.int64), b.view(np.int64)), name  # bit for bit, NaN included
    assert np.isfinite(one.ci_low[[0, 1, 2]]).all()  # the approximate intervals were searched
    for name in ("n", "n_zeros", "exact", "method", "reason", "warnings"):
        assert list(getattr(one, name)) == list(getattr(two, name)), name


def test_describe_in_blocks_on_threads_equals_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    from alsreport.stats import descriptive

    rng = np.random.default_rng(3)
    x = np.round(rng.lognormal(1, 1, (50, 200)), 2)
    x[rng.random(x.shape) < 0.1] = np.nan
    x[4] = np.nan  # no values
    x[7, 1:] = np.nan  # one value
    x[9, 0] = -1.0  # no geometric mean
    whole = descriptive.describe(x)  # 10,000 cells: one block
    monkeypatch.setattr(descriptive, "_BLOCK_CELLS", 1000)  # blocks of 5 rows
    parts = descriptive.describe(x)
    for f in ("n", "n_missing", "mean", "sd", "median", "q1", "q3", "min", "max", "geometric_mean"):
        a, b = getattr(whole, f), getattr(parts, f)
        assert a.dtype == b.dtype and np.array_equal(a.view(np.int64), b.view(np.int64)), f
    assert list(whole.reason) == list(parts.reason)
    assert list(whole.geometric_mean_reason) == list(parts.geometric_mean_reason)
    assert whole.reason[4] is not None and whole.reason[7] is not None


def test_the_threads_argument_gives_the_same_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """``signed_rank(threads=...)`` and ``describe(threads=...)``: what the analysis asks for beside its forked children."""
    from alsreport.stats import descriptive

    rng = np.random.default_rng(11)
    base = np.round(rng.lognormal(2, 1, (30, 200)), 1)
    later = np.round(base * rng.lognormal(0.1, 0.4, (30, 200)), 1)
    monkeypatch.setattr(wilcoxon, "_CHUNK_ELEMENTS", 4096)
    calls: list[int | None] = []
    real = _blocks.map_blocks
    monkeypatch.setattr(wilcoxon, "map_blocks", lambda fn, blocks, threads=None: calls.append(threads) or real(
        fn, blocks, threads))
    one, two = wilcoxon.signed_rank(later, base, threads=1), wilcoxon.signed_rank(later, base, threads=2)
    assert calls and set(calls) == {1, 2}
    for name in ("statistic", "pvalue", "estimate", "ci_low", "ci_high", "conf_level"):
        assert np.array_equal(getattr(one, name).view(np.int64), getattr(two, name).view(np.int64)), name
    monkeypatch.setattr(descriptive, "_BLOCK_CELLS", 1000)
    d1, d2 = descriptive.describe(later, threads=1), descriptive.describe(later, threads=2)
    for f in ("n", "mean", "sd", "median", "q1", "q3", "geometric_mean"):
        assert np.array_equal(getattr(d1, f).view(np.int64), getattr(d2, f).view(np.int64)), f
