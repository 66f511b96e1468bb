"""The safety report asks the investigators for a narrative of each death and serious adverse event (reader 12b item
2: the death and the serious events appeared only as one-line listings, with nothing asking for course, treatment,
autopsy or the basis of "unrelated"), and its summary says none is recorded."""

from __future__ import annotations

import dataclasses

import pytest
from safety_fixtures import write_harms_study

from alsreport.analysis.run import analyze
from alsreport.present.prose.board_summary import board_summary
from alsreport.present.prose.case_narratives import (
    death_narratives_request,
    narratives_item,
    serious_narratives_request,
)
from alsreport.study.loading import load_study


@pytest.fixture(scope="module")
def harms(tmp_path_factory):
    """The harms study: 5 serious adverse events (H06, H07, H12, H38, H39), one of them H39's death."""
    return analyze(load_study(write_harms_study(tmp_path_factory.mktemp("narratives") / "harms")))


def _safety(res, **changes):
    return dataclasses.replace(res, safety=dataclasses.replace(res.safety, **changes))


def test_the_serious_events_section_asks_for_a_narrative_of_each_case(harms) -> None:
    assert len(harms.safety.serious_events) == 5 and len(harms.safety.deaths) == 1
    # what no column of the data gives: the seriousness criterion, the action taken and re-exposure (session 31 DSMB
    # reader; session 30: H38-like related serious events followed by more intrathecal doses)
    assert serious_narratives_request(harms) == (
        "*To be added by the investigators:* a narrative of each death and serious adverse event (seriousness "
        "criterion, course, treatment, action taken with the intervention, doses given after the event and whether "
        "it recurred, outcome, autopsy if any, basis of the causality assessment, date reported to the committee).")
    # the death is one of the serious events: its section points to the request rather than repeating it
    assert death_narratives_request(harms) == ("The narrative of each death is asked for with those of the serious "
                                               "adverse events (@sec-ae-serious).")


def test_the_summary_flags_the_missing_narratives(harms) -> None:
    # the death is one of the 5 serious events: counted once, as a fatal one (reader 13b item 3: "the 5 serious
    # adverse events and the death" read as six cases)
    item = "- Narratives of the 5 serious adverse events (1 fatal): not recorded; to be added by the " \
           "investigators (@sec-ae-serious)"
    assert narratives_item(harms) == item
    assert item + "\n" in board_summary(harms)


def test_without_deaths_no_autopsy_and_a_death_not_reported_as_serious_is_asked_for_under_deaths(harms) -> None:
    s = harms.safety
    alive = _safety(harms, deaths=())
    assert serious_narratives_request(alive).startswith("*To be added by the investigators:* a narrative of each "
                                                        "serious adverse event (seriousness criterion, course, "
                                                        "treatment, action taken with the intervention, doses given "
                                                        "after the event and whether it recurred, outcome, basis")
    assert death_narratives_request(alive) == ""
    assert narratives_item(alive).startswith("- Narratives of the 5 serious adverse events: ")
    unserious_death = _safety(harms, serious_events=tuple(e for e in s.serious_events if e not in s.deaths))
    assert death_narratives_request(unserious_death).startswith(
        "*To be added by the investigators:* a narrative of each death not reported as serious (seriousness "
        "criterion, course, ")
    assert narratives_item(unserious_death).startswith("- Narratives of the 4 serious adverse events and the death "
                                                       "not reported as serious: not recorded")
    one_fatal = _safety(harms, serious_events=s.deaths)
    assert narratives_item(one_fatal).startswith("- Narrative of the serious adverse event (fatal): ")
    only_deaths = _safety(harms, serious_events=())
    assert death_narratives_request(only_deaths).startswith("*To be added by the investigators:* a narrative of "
                                                            "each death (seriousness criterion,")
    assert narratives_item(only_deaths) == ("- Narrative of the death: not recorded; to be added by the "
                                            "investigators (@sec-deaths)")


def test_nothing_is_asked_without_deaths_or_serious_events(harms) -> None:
    none = _safety(harms, serious_events=(), deaths=())
    assert serious_narratives_request(none) == death_narratives_request(none) == narratives_item(none) == ""
    assert "Narratives" not in board_summary(none) and "\n\n" not in board_summary(none)


def test_a_seriousness_criterion_recorded_for_every_serious_event_is_not_asked_for(harms) -> None:
    """Session 32 reader: with adverse_events.csv's seriousness column filled, the listing shows each criterion, and
    the request still asked for it."""
    recorded = tuple(dataclasses.replace(e, seriousness="hospitalisation") for e in harms.safety.serious_events)
    request = serious_narratives_request(_safety(harms, serious_events=recorded))
    assert request.endswith("serious adverse event (course, treatment, action taken with the intervention, doses "
                            "given after the event and whether it recurred, outcome, autopsy if any, basis of the "
                            "causality assessment, date reported to the committee).")
    # one event without it: asked for again
    partly = (dataclasses.replace(recorded[0], seriousness=None), *recorded[1:])
    assert "(seriousness criterion, course" in serious_narratives_request(_safety(harms, serious_events=partly))
