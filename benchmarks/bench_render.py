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

def pdf_settings(study: Path) -> dict[str, tuple[list[str], str | None]]:
    """Each report's print stylesheets and PDF variant, taken from the pipeline's own code.

    The stylesheets are the ones the document names (``alsreport: print-css:``), the variant the
    one ``alsreport render`` passes without ``--pdf-standard`` (the ethics report as study.yml says).
    """
    from alsreport.documents.project import print_stylesheets, resolve_project
    from alsreport.documents.reports import _pdf_variant
    from alsreport.study.loading import load_study

    config = load_study(study).config
    project = resolve_project(study)
    return {name: ([str(p) for p in print_stylesheets(project / "report" / f"{name}.qmd", project)],
                   _pdf_variant(name, None, config)) for name in ("manuscript", "ethics")}


def _weasyprint(name: str, out_dir: str, sheets: list[str], variant: str | None) -> tuple[float, float]:
    """Wall and CPU seconds of one PDF, made as the pipeline's PDF stage makes it."""
    from alsreport.render.pdf import html_to_pdf

    out = Path(out_dir)
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    allowed = [out, ROOT / "templates", *(Path(s).parent for s in sheets)]
    start, cpu = time.perf_counter(), time.process_time()
    html_to_pdf(html, out / f"{name}.weasyprint-only.pdf", base_dir=out, allowed_dirs=allowed,
                stylesheets=[Path(s) for s in sheets], pdf_variant=variant)
    return time.perf_counter() - start, time.process_time() - cpu


def weasyprint_alone(out_dir: Path, settings: dict[str, tuple[list[str], str | None]]) -> tuple[float, list[float]]:
    """Wall clock of the two PDFs made by WeasyPrint in two processes at once (imports excluded), and each
    PDF's CPU seconds."""
    names = ["manuscript", "ethics"]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_weasyprint, ["ethics"] * 2, [str(out_dir)] * 2, [settings["ethics"][0]] * 2,
                      [settings["ethics"][1]] * 2))  # warm both workers' imports
        start = time.perf_counter()
        done = list(pool.map(_weasyprint, names, [str(out_dir)] * 2, [settings[n][0] for n in names],
                             [settings[n][1] for n in names]))
        return time.perf_counter() - start, [cpu for _, cpu in done]


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
        alone, cpu = weasyprint_alone(out, pdf_settings(folder))
        print(f"| {name} | {wall:.1f} | {alone:.1f} | {wall / alone:.2f} |", flush=True)
        print(f"    WeasyPrint alone, CPU s: manuscript {cpu[0]:.1f}, ethics {cpu[1]:.1f}")
        print("\n".join("    " + line for line in stdout.splitlines() if not line.startswith("wrote ")))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
