"""``alsreport verify``: recompute every statistic with base R and compare.

:func:`write_verification` writes, into one folder, the analysis dataset and the
results files (``analysis_data.csv``, ``comparisons.csv``, ``descriptives.csv``,
``results.json``) and ``verify.R``: a standalone base-R script that rebuilds each
series from ``analysis_data.csv``, reruns ``wilcox.test``, ``t.test``,
``friedman.test``, ``p.adjust``, ``mean``, ``sd``, ``median``, ``quantile``... and
compares every number with the CSV files (exit status 1 on a mismatch). A reviewer
can copy the folder and run ``Rscript verify.R`` anywhere.

With ``analysis.analysis_set`` other than ``all`` the script recomputes the set itself
(completers from the visits with a value in ``analysis_data.csv``; the per-protocol set from
``infusions.csv``, which :func:`write_verification` copies when given the study), uses it
for every statistic and compares it with the dataset's ``analysis_set`` column.
:func:`run_verification` runs it when ``Rscript`` is on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alsreport.analysis.multiplicity import ADJUST_BY
from alsreport.analysis.sets import planned_visits
from alsreport.results.model import Results
from alsreport.results.writer import write_results
from alsreport.study.model import Study

__all__ = ["TOLERANCE", "TOLERANCE_MIXED", "TOLERANCE_MIXED_TEST", "VerifyRun", "r_script", "run_verification", "write_verification"]

#: Largest relative difference accepted between alsreport and R (the t and chi-squared
#: p-values and t intervals agree to ~1e-14; the CSV files hold every digit).
TOLERANCE = 1e-9
#: For the mixed-model rows (two optimisers of the same REML criterion).
TOLERANCE_MIXED = 1e-4
#: For the mixed-model rows' Wald z and p-values, which amplify the optimisers' last digits.
TOLERANCE_MIXED_TEST = 1e-3


@dataclass(frozen=True)
class VerifyRun:
    """Outcome of running ``verify.R``: ``returncode`` 0 (all agree) or 1 (mismatch); the R output."""

    returncode: int
    output: str


def _r_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def r_script(results: Results, tolerance: float = TOLERANCE) -> str:
    """The text of ``verify.R``: the study's settings, then the fixed base-R body."""
    config = results.config
    compartments = dict.fromkeys(s.compartment for s in results.series)
    planned = ", ".join(f"{_r_string(c)} = c(" + ", ".join(_r_string(v) for v in planned_visits(config, c)) + ")"
                        for c in compartments)
    sampled = ", ".join(f"{_r_string(c)} = c(" + ", ".join(_r_string(v) for v in config.sampled_visits(c)) + ")"
                        for c in compartments)
    header = [
        "# Written by `alsreport verify` for: " + config.title.replace("\n", " "),
        "visits <- c(" + ", ".join(_r_string(v) for v in config.visit_codes) + ")",
        f"n_enrolled <- {results.flow.enrolled}",
        f"analysis_set <- {_r_string(config.analysis.analysis_set)}  # all | completers | per_protocol",
        f"planned <- list({planned})  # completers: sampled at each of these visits of the compartment",
        f"sampled <- list({sampled})  # compartments: the visits each compartment is sampled at",
        f"conf_level <- {config.analysis.conf_level!r}",
        f"tolerance <- {tolerance!r}",
        f"tolerance_mixed <- {TOLERANCE_MIXED!r}  # lme4 and statsmodels optimise REML separately",
        f"tolerance_mixed_test <- {TOLERANCE_MIXED_TEST!r}  # their z and p-values",
        '# p_holm / p_bh: p.adjust within each combination of these comparisons.csv columns',
        "adjust_by <- c(" + ", ".join(_r_string(k) for k in ADJUST_BY[config.analysis.adjust_scope]) + ")",
        "",
    ]
    body = resources.files("alsreport.analysis.verify").joinpath("verify.R").read_text(encoding="utf-8")
    return "\n".join(header) + body


def _write_infusions(study: Study, path: Path) -> Path:
    """The enrolled participants' infusion rows (the per-protocol set is recomputed from them)."""
    inf = study.infusions
    rows = inf[inf["participant_id"].astype(str).isin(study.enrolled["participant_id"].astype(str))]
    table = rows[["participant_id", "infusion_no", "route"]].assign(given=rows["given"].map({True: "yes", False: "no"}))
    table.to_csv(path, index=False, lineterminator="\n")
    return path


def write_verification(results: Results, out_dir: Path | str, tolerance: float = TOLERANCE,
                       study: Study | None = None) -> list[Path]:
    """Write the results files and ``verify.R`` into ``out_dir``; returns the paths (script last).

    ``study`` (optional): with the per-protocol set, its infusions are written too
    (``infusions.csv``) so that R recomputes the set; without them R takes the dataset's
    ``analysis_set`` column.
    """
    out = Path(out_dir)
    paths = write_results(results, out)
    if study is not None and results.config.analysis.analysis_set == "per_protocol":
        paths.append(_write_infusions(study, out / "infusions.csv"))
    script = out / "verify.R"
    script.write_text(r_script(results, tolerance), encoding="utf-8")
    return [*paths, script]


def run_verification(script: Path | str, rscript: str | None = None, timeout: float = 600) -> VerifyRun | None:
    """Run ``Rscript verify.R FOLDER``; None when ``Rscript`` is not found."""
    exe = rscript or shutil.which("Rscript")
    if exe is None:
        return None
    script = Path(script)
    proc = subprocess.run([exe, "--vanilla", str(script), str(script.parent)], capture_output=True, text=True,
                          timeout=timeout, check=False)
    return VerifyRun(returncode=proc.returncode, output=proc.stdout + proc.stderr)
