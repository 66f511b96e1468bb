"""Values after a death (issue #10, "data after death"): the six-visit test study, whose participant with a
fatal event after infusion 3 (at Month 2) must have nothing later, and the warning when they do."""

from __future__ import annotations

import pandas as pd

from alsreport.study.validation import validate_study

from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

SIX = Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2"))


def _codes(report) -> set[str]:
    return {p.code for p in report.problems}


def test_the_six_visit_study_has_nothing_after_the_death(tmp_path) -> None:
    study = write_variant(tmp_path / "s", SIX)
    m = pd.read_csv(study / "measurements.csv", dtype=str)
    assert set(m.loc[m["participant_id"] == "P05", "visit"]) == {"M0", "M1", "M2"}
    ae = pd.read_csv(study / "adverse_events.csv", dtype=str)
    assert ae.loc[ae["outcome"] == "fatal", ["participant_id", "infusion_no"]].values.tolist() == [["P05", "3"]]
    report = validate_study(study)
    assert report.ok and not {"measured-after-death", "infused-after-death"} & _codes(report)


def test_values_after_the_death_are_one_warning_naming_file_rows_participant_visits_and_death(tmp_path) -> None:
    study = write_variant(tmp_path / "s", SIX)
    m = pd.read_csv(study / "measurements.csv", dtype=str, keep_default_na=False)
    late = m[(m["participant_id"] == "P06") & m["visit"].isin(["M6", "M12"])].assign(participant_id="P05")
    m = pd.concat([m, late], ignore_index=True)
    m.to_csv(study / "measurements.csv", index=False)
    report = validate_study(study)
    assert report.ok   # a warning: the event's infusion_no may be the wrong link, the records stay as they are
    [w] = [p for p in report.problems if p.code == "measured-after-death"]
    first = len(m) - len(late) + 2                        # spreadsheet row of the first added line
    assert (w.severity, w.file, w.row, w.column, w.value) == ("warning", "measurements.csv", first,
                                                              "participant_id", "P05")
    assert w.message.startswith(f"P05 died after M2 (adverse_events.csv row 6: Respiratory failure, fatal, after "
                                f"infusion 3) but has {len(late)} values at later visits: M6, M12 (rows {first}, ")
