"""What the study's size allows, in words: a sample is called small below LARGE_SAMPLE participants (197), "many
biomarkers" only with three or more series (session 33 tester: "a small sample (2000 participants)"; "With few
participants and many biomarkers" for a one-analyte study)."""

from __future__ import annotations

from pathlib import Path

import pytest

import alsreport
from alsreport.present.prose.abstract import abstract_conclusions, discussion
from alsreport.present.prose.limitations import limitations
from alsreport.present.prose.sample_size import LARGE_SAMPLE
from manuscript_studies import Series, Variant, write_variant

#: Four series that do not change (noise only): the primary endpoint is not significant.
_NULL = tuple(Series(a, c, effect=(0.0,)) for a in ("IL-6", "CRP") for c in ("CSF", "serum"))


def _results(folder: Path, n: int, series: tuple[Series, ...] = _NULL):
    study = write_variant(folder, Variant(n=n, series=series, primary=(series[0].analyte, series[0].compartment)))
    return alsreport.analyze(alsreport.load_study(study))


def test_large_sample_is_the_number_a_small_change_needs():
    # 80% power for d = 0.2 at a two-sided 5% level: ((1.960 + 0.842) / 0.2)² = 196.2, rounded up
    assert LARGE_SAMPLE == 197


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return _results(tmp_path_factory.mktemp("large") / "s", LARGE_SAMPLE)


def test_a_large_sample_is_not_called_small(large):
    text = limitations(large)
    assert text.startswith("The study has no control group and a short follow-up of 3 months. With 197 "
                           "participants, small changes reach statistical significance, so the size of each change "
                           "matters more than its p-value. ")
    assert "small sample" not in text


def test_a_large_null_study_says_what_it_could_detect(large):
    text = discussion(large)
    assert "did not change significantly" in text
    assert "With 197 participants, even small changes were likely to reach statistical significance." in text
    assert "few participants" not in text
    assert "The study was uncontrolled, so this does not exclude an effect." in abstract_conclusions(large)


def test_a_sample_just_below_is_small_with_many_biomarkers(tmp_path):
    r = _results(tmp_path / "s", LARGE_SAMPLE - 1)
    assert limitations(r).startswith("The study has no control group, a small sample (196 participants) and a short "
                                     "follow-up of 3 months. ")
    assert "With few participants and many biomarkers, small changes may have been missed." in discussion(r)
    assert "The study was small and uncontrolled, so this does not exclude an effect." in abstract_conclusions(r)


def test_one_series_is_not_many_biomarkers(tmp_path):
    r = _results(tmp_path / "s", 12, _NULL[:1])
    text = discussion(r)
    assert "With few participants, small changes may have been missed." in text
    assert "biomarkers" not in text
