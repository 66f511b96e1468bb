"""Long listings in a report: past ``safety.listing_max_rows`` rows, a summary instead of every row.

A listing of thousands of adverse events or laboratory values cannot be read on paper and makes the PDF
slow to build. When a listing has more rows than ``safety.listing_max_rows`` (study.yml, 200 by default),
its table in the report is a summary — rows and participants by the listing's main category — and the
:class:`~alsreport.present.tables.table.Table` names the CSV file that holds every row
(``Table.attachment``); the documents attach that file to the PDF and write it beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.listing_limit import listing_file_name, listing_max_rows
from alsreport.present.tables.style import add_note, base_gt, capitalise, fill_width, finish
from alsreport.present.tables.table import Table
from alsreport.results.model import Results

__all__ = ["ListingSpec", "listing_summary"]


@dataclass(frozen=True)
class ListingSpec:
    """How a listing is summarised when it is too long for the report."""

    title: str
    by: str
    """The column whose values the summary counts rows of (e.g. ``system_organ_class``)."""
    by_label: str
    rows_label: str
    """What one row is, plural (``events``, ``values``, ``deviations``)."""


def listing_summary(results: Results, key: str, data: pd.DataFrame, spec: ListingSpec, *,
                    elsewhere: str | None = None) -> Table:
    """Rows and participants by ``spec.by`` (most rows first), and where the full listing is: attached to the PDF,
    or, with ``elsewhere`` (a document that attaches no file, the manuscript), the sentence saying where the rows
    are counted instead."""
    id = f"alsreport-{key.replace('_', '-')}"
    by = data[spec.by].astype("string").fillna("Not recorded")
    counts = pd.DataFrame({"level": by, "participant_id": data["participant_id"]}).groupby("level", sort=False)
    frame = pd.DataFrame({"n_rows": counts.size(), "n_participants": counts["participant_id"].nunique()})
    frame = frame.sort_values(["n_rows", "n_participants"], ascending=False, kind="stable").reset_index()
    frame["level"] = frame["level"].map(capitalise)
    n, people, limit = len(data), data["participant_id"].nunique(), listing_max_rows(results)
    file = listing_file_name(key)
    gt, meta = base_gt(frame, id=id, title=spec.title,
                       subtitle=f"Summary of {n:,} {spec.rows_label} of {people:,} participants by "
                                f"{spec.by_label.lower()}{'; the full listing is attached' if elsewhere is None else ''}")
    gt = gtext.cols_label(gt, level=spec.by_label, n_rows=capitalise(spec.rows_label), n_participants="Participants")
    gt = gt.fmt_integer(columns=["n_rows", "n_participants"])
    gt = gt.cols_align(align="right", columns=["n_rows", "n_participants"])
    gt = fill_width(gt, id)
    too_long = f"The listing has {n:,} rows, more than the {limit:,} the study's settings allow in a printed report."
    if elsewhere is not None:
        return finish(*add_note(gt, meta, f"{too_long} {elsewhere}"), results)
    gt, meta = add_note(gt, meta, f"{too_long} Every row is in {file}, attached to this PDF (file attachments of the "
                                  "PDF reader) and written beside it.")
    table = finish(gt, meta, results)
    return replace(table, attachment=file, full_rows=n)
