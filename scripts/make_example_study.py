"""Generate alsreport's bundled example study (synthetic data).

The preprint this example mirrors (Alkhazaali et al., Preprints.org 2024,
PPR829012) published no raw data. This script makes a *synthetic* study with
the same design: people assessed for eligibility, 15 enrolled ALS patients,
three monthly autologous BM-MSC infusions (1e6 cells/kg, split equally IV and
IT), visits at months 0-3, and an immunological and biochemical panel in CSF,
serum and blood. It is built so that the preprint's headline holds: CSF
TNF-alpha falls from M0 to M3 (paired Wilcoxon p < 0.01) and no other
analyte's M3-M0 change reaches p < 0.05.

Run from the repository root (output is committed)::

    python scripts/make_example_study.py

The output is deterministic (seeded); rerunning it must not change any file.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
from scipy import stats

SEED = 20240326  # the preprint's date
OUT = Path(__file__).resolve().parent.parent / "alsreport" / "study" / "example_study"
VISITS = [("M0", "Month 0", 0), ("M1", "Month 1", 1), ("M2", "Month 2", 2), ("M3", "Month 3", 3)]
N_ENROLLED = 15
DOSE = 1_000_000  # cells/kg per infusion, split equally between IV and IT

# name, label, family, [(compartment, unit, baseline median, log-sd, lod, ref_low, ref_high, decimals)]
PANEL = [
    ("TNF-alpha", "TNF-α", "immunological", [("CSF", "pg/mL", 9.0, 0.30, 0.5, None, None, 2),
                                             ("serum", "pg/mL", 14.0, 0.35, 0.5, None, None, 2)]),
    ("IL-6", "IL-6", "immunological", [("CSF", "pg/mL", 3.2, 0.45, 0.4, None, None, 2),
                                       ("serum", "pg/mL", 4.5, 0.50, 0.4, None, None, 2)]),
    ("IL-10", "IL-10", "immunological", [("CSF", "pg/mL", 1.1, 0.55, 0.5, None, None, 2),
                                         ("serum", "pg/mL", 3.0, 0.45, 0.5, None, None, 2)]),
    ("IL-17A", "IL-17A", "immunological", [("CSF", "pg/mL", 0.9, 0.60, 0.6, None, None, 2),
                                           ("serum", "pg/mL", 5.5, 0.50, 0.6, None, None, 2)]),
    ("IFN-gamma", "IFN-γ", "immunological", [("CSF", "pg/mL", 1.4, 0.55, 0.8, None, None, 2),
                                             ("serum", "pg/mL", 7.0, 0.45, 0.8, None, None, 2)]),
    ("TGF-beta1", "TGF-β1", "immunological", [("CSF", "pg/mL", 420.0, 0.30, None, None, None, 0),
                                              ("serum", "ng/mL", 28.0, 0.30, None, None, None, 1)]),
    ("CRP", "C-reactive protein", "biochemical", [("serum", "mg/L", 2.1, 0.60, 0.3, 0.0, 5.0, 1)]),
    ("CK", "Creatine kinase", "biochemical", [("serum", "U/L", 190.0, 0.45, None, 30.0, 200.0, 0)]),
    ("creatinine", "Creatinine", "biochemical", [("serum", "mg/dL", 0.72, 0.18, None, 0.6, 1.2, 2)]),
    ("urea", "Urea", "biochemical", [("serum", "mg/dL", 31.0, 0.22, None, 15.0, 45.0, 0)]),
    ("ALT", "Alanine aminotransferase", "biochemical", [("serum", "U/L", 24.0, 0.35, None, 7.0, 41.0, 0)]),
    ("AST", "Aspartate aminotransferase", "biochemical", [("serum", "U/L", 26.0, 0.30, None, 10.0, 40.0, 0)]),
    ("ALP", "Alkaline phosphatase", "biochemical", [("serum", "U/L", 88.0, 0.25, None, 40.0, 129.0, 0)]),
    ("LDH", "Lactate dehydrogenase", "biochemical", [("serum", "U/L", 205.0, 0.20, None, 135.0, 250.0, 0)]),
    ("albumin", "Albumin", "biochemical", [("serum", "g/dL", 4.2, 0.08, None, 3.5, 5.2, 1),
                                           ("CSF", "mg/dL", 24.0, 0.30, None, 10.0, 35.0, 1)]),
    ("uric-acid", "Uric acid", "biochemical", [("serum", "mg/dL", 4.8, 0.22, None, 2.4, 7.0, 1)]),
    ("ferritin", "Ferritin", "biochemical", [("serum", "ng/mL", 140.0, 0.50, None, 24.0, 336.0, 0)]),
    ("total-protein", "Total protein", "biochemical", [("CSF", "mg/dL", 42.0, 0.25, None, 15.0, 45.0, 0)]),
    ("glucose", "Glucose", "biochemical", [("CSF", "mg/dL", 62.0, 0.10, None, 40.0, 70.0, 0)]),
    ("WBC", "White blood cells", "haematological", [("blood", "10^9/L", 7.1, 0.20, None, 4.0, 11.0, 1)]),
    ("lymphocytes", "Lymphocytes", "haematological", [("blood", "10^9/L", 2.0, 0.25, None, 1.0, 4.8, 2)]),
    ("neutrophils", "Neutrophils", "haematological", [("blood", "10^9/L", 4.3, 0.25, None, 1.8, 7.7, 2)]),
    ("haemoglobin", "Haemoglobin", "haematological", [("blood", "g/dL", 13.9, 0.07, None, 12.0, 17.5, 1)]),
    ("platelets", "Platelets", "haematological", [("blood", "10^9/L", 245.0, 0.20, None, 150.0, 450.0, 0)]),
]
PRIMARY = ("TNF-alpha", "CSF")
#: Visit-to-visit variation (log scale, about the within-subject coefficient of variation) where the default 0.12
#: would let a value move further within a month than the analyte does without a clinical event: haemoglobin
#: and serum albumin vary by about 3% within a person (biological variation); bounded at 2 SD, a month's change
#: stays below 12% (about 1.7 g/dL and 0.5 g/dL). The same draws are scaled, so no other series changes.
WITHIN = {("haemoglobin", "blood"): 0.03, ("albumin", "serum"): 0.03}
#: CSF total protein (median 42 mg/dL) is the sample's CSF albumin (median 24) plus the other proteins, drawn with
#: median 18: albumin is always below total protein (about 57% of it) and the two rise and fall together.
TOTAL_PROTEIN, CSF_ALBUMIN, OTHER_PROTEIN_MEDIAN = ("total-protein", "CSF"), ("albumin", "CSF"), 18.0
# Samples that were never obtained (participant, visit, compartment): a missing sample or two.
MISSING_SAMPLES = [("P07", "M2", "serum"), ("P12", "M1", "CSF"), ("P04", "M3", "blood")]
# The intrathecal dose not given because the lumbar puncture failed (participant, infusion, visit): CSF is
# sampled at that lumbar puncture, so there is no CSF sample at that visit either.
FAILED_PUNCTURE = ("P09", 3, "M2")
NO_CSF = [(FAILED_PUNCTURE[0], FAILED_PUNCTURE[2], "CSF")]

EXCLUDED = [
    ("S01", "no", "Did not meet inclusion criteria (ALSFRS-R below 24)"),
    ("S02", "no", "Did not meet inclusion criteria (ALSFRS-R below 24)"),
    ("S03", "no", "Did not meet inclusion criteria (forced vital capacity below 50%)"),
    ("S04", "no", "Contraindication to lumbar puncture"),
    ("S05", "yes", "Declined the treatment"),
    ("S06", "yes", "Declined the treatment"),
]

ADVERSE_EVENTS = [
    # participant, term, SOC, grade, serious, relatedness, infusion, onset_day, outcome
    ("P02", "Post lumbar puncture headache", "Nervous system disorders", 2, "no", "probable", 1, 1, "recovered"),
    ("P05", "Post lumbar puncture headache", "Nervous system disorders", 1, "no", "probable", 1, 1, "recovered"),
    ("P09", "Post lumbar puncture headache", "Nervous system disorders", 1, "no", "probable", 2, 2, "recovered"),
    ("P13", "Post lumbar puncture headache", "Nervous system disorders", 2, "no", "definite", 3, 1, "recovered"),
    ("P02", "Back pain", "Musculoskeletal and connective tissue disorders", 1, "no", "possible", 2, 1, "recovered"),
    ("P08", "Back pain", "Musculoskeletal and connective tissue disorders", 1, "no", "possible", 1, 2, "recovered"),
    ("P11", "Back pain", "Musculoskeletal and connective tissue disorders", 1, "no", "possible", 3, 1, "recovered"),
    ("P01", "Pyrexia", "General disorders and administration site conditions", 1, "no", "possible", 1, 0, "recovered"),
    ("P06", "Pyrexia", "General disorders and administration site conditions", 1, "no", "possible", 2, 1, "recovered"),
    ("P14", "Pyrexia", "General disorders and administration site conditions", 1, "no", "possible", 1, 0, "recovered"),
    # The marrow is harvested at enrolment, weeks before infusion 1 (the cells are culture-expanded): the
    # aspiration-site pain follows no infusion, so infusion_no is empty and onset_day counts from enrolment.
    ("P04", "Bone marrow aspiration site pain", "General disorders and administration site conditions", 1, "no",
     "definite", None, 0, "recovered"),
    ("P10", "Bone marrow aspiration site pain", "General disorders and administration site conditions", 1, "no",
     "definite", None, 0, "recovered"),
    ("P03", "Nausea", "Gastrointestinal disorders", 1, "no", "unlikely", 2, 3, "recovered"),
    ("P15", "Muscle cramps", "Musculoskeletal and connective tissue disorders", 1, "no", "unrelated", None, 40,
     "recovering"),
    ("P07", "Upper respiratory tract infection", "Infections and infestations", 1, "no", "unrelated", None, 52,
     "recovered"),
]


def _fmt(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}"


def _p_wilcoxon(later: np.ndarray, base: np.ndarray) -> float:
    """Two-sided paired signed-rank p as R's wilcox.test would give it (exact without ties/zeros)."""
    keep = ~(np.isnan(later) | np.isnan(base))
    d = later[keep] - base[keep]
    d = d[d != 0]
    ties = len(np.unique(np.abs(d))) != len(d)
    method = "approx" if ties or len(d) != keep.sum() else "exact"
    return float(stats.wilcoxon(d, method=method, correction=True).pvalue)


def _participants(rng: np.random.Generator) -> list[dict[str, str]]:
    rows = []
    for pid, eligible, reason in EXCLUDED:
        rows.append(dict(participant_id=pid, eligible=eligible, exclusion_reason=reason, enrolled="no", sex="",
                         age_years="", onset_site="", symptom_duration_months="", alsfrs_r_baseline="",
                         weight_kg="", completed="", discontinuation_reason=""))
    sexes = rng.permutation(["male"] * 9 + ["female"] * 6)
    onset = rng.permutation(["spinal"] * 11 + ["bulbar"] * 4)
    for i in range(N_ENROLLED):
        weight = rng.normal(74 if sexes[i] == "male" else 63, 8)
        rows.append(dict(
            participant_id=f"P{i + 1:02d}", eligible="yes", exclusion_reason="", enrolled="yes", sex=sexes[i],
            age_years=str(int(np.clip(rng.normal(52, 9), 32, 72))), onset_site=onset[i],
            symptom_duration_months=str(int(np.clip(rng.gamma(4, 6), 6, 60))),
            alsfrs_r_baseline=str(int(np.clip(rng.normal(35, 5), 24, 45))), weight_kg=_fmt(weight, 1),
            completed="yes", discontinuation_reason=""))
    return rows


def _infusions() -> list[dict[str, str]]:
    rows = []
    for i in range(N_ENROLLED):
        pid = f"P{i + 1:02d}"
        for k, visit in enumerate(["M0", "M1", "M2"], start=1):
            for route in ("IV", "IT"):
                skipped = (pid, k) == FAILED_PUNCTURE[:2] and route == "IT"
                rows.append(dict(participant_id=pid, infusion_no=str(k), visit=visit, route=route,
                                 cells_per_kg="" if skipped else str(DOSE // 2), given="no" if skipped else "yes",
                                 reason_not_given="Lumbar puncture unsuccessful" if skipped else ""))
    return rows


def _series(rng: np.random.Generator, median: float, logsd: float, primary: bool,
            within: float | None = None) -> np.ndarray:
    """Values for 15 participants × 4 visits on the natural scale (before censoring/rounding); ``within``: the
    visit-to-visit noise on the log scale of an analyte in ``WITHIN``, bounded at 2 SD (default: 0.12, unbounded)."""
    base = median * np.exp(rng.normal(0, logsd, N_ENROLLED))
    if primary:
        # A fall of about 25% by month 3, not seen in every participant.
        trend = np.array([0.0, -0.08, -0.18, -0.28])
        noise = rng.normal(0, 0.12 * 1.2, (N_ENROLLED, 4))
    else:
        trend = np.zeros(4)
        noise = rng.normal(0, 0.12 if within is None else within, (N_ENROLLED, 4))
        if within is not None:
            noise = np.clip(noise, -2 * within, 2 * within)
    noise[:, 0] = 0
    return base[:, None] * np.exp(trend[None, :] + noise)


def _measurements(rng: np.random.Generator) -> list[dict[str, str]]:
    rows = []
    drawn: dict[tuple[str, str], np.ndarray] = {}
    for name, _label, _family, specs in PANEL:
        for compartment, unit, median, logsd, lod, ref_low, ref_high, decimals in specs:
            primary = (name, compartment) == PRIMARY
            while True:  # redraw until the design holds (deterministic: the generator is seeded)
                if (name, compartment) == TOTAL_PROTEIN:
                    values = drawn[CSF_ALBUMIN] + _series(rng, OTHER_PROTEIN_MEDIAN, logsd, primary)
                else:
                    values = _series(rng, median, logsd, primary, WITHIN.get((name, compartment)))
                shown = np.round(values, decimals)
                analysed = np.where(shown < lod, lod / 2, shown) if lod else shown
                for pid, visit, comp in MISSING_SAMPLES:
                    if comp == compartment:
                        analysed[int(pid[1:]) - 1, [v[0] for v in VISITS].index(visit)] = np.nan
                p = _p_wilcoxon(analysed[:, 3], analysed[:, 0])
                if (primary and 0.001 < p < 0.008) or (not primary and p > 0.15):
                    break
            drawn[name, compartment] = shown
            for i in range(N_ENROLLED):
                pid = f"P{i + 1:02d}"
                for j, (visit, _l, _m) in enumerate(VISITS):
                    if (pid, visit, compartment) in MISSING_SAMPLES + NO_CSF:
                        value = ""
                    elif lod and shown[i, j] < lod:
                        value = f"<{lod:g}"
                    else:
                        value = _fmt(shown[i, j], decimals)
                    rows.append(dict(participant_id=pid, visit=visit, compartment=compartment, analyte=name,
                                     value=value, unit=unit, lod="" if lod is None else f"{lod:g}",
                                     ref_low="" if ref_low is None else f"{ref_low:g}",
                                     ref_high="" if ref_high is None else f"{ref_high:g}"))
    order = {v[0]: k for k, v in enumerate(VISITS)}
    rows.sort(key=lambda r: (r["participant_id"], order[r["visit"]]))
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


#: The manuscript's statements and metadata (reporting: in study.yml); references.bib is kept by hand.
REPORTING = """reporting:                  # statements and metadata for the manuscript (all synthetic here)
  authors:
    - name: A. Example (synthetic)
      affiliations: [unit, lab]
      orcid: 0000-0002-1825-0097
      corresponding: true
      email: a.example@example.org
    - name: B. Example (synthetic)
      affiliations: [lab]
  affiliations:
    - {id: unit, name: 'Stem Cell Unit, Example University Hospital, Example City (synthetic)'}
    - {id: lab, name: 'Immunology Laboratory, Example University, Example City (synthetic)'}
  ethics:
    committee: the Research Ethics Committee of Example University (synthetic)
    approval: EX-REC-2023-001
    consent: waived
    consent_note: Every participant had given written informed consent to the treatment, its bone-marrow harvest and its intrathecal injections before it was given (synthetic example).
  funding: Example University (synthetic) funded the study and had no role in the analysis or the decision to publish.
  conflicts: The authors declare no competing interests (synthetic example).
  contributions: A. Example designed the study, analysed the data and wrote the manuscript; B. Example collected the data and revised the manuscript (synthetic example).
  data_availability: The data are synthetic and are distributed with the alsreport software.
  protocol: No protocol or statistical analysis plan was published, and this analysis was defined after the earlier publication on these participants. The analysis settings are listed in the Provenance section, with the SHA-256 hashes of the input files that record them; the hashes identify the settings this report used, not when they were fixed.
  references: references.bib
  prior_report:             # what the earlier report (the preprint's abstract) found; the Discussion compares it
    findings:
      - {analyte: TNF-alpha, compartment: CSF, visit: M3, finding: decrease, p: '< 0.01'}
    others: no change       # "No statistically significant changes were observed for other immunological and
    others_families: [immunological, biochemical]   # biochemical parameters": it reported no haematological ones
    others_visits: all      # ... "during the three-month follow-up period": it named no visit
    participants: same      # the example stands for the study the preprint reported
  reporting_guideline: CONSORT
"""


def _study_yml() -> str:
    lines = [
        "# Synthetic example study bundled with alsreport. NOT REAL PATIENT DATA.",
        "# Generated by scripts/make_example_study.py (seeded); it mirrors the design of",
        "# Alkhazaali et al., Preprints.org 2024 (PPR829012), which published no raw data.",
        "title: Repeated autologous BM-MSC transplantation in ALS — immunological and biochemical biomarkers",
        "short_title: BM-MSC in ALS (synthetic example)",
        "synthetic: true",
        "description: >-",
        "  Retrospective, open-label, single-arm study of repeated autologous bone-marrow",
        "  mesenchymal stem cell infusions in amyotrophic lateral sclerosis. The data are",
        "  synthetic: they reproduce the published design and headline finding, not real patients.",
        "registration: Not registered (synthetic example)",
        "site: Example University Hospital, Stem Cell Unit (synthetic)",
        "sponsor: Example University (synthetic)",
        "investigators: [A. Example (synthetic)]",
        "design: Retrospective, open-label, single-arm study",
        "intervention: >-",
        "  Three monthly infusions of autologous bone-marrow-derived mesenchymal stem cells,",
        "  1 × 10⁶ cells/kg body weight per infusion, given in equal parts intravenously (IV)",
        "  and intrathecally (IT) on the same day.",
        "dose_cells_per_kg: 1000000",
        "reporting_period: Month 0 to Month 3",
        "data_cutoff: 2024-01-31",
        "report_version: '1.0'",
        "visits:                     # order matters: the first one is the baseline",
    ]
    lines += [f"  - {{code: {c}, label: {l}, month: {m}}}" for c, l, m in VISITS]
    lines.append("analytes:                   # metadata for analytes that appear in measurements.csv")
    for name, label, family, _specs in PANEL:
        lines.append(f"  - {{name: {name}, label: {label}, family: {family}}}")
    lines += [
        "analysis:",
        "  below_lod: half_lod       # half_lod (default) | lod | lod_sqrt2 | exclude",
        "  primary: {analyte: TNF-alpha, compartment: CSF, contrast: M3-M0}",
    ]
    return "\n".join(lines) + "\n" + REPORTING


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "study.yml").write_text(_study_yml(), encoding="utf-8")
    _write_csv(OUT / "participants.csv", _participants(rng),
               ["participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years", "onset_site",
                "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed",
                "discontinuation_reason"])
    _write_csv(OUT / "infusions.csv", _infusions(),
               ["participant_id", "infusion_no", "visit", "route", "cells_per_kg", "given", "reason_not_given"])
    _write_csv(OUT / "measurements.csv", _measurements(rng),
               ["participant_id", "visit", "compartment", "analyte", "value", "unit", "lod", "ref_low", "ref_high"])
    cols = ["participant_id", "term", "system_organ_class", "grade", "serious", "relatedness", "infusion_no",
            "onset_day", "outcome"]
    _write_csv(OUT / "adverse_events.csv",
               [dict(zip(cols, ["" if v is None else str(v) for v in ae])) for ae in ADVERSE_EVENTS], cols)
    print(f"wrote the example study to {OUT}")


if __name__ == "__main__":
    main()
