"""Follow-up by the last visit attended (analysis.summaries.dsmb.follow_up), the safety report's sentence in §4
and the Deaths listing's last visit and days on study (reader 11b, item 5: exposure gave infusions only, and the
Deaths table no timing; results.json had median_days_on_study null although the visits are known)."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
from analysis_helpers import discontinue, edited_example, example_results, example_study

from alsreport.analysis.summaries.dsmb import follow_up
from alsreport.present.prose.safety_report import follow_up_text
from alsreport.present.tables.safety import death_listing
from alsreport.study.loading import load_study

from test_tables_snapshots import structure


def _p15_stops_after_month_1(t: dict[str, pd.DataFrame]) -> None:
    discontinue(t, "P15", gone_visits=("M2", "M3"))
    p = t["participants"]
    enrolled = p["enrolled"] == "yes"
    p["enrolment_date"] = ""
    p["last_contact_date"] = ""
    p.loc[enrolled, "enrolment_date"] = "2023-01-10"
    p.loc[enrolled, "last_contact_date"] = "2023-04-20"
    p.loc[p["participant_id"] == "P15", "last_contact_date"] = "2023-02-19"


def test_the_example_follows_everyone_to_month_3():
    f = follow_up(example_study())
    assert {p.last_visit for p in f.participants} == {"M3"} and len(f.participants) == 15
    assert (f.median_months, f.min_months, f.max_months, f.n_last_visit, f.total_months) == (3, 3, 3, 15, 45)
    assert all(math.isnan(p.days_on_study) for p in f.participants)          # no dates in the example
    assert follow_up_text(example_results()) == ("Follow-up, by the last visit with a sample: all 15 participants "
                                                 "had a sample at the last visit (Month 3); 45 participant-months in "
                                                 "total.")


def test_a_participant_who_stopped_early(tmp_path):
    study = load_study(edited_example(tmp_path / "s", _p15_stops_after_month_1))
    f = follow_up(study)
    p15 = next(p for p in f.participants if p.participant_id == "P15")
    assert (p15.last_visit, p15.months, p15.days_on_study) == ("M1", 1.0, 40.0)
    assert (f.median_months, f.min_months, f.max_months, f.n_last_visit, f.total_months) == (3, 1, 3, 14, 43)
    res = example_results()
    res = replace(res, dsmb=replace(res.dsmb, follow_up=f,
                                    enrolment=replace(res.dsmb.enrolment, median_days_on_study=100.0)))
    assert follow_up_text(res) == (
        "Follow-up, by the last visit with a sample: median 3 months (range 1 to 3); 14 of 15 participants had a "
        "sample at the last visit (Month 3); 43 participant-months in total. The other participant's last visit with a "
        "sample: P15 (Month 1). "   # one: singular (session 28 six-visit reader: "The others' last visits" for one)
        "Median time on study: 100 days.")
    # the Deaths listing gives each death's last visit and days on study
    death = replace(next(e for e in res.safety.events if e.participant_id == "P15"), grade=5, outcome="fatal")
    shown = structure(death_listing(replace(res, safety=replace(res.safety, deaths=(death,)))))
    assert shown["header"][0].endswith("| Outcome | Last visit with a sample | Days on study")
    assert shown["body"][0].endswith("| Fatal | Month 1 | 40")


def test_the_deaths_listing_gives_the_date_of_death_and_days_from_the_last_infusion(tmp_path):
    # DSMB reader: the Deaths table gave "Days on study" only, though participants.csv records death_date (shown ISO,
    # as the listing's onset and resolution dates: session 34 review). H39 of
    # the harms study died on 2024-11-29, 23 days after their last infusion (2024-11-06, infusions.csv)
    import alsreport
    from safety_fixtures import write_harms_study

    folder = write_harms_study(tmp_path / "harms")
    study = load_study(folder)
    h39 = next(p for p in follow_up(study).participants if p.participant_id == "H39")
    assert (h39.death_date, h39.days_after_last_infusion, h39.days_on_study) == ("2024-11-29", 23.0, 37.0)
    alive = next(p for p in follow_up(study).participants if p.participant_id == "H01")
    assert alive.death_date is None and math.isnan(alive.days_after_last_infusion)
    shown = structure(death_listing(alsreport.analyze(study)))
    assert shown["header"][0].endswith("| Outcome | Action taken | Date of death | Last visit with a sample | "
                                       "Days on study | Days from last infusion")
    assert shown["body"] == ["H39 | Respiratory, thoracic and mediastinal disorders | Respiratory failure | 5 | Yes | "
                             "Unrelated | Other | — | 55 | 2024-11-24^a | Fatal | Not applicable | 2024-11-29 | "
                             "Month 1 | 37 | 23"]   # ^a: onset after the previous report (session 35 DSMB reader #9)
    assert shown["notes"][-1] == ("Last visit with a sample: the participant's last visit with any sample recorded; "
                                  "days on study: from enrolment (or consent) to the last contact (or death); days "
                                  "from last infusion: from the last infusion given to the date of death.")
    # without the infusions' dates: the date of death alone
    inf = pd.read_csv(folder / "infusions.csv", dtype=str, keep_default_na=False).drop(columns="infusion_date")
    inf.to_csv(folder / "infusions.csv", index=False, lineterminator="\n")
    shown = structure(death_listing(alsreport.analyze(load_study(folder))))
    assert shown["header"][0].endswith("| Outcome | Action taken | Date of death | Last visit with a sample | "
                                       "Days on study")
    assert shown["body"][0].endswith("| Fatal | Not applicable | 2024-11-29 | Month 1 | 37")
