"""Laboratory harms in the manuscript (reader 11a item 3): the worst CTCAE grade after baseline, where worse than at
baseline, per participant (alsreport.results.lab_worst), and the sentence of §3.6 (alsreport.present.prose
.laboratory_harms), with the CTCAE shift table numbered among the supplementary tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from analysis_helpers import example_results

from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
from alsreport.present.supplement_numbers import supplement_numbers
from alsreport.present.tables.dsmb import grade_shift_data
from alsreport.results.lab_worst import worse_than_baseline


def test_the_example_counts_values_worse_than_at_baseline() -> None:
    worse = worse_than_baseline(example_results())
    # P12: haemoglobin 9.3 g/dL at Month 2 (normal baseline) is grade 2 anaemia; no adverse event recorded for it
    assert [(w.participant_id, w.ctcae_term, w.baseline_grade, w.worst_grade, w.recorded_as_event)
            for w in worse if w.worst_grade >= 2] == [("P12", "Anemia", 0, 2, False)]
    # creatine kinase above the limit from baseline on (grade 1 throughout, P01) is no new abnormality
    assert ("P01", "CPK increased") not in {(w.participant_id, w.ctcae_term) for w in worse}
    assert ("P11", "CPK increased") in {(w.participant_id, w.ctcae_term) for w in worse}   # grade 0 -> 1


def test_the_results_name_grade_2_and_say_whether_they_were_adverse_events() -> None:
    res = example_results()
    assert supplement_numbers(res)["lab_grade_shifts"] == "Table S4"    # after the adverse events, before the checklist
    # each term's count is the shift table's (test below): the sentence had said "CPK increased 1" where the table
    # shows 2, counting P12 only under their worst term (anemia grade 2)
    assert laboratory_harms_sentence(res) == (
        "After baseline, laboratory values graded with the CTCAE version 5\\.0 were worse than at baseline in 7 "
        "participants (Supplementary [Table S4](#tbl-table-s4){.quarto-xref}); by term: anemia 4, alkaline "
        "phosphatase increased 2, CPK increased 2, hypoalbuminemia 2, platelet count decreased 1. Values reached "
        "grade 2 in 1 participant (anemia), and grade 1 otherwise; no value reached grade 3 or higher. None of "
        "these laboratory abnormalities was recorded as an adverse event.")


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
    assert from_table["CPK increased"] == 2 and from_table["Anemia"] == 4


def test_an_abnormality_recorded_as_an_adverse_event_is_said_so() -> None:
    res = example_results()
    ae = replace(res.safety.events[0], participant_id="P12", term="Anaemia")   # British spelling of the CTCAE term
    res = replace(res, safety=replace(res.safety, events=res.safety.events + (ae,)))
    assert [w.recorded_as_event for w in worse_than_baseline(res) if w.participant_id == "P12"
            and w.ctcae_term == "Anemia"] == [True]
    # nine participants, eleven participant × term abnormalities (P12 also has CPK and hypoalbuminaemia)
    assert laboratory_harms_sentence(res).endswith("Of these 11 abnormalities, one was also recorded as an adverse "
                                                   "event with the same term.")


def test_nothing_without_ctcae_criteria() -> None:
    res = example_results()
    none = replace(res, dsmb=replace(res.dsmb, grade_shifts=(), graded_values=()))
    assert laboratory_harms_sentence(none) == "" and "lab_grade_shifts" not in supplement_numbers(none)
    calm = replace(res, dsmb=replace(res.dsmb, graded_values=()))
    assert laboratory_harms_sentence(calm) == (
        "No laboratory value graded with the CTCAE version 5\\.0 was worse after baseline than at baseline "
        "(Supplementary [Table S4](#tbl-table-s4){.quarto-xref}).")
