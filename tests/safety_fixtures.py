"""A second study for the safety report (issue 11): 40 enrolled participants, deaths, grade 3-5 events,
withdrawals, procedure-related events, dates, CTCAE-gradable laboratory values.

Hand counts (participants once per row at their worst grade / strongest relatedness) are in
``tests/test_summaries_harms_study.py``; the events are listed in :data:`EVENTS` with their reasoning.

* H01-H40 enrolled (enrolment 2024-01-08 + 7 days x k), S01-S04 screen failures;
* two intrathecal infusions (M0 and M1), 7 and 37 days after enrolment; samples at M0, M1, M3 (+97 days);
* H38 withdrawn after an aseptic meningitis (grade 4) after infusion 1; H39 died of respiratory failure
  (grade 5, unlinked) between M1 and M3; H40 withdrew consent after infusion 1; H15 missed infusion 2
  (completed); H20's M3 NfL sample is missing;
* laboratory: ALT (serum, U/L, 0-40), creatinine (serum, umol/L, 60-110), neutrophils and platelets
  (blood, 10^9/L, 2.0-7.5 and 150-400); NfL (CSF, pg/mL) is the primary biomarker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

IDS = [f"H{k:02d}" for k in range(1, 41)]
START = dt.date(2024, 1, 8)
CUTOFF = "2025-03-31"
PREVIOUS_CUTOFF = "2024-09-30"

CONFIG = {
    "title": "Intrathecal autologous MSC in ALS: safety cohort (test study)",
    "short_title": "MSC-IT safety cohort",
    "registration": "NCT00000000 (test)",
    "site": "Test University Hospital",
    "sponsor": "Test Sponsor",
    "investigators": ["Dr Ada Investigator", "Dr Ben Coinvestigator"],
    "design": "Prospective, open-label, single-arm phase 1/2 study",
    "intervention": "Two intrathecal infusions of autologous bone-marrow MSC, one month apart.",
    "dose_cells_per_kg": 1000000,
    "reporting_period": "January 2024 to March 2025",
    "data_cutoff": CUTOFF,
    "report_version": "3.0",
    "visits": [{"code": "M0", "label": "Month 0", "month": 0}, {"code": "M1", "label": "Month 1", "month": 1},
               {"code": "M3", "label": "Month 3", "month": 3}],
    "analytes": [
        {"name": "NfL", "label": "Neurofilament light", "family": "biochemical"},
        {"name": "ALT", "label": "Alanine aminotransferase", "family": "biochemical"},
        {"name": "creatinine", "label": "Creatinine", "family": "biochemical"},
        {"name": "neutrophils", "label": "Neutrophils", "family": "haematological"},
        {"name": "platelets", "label": "Platelets", "family": "haematological"},
    ],
    "analysis": {"primary": {"analyte": "NfL", "compartment": "CSF"}},
    "safety": {
        "protocol_number": "MSC-IT-02", "protocol_version": "4.0 (2023-11-02)",
        "ethics_committee": "Test University Ethics Committee", "ethics_approval": "EC-2023-0417",
        "protocol_synopsis": "Open-label study of two intrathecal infusions of autologous MSC in 40 people with "
                             "ALS; primary outcome safety to month 3.",
        "protocol_schema": ["Screening and consent", "Bone marrow harvest", "Infusion 1 (month 0)",
                            "Infusion 2 (month 1)", "Follow-up visit (month 3)"],
        "ctcae_version": "5.0", "meddra_version": "26.1",
        "harms_collection": "Open question and a checklist of expected events at every visit and by telephone "
                            "on days 1 and 7 after each infusion.",
        "surveillance_window": "From consent to 3 months after the last infusion.",
        "relatedness_assessor": "The site investigator, reviewed by the sponsor's medical monitor.",
        "target_enrolment": 48, "enrolment_start": "2024-01-08",
        "previous_report_cutoff": PREVIOUS_CUTOFF,
        "previous_report_actions": ["Report post-lumbar-puncture headache separately from product harms."],
        "meeting_date": "2025-04-15",
        "stopping_rules": ["Any death related to the cell product.",
                           "Two or more related grade 4 events in the first 20 participants."],
        "dsmb_members": [{"name": "Prof Cora Chair", "role": "Chair", "affiliation": "Other University"},
                         {"name": "Dr Dan Statistician", "role": "Statistician"},
                         {"name": "Dr Eve Neurologist", "role": "Member"}],
    },
}

#: participant, term, SOC, grade, serious, relatedness, infusion, onset day, outcome, attribution, procedure,
#: action taken. Worst grade per participant: H01 3, H02 1, H03 2, H04 2, H05 1, H06 3, H07 3, H08 1, H09 2,
#: H10 1, H11 2, H12 4, H38 4, H39 5.
EVENTS = [
    ["H01", "Post lumbar puncture headache", "Nervous system disorders", 1, "no", "probable", 1, 1, "recovered",
     "procedure", "lumbar puncture", "none"],
    ["H01", "Post lumbar puncture headache", "Nervous system disorders", 3, "no", "definite", 2, 1, "recovered",
     "procedure", "lumbar puncture", "infusion delayed"],
    ["H02", "Bone marrow aspiration site pain", "General disorders and administration site conditions", 1, "no",
     "definite", 1, 0, "recovered", "procedure", "bone marrow harvest", "none"],
    ["H03", "Bone marrow aspiration site pain", "General disorders and administration site conditions", 2, "no",
     "definite", 1, 0, "recovered", "procedure", "bone marrow harvest", "none"],
    ["H04", "Pyrexia", "General disorders and administration site conditions", 1, "no", "possible", 1, 0,
     "recovered", "cell product", "", "none"],
    ["H04", "Pyrexia", "General disorders and administration site conditions", 2, "no", "probable", 2, 1,
     "recovered", "cell product", "", "none"],
    ["H05", "Pyrexia", "General disorders and administration site conditions", 1, "no", "possible", 2, 0,
     "recovered", "cell product", "", "none"],
    ["H06", "Aseptic meningitis", "Nervous system disorders", 3, "yes", "probable", 2, 2, "recovered with sequelae",
     "cell product", "", "none"],
    ["H38", "Aseptic meningitis", "Nervous system disorders", 4, "yes", "probable", 1, 3, "recovered",
     "cell product", "", "withdrawn from study"],
    ["H39", "Respiratory failure", "Respiratory, thoracic and mediastinal disorders", 5, "yes", "unrelated", "", 55,
     "fatal", "other", "", "not applicable"],
    ["H07", "Pneumonia", "Infections and infestations", 3, "yes", "unlikely", "", 50, "recovered", "other", "",
     "none"],
    ["H08", "Muscle cramps", "Musculoskeletal and connective tissue disorders", 1, "no", "unrelated", "", 40,
     "recovering", "other", "", "none"],
    ["H09", "Back pain", "Musculoskeletal and connective tissue disorders", 2, "no", "possible", 1, 1, "recovered",
     "procedure", "lumbar puncture", "none"],
    ["H10", "Nausea", "Gastrointestinal disorders", 1, "no", "unlikely", 2, 3, "recovered", "cell product", "",
     "none"],
    ["H11", "Fall", "Injury, poisoning and procedural complications", 2, "no", "unrelated", "", 20, "recovered",
     "other", "", "none"],
    ["H12", "Pulmonary embolism", "Respiratory, thoracic and mediastinal disorders", 4, "yes", "unlikely", 2, 10,
     "recovered", "other", "", "none"],
]

#: (participant, analyte, visit) -> value replacing the normal one: the graded abnormalities.
LAB_ABNORMAL = {("H06", "ALT", "M1"): 130.0, ("H12", "ALT", "M1"): 250.0, ("H07", "neutrophils", "M1"): 0.8,
                ("H05", "platelets", "M3"): 60.0, ("H01", "creatinine", "M3"): 130.0}
LABS = {"ALT": ("serum", "U/L", 0, 40), "creatinine": ("serum", "umol/L", 60, 110),
        "neutrophils": ("blood", "10^9/L", 2.0, 7.5), "platelets": ("blood", "10^9/L", 150, 400)}


def _day(d: dt.date) -> str:
    return d.isoformat()


def enrolment(k: int) -> dt.date:
    return START + dt.timedelta(days=7 * k)


def _csv(header: list[str], rows: list[list[object]]) -> str:
    def cell(x: object) -> str:
        text = str(x)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text
    return "".join(",".join(cell(c) for c in line) + "\n" for line in [header, *rows])


def _plan(pid: str) -> dict[str, object]:
    k = IDS.index(pid)
    e = enrolment(k)
    plan: dict[str, object] = {"enrol": e, "inf": {1: e + dt.timedelta(days=7), 2: e + dt.timedelta(days=37)},
                               "visits": {"M0": e + dt.timedelta(days=7), "M1": e + dt.timedelta(days=37),
                                          "M3": e + dt.timedelta(days=104)}}
    if pid in ("H38", "H40"):
        plan["stop"] = e + dt.timedelta(days=15)
        plan["visits"] = {"M0": plan["visits"]["M0"]}  # type: ignore[index]
    if pid == "H39":
        plan["death"] = e + dt.timedelta(days=60)
        plan["visits"] = {v: d for v, d in plan["visits"].items() if v != "M3"}  # type: ignore[attr-defined]
    return plan


def _participants() -> list[list[object]]:
    rows: list[list[object]] = [[f"S0{i}", "no", "Did not meet inclusion criteria", "no"] + [""] * 13
                                for i in range(1, 5)]
    reasons = {"H38": "Adverse event (aseptic meningitis)", "H39": "Died (respiratory failure)",
               "H40": "Withdrew consent"}
    for k, pid in enumerate(IDS):
        p = _plan(pid)
        e: dt.date = p["enrol"]  # type: ignore[assignment]
        stop = p.get("stop") or p.get("death")
        rows.append([pid, "yes", "", "yes", "female" if k % 2 else "male", 45 + k % 20, "spinal", 12 + k % 7,
                     36 - k % 6, 70 + k % 9, "no" if pid in reasons else "yes", reasons.get(pid, ""),
                     _day(e - dt.timedelta(days=3)), _day(e), _day(stop) if stop else "",  # type: ignore[arg-type]
                     _day(p["death"]) if "death" in p else "",  # type: ignore[arg-type]
                     _day(max(p["visits"].values()))])  # type: ignore[attr-defined]
    return rows


def _infusions() -> list[list[object]]:
    rows: list[list[object]] = []
    for pid in IDS:
        p = _plan(pid)
        for no, visit in ((1, "M0"), (2, "M1")):
            date = p["inf"][no]  # type: ignore[index]
            if no == 2 and pid in ("H38", "H40"):
                rows.append([pid, no, visit, "IT", "", "no", "Withdrawn from the study", ""])
            elif no == 2 and pid == "H15":
                rows.append([pid, no, visit, "IT", "", "no", "Platelet count below the infusion threshold", ""])
            else:
                rows.append([pid, no, visit, "IT", 1000000, "yes", "", _day(date)])
    return rows


def _measurements() -> list[list[object]]:
    rows: list[list[object]] = []
    for k, pid in enumerate(IDS):
        for j, (visit, date) in enumerate(_plan(pid)["visits"].items()):  # type: ignore[attr-defined]
            nfl = "" if (pid, visit) == ("H20", "M3") else f"{800 + 23 * k + 60 * j}"
            rows.append([pid, visit, "CSF", "NfL", nfl, "pg/mL", "", "", "", _day(date)])
            normal = {"ALT": 20 + k % 10, "creatinine": 80 + k % 7, "neutrophils": 4.0 + (k % 5) / 10,
                      "platelets": 250 + k % 30}
            for analyte, (comp, unit, lo, hi) in LABS.items():
                value = LAB_ABNORMAL.get((pid, analyte, visit), normal[analyte])
                rows.append([pid, visit, comp, analyte, value, unit, "", lo, hi, _day(date)])
    return rows


def _events() -> list[list[object]]:
    rows = []
    for ev in EVENTS:
        pid, inf, day = ev[0], ev[6], int(ev[7])  # type: ignore[arg-type]
        p = _plan(str(pid))
        base = p["inf"][int(inf)] if inf != "" else p["enrol"]  # type: ignore[index]
        onset = base + dt.timedelta(days=day)  # type: ignore[operator]
        resolved = "" if ev[8] in ("recovering", "fatal") else _day(onset + dt.timedelta(days=3))
        rows.append([*ev[:9], ev[9], ev[10], ev[11], _day(onset), resolved])
    return rows


#: Deviations the site reported (deviations.csv), merged with the ones derived from the data.
SITE_DEVIATIONS = [["H07", "concomitant medication", "Started a prohibited anticoagulant", "", "40", "", ""],
                   ["H03", "informed consent", "Consent form version 2 signed after the harvest", "2024-01-20", "",
                    "", "Reported to the ethics committee"],
                   ["H20", "procedure", "Sample stored at -20 C for 5 days", "", "", "M1", ""]]
DEVIATION_HEADER = ["participant_id", "category", "description", "date", "day", "visit", "action_taken"]


def write_harms_study(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tables = {
        "participants": (["participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years",
                          "onset_site", "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed",
                          "discontinuation_reason", "consent_date", "enrolment_date", "discontinuation_date",
                          "death_date", "last_contact_date"], _participants()),
        "infusions": (["participant_id", "infusion_no", "visit", "route", "cells_per_kg", "given",
                       "reason_not_given", "infusion_date"], _infusions()),
        "measurements": (["participant_id", "visit", "compartment", "analyte", "value", "unit", "lod", "ref_low",
                          "ref_high", "sample_date"], _measurements()),
        "adverse_events": (["participant_id", "term", "system_organ_class", "grade", "serious", "relatedness",
                            "infusion_no", "onset_day", "outcome", "attribution", "procedure", "action_taken",
                            "onset_date", "resolution_date"], _events()),
        "deviations": (DEVIATION_HEADER, SITE_DEVIATIONS),
    }
    for name, (header, rows) in tables.items():
        (folder / f"{name}.csv").write_text(_csv(header, rows), encoding="utf-8", newline="")
    return folder
