"""Rules for participants.csv: eligibility, enrolment, completion and the reasons each needs."""

from __future__ import annotations

from collections.abc import Callable

from alsreport.study.validation.context import Context
from alsreport.study.validation.table import CheckedTable

__all__ = ["check_participants"]


def check_participants(ctx: Context) -> None:
    view = ctx.table("participants", "participant_id", "eligible", "enrolled")
    if view is None:
        return
    eligible_no = view.flag_is("eligible", False)
    enrolled_yes = view.flag_is("enrolled", True)
    enrolled_no = view.flag_is("enrolled", False)
    rows = ctx.out.rows
    who = _who(view)
    if len(view) and view.flags("enrolled").isna().sum() == 0 and not enrolled_yes.any():
        ctx.out.add("error", view.file, "nobody is enrolled (enrolled = yes); the analysis needs at least "
                    "one enrolled participant", column="enrolled", code="none-enrolled")
    if view.has("exclusion_reason"):
        no_reason = view.empty("exclusion_reason")
        rows("error", "exclusion-reason-missing", view, "exclusion_reason", enrolled_no & no_reason,
             lambda i, t: f"{who(i)} was not enrolled (enrolled = no), so exclusion_reason is required: "
                          "why they were not enrolled (e.g. Declined to participate)")
        rows("warning", "exclusion-reason-ignored", view, "exclusion_reason", enrolled_yes & ~no_reason,
             lambda i, t: f"{who(i)} is enrolled, so exclusion_reason is ignored; clear it or set enrolled = no")
    rows("error", "enrolled-not-eligible", view, "enrolled", eligible_no & enrolled_yes,
         lambda i, t: f"{who(i)} is not eligible (eligible = no) but enrolled = yes; only eligible people "
                      "can be enrolled: correct eligible or enrolled")
    if view.has("completed"):
        _completion(ctx, view)


def _who(view: CheckedTable) -> Callable[[int], str]:
    """The participant_id at a row position."""
    return lambda i: view.text("participant_id", i)


def _completion(ctx: Context, view: CheckedTable) -> None:
    enrolled_yes = view.flag_is("enrolled", True)
    enrolled_no = view.flag_is("enrolled", False)
    completed_empty = view.empty("completed")
    rows = ctx.out.rows
    who = _who(view)
    rows("error", "completed-missing", view, "completed", enrolled_yes & completed_empty,
         lambda i, t: f"{who(i)} is enrolled, so completed is required: yes if they completed follow-up, "
                      "no if they discontinued")
    rows("error", "completed-not-enrolled", view, "completed", enrolled_no & ~completed_empty,
         lambda i, t: f"{who(i)} was not enrolled (enrolled = no), so completed must be empty")
    if not view.has("discontinuation_reason"):
        return
    no_reason = view.empty("discontinuation_reason")
    rows("error", "discontinuation-reason-missing", view, "discontinuation_reason",
         enrolled_yes & view.flag_is("completed", False) & no_reason,
         lambda i, t: f"{who(i)} did not complete (completed = no), so discontinuation_reason is "
                      "required: why they discontinued")
    rows("warning", "discontinuation-reason-ignored", view, "discontinuation_reason",
         view.flag_is("completed", True) & ~no_reason,
         lambda i, t: f"{who(i)} completed (completed = yes), so discontinuation_reason is ignored; "
                      "clear it or set completed = no")
    rows("warning", "discontinuation-reason-not-enrolled", view, "discontinuation_reason",
         enrolled_no & ~no_reason,
         lambda i, t: f"{who(i)} was not enrolled, so discontinuation_reason is ignored; "
                      "use exclusion_reason")
