"""Write a synthetic study folder of any size for the benchmarks (seeded, vectorised).

``participants`` enrolled people (plus a few screen failures), ``series`` analytes measured in
serum (half of them also in CSF when ``series`` is even: ``series`` counts analyte x compartment),
``visits`` monthly visits M0..M(visits-1), one infusion per visit before the last, values
log-normal on a 2-decimal grid with ~5 % missing and ~1 % below the limit of detection, and
``events`` adverse events spread over the participants.

Usage::

    python benchmarks/make_study.py /tmp/study-300x300 --participants 300 --series 300
    python benchmarks/make_study.py /tmp/s --participants 10000 --series 300 --format parquet
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

FAMILIES = ("immunological", "biochemical", "haematological")


def _config(n_analytes: int, visits: int) -> dict:
    return {
        "title": "Synthetic benchmark study",
        "short_title": "Benchmark",
        "synthetic": True,
        "design": "Synthetic single-arm study for benchmarks",
        "intervention": "Monthly infusions of autologous cells (synthetic).",
        "dose_cells_per_kg": 1000000,
        "reporting_period": f"Month 0 to month {visits - 1}",
        "data_cutoff": "2026-01-31",
        "report_version": "1.0",
        "visits": [{"code": f"M{v}", "label": f"Month {v}", "month": v} for v in range(visits)],
        "analytes": [{"name": f"A{a:03d}", "label": f"Analyte {a}", "family": FAMILIES[a % 3]}
                     for a in range(n_analytes)],
        "analysis": {"below_lod": "half_lod", "primary": {"analyte": "A000", "compartment": "serum"}},
    }


def _participants(ids: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n = len(ids)
    enrolled = pd.DataFrame({
        "participant_id": ids, "eligible": "yes", "exclusion_reason": "", "enrolled": "yes",
        "sex": np.where(rng.random(n) < 0.4, "female", "male"),
        "age_years": rng.integers(30, 80, n), "onset_site": np.where(rng.random(n) < 0.7, "spinal", "bulbar"),
        "symptom_duration_months": rng.integers(6, 60, n), "alsfrs_r_baseline": rng.integers(24, 46, n),
        "weight_kg": np.round(rng.normal(72, 10, n), 1), "completed": "yes", "discontinuation_reason": "",
    })
    screened = pd.DataFrame({"participant_id": ["S001", "S002"], "eligible": ["no", "yes"],
                             "exclusion_reason": ["Did not meet inclusion criteria", "Declined to participate"],
                             "enrolled": "no"})
    return pd.concat([screened, enrolled], ignore_index=True)


def _measurements(ids: np.ndarray, series: list[tuple[str, str]], visits: int,
                  rng: np.random.Generator) -> pd.DataFrame:
    n_p, n_s = len(ids), len(series)
    level = rng.lognormal(1.0, 0.8, size=(n_s, 1, 1))
    person = rng.lognormal(0.0, 0.5, size=(n_s, n_p, 1))
    effect = (np.arange(visits) * 0.03)[None, None, :] * rng.choice([-1, 0, 1], size=(n_s, 1, 1))
    noise = rng.lognormal(0.0, 0.25, size=(n_s, n_p, visits))
    values = np.round(level * person * np.exp(effect) * noise, 2)
    lod = np.round(level[:, 0, 0] * 0.25, 2) + 0.01
    values = np.maximum(values, lod[:, None, None])  # a number below the LOD would be a validation warning
    text = pd.Series(values.reshape(-1)).map("{:.2f}".format).to_numpy(dtype=object)
    r = rng.random(values.size)
    text[r < 0.05] = ""
    below = (r >= 0.05) & (r < 0.06)
    lod_cells = np.repeat(lod, n_p * visits)
    text[below] = pd.Series(lod_cells[below]).map("<{:.2f}".format).to_numpy(dtype=object)
    s_idx, p_idx, v_idx = (a.reshape(-1) for a in np.indices(values.shape))
    comp = np.array([c for c, _ in series], dtype=object)
    analyte = np.array([a for _, a in series], dtype=object)
    frame = pd.DataFrame({
        "participant_id": ids[p_idx], "visit": np.array([f"M{v}" for v in range(visits)], dtype=object)[v_idx],
        "compartment": comp[s_idx], "analyte": analyte[s_idx], "value": text, "unit": "pg/mL",
        "lod": pd.Series(lod_cells).map("{:.2f}".format).to_numpy(dtype=object), "ref_low": "", "ref_high": "",
    })
    order = np.lexsort((s_idx, v_idx, p_idx))
    return frame.iloc[order].reset_index(drop=True)


def _infusions(ids: np.ndarray, visits: int) -> pd.DataFrame:
    n_inf = max(visits - 1, 1)
    pid = np.repeat(ids, n_inf)
    no = np.tile(np.arange(1, n_inf + 1), len(ids))
    return pd.DataFrame({"participant_id": pid, "infusion_no": no, "visit": [f"M{k - 1}" for k in no],
                         "route": "IV", "cells_per_kg": 1000000, "given": "yes", "reason_not_given": ""})


def _events(ids: np.ndarray, n: int, visits: int, rng: np.random.Generator) -> pd.DataFrame:
    terms = [("Headache", "Nervous system disorders"), ("Back pain", "Musculoskeletal and connective tissue disorders"),
             ("Fever", "General disorders and administration site conditions"), ("Nausea", "Gastrointestinal disorders")]
    k = rng.integers(0, len(terms), n)
    grade = rng.choice([1, 1, 1, 2, 2, 3], n)
    return pd.DataFrame({
        "participant_id": ids[rng.integers(0, len(ids), n)], "term": [terms[i][0] for i in k],
        "system_organ_class": [terms[i][1] for i in k], "grade": grade,
        "serious": np.where(grade >= 3, "yes", "no"), "relatedness": rng.choice(["unrelated", "possible"], n),
        "infusion_no": rng.integers(1, max(visits - 1, 1) + 1, n), "onset_day": rng.integers(1, 20, n),
        "outcome": "recovered",
    })


def make_study(folder: Path, participants: int, series: int, visits: int = 4, events: int = 20,
               fmt: str = "csv", seed: int = 1) -> Path:
    """Write the study into ``folder`` (created); tables as CSV or Parquet."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_analytes = (series + 1) // 2 if series > 1 else 1
    pairs = [("serum", f"A{a:03d}") for a in range(n_analytes)] + \
            [("CSF", f"A{a:03d}") for a in range(series - n_analytes)]
    ids = np.array([f"P{i:05d}" for i in range(1, participants + 1)], dtype=object)
    (folder / "study.yml").write_text(yaml.safe_dump(_config(n_analytes, visits), sort_keys=False), encoding="utf-8")
    tables = {
        "participants": _participants(ids, rng),
        "infusions": _infusions(ids, visits),
        "measurements": _measurements(ids, pairs, visits, rng),
        "adverse_events": _events(ids, events, visits, rng),
    }
    for name, frame in tables.items():
        if fmt == "parquet":
            frame.astype(str).to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--participants", type=int, default=300)
    ap.add_argument("--series", type=int, default=300)
    ap.add_argument("--visits", type=int, default=4)
    ap.add_argument("--events", type=int, default=20)
    ap.add_argument("--format", choices=("csv", "parquet"), default="csv")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    make_study(a.folder, a.participants, a.series, a.visits, a.events, a.format, a.seed)
    print(a.folder)


if __name__ == "__main__":
    main()
