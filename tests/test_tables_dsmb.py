"""present/tables/dsmb.py: the CTCAE grade tables call grade 0 "Grade 0", never "Within limits" (reader 10a: the example's
ALT at Month 0 read "Within limits 15" beside a range up to 50 U/L, above its upper limit of 41, because CTCAE grades a
participant with an abnormal baseline from 1.5 x baseline)."""

from __future__ import annotations

from alsreport.present.tables.ctcae_baseline import baseline_grade1
from alsreport.present.tables.dsmb import grade0_note, grade_shift_table, lab_grade_data, lab_grade_table

from tables_fixtures import example_results
from test_tables_snapshots import structure


def test_the_example_has_values_above_the_upper_limit_at_grade_0():
    """The situation: at Month 1 every ALT value is grade 0, and some are above the upper limit (P02's 51 U/L,
    upper limit 41, is 1.02 x their baseline of 50: CTCAE grades it against the abnormal baseline). At Month 0 the
    two values above the upper limit (P02 50, P14 42) are grade 1: a baseline is graded against its range."""
    results = example_results()
    frame = lab_grade_data(results).set_index("visit")
    alt = frame[frame["analyte"] == "ALT"]
    upper = max(o.ref_high for o in results.out_of_range if o.analyte == "ALT" and o.visit == "M1")
    assert alt.at["M1", "grade0"] == alt.at["M1", "n"] == 15 and alt.at["M1", "maximum"] > upper
    assert (alt.at["M0", "grade0"], alt.at["M0", "grade1"]) == (13, 2)


def test_grade_tables_say_grade_0_and_explain_it():
    results = example_results()
    # the example grades ALT, AST and ALP, not GGT or bilirubin: the note names only those (session 26 HTML reader)
    assert grade0_note(results) == (
        "Grade 0: below CTCAE grade 1. After baseline, this includes values above the upper limit in participants "
        "whose baseline was already above it, for the criteria that CTCAE grades against an abnormal baseline "
        "(grade 1: ALT and AST from 1.5 × baseline; ALP from 2 × baseline).")
    for table in (lab_grade_table(results), grade_shift_table(results)):
        shown = structure(table)
        text = " ".join(shown["header"]) + " " + " ".join(shown["body"])
        assert "Within limits" not in text and "Grade 0" in text
        assert grade0_note(results) in shown["notes"]
        # the note's abbreviations spelt out, as every table spells out its own (session 27 readers: Table S4 of the
        # manuscript, whose list of abbreviations has no ALT, AST or ALP)
        assert ("ALP, alkaline phosphatase; ALT, alanine aminotransferase; AST, aspartate aminotransferase; CTCAE, "
                "Common Terminology Criteria for Adverse Events.") in shown["notes"]
    # the medians' decimals are a rule, said (session 27 reader: "27.0" beside "11–50" read as a slip)
    notes = structure(lab_grade_table(results))["notes"]
    assert "Medians to about three significant digits (at most one decimal more than the values as recorded); ranges as recorded." in notes
    body = structure(lab_grade_table(results))["body"]
    alt = body.index("## Alanine aminotransferase (U/L) — Alanine aminotransferase increased")
    assert body[alt + 1] == "Month 0 | 15 | 27.0 | 11–\u206050 | 13 | 2 | 0 | 0 | 0"   # recorded as integers


def test_the_abnormal_baseline_rule_is_read_from_the_criteria():
    """CTCAE v5.0 grade 1 if baseline was abnormal: ALT/AST >1.5-3.0 x baseline, ALP/GGT >2.0-2.5 x baseline,
    bilirubin >1.0-1.5 x baseline (the notes said 1.5 x for all five)."""
    assert baseline_grade1() == ("ALT and AST from 1.5 × baseline; ALP and GGT from 2 × baseline; bilirubin from "
                                 "1 × baseline")
    assert baseline_grade1({"Blood bilirubin increased", "Anemia"}) == "bilirubin from 1 × baseline"
    assert baseline_grade1({"Anemia", "Creatinine increased"}) == ""   # creatinine: x baseline whatever the baseline


# Reader 11a, items 7 and 13: the laboratory tables show each analyte's numbers as the manuscript does, and list the
# analytes in the manuscript's order.


def test_lab_grade_numbers_have_the_manuscripts_decimals():
    from alsreport.present.tables.biomarkers import biomarker_table

    results = example_results()
    rows = [r.replace("\u2060", "") for r in structure(lab_grade_table(results))["body"]]
    # ALP at Month 2: the median of the same 14 values in both documents (82.5); ALP's decimals are 0, so the
    # manuscript's Table 3 prints "82" (R's and Python's rounding, half to even) and now so does this table
    alp = lab_grade_data(results)
    alp2 = alp[(alp["analyte"] == "ALP") & (alp["visit"] == "M2")].iloc[0]
    desc = next(d for d in results.descriptives if d.compartment == "serum" and d.analyte == "ALP" and d.visit == "M2")
    assert (alp2["median"], alp2["n"]) == (desc.median, desc.n) == (82.5, 14)
    manuscript = " ".join(structure(biomarker_table(results, families=("biochemical", "haematological")))["body"])
    assert "| 82 [" in manuscript
    alp_rows = rows[rows.index(next(r for r in rows if r.startswith("## Alkaline phosphatase"))) + 1:][:4]
    assert alp_rows[2] == "Month 2 | 14 | 82 | 59–139 | 12 | 2 | 0 | 0 | 0"           # was "82.5 | 59–139"
    hb = rows[rows.index(next(r for r in rows if r.startswith("## Haemoglobin"))) + 1]
    assert hb.startswith("Month 0 | 15 | 14.0 | 12.3–15.1 |")                         # was "14 | 12.3–15.1"
    assert "Month 0 | 15 | 4.30 | 3.7–4.8 |" in " ".join(rows)   # albumin: the median one decimal beyond the
    # recorded one, the range (individual values) at it (reader 13a, item 2; was "4.30 | 3.70–4.80")
    assert "Month 0 | 15 | 0.70 | 0.62–0.90 |" in " ".join(rows)                       # creatinine: was "0.7 | 0.62–0.9"


def test_out_of_range_values_have_the_analytes_decimals():
    from alsreport.present.tables.safety import out_of_range_data, out_of_range_listing

    results = example_results()
    data = out_of_range_data(results)
    body = " ".join(structure(out_of_range_listing(results))["body"])
    albumin = data[(data["compartment"] == "CSF") & (data["analyte"] == "albumin")]
    assert (albumin["value"] == 40.0).any()
    assert "| 40.0 |" in body and "| 40 |" not in body                        # "3" for 3.0 g/dL (reader 11a)


def test_every_laboratory_table_lists_the_analytes_in_the_manuscripts_order():
    from alsreport.present.tables.biomarkers import series_order
    from alsreport.present.tables.dsmb import grade_shift_data
    from alsreport.present.tables.safety import lab_shift_data, out_of_range_data

    results = example_results()
    rank = series_order(results)
    manuscript = sorted(rank, key=rank.get)
    # Table 2 then Table 3: CSF TNF-α first, blood platelets last
    assert manuscript[0] == ("CSF", "TNF-alpha") and manuscript[-1] == ("blood", "platelets")
    for frame in (lab_grade_data(results), grade_shift_data(results), lab_shift_data(results),
                  out_of_range_data(results)):
        shown = list(dict.fromkeys(zip(frame["compartment"], frame["analyte"], strict=True)))
        assert shown == [k for k in manuscript if k in set(shown)]
    # the grade table began with white cells and the grade shifts with creatine kinase (three orders: reader 11a, 13)
    assert list(dict.fromkeys(lab_grade_data(results)["analyte"]))[:2] == ["CK", "creatinine"]


def test_the_out_of_range_listing_tells_grade_0_from_no_criterion():
    """Session 26 example reader: "—" meant both "no CTCAE criterion" and "grade 0 against an abnormal baseline"."""
    from alsreport.present.tables.safety import out_of_range_data

    frame = out_of_range_data(example_results()).set_index(["participant_id", "visit", "compartment", "analyte"])
    # P02's ALT 51 U/L at Month 1 (limit 41) is 1.02 x their baseline of 50: grade 0
    assert frame.at[("P02", "M1", "serum", "ALT"), "grade"] == 0
    assert frame.at[("P02", "M0", "serum", "ALT"), "grade"] == 1
    crp = frame.xs("CRP", level="analyte")   # C-reactive protein: no CTCAE criterion
    assert len(crp) and crp["grade"].isna().all()


def test_the_laboratory_table_heads_its_visit_column():
    """Session 31 DSMB reader: Table 10's visit column had no header, where every other table heads its stub."""
    assert structure(lab_grade_table(example_results()))["header"][0].startswith("Visit | n | Median | Range | ")
