"""Links to the files beside a page (alsreport.render.file_links; issue #10: the manuscript's Supplementary Data S1
named in the HTML links to comparisons.csv and its data dictionary; the PDF keeps the names as text)."""

from __future__ import annotations

from pathlib import Path

from alsreport.render.file_links import link_file_names, link_files, plain_file_links

NAMES = ("comparisons.csv", "comparisons-columns.csv")


def _folder(tmp_path: Path, *names: str) -> Path:
    for n in names:
        (tmp_path / n).write_text("x\n", encoding="utf-8")
    return tmp_path


def test_each_mention_in_the_text_links_to_the_file_beside_the_page(tmp_path: Path) -> None:
    folder = _folder(tmp_path, *NAMES)
    page = ("<html><head><title>comparisons.csv</title><meta name=\"d\" content=\"comparisons.csv\"></head><body>"
            "<p>In Supplementary Data S1 (comparisons.csv). Its data dictionary, comparisons-columns.csv, "
            "describes it.</p><td>values are in comparisons.csv.</td>"
            "<a href=\"#x\">comparisons.csv</a><code>comparisons.csv</code>"
            "<p>old_comparisons.csv, comparisons.csv.gz and data/comparisons.csv are other files</p></body></html>")
    linked = link_files(page, NAMES, folder)
    assert linked == page.replace(
        "(comparisons.csv)", '(<a class="alsr-file-link" href="comparisons.csv">comparisons.csv</a>)').replace(
        ", comparisons-columns.csv,",
        ', <a class="alsr-file-link" href="comparisons-columns.csv">comparisons-columns.csv</a>,').replace(
        "in comparisons.csv.</td>", 'in <a class="alsr-file-link" href="comparisons.csv">comparisons.csv</a>.</td>')
    # the PDF prints the page with the names as text again
    assert plain_file_links(linked) == page


def test_a_name_whose_file_is_not_beside_the_page_stays_text(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "comparisons.csv")
    page = "<body><p>comparisons.csv and comparisons-columns.csv</p></body>"
    assert link_files(page, NAMES, folder) == (
        '<body><p><a class="alsr-file-link" href="comparisons.csv">comparisons.csv</a> and '
        'comparisons-columns.csv</p></body>')
    assert link_files(page, NAMES, tmp_path / "elsewhere") == page


def test_the_names_come_from_the_front_matter_and_are_plain_file_names() -> None:
    assert link_file_names({"alsreport": {"link-files": list(NAMES)}}) == NAMES
    assert link_file_names({"alsreport": {"link-files": "comparisons.csv"}}) == ("comparisons.csv",)
    # no folder, no URL, no hidden file: only a file beside the page is linked
    assert link_file_names({"alsreport": {"link-files": ["../x.csv", "https://e.org/a", ".env", "a b", 3]}}) == ()
    assert link_file_names({}) == link_file_names(None) == ()


def test_the_manuscript_links_the_files_render_writes_beside_it() -> None:
    """manuscript.qmd's link-files are the Supplementary Data S1 files alsreport render writes (one list)."""
    from alsreport.present.supplement_numbers import DATA_S1_DICTIONARY_FILE, DATA_S1_FILE
    from alsreport.render.metadata import split_front_matter

    qmd = Path(__file__).resolve().parent.parent / "report" / "manuscript.qmd"
    front = split_front_matter(qmd.read_text(encoding="utf-8"), qmd)[0]
    assert link_file_names(front) == (DATA_S1_FILE, DATA_S1_DICTIONARY_FILE)
