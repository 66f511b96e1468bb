"""Whole-command benchmark: ``alsreport analyze`` / ``render`` at several study sizes, wall clock and peak memory.

Each size is a synthetic study made by ``benchmarks/make_study.py`` (cached under
``benchmarks/_runs/``, which git ignores). Every command runs in its own process under
``/usr/bin/time -v`` (wall clock, peak resident memory of the process), with
``--timings`` for the stage split. ``--r`` also runs base R's per-series loop
(``benchmarks/bench_r_loop.R``) on the same measurements and prints the ratio. The load
average before and after is printed: the machine is shared, so say when it was quiet.

Sizes are ``PARTICIPANTSxSERIES[xVISITS][eEVENTS]``. Before timing, alsreport's modules are
compiled to bytecode (``compileall``, as an installed package has them; this environment sets
``PYTHONDONTWRITEBYTECODE``, so otherwise every run would compile them again). ``--repeat N``
runs each command N times and keeps the fastest by wall clock (the user waits for wall time; on
two idle cores alsreport's forked children overlap, so CPU seconds can exceed wall seconds).
Run by hand (not in CI)::

    python benchmarks/bench_commands.py --sizes 300x300 --commands analyze --r --repeat 3
    python benchmarks/bench_commands.py --sizes 15x40,40x300x6,1000x300,10000x300,8000x31e8000
    python benchmarks/bench_commands.py --sizes 10000x300 --input parquet
    python benchmarks/bench_commands.py --study /tmp/scale-10k --commands analyze   # a study already made
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = HERE / "_runs"
DEFAULT_SIZES = "15x40,40x300x6,1000x300,10000x300,8000x31e8000"
_SIZE = re.compile(r"^(\d+)x(\d+)(?:x(\d+))?(?:e(\d+))?$")


@dataclass(frozen=True)
class Size:
    participants: int
    series: int
    visits: int = 4
    events: int = 20

    @property
    def name(self) -> str:
        return f"{self.participants}x{self.series}x{self.visits}e{self.events}"

    @property
    def rows(self) -> int:
        return self.participants * self.series * self.visits


def parse_size(text: str) -> Size:
    m = _SIZE.match(text.strip())
    if not m:
        raise SystemExit(f"size {text!r}: expected PARTICIPANTSxSERIES[xVISITS][eEVENTS], e.g. 40x300x6")
    p, s, v, e = m.groups()
    return Size(int(p), int(s), int(v or 4), int(e or 20))


def study_folder(size: Size, fmt: str) -> Path:
    folder = RUNS / f"{size.name}-{fmt}"
    if not (folder / "study.yml").is_file():
        subprocess.run([sys.executable, str(HERE / "make_study.py"), str(folder), "--participants",
                        str(size.participants), "--series", str(size.series), "--visits", str(size.visits),
                        "--events", str(size.events), "--format", fmt], check=True)
    return folder


def timed_run(args: list[str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds (user + system), peak RSS MiB, stdout) of one command under /usr/bin/time -v.

    On a shared machine CPU seconds are the fairer comparison: they hardly change with the load.
    """
    proc = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    seconds = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", proc.stderr).group(1))
              for kind in ("User", "System"))
    return seconds, cpu, rss, proc.stdout


def stage_times(stdout: str) -> dict[str, float]:
    out = {}
    for line in stdout.splitlines():
        m = re.match(r"^(.+?)\s+([\d.]+) s$", line)
        if m and not line.startswith("wrote "):
            out[m.group(1).strip()] = float(m.group(2))
    return out


def compile_bytecode() -> None:
    """Compile alsreport's modules once (as ``pip install`` does), so no timed run pays for it."""
    import alsreport

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(alsreport.__file__).parent)],
                   check=True, env=env, stdout=subprocess.DEVNULL)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES)
    ap.add_argument("--commands", default="analyze,render", help="analyze, render (comma-separated)")
    ap.add_argument("--input", choices=("csv", "parquet"), default="csv", help="format of the study tables")
    ap.add_argument("--r", action="store_true", help="also time base R's per-series loop on each study")
    ap.add_argument("--repeat", type=int, default=1, help="runs per command; the fastest (wall clock) is shown")
    ap.add_argument("--study", type=Path, help="benchmark this study folder (CSV or Parquet) instead of --sizes")
    a = ap.parse_args(argv)
    alsreport = str(Path(sys.executable).with_name("alsreport"))
    compile_bytecode()
    print(f"load average before: {loadavg()}  ({os.cpu_count()} CPUs)")
    print("| study (participants × series × visits, events) | rows | command | wall s | CPU s | peak MiB | stages (wall s) |")
    print("|---|---|---|---|---|---|---|")
    studies = [(a.study.resolve(), str(a.study), "-", a.study.name)] if a.study else [
        (study_folder(size, a.input), f"{size.participants:,} × {size.series} × {size.visits}, {size.events:,}",
         f"{size.rows:,}", f"{size.name}-{a.input}") for size in (parse_size(s) for s in a.sizes.split(","))]
    for folder, label, rows, name in studies:
        for cmd in a.commands.split(","):
            out = RUNS / f"{name}-out" / cmd
            args = [alsreport, cmd, str(folder), "--out", str(out), "--timings"]
            if cmd == "analyze":
                args.append("--quiet")
            runs = [timed_run(args) for _ in range(max(1, a.repeat))]
            if len(runs) > 1:
                print(f"<!-- {cmd} runs (wall s / CPU s): "
                      f"{', '.join(f'{r[0]:.2f} / {r[1]:.2f}' for r in runs)} -->", flush=True)
            wall, cpu, rss, stdout = min(runs, key=lambda r: r[0])
            stages = ", ".join(f"{k} {v:.2f}" for k, v in stage_times(stdout).items() if k != "total")
            print(f"| {label} | {rows} | {cmd} | {wall:.1f} | {cpu:.1f} | {rss:,.0f} | {stages} |", flush=True)
            if cmd == "analyze" and a.r and a.input == "csv":
                r_wall, r_cpu, r_rss, r = timed_run(["Rscript", str(HERE / "bench_r_loop.R"), str(folder)])
                print(f"|  |  | base R loop | {r_wall:.1f} | {r_cpu:.1f} | {r_rss:,.0f} | {r.strip()}; alsreport "
                      f"{r_wall / wall:.1f}× faster by wall clock, {r_cpu / cpu:.1f}× by CPU time |", flush=True)
    print(f"load average after: {loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
