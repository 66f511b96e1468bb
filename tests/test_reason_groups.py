"""Reasons not to enrol split by eligibility (present.reason_groups.by_eligibility): two parts only when the data
record both kinds, in the order the flow gives them (those not eligible first)."""

from __future__ import annotations

from alsreport.present.reason_groups import by_eligibility, eligibility_heading
from alsreport.results.model import ExclusionReason

_NOT = ExclusionReason("Did not meet inclusion criteria", 3, eligible=False)
_CONTRA = ExclusionReason("Contraindication to lumbar puncture", 1, eligible=False)
_DECLINED = ExclusionReason("Declined the treatment", 2, eligible=True)


def test_both_kinds_give_the_not_eligible_then_the_eligible() -> None:
    assert by_eligibility((_NOT, _CONTRA, _DECLINED)) == [(False, (_NOT, _CONTRA)), (True, (_DECLINED,))]


def test_one_kind_or_an_unrecorded_eligibility_gives_one_part_without_a_heading() -> None:
    assert by_eligibility((_NOT, _CONTRA)) == [(None, (_NOT, _CONTRA))]
    assert by_eligibility((_DECLINED,)) == [(None, (_DECLINED,))]
    unknown = ExclusionReason("Reason not recorded", 1)   # eligible not recorded: no part would say the truth about it
    assert by_eligibility((_NOT, _DECLINED, unknown)) == [(None, (_NOT, _DECLINED, unknown))]
    assert by_eligibility(()) == [(None, ())]


def test_headings_use_the_studys_word() -> None:
    assert eligibility_heading(False, "included") == "Not eligible"
    assert eligibility_heading(True, "included") == "Eligible, not included"
    assert eligibility_heading(True, "enrolled") == "Eligible, not enrolled"
