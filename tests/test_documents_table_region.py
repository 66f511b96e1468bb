"""documents/table_region.py: a table's scrolling box is a focusable region named by its caption (issue #10, session
25 HTML reader: at 390 px the boxes scrolled, but a keyboard could not reach them and a screen reader did not name
them)."""

from __future__ import annotations

import pytest

from alsreport.documents import context as rc
from alsreport.documents.table_region import scroll_region

from analysis_helpers import example_results, example_study

GT = '<div id="alsreport-adverse-events" style="overflow-x:auto;">\n<style>#x div { a: b; }</style><table></table></div>'


def test_great_tables_box_becomes_a_named_focusable_region():
    assert scroll_region(GT, "tbl-ae-caption").startswith(
        '<div id="alsreport-adverse-events" style="overflow-x:auto;" tabindex="0" role="region" '
        'aria-labelledby="tbl-ae-caption">\n<style>')


def test_markup_without_a_box_or_with_a_role_is_unchanged():
    assert scroll_region("<table></table>", "x") == "<table></table>"
    once = scroll_region(GT, "tbl-ae-caption")
    assert scroll_region(once, "other") == once


@pytest.fixture(scope="module")
def ctx():
    rc.clear_cache()
    return rc.use_results(example_study(), example_results())


def test_a_table_floats_box_is_named_by_the_floats_caption(ctx):
    block = ctx.table_block("table1_baseline", "tbl-baseline")
    assert 'tabindex="0" role="region" aria-labelledby="tbl-baseline-caption"' in block


def test_a_supplementary_tables_box_is_named_by_its_caption_paragraph(ctx):
    from alsreport.present.supplement_numbers import supplement_numbers

    key, number = next(iter(supplement_numbers(ctx.results).items()))
    block = ctx.supplement_block(key, number, "Caption.")
    anchor = "tbl-" + number.lower().replace(" ", "-")
    assert f'<p class="alsr-supplement-caption" id="{anchor}">{number}. Caption.</p>' in block
    assert f'tabindex="0" role="region" aria-labelledby="{anchor}"' in block
