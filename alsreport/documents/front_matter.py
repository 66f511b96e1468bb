"""The manuscript's front matter from ``study.yml``: document metadata, byline, citations.

* :func:`metadata_block` — a pandoc YAML metadata block the first cell prints: the
  study title as the document title (the HTML ``<h1>``, the PDF's title), the authors
  as the PDF's and the Word file's authors, and the bibliography and citation style for citeproc.
* :func:`byline_html` — authors with numbered affiliations, ORCID links and the
  corresponding author; without authors or investigators, a "To be added by the authors" line.
* :func:`byline_docx` — the same for the Word file, as markdown pandoc's docx writer keeps (it drops raw
  HTML): the names with their marks are the title block's ``author`` (:func:`metadata_block`), the numbered
  affiliations, ORCID iDs and corresponding author paragraphs in the ``Affiliation`` style.
* :class:`Bibliography` — the study's ``references.bib`` (``reporting.references``)
  read once with pandoc, merged with the default references (``default_references.bib``: the ALS
  reviews, earlier cell-therapy studies, CONSORT 2025 and CONSORT Harms 2022) for every topic the
  study's file does not cover, so that the template's claims are cited in every study (reader 6's
  item 3); :meth:`Bibliography.cite` turns topics (BibTeX ``keywords``, e.g. ``als-review``) or keys
  into a pandoc citation, or nothing when no entry has it, so the templates can cite without knowing
  the file.
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from alsreport.present.title import manuscript_title
from alsreport.present.prose import md_escape
from alsreport.study.config import StudyConfig
from alsreport.study.config_reporting import Author
from alsreport.study.reading.reporting_files import DEFAULT_BIB

__all__ = ["AUTHORS_TO_ADD", "DEFAULT_CSL", "DEFAULT_REFERENCES", "DOCX_BYLINE_STYLE", "Bibliography",
           "metadata_block", "byline_html", "byline_docx", "bibliography_for", "with_defaults"]

#: The citation style used when the study names none: relative to the report documents' folder.
DEFAULT_CSL = "../templates/vancouver.csl"
#: The byline of a study whose files name no authors (nor investigators); the PDF's Author stays empty.
AUTHORS_TO_ADD = "<em>To be added by the authors:</em> the authors and their affiliations."
#: The Word style (templates/reference.docx: the title block's Author, smaller) of the affiliations, ORCID iDs
#: and corresponding author under the names.
DOCX_BYLINE_STYLE = "Affiliation"
#: The references every manuscript may cite (topics the study's own file lacks), shipped with alsreport.
DEFAULT_REFERENCES = Path(__file__).with_name("default_references.bib")


@dataclass(frozen=True)
class Bibliography:
    """A study's BibTeX file: its path, and each entry's key and topics (keywords)."""

    path: Path | None
    """The study's own file (None without one)."""
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()
    defaults: Path | None = None
    """:data:`DEFAULT_REFERENCES` when some of ``topics`` come from it."""

    @property
    def files(self) -> tuple[Path, ...]:
        """The BibTeX files pandoc reads: the study's, then the defaults (when used)."""
        return tuple(p for p in (self.path, self.defaults) if p is not None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.topics)

    def resolve(self, *wanted: str) -> list[str]:
        """Entry keys for ``wanted`` keys or topics, in file order, without repeats."""
        out: list[str] = []
        for want in wanted:
            for key, topics in self.topics:
                if (key == want or want in topics) and key not in out:
                    out.append(key)
        return out

    def cite(self, *wanted: str) -> str:
        """`` [@a; @b]`` (with a leading space) for the entries found, else ``""``."""
        keys = self.resolve(*wanted)
        return " [" + "; ".join(f"@{k}" for k in keys) + "]" if keys else ""


def bibliography_for(folder: Path, config: StudyConfig) -> Bibliography:
    """The study's bibliography (``reporting.references``, else ``references.bib`` if present)."""
    name = config.reporting.references
    path = Path(folder) / (name or DEFAULT_BIB)
    own = Bibliography(None)
    if path.is_file():
        st = path.stat()
        own = _read_bib(path.resolve(), st.st_size, st.st_mtime_ns)
    st = DEFAULT_REFERENCES.stat()
    return with_defaults(own, _read_bib(DEFAULT_REFERENCES, st.st_size, st.st_mtime_ns))


def with_defaults(own: Bibliography, defaults: Bibliography) -> Bibliography:
    """``own`` with the entries of ``defaults`` whose topics ``own`` does not cover (none of its entries has
    any of them); ``defaults`` is listed as a file only when one of its entries is kept."""
    covered = {t for _, topics in own.topics for t in topics}
    extra = tuple((k, ts) for k, ts in defaults.topics if ts and not covered.intersection(ts)
                  and k not in own.keys)
    if not extra:
        return own
    return Bibliography(own.path, own.topics + extra, defaults.path)


@functools.lru_cache(maxsize=16)
def _read_bib(path: Path, size: int, mtime: int) -> Bibliography:
    from alsreport.render.pandoc import run_pandoc

    entries = json.loads(run_pandoc(["--sandbox", "-f", "bibtex", "-t", "csljson", str(path)],
                                    what=path.name) or "[]")
    topics = []
    for e in entries:
        words = str(e.get("keyword") or "").replace(";", ",").split(",")
        topics.append((str(e["id"]), tuple(w.strip() for w in words if w.strip())))
    return Bibliography(path, tuple(topics))


def metadata_block(config: StudyConfig, bibliography: Bibliography, folder: Path, target: str = "html") -> str:
    """A pandoc YAML metadata block (later blocks override the front matter's ``title``).

    The authors are ``author-meta`` (the HTML's ``<meta name="author">``, the PDF's Author; the byline shows
    them), and for the Word ``target`` (``docx``) also ``author``: pandoc's docx writer fills the core
    properties' creator only from it (and lists the names under the title, where the HTML's byline, raw
    HTML, is dropped; reader 12a's item 10), under both engines: each name followed by its affiliation numbers
    and corresponding mark as a raw Word superscript run, which the byline's affiliations (:func:`byline_docx`)
    number and which the creator (pandoc's plain text of ``author``, raw runs left out) does not repeat."""
    # pandoc reads metadata strings as markdown: study text is escaped (md_escape) so that it stays text
    # (no raw HTML, link, image, math, citation or shortcode; docs/security.md).
    title = md_escape(manuscript_title(config))   # names the design (CONSORT 2025 item 1a)
    meta: dict[str, object] = {"title": title, "pagetitle": title,
                               "alsr-title-class": "alsr-study-title"}
    authors = [a.name for a in config.reporting.authors] or list(config.investigators)
    if authors:
        meta["author-meta"] = [md_escape(a) for a in authors]
        if target == "docx":
            meta["author"] = _docx_authors(config) or list(meta["author-meta"])   # a copy: no YAML alias
    if config.description:
        meta["description-meta"] = md_escape(config.description)
    if bibliography.files:
        files = [str(p) for p in bibliography.files]
        meta["bibliography"] = files if len(files) > 1 else files[0]
        csl = config.reporting.csl
        meta["csl"] = str((Path(folder) / csl).resolve()) if csl else DEFAULT_CSL
        meta["link-citations"] = True
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"\n---\n{text}---\n"


def byline_html(config: StudyConfig) -> str:
    """Authors (superscript affiliation numbers, ORCID links, * corresponding) and the affiliations."""
    rep = config.reporting
    if not rep.authors:
        names = ", ".join(config.investigators)
        if not names:  # a reviewer reads no byline as an anonymous paper: say who must add it
            return f'<p class="alsr-byline alsr-authors-missing">{AUTHORS_TO_ADD}</p>'
        line = " — ".join(x for x in (names, config.site or "") if x)
        return f'<p class="alsr-byline">{html.escape(line)}</p>'
    numbers = rep.affiliation_numbers()
    people = [f'<span class="alsr-author">{html.escape(a.name)}<sup>{_marks(a, numbers)}</sup></span>'
              for a in rep.authors]
    lines = [f'<p class="alsr-byline alsr-authors">{", ".join(people)}</p>', '<ol class="alsr-affiliations">']
    for key, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        lines.append(f'<li value="{n}">{html.escape(rep.affiliation_name(key))}</li>')
    lines.append("</ol>")
    orcids = _orcids(config)
    if orcids:
        lines.append(orcids)
    corr = [a for a in rep.authors if a.corresponding]
    if corr:
        # "Name, email": a name may end in brackets of its own ("A. Example (synthetic)")
        who = "; ".join(html.escape(a.name) + (f", {html.escape(a.email)}" if a.email else "") for a in corr)
        lines.append(f'<p class="alsr-correspondence">* Corresponding author: {who}</p>')
    return "\n".join(lines)


def _orcids(config: StudyConfig) -> str:
    """``ORCID: A. Example 0000-…`` under the affiliations (never between the names; reader 6's item 18)."""
    linked = [f'{html.escape(a.name)} <a class="alsr-orcid" href="https://orcid.org/{html.escape(a.orcid)}" '
              f'aria-label="ORCID {html.escape(a.orcid)}">{html.escape(a.orcid)}</a>'
              for a in config.reporting.authors if a.orcid]
    return f'<p class="alsr-orcids">ORCID: {"; ".join(linked)}</p>' if linked else ""


def _marks(author: Author, numbers: dict[str, int]) -> str:
    """``1,2*``: the author's affiliation numbers, ``*`` when corresponding."""
    return ",".join(str(numbers[i]) for i in author.affiliations) + ("*" if author.corresponding else "")


def _docx_authors(config: StudyConfig) -> list[str]:
    """The authors for the Word title block: each escaped name and its marks as a raw superscript run (pandoc's
    plain text of a name, the Word file's creator, leaves raw runs out; no escaping needed: digits, commas, *)."""
    numbers = config.reporting.affiliation_numbers()
    out = []
    for a in config.reporting.authors:
        marks = _marks(a, numbers)
        run = (f'`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{marks}</w:t></w:r>`{{=openxml}}'
               if marks else "")
        out.append(md_escape(a.name) + run)
    return out


def byline_docx(config: StudyConfig) -> str:
    """The Word byline under the title block's names (:func:`metadata_block`), as markdown paragraphs in the
    :data:`DOCX_BYLINE_STYLE` style: the numbered affiliations, ``ORCID: name https://orcid.org/…`` (links) and
    ``* Corresponding author: name, email``; as :func:`byline_html` without authors (investigators' site, or
    the authors must add them)."""
    rep = config.reporting
    if not rep.authors:
        if not config.investigators:
            return _styled("*To be added by the authors:* the authors and their affiliations.", "Author")
        return _styled(md_escape(config.site), DOCX_BYLINE_STYLE) if config.site else ""
    numbers = rep.affiliation_numbers()
    paras = [f"^{n}^ {md_escape(rep.affiliation_name(key))}"
             for key, n in sorted(numbers.items(), key=lambda kv: kv[1])]
    linked = [f"{md_escape(a.name)} [https://orcid.org/{a.orcid}](https://orcid.org/{a.orcid})"
              for a in rep.authors if a.orcid]   # the iD is validated (study/config_reporting.py): digits, X, -
    if linked:
        paras.append("ORCID: " + "; ".join(linked))
    corr = [a for a in rep.authors if a.corresponding]
    if corr:
        who = "; ".join(md_escape(a.name) + (f", {md_escape(a.email)}" if a.email else "") for a in corr)
        paras.append(f"\\* Corresponding author: {who}")
    return _styled("\n\n".join(paras), DOCX_BYLINE_STYLE)


def _styled(markdown: str, style: str) -> str:
    """``markdown`` in a div whose paragraphs take the Word paragraph style ``style``."""
    return f'::: {{custom-style="{style}"}}\n{markdown}\n:::\n'
