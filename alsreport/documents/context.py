"""What a report document's first cell calls to get its data.

.. code-block:: python

    from alsreport.documents.context import report_context
    ctx = report_context(study)     # the study folder; None: the bundled example
    ctx.results.primary             # numbers (alsreport.results.model)
    ctx.tables["table1_baseline"]   # tables: .gt (great-tables) with .title, .notes (alsreport.present.tables)
    ctx.figures["figure1_consort"]  # matplotlib figures (alsreport.present.figures)
    ctx.text.abstract_results       # generated sentences: Markdown (shown as markdown inline)

The same ``.qmd`` works under real Quarto (cells run in a Jupyter kernel) and
under the embedded engine: the study folder reaches the first cell as the
document parameter ``study`` (``report/_setup.qmd``; ``quarto render -P
study:DIR`` by hand), never through the environment. The analysis is cached in-process per study
folder, keyed by the folder and its files' sizes and modification times, so the
two documents of one ``alsreport render`` share one analysis;
:func:`alsreport.documents.reports.render_reports` hands over the results it computed with
:func:`use_results`. Tables and figures are built on first use.

The ``*_block`` helpers return pandoc/Quarto markdown for a cell with
``#| output: asis``: a cross-referenceable float (``::: {#tbl-x}`` … caption
``:::``, Quarto's div syntax) holding the table's or figure's HTML as a raw
block, with a caption that can contain computed text (e.g. "as of
<data cut-off>"). Documents use them where a table may be absent (a family
without analytes) or a caption is computed. Text from the study always goes
through :func:`alsreport.present.prose.md_escape` (markdown) or :func:`html.escape`
(raw HTML).
"""

from __future__ import annotations

import html
import io
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alsreport.documents.figure_zoom import zoomable_figure
from alsreport.documents.listing_pages import attachment_link
from alsreport.documents.markup import Markdown, MarkdownProse
from alsreport.documents.running_style import running_style
from alsreport.documents.svg_ids import scoped_svg_ids
from alsreport.documents.table_region import scroll_region
from alsreport.present.cutoff import data_date_caption
from alsreport.present.format import format_date, label_in_text
from alsreport.present.provenance_options import option_rows
from alsreport.present.prose import ReportText, md_escape
from alsreport.present.prose.lookups import several_comparisons
from alsreport.documents.document_engine import engine_row
from alsreport.present.supplement_numbers import supplement_anchor
from alsreport.present.tables.registry import LISTING_KEYS, first_family

if TYPE_CHECKING:  # pragma: no cover
    from alsreport.documents.figure_cache import LazyFigures
    from alsreport.documents.figure_prefetch import SvgHelper
    from alsreport.documents.table_cache import LazyTables
    from matplotlib.figure import Figure

    from alsreport.results.model import Results
    from alsreport.study.model import Study

__all__ = [
    "ReportContext",
    "report_context",
    "use_results",
    "clear_cache",
    "default_study_path",
    "format_date",
]

#: Tables with at most this many rows (header rows included) are kept on one page in the PDF.
KEEP_ROWS = 40

_LOCK = threading.Lock()
_CACHE: dict[Path, tuple[tuple, "ReportContext"]] = {}


def default_study_path() -> Path:
    """The bundled, synthetic example study (what a document shows when no study is passed)."""
    from alsreport.study.example import example_study_path

    return example_study_path().resolve()


def _signature(folder: Path) -> tuple:
    """Names, sizes and mtimes of the study folder's files: cheap change detection."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return ()
    out = []
    for p in entries:
        if p.is_file() and not p.name.startswith("."):
            st = p.stat()
            out.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    return "`" * max(3, max(runs, default=0) + 1)


def raw_html_block(markup: str) -> str:
    """``markup`` as a pandoc raw HTML block (passed through untouched by pandoc and Quarto)."""
    fence = _fence(markup)
    return f"{fence}{{=html}}\n{markup.strip()}\n{fence}"


@dataclass
class ReportContext:
    """One study's data for the documents: study, results, tables, figures and text."""

    study: "Study"
    results: "Results"
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent building the tables and the figures (for ``alsreport render --timings``)."""
    target: str = "html"
    """``html`` or ``docx``: what the floats are written for (:mod:`alsreport.documents.docx_blocks`)."""

    # Data ----------------------------------------------------------------------
    @property
    def config(self):
        return self.results.config

    @property
    def text(self) -> MarkdownProse:
        """The generated sentences (:class:`~alsreport.present.prose.ReportText`) as :class:`Markdown` values."""
        t = self.__dict__.get("_text")
        if t is None:
            t = self.__dict__["_text"] = MarkdownProse(ReportText(self.results))
        return t

    @property
    def tables(self) -> "LazyTables":
        """``{key: Table}``, each built on first use (:mod:`alsreport.documents.table_cache`)."""
        t = self.__dict__.get("_tables")
        if t is None:
            from alsreport.documents.table_cache import LazyTables

            t = self.__dict__["_tables"] = LazyTables(self.results, self.timings)
        return t

    @property
    def figures(self) -> "LazyFigures":
        """``{key: Figure}``, each drawn on first use (:mod:`alsreport.documents.figure_cache`)."""
        f = self.__dict__.get("_figures")
        if f is None:
            from alsreport.documents.figure_cache import LazyFigures
            from alsreport.present.figures import figure_builders

            # the documents show no small multiples
            f = self.__dict__["_figures"] = LazyFigures(figure_builders(self.results, grids=False), self.timings)
        return f

    # Front matter (alsreport.documents.front_matter) ------------------------------
    @property
    def bibliography(self):
        """The study's ``references.bib`` merged with the default references (entries and topics); its
        ``path`` is None when the study has none."""
        b = self.__dict__.get("_bib")
        if b is None:
            from alsreport.documents.front_matter import bibliography_for

            b = self.__dict__["_bib"] = bibliography_for(self.study.path, self.config)
        return b

    def cite(self, *keys_or_topics: str) -> Markdown:
        """`` [@key; …]`` for the bibliography's entries with these keys or keywords, else ``""``.

        An empty inline result is left as code, so cite in ``output: asis`` cells, not inline.
        """
        return Markdown(self.bibliography.cite(*keys_or_topics))

    @property
    def statements(self) -> MarkdownProse:
        """Ethics, registration, funding… statements (:class:`alsreport.present.statements.Statements`)."""
        s = self.__dict__.get("_statements")
        if s is None:
            from alsreport.present.statements import Statements

            s = self.__dict__["_statements"] = MarkdownProse(Statements(self.config))
        return s

    def metadata_block(self) -> str:
        """YAML metadata: the study title as the document title, authors, bibliography and style."""
        from alsreport.documents.front_matter import metadata_block

        return metadata_block(self.config, self.bibliography, self.study.path, self.target)

    def byline(self) -> str:
        """Authors with affiliations and ORCID as a raw HTML block; for Word (which drops raw HTML) as
        paragraphs under the title block's names (:func:`~alsreport.documents.front_matter.byline_docx`)."""
        from alsreport.documents.front_matter import byline_docx, byline_html

        if self.target == "docx":
            return byline_docx(self.config)
        markup = byline_html(self.config)
        return raw_html_block(markup) if markup else ""

    def has_table(self, key: str) -> bool:
        return key in self.tables

    def has_figure(self, key: str) -> bool:
        return key in self.figures

    def see(self, label: str, key: str) -> str:
        """`` (@label)`` when the table or figure ``key`` exists, else nothing (for optional floats)."""
        return f" (@{label})" if key in self.tables or key in self.figures else ""

    def figure_keys(self, prefix: str) -> list[str]:
        """Keys of the figures whose key starts with ``prefix`` (e.g. ``figure3_forest_``), in build order."""
        return [k for k in self.figures if k.startswith(prefix)]

    # Words -----------------------------------------------------------------------
    @property
    def synthetic(self) -> bool:
        return bool(self.config.synthetic)

    @property
    def short_title(self) -> str:
        return self.config.short_title or self.config.title

    @property
    def data_cutoff(self) -> str:
        """The data cut-off date in words, or an explicit "not recorded"."""
        return format_date(self.config.data_cutoff) if self.config.data_cutoff else "not recorded"

    @property
    def data_date(self) -> str:
        """The sentence a safety-report caption ends with: ``Data as of 31 January 2024.``, or without a cut-off
        ``Data cut-off to be added; … report generated 2 December 2026.`` (present/cutoff.py words it)."""
        return data_date_caption(self.results)

    @property
    def generated_date(self) -> str:
        return format_date(self.results.provenance.generated_at)

    @property
    def fingerprint(self) -> str:
        return self.results.provenance.fingerprint

    @staticmethod
    def md(text: object) -> Markdown:
        """Study text as literal markdown (see :func:`alsreport.present.prose.md_escape`), shown as markdown inline."""
        return Markdown(md_escape(text))

    @staticmethod
    def esc(text: object) -> str:
        """Study text for raw HTML."""
        return html.escape(str(text), quote=True)

    def note_link(self, text: str, anchor: str) -> str:
        """``text`` linked to ``#anchor`` inside a table's note, which is great-tables HTML where no ``@tbl-``
        cross-reference is resolved; plain in Word, whose notes are paragraphs pandoc wrote from that HTML (a raw
        ``<a>`` there would be dropped, and the text with it)."""
        if self.target == "docx":
            return text
        return f'<a href="#{self.esc(anchor)}">{self.esc(text)}</a>'

    # Markdown blocks for `output: asis` cells ---------------------------------------
    def table_html(self, key: str) -> str:
        return self.tables[key].html

    def figure_svg(self, key: str) -> str:
        helper = self.__dict__.get("_svg_helper")  # drawn meanwhile by another process (documents.figure_prefetch)
        svg = helper.svg(key) if helper is not None else None
        return svg if svg is not None else figure_svg(self.figures[key])

    def share_svgs(self, helper: "SvgHelper | None") -> None:
        """Take figures' SVG from ``helper`` (a process drawing them meanwhile; None: draw each figure here)."""
        self.__dict__["_svg_helper"] = helper

    def table_caption(self, key: str) -> str:
        """The table's own title and subtitle as caption text (markdown)."""
        table = self.tables[key]
        parts = [md_escape(t.rstrip(".")) + "." for t in (table.title, table.subtitle) if t]
        return " ".join(parts)

    def table_block(self, key: str, label: str, caption: str | None = None, *, suffix: str = "") -> str:
        """A numbered, cross-referenceable table float (``@{label}``); empty when the table does not apply.

        The caption is the table's own title and subtitle (whose heading rows are then
        hidden, so they are not printed twice), or ``caption`` (markdown written by the
        document; escape study text with :meth:`md`). ``suffix`` is appended, e.g.
        ``"Data as of 31 January 2024."``.
        """
        if key not in self.tables:
            return ""
        cls = "alsr-table"
        if caption is None:
            caption = self.table_caption(key)
            if caption:
                cls += " alsr-table-captioned"
        caption = " ".join(x for x in (caption, suffix) if x)
        if self.target == "docx":
            from alsreport.documents.docx_blocks import docx_table_block

            return docx_table_block(self.tables[key], label, caption)
        from alsreport.documents.table_fit import fit_table

        table = self.tables[key]
        markup = self.table_html(key)
        if table.attachment:
            markup += "\n" + attachment_link(table.attachment, table.full_rows)
        narrower = table.narrower
        rows = markup.count("<tr")
        markup, layout = fit_table(markup, cls, narrower and (lambda: narrower().html),  # measured, print CSS
                                   short=key not in LISTING_KEYS)   # a listing is never set in 7.5 pt
        if rows <= KEEP_ROWS:
            cls += " alsr-keep"
        markup = scroll_region(markup, f"{label}-caption")   # the float's caption (render/crossref.py; Quarto's: render)
        body = f'<div class="{cls}">\n{markup}\n</div>'
        fit = "".join(f" .{c}" for c in layout.split())
        if "alsr-keep" in cls:
            fit += " .alsr-keep-float"   # the manuscript moves the float whole, caption included (manuscript-print.css)
        return f"::: {{#{label}{fit}}}\n{raw_html_block(body)}\n\n{caption}\n:::\n"

    def supplement_block(self, key: str, number: str, caption: str) -> str:
        """A supplementary table, numbered on its own (``Table S1``), not a cross-referenced float.

        ``caption`` is plain study-derived text (escaped here). A table too wide for the portrait column gets the
        class of its type and page (:func:`alsreport.documents.table_fit.fit_table`: 8 pt where that fits it).
        """
        if key not in self.tables:
            return ""
        from alsreport.documents.table_fit import fit_table

        cls = "alsr-table alsr-table-captioned alsr-supplement"
        markup, layout = fit_table(self.table_html(key), cls, short=key not in LISTING_KEYS)
        cls = f"{cls} {layout}".strip()
        markup = scroll_region(markup, supplement_anchor(number))
        head = (f'<p class="alsr-supplement-caption" id="{self.esc(supplement_anchor(number))}">'
                f"{self.esc(number)}. {self.esc(caption)}</p>")   # not bold, as Tables 1-8's captions
        return raw_html_block(f'<div class="{cls}">\n{head}\n{markup}\n</div>')

    def figure_block(self, key: str, label: str, caption: str, *, css_class: str = "") -> str:
        """A numbered, cross-referenceable figure float holding the figure as inline SVG."""
        if key not in self.figures:
            return ""
        from alsreport.present.figures.alt_text import alt_text, caption_abbreviations

        plotted = alt_text(self.results, key)
        alt = plotted or _plain_text(caption)  # built from the plotted data, in both targets
        # the figure's abbreviations spelt out after its caption, as every table's notes do
        caption = " ".join(filter(None, [caption, md_escape(caption_abbreviations(self.results, key, plotted))]))
        if self.target == "docx":
            from alsreport.documents.docx_blocks import docx_figure_block

            return docx_figure_block(self.figures[key], label, caption, alt)
        cls = f"alsr-figure {css_class}".strip()
        # on a phone the figure is as wide as the screen; "Enlarge" shows it alone at its drawn size (figure_zoom.py)
        # ids unique in the page: matplotlib's (figure_1, patch_1, markers) repeat in every figure (svg_ids.py)
        svg = scoped_svg_ids(self.figure_svg(key), label)
        body = f'<div class="{cls}">\n{zoomable_figure(label, accessible_svg(svg, key, alt))}\n</div>'
        return f"::: {{#{label}}}\n{raw_html_block(body)}\n\n{caption}\n:::\n"

    @staticmethod
    def raw_html(markup: str) -> str:
        """Markup the document built (with :meth:`esc` for study text) as a raw HTML block."""
        return raw_html_block(markup)

    def forest_caption(self, key: str) -> str:
        """Caption of a forest plot ``figure3_forest_<family>_<compartment>``."""
        from alsreport.present.figures import forest_panels

        family, compartment = forest_panels(self.results)[key]
        cfg = self.config
        later, base = (cfg.visit_label(v) for v in cfg.contrast_visits(cfg.final_contrast))
        level = f"{cfg.analysis.conf_level * 100:g}%"
        what = f"{label_in_text(cfg.family_label(family))} markers" + (f" in {compartment}" if compartment else "")
        lowered = [c for c in self.results.comparisons
                   if (c.family, c.compartment, c.test, c.contrast) == (family, compartment, "wilcoxon",
                                                                       cfg.final_contrast)
                   and c.ci is not None and abs(c.ci.level - cfg.analysis.conf_level) > 1e-9]
        # the manuscript's table of the family (session 30 reviewer: "in the biomarker tables" named none)
        table = "@tbl-immunological" if family in first_family(cfg) else "@tbl-biochemical"
        except_ = ""
        if lowered:
            parts = [f"{c.label or c.analyte}: {c.ci.level * 100:g}%" for c in lowered]  # type: ignore[union-attr]
            except_ = f" ({md_escape('; '.join(parts))}, the highest level achievable with its ties and zeros)"
        return (f"Change from {md_escape(base)} to {md_escape(later)} in {md_escape(what)}: Hodges–Lehmann "
                f"estimates with {level} confidence intervals{except_}, drawn as a percentage of the "
                f"{md_escape(base)} median so that markers with different units share one axis; the percentages "
                f"are printed beside it (the changes in each marker's own unit are in {table}).")

    def callout(self, kind: str, title: str, body_md: str) -> str:
        """A Quarto callout (``note``, ``warning``, ``important``, ``tip``, ``caution``) as markdown."""
        return f'::: {{.callout-{kind} title="{self.esc(title)}"}}\n{body_md}\n:::\n'

    def synthetic_notice(self) -> str:
        """The callout every report made from synthetic data shows (empty for real data)."""
        if not self.synthetic:
            return ""
        # "the published design" only where there is a publication: the study's earlier report (session 30 ethics
        # reader: a constructed test study, published nowhere, "mirrors the published design of the study")
        mirrors = ("It mirrors the published design of the study, not real patients, and"
                   if self.config.reporting.prior_report is not None else "It describes no real patients and")
        return self.callout(
            "warning", "Synthetic data — not real patients",
            "Every number in this report comes from a **synthetic** example data set generated to "
            f"demonstrate alsreport. {mirrors} must not be used for clinical or scientific conclusions.",
        )

    def running_elements(self, *, confidential: bool = False) -> str:
        """Hidden HTML elements the print stylesheet copies into page headers and footers (``string-set``), and their
        text as custom properties for a browser's print, which has no ``string-set`` (documents/running_style.py)."""
        parts = [f'<div class="alsr-running-title" aria-hidden="true">{self.esc(self.short_title)}</div>']
        if confidential:
            parts.append('<div class="alsr-running-confidential" aria-hidden="true">Confidential</div>')
        note = f"Generated {self.generated_date} · data {self.fingerprint}"
        if self.synthetic:
            note += " · SYNTHETIC DATA"
        parts.append(f'<div class="alsr-running-footer" aria-hidden="true">{self.esc(note)}</div>')
        style = running_style(self.short_title, note, confidential=confidential)
        return raw_html_block(style + '\n<div class="alsr-running">\n' + "\n".join(parts) + "\n</div>")

    def provenance_block(self) -> str:
        """Markdown: versions, options, generation time and the SHA-256 of every input file."""
        p = self.results.provenance
        rows = [("Generated (UTC)", p.generated_at), ("Data fingerprint", p.fingerprint),
                ("alsreport", p.alsreport_version), ("Python", p.python_version)]
        rows += [(name, version) for name, version in sorted(p.dependencies.items())]
        rows += [("Results schema", p.schema_version)]
        opts = p.options
        # in words: no study.yml keys or codes (issue #10)
        opt_rows = option_rows(self.config, opts, several=several_comparisons(self.results))
        # the input files first, under the sentence that introduces them ("computed from the input files below"):
        # last, they followed two tables and sat alone on the manuscript's last page (session 31 reviewer)
        out = ["| Input file | SHA-256 |", "|:--|:--|"]
        # the whole hash in the text (the PDF prints it; copy and find-in-page use it) and in a title: the HTML shows
        # as much as its cell holds on one line (templates/screen.css; it wrapped at 1280 px: issue #10 readers)
        out += [f'| {md_escape(name)} | [{md_escape(digest)}]{{.alsr-hash title="{html.escape(digest)}"}} |'
                for name, digest in p.inputs.items()]
        out += ["", ": Input files {.alsr-provenance}", ""]
        out += ["| Item | Value |", "|:--|:--|"]
        out += [f"| {md_escape(k)} | {md_escape(v)} |" for k, v in rows]
        item, engine = engine_row()     # markdown of our own: Quarto's version shortcode is not escaped
        out.append(f"| {item} | {engine} |")
        out.append("")
        out.append(": Software and analysis {.alsr-provenance}")
        out.append("")
        out += ["| Analysis option | Value |", "|:--|:--|"]
        out += [f"| {md_escape(k)} | {md_escape(v)} |" for k, v in opt_rows]
        # captioned as the two above; the one table that may continue on the next page, row by row (templates/
        # print.css), so that it does not leave the page above it a fifth blank and stand alone on the last one
        out += ["", ": Analysis options {.alsr-provenance .alsr-provenance-long}", ""]
        return "\n".join(out)


def _plain_text(markdown: str) -> str:
    """Caption markdown as plain text for a ``<title>`` (escapes and emphasis removed)."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"@(fig|tbl|sec)-[\w-]+", "", text).strip()


def accessible_svg(svg: str, key: str, alt: str) -> str:
    """``role="img"`` and a ``<title>`` (the figure's alt text, built from its data) on an inline SVG."""
    head = re.match(r"<svg\b[^>]*>", svg)
    if head is None or not alt:
        return svg
    ident = f"alsr-title-{re.sub(r'[^A-Za-z0-9_-]', '-', key)}"
    tag = head.group(0)[:-1] + f' role="img" aria-labelledby="{ident}">'
    return tag + f'<title id="{ident}">{html.escape(alt, quote=False)}</title>' + svg[head.end():]


def figure_svg(fig: "Figure") -> str:
    """A matplotlib figure as inline SVG markup: text kept as text (searchable, small), stable ids."""
    import matplotlib

    from alsreport.present.figures.style import SAVE_PAD_INCHES

    buf = io.StringIO()
    # artists the figure marks as rasterised (e.g. thousands of trajectories) become a 300-dpi image
    # inside the SVG; the dpi is passed only then, so other figures' SVG stays exactly as it was
    dpi = {"dpi": 300} if any(a.get_rasterized() for a in fig.findobj()) else {}
    # the figures' own pad: drawn at the text width less it, the SVG is never wider than the PDF's column, which
    # places it at 100 % (matplotlib's default 0.1 in made every figure 10 pt too wide: its type printed at 95 %)
    pad = SAVE_PAD_INCHES
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "alsreport"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=pad, metadata={"Date": None, "Creator": None},
                    **dpi)
        svg = buf.getvalue()
        # never wider than the figure is drawn (the SVG renderer measured a long footnote 7 % wide: the example's
        # Figure 4 was 535 pt, its type printed smaller than Figures 5-8'): then the box as the figure drew it
        viewbox = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg)
        if viewbox and float(viewbox.group(1)) > (fig.get_figwidth() + 2 * pad) * 72 + 0.5:
            from alsreport.present.figures.style import drawn_bbox

            buf = io.StringIO()
            fig.savefig(buf, format="svg", bbox_inches=drawn_bbox(fig, pad), metadata={"Date": None, "Creator": None},
                        **dpi)
            svg = buf.getvalue()
    # the figures' sans is the document's sans (Liberation, metric-compatible with Arial; DejaVu as fallback):
    # one sans typeface for tables and figures
    svg = re.sub(r"font-family:\s*'DejaVu Sans'(, '[^;\"]*sans-serif)?",
                 "font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif", svg)
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    # As wide as the column but never wider than drawn (font sizes stay as designed); the
    # height follows from the viewBox. A fixed height in pt next to ``height: auto`` makes
    # WeasyPrint reserve a box as tall as it is wide, so the height attribute goes.
    head = re.match(r'<svg\b[^>]*>', svg)
    if head:
        tag = head.group(0)
        size = re.search(r'\swidth="([\d.]+)pt"\s+height="[\d.]+pt"', tag)
        if size:
            tag = tag.replace(size.group(0), f' width="100%" style="max-width:{size.group(1)}pt"', 1)
        svg = tag + svg[head.end():]
    return svg


# The cache -------------------------------------------------------------------------

def report_context(study: str | os.PathLike[str] | None = None, *, refresh: bool = False,
                   target: str | None = None) -> ReportContext:
    """The context for the study folder ``study`` (``None``: the bundled example).

    Loads and analyses the study once per process (until its files change).
    Raises :class:`alsreport.errors.StudyInvalid` for invalid data, as ``load_study`` does.
    ``target``: ``html`` or ``docx`` (None: what Quarto renders, else ``html``;
    :func:`~alsreport.documents.docx_blocks.output_target`); the analysis is shared.
    """
    import copy

    from alsreport.documents.docx_blocks import output_target

    ctx = _cached_context(study, refresh)
    wanted = output_target(target)
    if wanted == ctx.target:
        return ctx
    view = copy.copy(ctx)  # shares the analysis and whatever tables and figures are built
    view.target = wanted
    return view


def _cached_context(study: str | os.PathLike[str] | None, refresh: bool) -> ReportContext:
    folder = Path(study).expanduser().resolve() if study is not None else default_study_path()
    sig = _signature(folder)
    with _LOCK:
        hit = _CACHE.get(folder)
        if hit is not None and hit[0] == sig and not refresh:
            return hit[1]
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    loaded = load_study(folder)
    ctx = ReportContext(study=loaded, results=analyze(loaded))
    with _LOCK:
        _CACHE[folder] = (sig, ctx)
    return ctx


def use_results(study: "Study", results: "Results") -> ReportContext:
    """Make ``report_context()`` for ``study.path`` return these results (no second analysis)."""
    folder = Path(study.path).resolve()
    ctx = ReportContext(study=study, results=results)
    with _LOCK:
        _CACHE[folder] = (_signature(folder), ctx)
    return ctx


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()

