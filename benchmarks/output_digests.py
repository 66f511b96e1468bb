"""Digests of everything a study's outputs hold, to show that a speed change changed none of them.

Run it on the code before and after a change (same inputs, ``SOURCE_DATE_EPOCH`` fixed by the
script) and compare the two JSON files: results files (``results.json`` without its
provenance, whose package versions differ between environments), each table's tidy data
and rendered cells (great-tables HTML), and the visible text of both reports' HTML.

Usage::

    python benchmarks/output_digests.py STUDY [STUDY ...] --out digests.json [--no-reports]
    diff before.json after.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from html import unescape
from pathlib import Path


def _sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:16]


def _html_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def study_digests(study: Path, reports: bool) -> dict[str, str]:
    from alsreport.analysis.run import analyze
    from alsreport.documents.table_export import table_csv_text
    from alsreport.present.tables.registry import build_table_data, build_tables
    from alsreport.results.writer import write_results
    from alsreport.study.loading import load_study

    out: dict[str, str] = {}
    results = analyze(load_study(study))
    with tempfile.TemporaryDirectory() as tmp:
        for path in write_results(results, Path(tmp)):
            if path.name == "results.json":
                doc = json.loads(path.read_text(encoding="utf-8"))
                doc.pop("provenance", None)
                out[path.name] = _sha(json.dumps(doc, sort_keys=True, ensure_ascii=False))
            else:
                out[path.name] = _sha(path.read_bytes())
        for key, frame in build_table_data(results).items():
            out[f"table {key} data"] = _sha(table_csv_text(frame))
        for key, table in build_tables(results).items():
            out[f"table {key} cells"] = _sha(re.sub(r'id="[a-z]{10}"|#[a-z]{10}\b', "", table.gt.as_raw_html()))
        if reports:
            from alsreport.documents.reports import render_reports

            render_reports(study, formats=["html"], engine="embedded", out_dir=Path(tmp) / "out", use_cache=False)
            for html in sorted((Path(tmp) / "out").rglob("*.html")):
                out[f"report {html.name} text"] = _sha(_html_text(html.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("studies", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-reports", action="store_true", help="skip rendering the reports' HTML")
    args = ap.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: reproducible dates
    digests = {str(s): study_digests(s, not args.no_reports) for s in args.studies}
    args.out.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({sum(len(d) for d in digests.values())} digests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
