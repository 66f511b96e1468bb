"""The ``alsreport`` command line: a thin layer over the library API.

Exit status: 0 success, 1 invalid data or a failed step (with a message that
says what was expected), 2 usage error.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from alsreport.errors import AlsreportError, StudyInvalid

if TYPE_CHECKING:  # pragma: no cover
    from alsreport.forked import Ahead
    from alsreport.progress import Progress
    from alsreport.study.model import Study

__all__ = ["main"]

study_argument = click.argument(
    "study", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)


def _study_path(study: Path | None) -> Path:
    from alsreport.study.example import example_study_path

    return study if study is not None else example_study_path()


def _load(study: Path | None) -> "Study":
    """The validated study, read and checked in this process."""
    from alsreport.study.loading import load_study

    return _warned(load_study(_study_path(study)))


def _load_for_analysis(study: Path | None, meanwhile: tuple[str, ...]) -> tuple["Study", "Ahead | None"]:
    """The validated study, its files read in a forked child while this process imports the modules
    ``meanwhile`` (:mod:`alsreport.cli_ahead`), else (or when that fails) here; and, when a child read them,
    the summaries of the study alone (:func:`alsreport.analysis.run.study_summaries`) computed ahead by a
    second child (:func:`alsreport.cli_ahead.read_ahead`), for :func:`alsreport.analysis.run.analyze`."""
    path = _study_path(study)
    from alsreport.cli_ahead import read_ahead

    if _own_process():  # before pandas loads
        from alsreport.cli_heap import heap_for, huge_page_heap

        if heap_for(path):
            huge_page_heap()
    # imports with the collector paused
    loaded, summaries = read_ahead(path, meanwhile, paused=_collector_paused, then=_study_summaries)
    return _warned(loaded), summaries


def _study_summaries(study: "Study") -> dict[str, object]:
    from alsreport.analysis.run import study_summaries

    return study_summaries(study)


def _warned(loaded: "Study") -> "Study":
    """``loaded``, its warnings shown."""
    for w in loaded.warnings:
        click.secho(f"warning: {w}", fg="yellow", err=True)
    return loaded


def _own_process() -> bool:
    """Whether the command line owns this process (``alsreport``, ``python -m``; not a test's CliRunner)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and isinstance(ctx.find_root().obj, _OwnProcess)


def _leave_if_own() -> None:
    """End the process at once when the command line owns it (:func:`alsreport.cli_process.leave`)."""
    if _own_process():
        from alsreport.cli_process import leave

        leave(0)


def _settle() -> None:
    """Take what exists once the study is loaded (the imported modules, the study) out of the garbage
    collector's generations (:func:`gc.freeze`): it lives until the command ends, and the full
    collections that the analysis triggers then skip it (issue #13: at 300 x 300 one such collection
    over the pandas, SciPy and pydantic objects took 0.06-0.15 CPU s of ``alsreport analyze``).
    Reference counting still frees whatever is released; only cyclic garbage that exists at this
    moment (a handful of objects after loading) is never collected. A process-wide setting, so made
    only when the command line owns the process (not in a test's CliRunner, nor by the library)."""
    if _own_process():
        import gc

        gc.freeze()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while the modules that reading a study needs are imported, then what they
    created out of the collector's generations (:func:`gc.freeze`, as :func:`_settle` does after loading):
    about 190 collections over the growing set of module objects took 0.04-0.06 s of the ~0.5 s of these
    imports, on the way to the study's reading (issue #13). Only when the command line owns the process."""
    if not _own_process():
        yield
        return
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class _OwnProcess:
    """The root context's ``obj`` when the command runs as its own process (``alsreport``, ``python -m``)."""


quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
timings_option = click.option("--timings", is_flag=True, help="Print the time each stage took.")


def _analysed(study: Path | None, progress: "Progress"):  # type: ignore[no-untyped-def]
    """Validate, load and analyse with progress (stages ``validate & load`` and ``analyze``)."""
    with progress.stage("validate & load"):
        loaded, summaries = _load_for_analysis(study, meanwhile=("alsreport.analysis.run", "alsreport.results.writer"))
    from alsreport.analysis.run import analyze as run_analysis

    from alsreport.forked import idle_core

    _settle()

    return run_analysis(loaded, progress=progress, parallel=idle_core(), summaries=summaries)


def _locked(out_dir: Path):  # type: ignore[no-untyped-def]
    """The output folder's lock (one run at a time per folder; see alsreport.documents.outputs)."""
    from alsreport.documents.outputs import output_lock

    return output_lock(out_dir)


def _formats(value: str, allowed: tuple[str, ...], option: str) -> list[str]:
    items = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in items:
        return list(allowed)
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise click.BadParameter(
            f"{', '.join(bad) or '(empty)'} is not a format; choose from {', '.join(allowed)} (comma-separated) or all",
            param_hint=option,
        )
    return items


class _Group(click.Group):
    """Turns errors meant for people into a message and exit status 1."""

    def main(self, args=None, *rest, **options):  # type: ignore[override]
        """The command line; run from ``sys.argv`` (``alsreport``, ``python -m alsreport``: not a test's
        CliRunner, which passes ``args``), the process then ends with the garbage collector's generations
        frozen (:func:`gc.freeze`), so that the interpreter's last collection at exit skips what the command
        left behind: after a render, about half a million unreachable objects of WeasyPrint's layouts, about
        2 CPU s of collecting (issue #13) for memory the system takes back anyway. Exit handlers still run
        and the exit status is unchanged (``analyze`` ends its process itself once its files are written:
        :func:`alsreport.cli_process.leave`). Before NumPy loads, OpenBLAS is asked for one thread
        (:func:`alsreport.cli_process.one_blas_thread`)."""
        own = args is None and options.get("standalone_mode", True)
        if own:
            options.setdefault("obj", _OwnProcess())
            from alsreport.cli_process import one_blas_thread

            one_blas_thread()  # before NumPy is imported (alsreport.cli_process)
        try:
            return super().main(args, *rest, **options)
        finally:
            if own:
                import gc

                gc.freeze()

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except StudyInvalid as exc:
            click.echo(exc.report.format(), err=True)
            ctx.exit(1)
        except AlsreportError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # anything else: one line, the traceback only with --debug
            if ctx.params.get("debug"):
                raise
            from alsreport.errors import describe

            click.secho(f"error: {describe(exc)}", fg="red", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="alsreport")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected failure.")
def main(debug: bool) -> None:
    """Reproducible CONSORT-style reports for single-arm clinical biomarker studies.

    Run `alsreport render` for the complete report of the bundled synthetic
    example, or `alsreport init mystudy` to start your own study folder.
    """


@main.command()
@study_argument
def validate(study: Path | None) -> None:
    """Check a study folder and list every problem at once.

    Each problem names the file, row, column and value and says what was
    expected. Exit status 1 when there is any error, 0 otherwise.
    """
    from alsreport.study.validation import validate_study

    report = validate_study(_study_path(study))
    click.echo(report.format())
    sys.exit(0 if report.ok else 1)


@main.command()
@study_argument
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_output/results"), show_default=True, help="Folder for the results files.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
              help="Tables as CSV, or as Parquet for large studies (results.json either way).")
@quiet_option
@timings_option
def analyze(study: Path | None, out_dir: Path, fmt: str, quiet: bool, timings: bool) -> None:
    """Compute every statistic: results.json, comparisons.csv, descriptives.csv, analysis_data.csv.

    Paired Wilcoxon signed-rank, paired t and Friedman tests for each analyte
    and compartment, matching R's stats package; Holm and BH adjustment.
    Progress goes to stderr: a bar on a terminal, plain lines otherwise.
    """
    from alsreport.progress import for_stream

    progress = for_stream(silent=quiet)
    with progress.stage("validate & load"):
        loaded, summaries = _load_for_analysis(study, meanwhile=("alsreport.analysis.run", "alsreport.results.staged"))
    from alsreport.analysis.run import analyze as run_analysis
    from alsreport.forked import idle_core
    from alsreport.results.staged import StagedResults

    _settle()

    # the lock first: it removes temporary folders that killed runs left; analysis_data is written
    # while the statistics run, by a forked child when a second CPU is idle, else on a second thread
    parallel = idle_core()
    with _locked(out_dir), StagedResults(out_dir, fmt, fork=parallel) as staged:
        results = run_analysis(loaded, progress=progress, parallel=parallel,
                               on_analysis_data=staged.start_analysis_data, summaries=summaries)
        del loaded
        paths = staged.finish(results, progress)
    for path in paths:
        click.echo(f"wrote {path}")
    if timings:
        click.echo(progress.timings_table())
    _leave_if_own()  # every file written and closed, the lock released, the children reaped


@main.command()
@study_argument
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_output/verify"), show_default=True,
              help="Folder for the analysis dataset, the results files and verify.R.")
def verify(study: Path | None, out_dir: Path) -> None:
    """Recompute every statistic with base R and compare (writes verify.R; runs it when Rscript is on PATH).

    Prints how many numbers were compared, the worst relative difference per
    column and every mismatch. Exit status 0 when all agree, 1 on a mismatch,
    2 when Rscript is not installed (the script is still written: run
    `Rscript verify.R` elsewhere).
    """
    from alsreport.analysis.run import analyze as run_analysis
    from alsreport.analysis.verify import run_verification, write_verification

    loaded = _load(study)
    paths = write_verification(run_analysis(loaded), out_dir, study=loaded)
    for path in paths:
        click.echo(f"wrote {path}")
    outcome = run_verification(paths[-1])
    if outcome is None:
        click.secho(f"Rscript is not on PATH: run `Rscript {paths[-1]}` where R is installed", fg="yellow", err=True)
        sys.exit(2)
    click.echo(outcome.output, nl=False)
    if outcome.returncode not in (0, 1):
        raise AlsreportError(f"{paths[-1]} failed (exit status {outcome.returncode})")
    sys.exit(outcome.returncode)


@main.command()
@study_argument
@click.option("--format", "formats", default="html,csv,xlsx", show_default=True,
              help="Comma-separated: html, csv, xlsx, tex, docx, pdf (or all).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_output/tables"), show_default=True, help="Folder for the table files.")
@quiet_option
@timings_option
def tables(study: Path | None, formats: str, out_dir: Path, quiet: bool, timings: bool) -> None:
    """Export the manuscript tables (great-tables) as HTML, CSV, XLSX, LaTeX, Word or PDF."""
    from alsreport.documents.table_export import export_tables
    from alsreport.progress import for_stream

    chosen = _formats(formats, ("html", "csv", "xlsx", "tex", "docx", "pdf"), "--format")
    progress = for_stream(silent=quiet)
    results = _analysed(study, progress)
    with _locked(out_dir), progress.stage("export tables"):
        paths = export_tables(results, out_dir, chosen)
    for path in paths:
        click.echo(f"wrote {path}")
    if timings:
        click.echo(progress.timings_table())


@main.command()
@study_argument
@click.option("--format", "formats", default="svg,pdf,png", show_default=True,
              help="Comma-separated: svg, pdf, png (300 dpi) (or all).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_output/figures"), show_default=True, help="Folder for the figure files.")
@quiet_option
@timings_option
def figures(study: Path | None, formats: str, out_dir: Path, quiet: bool, timings: bool) -> None:
    """Export the manuscript figures (CONSORT flow, trajectories, forest plots)."""
    from alsreport.present.figures import export_figures
    from alsreport.progress import for_stream

    chosen = _formats(formats, ("svg", "pdf", "png"), "--format")
    progress = for_stream(silent=quiet)
    results = _analysed(study, progress)
    with _locked(out_dir), progress.stage("export figures"):
        paths = export_figures(results, out_dir, chosen)
    for path in paths:
        click.echo(f"wrote {path}")
    if timings:
        click.echo(progress.timings_table())


@main.command()
@study_argument
@click.option("--report", "report", type=click.Choice(["manuscript", "ethics", "all"]), default="all",
              show_default=True, help="Which report to render.")
@click.option("--to", "to", type=click.Choice(["html", "pdf", "docx", "all"]), multiple=True, default=["all"],
              show_default=True,
              help="Output format; repeat for several (--to html --to docx). all: HTML and PDF. docx: the "
                   "manuscript as a Word document for co-authors (the ethics report has no Word version).")
@click.option("--engine", type=click.Choice(["auto", "embedded", "quarto"]), default="auto", show_default=True,
              help="auto uses Quarto when `quarto` is on PATH, else the embedded engine.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_output"), show_default=True, help="Folder for the reports.")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
@click.option("--pdf-standard", "pdf_standard", type=click.Choice(["study", "none", "pdf/a-3u", "pdf/ua-1"]),
              default="study", show_default=True,
              help="PDF variant: study uses study.yml (safety.pdf_standard, pdf/a-3u by default) for the ethics "
                   "report and a tagged PDF for the manuscript; every PDF is tagged (accessible).")
@click.option("--trust-templates", is_flag=True,
              help="Use the study folder's own _quarto.yml, report/ and templates/ (their code runs with your rights).")
def render(study: Path | None, report: str, to: tuple[str, ...], engine: str, out_dir: Path, timings: bool,
           pdf_standard: str, trust_templates: bool) -> None:
    """Render the manuscript and the ethics-board safety report (HTML and PDF; the manuscript also as Word).

    Runs the whole pipeline: validate, analyze, tables and figures, documents.
    An unchanged second run reuses earlier work.
    """
    from alsreport.documents.reports import render_reports

    reports = ["manuscript", "ethics"] if report == "all" else [report]
    formats = list(dict.fromkeys(f for t in to for f in (["html", "pdf"] if t == "all" else [t])))
    summary = render_reports(
        _study_path(study), reports=reports, formats=formats, engine=engine, out_dir=out_dir,
        progress=lambda msg: click.echo(msg, err=True), pdf_standard=None if pdf_standard == "study" else pdf_standard,
        trust_templates=trust_templates, parallel=True,
    )
    done = "up to date" if summary.cache == "hit" else "wrote"   # a reused file is not written again
    for path in summary.outputs:
        click.echo(f"{done} {path}")
    # the study's warnings too, as validate shows them: one who only renders saw none (session 34 DSMB reader)
    for w in summary.warnings:
        click.secho(f"warning: {w}", fg="yellow", err=True)
    if timings:
        for stage, seconds in summary.timings.items():
            click.echo(f"{stage:<28}{seconds:8.2f} s")


@main.command()
@study_argument
@click.option("--engine", type=click.Choice(["embedded", "quarto"]), default="embedded", show_default=True,
              help="quarto hands over to `quarto preview`.")
@click.option("--port", type=int, default=4848, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
def preview(study: Path | None, engine: str, port: int) -> None:
    """Serve the manuscript's HTML on 127.0.0.1 and reload it whenever a study file, document or template changes.

    Stop with Ctrl-C.
    """
    import time

    from alsreport.documents.preview import Preview, quarto_preview

    folder = _study_path(study)
    with _stop_signals():
        if engine == "quarto":
            raise SystemExit(quarto_preview(folder, port=port))
        # Ctrl-C may come while the server starts, as soon as it serves (CI: "Aborted!" when it came before the
        # loop): inside the try, so it always stops cleanly; the server's threads are daemons
        server = None
        try:
            server = Preview(folder, port=port, say=lambda msg: click.echo(msg, err=True))
            # the address is bound already: said before the page is served, so a client that sees it served has it
            # (CI: a SIGTERM sent as soon as the page served came before this line, and the URL was never printed)
            click.echo(f"preview of {folder.name}: {server.url}  (Ctrl-C to stop)")
            server.start()
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("stopping the preview", err=True)
        finally:
            if server is not None:
                server.stop()


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGINT and SIGTERM stop a long-running command as Ctrl-C does.

    A process started with SIGINT ignored (a shell's background job, a CI runner) would otherwise
    not react to SIGINT at all, and SIGTERM (``kill``) would end it without stopping what it started
    (Quarto's process group, the preview server).
    """
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@main.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--with-templates", is_flag=True,
              help="Also copy the report documents and templates, which then take precedence when rendering.")
def init(dest: Path, with_templates: bool) -> None:
    """Start a study folder in DEST from a copy of the bundled example."""
    from alsreport.documents.scaffold import init_study

    for path in init_study(dest, with_templates=with_templates):
        click.echo(f"created {path}")
