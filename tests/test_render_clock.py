"""SOURCE_DATE_EPOCH makes every date the render writes the epoch's UTC date (issue 14: not reproducible)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from alsreport.render import clock

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC: 2023-11-14 in Pago Pago (UTC-11), 2023-11-15 in Kiritimati (UTC+14)


def test_clock_uses_the_epoch_in_utc(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert clock.today() == dt.date(2023, 11, 14)
    assert clock.now() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_clock_without_epoch_is_local_today(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert clock.today() in (dt.date.today(), dt.date.today() - dt.timedelta(days=1))  # midnight race


def test_same_bytes_in_two_time_zones(tmp_path: Path):
    runs = []
    for tz in ("Pacific/Pago_Pago", "Pacific/Kiritimati"):
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "TZ": tz}
        out = tmp_path / tz.replace("/", "-")
        runs.append((out, subprocess.Popen(
            [sys.executable, "-m", "alsreport", "render", "--report", "ethics", "--engine", "embedded",
             "--out", str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
    for _out, proc in runs:
        assert proc.wait(timeout=900) == 0, proc.stdout.read().decode() if proc.stdout else ""
    (a, _), (b, _) = runs
    for name in ("ethics.html", "ethics.pdf"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert PdfReader(a / "ethics.pdf").metadata["/CreationDate"] == "D:20231114"
    assert '<meta name="dcterms.created" content="2023-11-14">' in (a / "ethics.html").read_text(encoding="utf-8")
