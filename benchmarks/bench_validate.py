"""Benchmark of validation and loading: ``alsreport validate`` (whole command) and the library functions.

For each size (participants x series) it writes a synthetic, valid study folder --
enrolled participants plus a few screen failures, three infusions (IV and IT) each,
every series (analyte x compartment) measured at 4 visits M0..M3 with ~3 % values
below the limit of detection (``<0.5``) and ~2 % empty cells, one adverse event per
participant -- and times:

* **command**: ``alsreport validate STUDY`` in a new process (wall time, interpreter start included);
* **validate_study**: the function, in this process (reading + every check);
* **read_study**: the reading alone (text files to categorical tables);
* **load_study**: the function (validation + conversion into the typed Study).

Each timing is the best of ``--repeat`` runs (default 1: the machine is shared), as wall-clock
seconds and, in brackets, CPU seconds (less disturbed by other processes on a busy machine).

Usage::

    python benchmarks/bench_validate.py                    # 15x40, 300x300, 1000x300
    python benchmarks/bench_validate.py --sizes 300x300 --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alsreport.study.loading import load_study  # noqa: E402
from alsreport.study.reading import read_study  # noqa: E402
from alsreport.study.validation import validate_study  # noqa: E402

VISITS = ("M0", "M1", "M2", "M3")
COMPARTMENTS = ("CSF", "serum")
DEFAULT_SIZES = "15x40,300x300,1000x300"
SCREEN_FAILURES = 5


def _study_yml(analytes: list[str]) -> str:
    lines = [
        "title: Synthetic benchmark study",
        "visits:",
        *(f"  - {{code: {v}, label: Month {k}, month: {k}}}" for k, v in enumerate(VISITS)),
        "analytes:",
        *(f"  - {{name: {a}, family: {'immunological' if k % 2 else 'biochemical'}}}"
          for k, a in enumerate(analytes)),
        "analysis:",
        f"  primary: {{analyte: {analytes[0]}, compartment: CSF, contrast: M3-M0}}",
        "",
    ]
    return "\n".join(lines)


def _participants(ids: list[str], rng: np.random.Generator) -> pd.DataFrame:
    n = len(ids)
    failures = [f"X{k:03d}" for k in range(SCREEN_FAILURES)]
    return pd.DataFrame({
        "participant_id": failures + ids,
        "eligible": ["no"] * SCREEN_FAILURES + ["yes"] * n,
        "exclusion_reason": ["Did not meet inclusion criteria"] * SCREEN_FAILURES + [""] * n,
        "enrolled": ["no"] * SCREEN_FAILURES + ["yes"] * n,
        "sex": [""] * SCREEN_FAILURES + list(rng.choice(["male", "female"], n)),
        "age_years": [""] * SCREEN_FAILURES + [str(x) for x in rng.integers(30, 75, n)],
        "onset_site": [""] * SCREEN_FAILURES + list(rng.choice(["spinal", "bulbar"], n)),
        "symptom_duration_months": [""] * SCREEN_FAILURES + [str(x) for x in rng.integers(6, 60, n)],
        "alsfrs_r_baseline": [""] * SCREEN_FAILURES + [str(x) for x in rng.integers(24, 46, n)],
        "weight_kg": [""] * SCREEN_FAILURES + [f"{x:.1f}" for x in rng.normal(72, 10, n)],
        "completed": [""] * SCREEN_FAILURES + ["yes"] * n,
        "discontinuation_reason": [""] * (SCREEN_FAILURES + n),
    })


def _infusions(ids: list[str]) -> pd.DataFrame:
    person = np.repeat(ids, 6)
    number = np.tile(np.repeat([1, 2, 3], 2), len(ids))
    return pd.DataFrame({
        "participant_id": person, "infusion_no": number, "visit": np.asarray(VISITS)[number - 1],
        "route": np.tile(["IV", "IT"], 3 * len(ids)), "cells_per_kg": "500000", "given": "yes",
        "reason_not_given": "",
    })


def _measurements(ids: list[str], analytes: list[str], rng: np.random.Generator) -> pd.DataFrame:
    series = [(a, c) for a in analytes for c in COMPARTMENTS]
    n_s, n_p, n_v = len(series), len(ids), len(VISITS)
    s_idx = np.repeat(np.arange(n_s), n_p * n_v)
    p_idx = np.tile(np.repeat(np.arange(n_p), n_v), n_s)
    v_idx = np.tile(np.arange(n_v), n_s * n_p)
    values = np.round(rng.lognormal(1.5, 0.6, len(s_idx)), 2).astype(str).astype(object)
    u = rng.random(len(s_idx))
    values[u < 0.03] = "<0.5"
    values[(u >= 0.03) & (u < 0.05) & (v_idx > 0)] = ""
    analyte = np.asarray([a for a, _ in series])[s_idx]
    compartment = np.asarray([c for _, c in series])[s_idx]
    return pd.DataFrame({
        "participant_id": np.asarray(ids)[p_idx], "visit": np.asarray(VISITS)[v_idx],
        "compartment": compartment, "analyte": analyte, "value": values,
        "unit": np.where(compartment == "CSF", "pg/mL", "ng/mL"), "lod": "0.5",
        "ref_low": np.where(s_idx % 3 == 0, "1", ""), "ref_high": np.where(s_idx % 3 == 0, "40", ""),
    })


def _adverse_events(ids: list[str], rng: np.random.Generator) -> pd.DataFrame:
    n = len(ids)
    return pd.DataFrame({
        "participant_id": ids, "term": rng.choice(["Headache", "Back pain", "Fever"], n),
        "system_organ_class": "General disorders", "grade": rng.integers(1, 4, n), "serious": "no",
        "relatedness": rng.choice(["unrelated", "possible", "probable"], n), "infusion_no": rng.integers(1, 4, n),
        "onset_day": rng.integers(1, 30, n), "outcome": "recovered",
    })


def make_study(folder: Path, participants: int, series: int, seed: int = 1) -> Path:
    """Write a valid synthetic study of ``participants`` x ``series`` (x 4 visits) into ``folder``."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"P{k:05d}" for k in range(1, participants + 1)]
    analytes = [f"A{k:03d}" for k in range(1, series // len(COMPARTMENTS) + 1)]
    (folder / "study.yml").write_text(_study_yml(analytes), encoding="utf-8")
    tables = {"participants": _participants(ids, rng), "infusions": _infusions(ids),
              "measurements": _measurements(ids, analytes, rng), "adverse_events": _adverse_events(ids, rng)}
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _best(fn: Callable[[], Any], repeat: int) -> tuple[tuple[float, float], Any]:
    """(wall, CPU) seconds of the fastest of ``repeat`` runs, and the result."""
    best, result = (float("inf"), float("inf")), None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        result = fn()
        best = min(best, (time.perf_counter() - wall, _cpu() - cpu))
    return best, result


def _command(study: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "alsreport", "validate", str(study)], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"alsreport validate failed:\n{done.stdout}{done.stderr}")


def run(size: str, repeat: int, root: Path) -> dict[str, Any]:
    participants, series = (int(x) for x in size.split("x"))
    study = make_study(root / size, participants, series)
    rows = participants * series * len(VISITS)
    command, _ = _best(lambda: _command(study), repeat)
    reading, _ = _best(lambda: read_study(study), repeat)
    validating, report = _best(lambda: validate_study(study), repeat)
    if not report.ok:
        raise SystemExit(report.format())
    loading, _ = _best(lambda: load_study(study), repeat)
    return {"size": f"{participants:,} × {series}", "rows": rows, "command": command, "read_study": reading,
            "validate_study": validating, "load_study": loading}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"participants x series, comma-separated "
                        f"(default {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    args = parser.parse_args()
    print("Seconds, wall (CPU):\n")
    print("| participants × series | measurement rows | `alsreport validate` (process) | validate_study | "
          "of which read_study | load_study |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        for size in args.sizes.split(","):
            r = run(size.strip(), args.repeat, Path(tmp))
            cells = " | ".join(f"{r[k][0]:.2f} ({r[k][1]:.2f})"
                               for k in ("command", "validate_study", "read_study", "load_study"))
            print(f"| {r['size']} | {r['rows']:,} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
