"""Chronology rules (issue 11): impossible dates, nothing after death or withdrawal, order, cut-off."""

from __future__ import annotations

import pandas as pd
from analysis_helpers import edited_example

from alsreport.study.validation import validate_study


def _problems(report, code: str) -> list:
    return [p for p in report.problems if p.code == code]


def _fatal_p11(t: dict[str, pd.DataFrame]) -> None:
    extra = pd.DataFrame([["P11", "Respiratory failure", "Respiratory, thoracic and mediastinal disorders", "5", "yes",
                           "unrelated", "2", "10", "fatal"]], columns=t["adverse_events"].columns)
    t["adverse_events"] = pd.concat([t["adverse_events"], extra], ignore_index=True)


def test_fatal_event_but_completed_and_measured_later(tmp_path) -> None:
    # before issue 11 this study validated without a word
    report = validate_study(edited_example(tmp_path / "s", _fatal_p11))
    completed = _problems(report, "completed-after-death")
    assert len(completed) == 1 and completed[0].severity == "error"
    assert completed[0].file == "participants.csv" and completed[0].column == "completed"
    assert "P11 has a fatal adverse event" in completed[0].message
    later = _problems(report, "measured-after-death")
    # infusion 2 was at M1: P11's measurements at M2 and M3 come after the fatal event; one warning names
    # the participant, the visit of death, the event's row and every later row
    m = pd.read_csv(tmp_path / "s" / "measurements.csv", dtype=str)
    late = m.index[(m["participant_id"] == "P11") & m["visit"].isin(["M2", "M3"])]
    assert len(later) == 1 and len(late) > 0
    w = later[0]
    assert (w.severity, w.file, w.row, w.column, w.value) == ("warning", "measurements.csv", int(late[0]) + 2,
                                                              "participant_id", "P11")
    n_ae = len(pd.read_csv(tmp_path / "s" / "adverse_events.csv", dtype=str))
    assert (f"P11 died after M1 (adverse_events.csv row {n_ae + 1}: Respiratory failure, fatal, after infusion 2) "
            f"but has {len(late)} values at later visits: M2, M3 (rows {int(late[0]) + 2}, ") in w.message
    # infusion 3 (at M2) was given after the death too
    infused = _problems(report, "infused-after-death")
    assert len(infused) == 1 and infused[0].file == "infusions.csv" and infused[0].severity == "warning"
    assert "P11 died after M1" in infused[0].message and "given infusions at later visits: M2" in infused[0].message


def _dates(t: dict[str, pd.DataFrame]) -> None:
    p = t["participants"]
    p["consent_date"] = ""
    p.loc[p["participant_id"] == "P01", "consent_date"] = "2023-01-10"
    p["death_date"] = ""
    p.loc[p["participant_id"] == "P02", "death_date"] = "2023-03-01"
    inf = t["infusions"]
    visit_day = {"M0": "2023-01-15", "M1": "2023-02-15", "M2": "2023-03-15", "M3": "2023-04-15"}
    inf["infusion_date"] = [visit_day.get(v, "") if pid in ("P01", "P02") else ""
                            for pid, v in zip(inf["participant_id"], inf["visit"], strict=True)]
    m = t["measurements"]
    m["sample_date"] = ""
    p03 = m["participant_id"] == "P03"
    m.loc[p03, "sample_date"] = m.loc[p03, "visit"].map(visit_day)
    m.loc[p03 & (m["visit"] == "M3"), "sample_date"] = "2024-06-01"   # after the cut-off 2024-01-31
    m.loc[p03 & (m["visit"] == "M2"), "sample_date"] = "2023-01-20"   # before M1's samples
    ae = t["adverse_events"]
    ae["onset_date"] = ""
    ae["resolution_date"] = ""
    ae.loc[ae["participant_id"] == "P01", "onset_date"] = "2023-01-05"    # before consent
    ae.loc[ae["participant_id"] == "P05", "onset_date"] = "2025-02-30"    # no such day
    ae.loc[ae["participant_id"] == "P09", ["onset_date", "resolution_date"]] = ["2023-02-16", "2023-02-10"]


def test_dates_are_checked(tmp_path) -> None:
    report = validate_study(edited_example(tmp_path / "s", _dates))
    bad = _problems(report, "not-a-date")
    assert [(p.file, p.column, p.value) for p in bad] == [("adverse_events.csv", "onset_date", "2025-02-30")]
    assert "not a day of the calendar" in bad[0].message and bad[0].row is not None
    before = _problems(report, "before-consent")
    assert [(p.file, p.value) for p in before] == [("adverse_events.csv", "2023-01-05")]
    # P02 died on 2023-03-01: the infusions dated 2023-03-15 (M2) are errors
    after = _problems(report, "after-death")
    assert after and all(p.file == "infusions.csv" and p.value == "2023-03-15" and "P02" in p.message for p in after)
    cut = _problems(report, "after-cutoff")
    assert cut and all(p.value == "2024-06-01" and p.severity == "warning" for p in cut)
    order = _problems(report, "out-of-order")
    assert order and all(p.file == "measurements.csv" and p.value == "2023-01-20" for p in order)
    resolved = _problems(report, "resolved-before-onset")
    assert [(p.value, p.severity) for p in resolved] == [("2023-02-10", "error")]


def test_example_without_dates_has_no_chronology_problem(tmp_path) -> None:
    report = validate_study(edited_example(tmp_path / "s", lambda t: None))
    assert report.ok
    assert not [p for p in report.problems if p.code in ("not-a-date", "completed-after-death",
                                                         "measured-after-death", "after-cutoff")]


def _p03_enrolled_late(t: dict[str, pd.DataFrame]) -> None:
    # the cut-off is 2024-01-31; enrolled 2024-01-15, P03's Month 2 was due about 2024-03-16 and Month 3 about
    # 2024-04-15, both more than a month after it; Month 1 (about 2024-02-14) is within the month allowed
    p = t["participants"]
    p["enrolment_date"] = ""
    p.loc[p["participant_id"] == "P03", "enrolment_date"] = "2024-01-15"


def test_visits_not_yet_due_at_the_cutoff_are_a_warning(tmp_path) -> None:
    # DSMB reader: P07, enrolled 2024-04-01 in a study cut off 2024-06-30, had Month 12 samples and the study
    # validated as "study OK"
    folder = edited_example(tmp_path / "s", _p03_enrolled_late)
    report = validate_study(folder)
    assert report.ok                                      # a warning: the analysis still runs
    found = _problems(report, "visit-after-cutoff")
    assert [(p.severity, p.file, p.column) for p in found] == [("warning", "infusions.csv", "visit"),
                                                              ("warning", "measurements.csv", "visit")]
    m = pd.read_csv(folder / "measurements.csv", dtype=str, keep_default_na=False)
    people = pd.read_csv(folder / "participants.csv", dtype=str, keep_default_na=False)
    p03 = int(people.index[people["participant_id"] == "P03"][0]) + 2
    at = {v: [int(i) + 2 for i in m.index[(m["participant_id"] == "P03") & (m["visit"] == v) & (m["value"] != "")]]
          for v in ("M2", "M3")}
    w = found[1]
    assert (w.row, w.value) == (at["M2"][0], "M2")
    assert w.message.startswith(
        f"P03 was enrolled on 2024-01-15 (participants.csv, row {p03}), yet has values at visits scheduled more "
        "than 1 month after the data cut-off of study.yml (2024-01-31), counting 30.44 days a month from enrolment: "
        f"M2 (Month 2), due about 2024-03-16: {len(at['M2'])} values (rows {at['M2'][0]}, ")
    assert f"; M3 (Month 3), due about 2024-04-15: {len(at['M3'])} values (rows {at['M3'][0]}, " in w.message
    assert "M1" not in w.message and w.message.endswith("; check these visits, enrolment_date or data_cutoff")
    inf = pd.read_csv(folder / "infusions.csv", dtype=str, keep_default_na=False)
    given = [int(i) + 2 for i in inf.index[(inf["participant_id"] == "P03") & (inf["visit"] == "M2")
                                           & (inf["given"] == "yes")]]
    assert found[0].row == given[0]
    assert f"M2 (Month 2), due about 2024-03-16: {len(given)} infusions given (rows {given[0]}, " in found[0].message

    # only when both dates exist: without the cut-off, or without the enrolment date, nothing
    yml = folder / "study.yml"
    yml.write_text("\n".join(line for line in yml.read_text().splitlines() if not line.startswith("data_cutoff")))
    assert not _problems(validate_study(folder), "visit-after-cutoff")
    assert not _problems(validate_study(edited_example(tmp_path / "b", lambda t: None)), "visit-after-cutoff")
