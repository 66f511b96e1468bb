"""alsreport.forked_wire: a value through a pipe, large arrays out of band, a short or silent pipe detected."""

from __future__ import annotations

import os
import threading

import numpy as np
import pandas as pd
import pytest

from alsreport import forked_wire


def _through_pipe(value: object, fallback=lambda: "fallback") -> object:  # type: ignore[no-untyped-def]
    read_fd, write_fd = os.pipe()
    forked_wire.widen(write_fd)
    writer = threading.Thread(target=lambda: (forked_wire.write_value(write_fd, value, fallback), os.close(write_fd)))
    writer.start()  # a thread: the value is larger than any pipe buffer, so reading and writing must overlap
    try:
        return forked_wire.read_value(read_fd, timeout=60)
    finally:
        writer.join()
        os.close(read_fd)


def test_frames_with_large_and_small_columns_arrive_equal() -> None:
    n = 200_000  # 1.6 MB per float column: out of band; the small frame stays inside the pickle
    big = pd.DataFrame({
        "value": np.linspace(0.0, 1.0, n),
        "code": pd.Categorical.from_codes(np.arange(n) % 3, categories=pd.Index(["a", "b", "c"], dtype="str")),
        "text": pd.Series(np.where(np.arange(n) % 2 == 0, "even", "odd"), dtype="str"),
        "date": pd.to_datetime(np.arange(n) % 1000, unit="D"),
    })
    small = pd.DataFrame({"x": [1.5, np.nan], "y": pd.array([1, None], dtype="Int64")})
    got = _through_pipe(("ok", {"big": big, "small": small, "strided": np.arange(40_000.0)[::2]}))
    assert got[0] == "ok"
    pd.testing.assert_frame_equal(got[1]["big"], big)
    pd.testing.assert_frame_equal(got[1]["small"], small)
    assert (got[1]["big"].dtypes == big.dtypes).all()
    np.testing.assert_array_equal(got[1]["strided"], np.arange(40_000.0)[::2])  # not contiguous: in band


def test_large_arrays_travel_out_of_band_small_ones_inside() -> None:
    data, buffers = forked_wire._dumps((np.zeros(forked_wire.OUT_OF_BAND_BYTES // 8), np.zeros(10)))
    assert [b.nbytes for b in buffers] == [forked_wire.OUT_OF_BAND_BYTES]
    assert len(data) < 1000


def test_a_value_that_does_not_pickle_sends_the_fallback() -> None:
    assert _through_pipe(lambda: None) == "fallback"


def test_a_pipe_that_ends_early_is_incomplete() -> None:
    read_fd, write_fd = os.pipe()
    data, _ = forked_wire._dumps("complete")
    os.write(write_fd, forked_wire._HEADER.pack(len(data), 0) + data[:3])
    os.close(write_fd)
    with pytest.raises(forked_wire.Incomplete) as info:
        forked_wire.read_value(read_fd, timeout=60)
    os.close(read_fd)
    assert not info.value.silent


def test_a_silent_pipe_times_out() -> None:
    read_fd, write_fd = os.pipe()
    with pytest.raises(forked_wire.Incomplete) as info:
        forked_wire.read_value(read_fd, timeout=0.05)
    os.close(read_fd)
    os.close(write_fd)
    assert info.value.silent
