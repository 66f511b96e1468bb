"""Where one process's time goes in ``alsreport analyze``: wall and CPU seconds per phase.

Makes the calls the command makes, in its order, in one process (no forked children, no
threads started here; the statistics kernels' own threads count in the CPU seconds), so each
phase is timed alone: the imports, reading and validation, the analysis dataset, the
summaries, the tests, the descriptives, the result files. The garbage collector is frozen
after the imports, as the command line does (``alsreport.cli._settle``). On a shared machine,
run it a few times and take each phase's minimum (``--repeat``, each run in a new process so
that the imports are cold). Run by hand (not in CI)::

    python benchmarks/profile_analyze.py benchmarks/_runs/300x300x4e20-csv --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def _phases(study_dir: Path) -> list[tuple[str, float, float]]:
    """``[(phase, wall s, CPU s)]`` of one run in this process."""
    marks: list[tuple[str, float, float]] = []
    last = [time.perf_counter(), time.process_time()]

    def mark(name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        marks.append((name, wall - last[0], cpu - last[1]))
        last[:] = [wall, cpu]

    import click  # noqa: F401
    import alsreport.cli  # noqa: F401
    mark("start-up: click, alsreport.cli")
    import pandas  # noqa: F401
    mark("import pandas (NumPy, pyarrow)")
    from alsreport.study.loading import load_study
    mark("import the study modules (pydantic, YAML)")
    study = load_study(study_dir)
    mark("read and validate (load_study)")
    from alsreport.analysis import run
    from alsreport.results import staged  # noqa: F401
    mark("import the statistics (SciPy) and writers")
    import gc

    gc.freeze()
    from alsreport.analysis.dataset import analysis_data_with_codes, build_series_array
    from alsreport.analysis.multiplicity import readjust
    from alsreport.analysis.sensitivity import sensitivity_comparisons
    from alsreport.analysis.sets import apply_analysis_set

    data, codes = analysis_data_with_codes(study)
    everyone = build_series_array(study, data, codes)
    data, arr, analysis_set = apply_analysis_set(study, data, everyone)
    mark("analysis dataset and series array")
    summaries = run._summaries(study, data)
    mark("summaries (forked child when a CPU is idle)")
    config = study.config
    comparisons = readjust(run.compare_series(arr, config.analysis.conf_level) + sensitivity_comparisons(
        arr, config.analysis.sensitivity, config.analysis.conf_level), config.analysis.adjust_scope)
    mark("tests (compare_series)")
    descriptives = run.describe_series(arr)
    flow = run.consort_flow(study, arr, analysis_set)
    rest = dict(summaries)
    rest["dsmb"] = run.with_missing_samples(study, rest["dsmb"], flow)
    results = run.Results(config=config, series=arr.series, comparisons=comparisons, descriptives=descriptives,
                          flow=flow, shifts=run.shift_counts(everyone), out_of_range=run.out_of_range(data),
                          analysis_data=data, **rest)
    mark("descriptives, flow, shifts")
    import tempfile

    from alsreport.results.writer import write_analysis_frame, write_files

    with tempfile.TemporaryDirectory() as tmp:
        write_files(results, Path(tmp), "csv", skip=("analysis_data.csv",))
        mark("results.json, comparisons.csv, descriptives.csv")
        write_analysis_frame(data, Path(tmp) / "analysis_data.csv")
        mark("analysis_data.csv (a thread beside the tests)")
    return marks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("study", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="runs, each in a new process; the minimum per phase")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single run, JSON on stdout
    a = ap.parse_args(argv)
    if a.one:
        print(json.dumps(_phases(a.study)))
        return 0
    runs = [json.loads(subprocess.run([sys.executable, __file__, str(a.study), "--one"], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(max(1, a.repeat))]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; minimum of {len(runs)} run(s)")
    print("| phase | wall s | CPU s |\n|---|---|---|")
    for i, (name, _, _) in enumerate(runs[0]):
        print(f"| {name} | {min(r[i][1] for r in runs):.2f} | {min(r[i][2] for r in runs):.2f} |")
    print(f"| total | {sum(min(r[i][1] for r in runs) for i in range(len(runs[0]))):.2f} | "
          f"{sum(min(r[i][2] for r in runs) for i in range(len(runs[0]))):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
