"""``alsreport render`` (cold, both reports, HTML + PDF) against WeasyPrint alone on the same HTML.

For each study: the whole command in a fresh output folder (its own process, wall clock,
``--timings`` stage split), then WeasyPrint alone making the two PDFs from the HTML files
that render wrote, with the same print stylesheets and options (``alsreport.render.pdf.
html_to_pdf``), in two processes at once as the render pipeline does. The ratio is the
issue's target (≤ 1.5). Studies: the bundled example (default) and any folder or
synthetic size (``PARTICIPANTSxSERIES[xVISITS][eEVENTS]``, made by make_study.py).

Run by hand (not in CI)::

    python benchmarks/bench_render.py example 40x30x6
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_commands import parse_size, study_folder  # noqa: E402

PRINT_CSS = {
    "manuscript": [ROOT / "templates" / "print.css"],
    "ethics": [ROOT / "templates" / "print.css", ROOT / "templates" / "ethics-print.css"],
}


def _weasyprint(name: str, out_dir: str) -> float:
    from alsreport.render.pdf import html_to_pdf

    out = Path(out_dir)
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    start = time.perf_counter()
    html_to_pdf(html, out / f"{name}.weasyprint-only.pdf", base_dir=out, allowed_dirs=[out, ROOT / "templates"],
                stylesheets=PRINT_CSS[name])
    return time.perf_counter() - start


def weasyprint_alone(out_dir: Path) -> float:
    """Wall clock of the two PDFs made by WeasyPrint in two processes at once (imports excluded)."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_weasyprint, ["manuscript"], [str(out_dir)]))  # warm the workers' imports
        start = time.perf_counter()
        list(pool.map(_weasyprint, ["manuscript", "ethics"], [str(out_dir)] * 2))
        return time.perf_counter() - start


def render(study: Path, out_dir: Path) -> tuple[float, str]:
    shutil.rmtree(out_dir, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).with_name("alsreport")), "render", str(study), "--out",
                           str(out_dir), "--timings"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return wall, proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("studies", nargs="*", default=["example"])
    a = ap.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| study | render (whole command) s | WeasyPrint alone s | ratio |")
    print("|---|---|---|---|")
    for name in a.studies:
        if name == "example":
            from alsreport.study.example import example_study_path

            folder = example_study_path()
        elif Path(name).is_dir():
            folder = Path(name)
        else:
            folder = study_folder(parse_size(name), "csv")
        out = HERE / "_runs" / f"render-{Path(name).name}"
        wall, stdout = render(folder, out)
        alone = weasyprint_alone(out)
        print(f"| {name} | {wall:.1f} | {alone:.1f} | {wall / alone:.2f} |", flush=True)
        print("\n".join("    " + line for line in stdout.splitlines() if not line.startswith("wrote ")))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
