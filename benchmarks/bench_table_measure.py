"""What choosing each table's page costs: the WeasyPrint measurement of the manuscript's tables.

Builds the example's manuscript tables (not timed), then times :func:`alsreport.documents.table_fit.fit_table`
on each, as the manuscript's document process does (the biomarker tables' two-line forms measured too when
their one-line form does not fit portrait; building those forms is timed, as in the document), and again
(cached: nothing is laid out twice). CPU seconds of this process; the load average is printed, the machine
being shared. Run by hand (not in CI)::

    python benchmarks/bench_table_measure.py
"""

from __future__ import annotations

import os
import time

KEYS = ("table1_baseline", "table2_immunological", "table3_biochemical", "sensitivity", "exposure",
        "adverse_events_overview", "adverse_events", "supplementary_s1")


def main() -> None:
    from alsreport.analysis.run import analyze
    from alsreport.documents.resources import project_dir
    from alsreport.documents.table_fit import fit_table
    from alsreport.documents.table_measure import TableMeasurer, default_stylesheets
    from alsreport.present.tables.registry import table_entries
    from alsreport.study.example import example_study_path
    from alsreport.study.loading import load_study

    results = analyze(load_study(example_study_path()))
    tables = {t.key: t.build(results) for t in table_entries(results) if t.key in KEYS}
    htmls = {k: t.html for k, t in tables.items()}
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    measurer = TableMeasurer(default_stylesheets(project_dir()))
    for label in ("first", "again (cached)"):
        start = time.process_time()
        layouts = {}
        for key, table in tables.items():
            narrower = table.narrower
            layouts[key] = fit_table(htmls[key], "alsr-table alsr-table-captioned",
                                     narrower and (lambda n=narrower: n().html), measurer)[1] or "portrait"
        print(f"{label}: {time.process_time() - start:.2f} CPU s for {len(tables)} tables: {layouts}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
