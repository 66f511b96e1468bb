"""Random edge-heavy series, the R script that recomputes them, and the comparison with the kernels.

``cases(seed)`` draws paired series (n 1-80, ties, zeros, missing values, magnitudes from
1e-300 to 1e300), Friedman matrices, descriptive vectors (including pairs whose sum
overflows) and p-value families. ``run_r(cases, workdir)`` writes them as exact hex
floats, runs ``fixtures/r_reference/kernels.R`` and parses R's exact (``%a``) output.
``kernel_values(cases)`` computes the same names with :mod:`alsreport.stats`.
The stored reference (``fixtures/r_reference/kernels.json.gz``) was made by
``python tests/r_reference.py`` with R 4.2.2 on x86-64 Linux.
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np

from alsreport import stats

HERE = Path(__file__).parent / "fixtures" / "r_reference"
SCRIPT = HERE / "kernels.R"
STORED = HERE / "kernels.json.gz"
STORED_SEED = 20261201

Case = dict  # {"kind": "w" | "f" | "d" | "p", "id": str, ...arrays}


def _values(rng: np.random.Generator, n: int) -> np.ndarray:
    """n values of one of several shapes: continuous, rounded (ties), integers, extreme scale."""
    shape = rng.integers(0, 5)
    x = rng.lognormal(1.0, 1.0, n)
    if shape == 1:
        x = np.round(x, 1)
    elif shape == 2:
        x = np.round(x * 3)
    elif shape == 3:
        x = x * 10.0 ** float(rng.choice([-300, -150, -20, 20, 150, 300]))
    elif shape == 4:
        x = x - np.median(x)  # signs of both kinds
    return x


def _paired(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    base = _values(rng, n)
    kind = rng.integers(0, 5)
    if kind == 0:
        later = base.copy()  # all differences zero
        later[: rng.integers(0, max(1, n // 4) + 1)] *= 1.5
    elif kind == 1:
        later = base + np.round(rng.normal(0, 2, n))  # integer shifts: ties and zeros
    else:
        later = base * rng.lognormal(0.1, 0.5, n)
    for arr in (later, base):
        arr[rng.random(n) < rng.choice([0.0, 0.1, 0.3])] = np.nan
    return later, base


def cases(seed: int, n_paired: int = 240, n_friedman: int = 80, n_desc: int = 80, n_padj: int = 30) -> list[Case]:
    rng = np.random.default_rng(seed)
    out: list[Case] = []
    for i in range(n_paired):
        n = int(rng.choice([1, 2, 3, rng.integers(1, 81)]))
        later, base = _paired(rng, n)
        out.append({"kind": "w", "id": f"w{i}", "later": later, "base": base})
    for i in range(n_friedman):
        n, k = int(rng.integers(1, 30)), int(rng.integers(2, 6))
        y = np.stack([_values(rng, n) for _ in range(k)], axis=1) if rng.random() < 0.5 else \
            np.round(rng.normal(0, 1.5, (n, k)))
        y[rng.random((n, k)) < rng.choice([0.0, 0.05, 0.3])] = np.nan
        out.append({"kind": "f", "id": f"f{i}", "y": y})
    for i in range(n_desc):
        x = _values(rng, int(rng.integers(1, 60)))
        if i % 10 == 0:
            x = np.array([1e308, 1.5e308, 1.7e308][: int(rng.integers(2, 4))])  # sums overflow
        x[1:][rng.random(x.size - 1) < 0.1] = np.nan
        out.append({"kind": "d", "id": f"d{i}", "x": x})
    for i in range(n_padj):
        p = rng.random(int(rng.integers(1, 25))) ** 3
        p[rng.random(p.size) < 0.1] = np.nan
        p[rng.random(p.size) < 0.1] = 1.0
        out.append({"kind": "p", "id": f"p{i}", "p": p})
    return out


def _hex(a: np.ndarray) -> str:
    return ";".join("NA" if math.isnan(v) else float(v).hex() for v in np.asarray(a, dtype=float).ravel())


def _line(c: Case) -> str:
    if c["kind"] == "w":
        return f"w,{c['id']},{_hex(c['later'])},{_hex(c['base'])}"
    if c["kind"] == "f":
        return f"f,{c['id']},{c['y'].shape[1]},{_hex(c['y'])}"
    if c["kind"] == "d":
        return f"d,{c['id']},{_hex(c['x'])}"
    return f"p,{c['id']},{_hex(c['p'])}"


def _num(s: str) -> float:
    if s in ("NA", "NaN"):
        return math.nan
    if s in ("Inf", "-Inf"):
        return math.copysign(math.inf, -1.0 if s[0] == "-" else 1.0)
    return float.fromhex(s)


def _parse(line: str) -> tuple[str, dict[str, object]]:
    cid, *fields = line.split("|")
    out: dict[str, object] = {}
    for f in fields:
        key, _, value = f.partition("=")
        if key.endswith(("_error", "_method", "_warnings")):
            out[key] = value
        elif key in ("p_holm", "p_bh"):
            out[key] = [_num(v) for v in value.split(";")]
        else:
            out[key] = _num(value)
    return cid, out


def run_r(cs: list[Case], workdir: Path) -> dict[str, dict[str, object]]:
    """R's results for each case id (needs ``Rscript`` on PATH)."""
    inp, outp = workdir / "cases.txt", workdir / "r_out.txt"
    inp.write_text("\n".join(_line(c) for c in cs) + "\n")
    subprocess.run([shutil.which("Rscript") or "Rscript", "--vanilla", str(SCRIPT), str(inp), str(outp)],
                   check=True, capture_output=True, timeout=300)
    return dict(_parse(line) for line in outp.read_text().splitlines())


def kernel_values(cs: list[Case]) -> dict[str, dict[str, object]]:
    """The kernels' results under R's names (``w_statistic`` ...); statistics NaN where R errors."""
    out: dict[str, dict[str, object]] = {}
    for c in cs:
        if c["kind"] == "w":
            w = stats.signed_rank(c["later"], c["base"])
            t = stats.paired_t(c["later"], c["base"])
            r = {f"w_{k}": float(getattr(w, k)[0]) for k in
                 ("statistic", "pvalue", "estimate", "ci_low", "ci_high", "conf_level")}
            r["w_method"] = str(w.method[0])
            r["w_warnings"] = ";".join(w.warnings[0])
            r.update({f"t_{k}": float(getattr(t, k)[0]) for k in
                      ("statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "conf_level", "stderr")})
        elif c["kind"] == "f":
            fr = stats.friedman(c["y"])
            r = {"f_statistic": float(fr.statistic[0]), "f_df": float(fr.df[0]), "f_pvalue": float(fr.pvalue[0])}
        elif c["kind"] == "d":
            d = stats.describe(c["x"])
            r = {f"d_{k}": float(getattr(d, k)[0]) for k in
                 ("mean", "sd", "median", "q1", "q3", "min", "max", "geometric_mean")}
        else:
            r = {"p_holm": list(stats.p_adjust(c["p"], "holm")), "p_bh": list(stats.p_adjust(c["p"], "BH"))}
        out[c["id"]] = r
    return out


def _encode(c: Case) -> dict[str, object]:
    return {k: (_hex(v) if isinstance(v, np.ndarray) else v) for k, v in c.items()} | (
        {"shape": list(c["y"].shape)} if c["kind"] == "f" else {})


def _decode(d: dict[str, object]) -> Case:
    c: Case = {}
    for k, v in d.items():
        if k in ("later", "base", "x", "p", "y"):
            c[k] = np.array([_num(s) for s in str(v).split(";")]) if v else np.array([])
        elif k != "shape":
            c[k] = v
    if c["kind"] == "f":
        c["y"] = c["y"].reshape(d["shape"])
    return c


def load_stored() -> tuple[list[Case], dict[str, dict[str, object]]]:
    data = json.loads(gzip.decompress(STORED.read_bytes()))
    r = {cid: {k: (_num(v) if isinstance(v, str) and not k.endswith(("_error", "_method", "_warnings")) else
                   [_num(x) for x in v] if isinstance(v, list) else v) for k, v in res.items()}
         for cid, res in data["r"].items()}
    return [_decode(c) for c in data["cases"]], r


def _store(cs: list[Case], r: dict[str, dict[str, object]]) -> None:
    def enc(v: object) -> object:
        if isinstance(v, float):
            return "NaN" if math.isnan(v) else v.hex()
        if isinstance(v, list):
            return [enc(x) for x in v]
        return v
    payload = {"r_version": "R 4.2.2", "seed": STORED_SEED, "cases": [_encode(c) for c in cs],
               "r": {cid: {k: enc(v) for k, v in res.items()} for cid, res in r.items()}}
    STORED.write_bytes(gzip.compress(json.dumps(payload, sort_keys=True).encode(), mtime=0))


if __name__ == "__main__":  # regenerate the stored reference (needs Rscript)
    import tempfile

    cs = cases(STORED_SEED)
    with tempfile.TemporaryDirectory() as tmp:
        _store(cs, run_r(cs, Path(tmp)))
    print(f"{len(cs)} cases -> {STORED}")
