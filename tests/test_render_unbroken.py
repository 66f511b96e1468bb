"""render/unbroken.py: the HTML writers put nowrap spans and <wbr> where the formatting module joined a run with
U+2060 or offered a break with U+200B; the Word files carry neither (tests/test_render_docx_finish.py; readers 11a, item 10, and 11b, item 13: 461
joiners in the manuscript's HTML, 163 in the Word file, a range copied into R or Excel did not parse)."""

from __future__ import annotations

from alsreport.render.unbroken import unbroken_markup


def test_joined_runs_become_spans_and_zero_width_spaces_wbr():
    page = ('<html><head><title>IL-\u20606</title><style>.x{}</style></head><body>'
            '<p title="47.0–\u206055.5">49.0 [47.0–\u206055.5] and IL-\u20606\u00a0(pg/mL)</p>'
            '<table><tr><th>Given/\u200bplanned</th></tr></table><svg><title>3–\u20604</title><text>3–\u20604</text></svg>'
            '</body></html>')
    assert unbroken_markup(page) == (
        '<html><head><title>IL-6</title><style>.x{}</style></head><body>'
        '<p title="47.0–55.5">49.0 <span class="alsr-nobr">[47.0–55.5]</span> and '
        '<span class="alsr-nobr">IL-6\u00a0(pg/mL)</span></p>'
        '<table><tr><th>Given/<wbr>planned</th></tr></table><svg><title>3–4</title><text>3–4</text></svg>'
        '</body></html>')
    plain = "<p>No joiner here: 3–4</p>"
    assert unbroken_markup(plain) is plain



def test_hyphenated_abbreviations_in_running_text_become_spans():
    """Session 30 ethics reader: WeasyPrint broke "(ALSFRS-" / "R below 24"; the prose keeps them as written (its
    definitions at first use find them so), the HTML writers keep them whole. Only a one-letter, numeric or Greek
    suffix; not a longer hyphenated run, not a joined one twice, not in code, tags, attributes or the head."""
    page = ('<html><head><title>ALSFRS-R</title></head><body><p title="SHA-256">(ALSFRS-R below 24; SHA-256; '
            'IL-\u20606; anti-IL-6; Non-HDL; X-ray; TNF-α; TNF-alpha; BM-MSC)</p><pre><code>OLD-API IL-6</code></pre>'
            '<a href="#SEC-1">CTCAE-5</a></body></html>')
    assert unbroken_markup(page) == (
        '<html><head><title>ALSFRS-R</title></head><body><p title="SHA-256">(<span class="alsr-nobr">ALSFRS-R</span> '
        'below 24; <span class="alsr-nobr">SHA-256</span>; <span class="alsr-nobr">IL-6;</span> anti-IL-6; Non-HDL; '
        'X-ray; <span class="alsr-nobr">TNF-α</span>; TNF-alpha; BM-MSC)</p><pre><code>OLD-API IL-6</code></pre>'
        '<a href="#SEC-1"><span class="alsr-nobr">CTCAE-5</span></a></body></html>')


def test_p_values_and_t_tests_do_not_break_at_their_hyphen():
    """Session 31 reviewer: "unadjusted p-" / "value" (the abstract) and "paired t-" / "tests" (the Methods)."""
    page = "<body><p>its p-value; p-values; paired t-tests; a t-test; top-value; at-test; p-valued</p></body>"
    assert unbroken_markup(page) == (
        '<body><p>its <span class="alsr-nobr">p-value</span>; <span class="alsr-nobr">p-values</span>; paired '
        '<span class="alsr-nobr">t-tests</span>; a <span class="alsr-nobr">t-test</span>; top-value; at-test; '
        'p-valued</p></body>')


def test_powers_of_ten_multiples_of_a_limit_and_r_arguments_do_not_break():
    """Session 32 reviewer: "1 ×" / "10⁶" (the intervention text of study.yml, ordinary spaces), "1.5 ×" / "baseline"
    (a CTCAE note) and "paired =" / "TRUE" (a table's note)."""
    page = ("<body><p>1 × 10⁶ cells/kg, 0.5\u00a0×\u00a010⁶; from 1.5 × baseline or 2 × ULN; R's t.test, paired = TRUE, "
            "conf.level = 0.95; 3 × 4; x = TRUE; Paired = TRUE</p><code>paired = TRUE</code></body>")
    assert unbroken_markup(page) == (
        '<body><p><span class="alsr-nobr">1 × 10⁶</span> cells/kg, <span class="alsr-nobr">0.5\u00a0×\u00a010⁶</span>; '
        'from <span class="alsr-nobr">1.5 × baseline</span> or <span class="alsr-nobr">2 × ULN</span>; R\'s t.test, '
        '<span class="alsr-nobr">paired = TRUE</span>, <span class="alsr-nobr">conf.level = 0.95</span>; 3 × 4; '
        '<span class="alsr-nobr">x = TRUE</span>; Paired = TRUE</p><code>paired = TRUE</code></body>')
