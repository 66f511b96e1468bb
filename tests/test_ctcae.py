"""CTCAE v5.0 laboratory grading: hand-worked cases from the CTCAE v5.0 tables (NCI, 27 Nov 2017)."""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.analysis.ctcae import CRITERIA, NOT_GRADABLE, british_spelling, criterion_for, grade_values, same_term


def g(name: str, values, unit: str = "U/L", low=np.nan, high=np.nan, baseline=None) -> list[int]:
    c = criterion_for(name)
    assert c is not None, name
    v = np.asarray(values, dtype=float)
    base = None if baseline is None else np.broadcast_to(np.asarray(baseline, dtype=float), v.shape)
    return list(grade_values(c, v, unit, np.full(v.shape, low), np.full(v.shape, high), base))


def test_alt_multiples_of_uln_when_baseline_normal() -> None:
    # ULN 40 U/L. Grade 1: > ULN - 3.0 x ULN (40 < x <= 120); grade 2: > 3.0 - 5.0 x ULN (<= 200);
    # grade 3: > 5.0 - 20.0 x ULN (<= 800); grade 4: > 20.0 x ULN.
    assert g("ALT", [40, 40.5, 120, 121, 200, 201, 800, 801], high=40, baseline=25) == [0, 1, 1, 2, 2, 3, 3, 4]
    assert g("Alanine aminotransferase", [130], high=40) == [2]   # no baseline: graded against the ULN
    assert g("AST", [250], high=40, baseline=30) == [3]            # 6.25 x ULN


def test_alt_multiples_of_baseline_when_baseline_abnormal() -> None:
    # Baseline 60 > ULN 40: grade 1 1.5 - 3.0 x baseline (90-180), grade 2 > 3.0 - 5.0 x baseline (<= 300),
    # grade 3 > 5.0 - 20.0 x baseline, grade 4 > 20 x baseline; below 1.5 x baseline: not an event.
    assert g("ALT", [80, 90, 180, 181, 300, 301, 1201], high=40, baseline=60) == [0, 1, 1, 2, 2, 3, 4]


def test_alkaline_phosphatase_and_bilirubin() -> None:
    # ALP, ULN 120: grade 1 <= 2.5 x (300), grade 2 <= 5 x (600), grade 3 <= 20 x, grade 4 above
    assert g("ALP", [121, 300, 301, 600, 601, 2401], high=120, baseline=80) == [1, 1, 2, 2, 3, 4]
    # Total bilirubin, ULN 21 umol/L: grade 1 <= 1.5 x (31.5), grade 2 <= 3 x (63), grade 3 <= 10 x (210)
    assert g("total bilirubin", [21, 31.5, 32, 63, 64, 210, 211], "umol/L", high=21, baseline=10) == [
        0, 1, 2, 2, 3, 3, 4]


def test_creatinine_uln_or_baseline_whichever_is_higher() -> None:
    # ULN 110 umol/L. Grade 1 > ULN - 1.5 x ULN (<= 165); grade 2 > 1.5 - 3.0 x ULN or > 1.5 - 3.0 x baseline;
    # grade 3 > 3.0 x baseline or > 3.0 - 6.0 x ULN; grade 4 > 6.0 x ULN.
    assert g("creatinine", [100, 120, 170, 340, 661], "umol/L", high=110, baseline=90) == [0, 1, 2, 3, 4]
    # baseline 60: 100 is within the range but 1.67 x baseline -> grade 2; 190 is 3.2 x baseline -> grade 3
    assert g("creatinine", [100, 190], "umol/L", high=110, baseline=60) == [2, 3]


def test_neutrophils_lymphocytes_platelets_white_cells() -> None:
    # Neutrophil count decreased: grade 1 < LLN - 1.5; grade 2 < 1.5 - 1.0; grade 3 < 1.0 - 0.5; grade 4 < 0.5
    assert g("neutrophils", [2.0, 1.9, 1.5, 1.49, 1.0, 0.99, 0.5, 0.49], "10^9/L", low=2.0) == [
        0, 1, 1, 2, 2, 3, 3, 4]
    # the same in cells/mm3
    assert g("ANC", [1900, 1200, 800, 400], "/mm3", low=2000) == [1, 2, 3, 4]
    # Lymphocyte count decreased: grade 1 < LLN - 0.8; 2 < 0.8 - 0.5; 3 < 0.5 - 0.2; 4 < 0.2
    assert g("lymphocytes", [1.0, 0.8, 0.6, 0.3, 0.1], "x10^9/L", low=1.0) == [0, 1, 2, 3, 4]
    # Platelet count decreased: grade 1 < LLN - 75; 2 < 75 - 50; 3 < 50 - 25; 4 < 25 (x 10^9/L)
    assert g("platelets", [150, 149, 75, 60, 40, 24], "10^9/L", low=150) == [0, 1, 1, 2, 3, 4]
    # White blood cell decreased: grade 1 < LLN - 3.0; 2 < 3.0 - 2.0; 3 < 2.0 - 1.0; 4 < 1.0
    assert g("white blood cells", [3.5, 2.5, 1.5, 0.9], "10^9/L", low=4.0) == [1, 2, 3, 4]


def test_anaemia_has_no_grade_4_value() -> None:
    # Anemia: grade 1 < LLN - 100 g/L (10.0 g/dL); grade 2 < 100 - 80 g/L; grade 3 < 80 g/L
    assert g("haemoglobin", [130, 110, 100, 90, 79, 50], "g/L", low=120) == [0, 1, 1, 2, 3, 3]
    assert g("Hemoglobin", [11.0, 9.0, 7.5], "g/dL", low=12.0) == [1, 2, 3]


def test_uric_acid_above_the_upper_limit_is_grade_1() -> None:
    """Session 26 example reader: P04's uric acid 7.2 mg/dL (upper limit 7.0, normal baseline) was shown ungraded.
    CTCAE v5.0 Hyperuricemia: grade 1 > ULN without physiologic consequences; grade 3 > ULN with them, grade 4
    life-threatening consequences: clinical judgements, so a value alone is grade 0 or 1, whatever its size."""
    assert criterion_for("uric-acid").term == criterion_for("Urate").term == "Hyperuricemia"
    assert g("uric acid", [6.9, 7.0, 7.2, 20.0], "mg/dL", high=7.0, baseline=5.0) == [0, 0, 1, 1]
    assert g("uric acid", [7.2, 9.0], "mg/dL", high=7.0, baseline=8.0) == [1, 1]   # no "if baseline was abnormal" scale


def test_not_gradable() -> None:
    assert g("neutrophils", [1.2], "furlongs", low=2.0) == [NOT_GRADABLE]   # unknown unit
    assert g("ALT", [np.nan, 100], high=np.nan) == [NOT_GRADABLE, NOT_GRADABLE]  # no value / no ULN
    assert criterion_for("TNF-alpha", "TNF-α") is None
    assert criterion_for("WBC").term == "White blood cell decreased"
    assert {c.term for c in CRITERIA.values()} >= {"Alanine aminotransferase increased", "Anemia",
                                                   "Platelet count decreased", "Creatinine increased"}


@pytest.mark.parametrize("name", ["ALT", "AST", "ALP", "bilirubin", "creatinine", "haemoglobin", "neutrophils",
                                  "lymphocytes", "platelets", "WBC"])
def test_the_issue_lists_these_analytes(name: str) -> None:
    assert criterion_for(name) is not None


def test_ctcae_terms_in_british_running_text_and_matched_whatever_the_spelling() -> None:
    """Reader 12a item 9: "anemia 4 … hypoalbuminemia 2" (CTCAE's US terms) beside "haemoglobin" in the text; the
    matching of adverse-event terms to CTCAE terms had its own spelling rule in the results layer."""
    assert british_spelling("Anemia") == "Anaemia"
    assert british_spelling("Hypoalbuminemia") == "Hypoalbuminaemia"
    assert british_spelling("Anaemia") == "Anaemia" and british_spelling("CPK increased") == "CPK increased"
    assert [british_spelling(c.term) for c in CRITERIA.values() if "emia" in c.term] == [
        "Anaemia", "Hypoalbuminaemia", "Hyperuricaemia"]
    assert same_term("anaemia", "Anemia") and same_term("Hypoalbuminaemia ", "hypoalbuminemia")
    assert not same_term("Anaemia", "Hypoalbuminemia")
