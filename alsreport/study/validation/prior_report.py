"""Rule for ``reporting.prior_report``: each finding of the earlier report names a series the data measure.

The names are checked against ``study.yml`` when it is read (:mod:`alsreport.study.config_prior`); whether the
analyte was measured in that compartment is known only from measurements.csv, as for the primary endpoint.
"""

from __future__ import annotations

import numpy as np

from alsreport.study.reading import CONFIG_FILE
from alsreport.study.validation.context import Context
from alsreport.study.validation.measurements import measurements_view
from alsreport.study.validation.wording import join

__all__ = ["check_prior_report"]


def check_prior_report(ctx: Context) -> None:
    """An error for each finding whose analyte has no rows in its compartment (the Discussion could not compare it)."""
    cfg, doc = ctx.config, ctx.raw.config
    prior = cfg.reporting.prior_report if cfg is not None else None
    view = measurements_view(ctx)
    if prior is None or view is None or doc is None or not len(view):
        return
    for i, f in enumerate(prior.findings):
        measured = sorted(set(view.texts("compartment", np.flatnonzero(view.isin("analyte", [f.analyte])))))
        if f.compartment in measured:
            continue
        found = f"it is measured in {join(measured)}" if measured else "it is not measured at all"
        ctx.out.add("error", CONFIG_FILE,
                    f"the earlier report's finding for {f.analyte} in {f.compartment} cannot be compared: "
                    f"{f.analyte} has no {f.compartment} rows in {view.file}; {found}",
                    row=doc.line(("reporting", "prior_report", "findings", i, "compartment")),
                    column=f"reporting.prior_report.findings[{i}].compartment", value=f.compartment,
                    code="prior-report-not-measured")
