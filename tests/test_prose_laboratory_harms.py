"""Laboratory harms in the manuscript (reader 11a item 3): the worst CTCAE grade after baseline, where worse than at
baseline, per participant (alsreport.analysis.lab_worst), and the sentence of §3.6 (alsreport.present.prose
.laboratory_harms), with the CTCAE shift table numbered among the supplementary tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from analysis_helpers import example_results

from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
from alsreport.present.supplement_numbers import supplement_numbers
from alsreport.present.tables.dsmb import grade_shift_data
from alsreport.analysis.lab_worst import worse_than_baseline
from alsreport.results.dsmb import GradedValue
from alsreport.results.model import Results


def test_the_example_counts_values_worse_than_at_baseline() -> None:
    worse = worse_than_baseline(example_results())
    # every value worse than at baseline is grade 1 (reader 12a item 4: the example's haemoglobin no longer falls to
    # 9.3 g/dL within a month); P10: haemoglobin 11.9 g/dL at Month 2, below the lower limit 12.0
    assert [(w.participant_id, w.ctcae_term, w.baseline_grade, w.worst_grade, w.recorded_as_event)
            for w in worse if w.ctcae_term == "Anemia"] == [("P10", "Anemia", 0, 1, False)]
    assert {w.worst_grade for w in worse} == {1}
    # creatine kinase above the limit from baseline on (grade 1 throughout, P01) is no new abnormality
    assert ("P01", "CPK increased") not in {(w.participant_id, w.ctcae_term) for w in worse}
    assert ("P11", "CPK increased") in {(w.participant_id, w.ctcae_term) for w in worse}   # grade 0 -> 1


def _with_grade_2_anaemia(res: Results) -> Results:
    """The example with a value of grade 2 after baseline: P10's haemoglobin at Month 3 9.6 g/dL (anaemia)."""
    value = GradedValue("P10", "M3", "blood", "haemoglobin", 9.6, "g/dL", 2, "Anemia")
    return replace(res, dsmb=replace(res.dsmb, graded_values=res.dsmb.graded_values + (value,)))


def test_the_results_name_grade_2_and_say_whether_they_were_adverse_events() -> None:
    res = example_results()
    assert supplement_numbers(res)["lab_grade_shifts"] == "Table S4"    # after the adverse events, before the checklist
    # each term's count is the shift table's (test below): the sentence had said "CPK increased 1" where the table
    # shows 2, counting a participant only under their worst term
    assert laboratory_harms_sentence(res) == (
        "After baseline, laboratory values graded with the CTCAE version 5\\.0 were worse than at baseline in 6 "
        "participants ([Table S4](#tbl-table-s4){.quarto-xref}); by CTCAE term: alkaline phosphatase "
        "increased (2), CPK increased (2), anemia (1), hyperuricemia (1), platelet count decreased (1). All were grade 1. "
        "None of these "
        "laboratory abnormalities was recorded as an adverse event.")
    # the CTCAE terms word for word, as Table S4 prints them (session 27 readers: "anaemia" in the text, "Anemia" in
    # the table), labelled as the grading's terms
    assert "Values reached grade 2 in 1 participant (anemia), and grade 1 otherwise; no value reached grade 3 or " \
           "higher." in laboratory_harms_sentence(_with_grade_2_anaemia(res))


def test_the_sentences_counts_by_term_are_the_shift_tables() -> None:
    """Participants whose worst post-baseline grade is above their baseline grade, per CTCAE term, read off the
    supplementary shift table's cells, are the counts the sentence gives."""
    res = example_results()
    table = grade_shift_data(res)
    from_table: Counter[str] = Counter()
    for row in table.itertuples(index=False):
        row = row._asdict()
        from_table[row["ctcae_term"]] += sum(int(row[f"worst{g}"] or 0) for g in range(1, 5) if g > row["baseline"])
    assert +from_table == Counter(w.ctcae_term for w in worse_than_baseline(res))
    assert from_table["CPK increased"] == 2 and from_table["Anemia"] == 1


def test_an_abnormality_recorded_as_an_adverse_event_is_said_so() -> None:
    res = example_results()
    ae = replace(res.safety.events[0], participant_id="P10", term="Anaemia")   # British spelling of the CTCAE term
    res = replace(res, safety=replace(res.safety, events=res.safety.events + (ae,)))
    assert [w.recorded_as_event for w in worse_than_baseline(res) if w.participant_id == "P10"
            and w.ctcae_term == "Anemia"] == [True]
    # six participants, seven participant × term abnormalities (P11 has CPK and alkaline phosphatase; P04's uric acid
    # 7.2 mg/dL at Month 1, upper limit 7.0, is hyperuricaemia grade 1: session 26 reader)
    assert laboratory_harms_sentence(res).endswith("Of these 7 abnormalities, one was also recorded as an adverse "
                                                   "event with the same term.")


def test_nothing_without_ctcae_criteria() -> None:
    res = example_results()
    none = replace(res, dsmb=replace(res.dsmb, grade_shifts=(), graded_values=()))
    assert laboratory_harms_sentence(none) == "" and "lab_grade_shifts" not in supplement_numbers(none)
    calm = replace(res, dsmb=replace(res.dsmb, graded_values=()))
    assert laboratory_harms_sentence(calm) == (
        "No laboratory value graded with the CTCAE version 5\\.0 was worse after baseline than at baseline "
        "([Table S4](#tbl-table-s4){.quarto-xref}).")
