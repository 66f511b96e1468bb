"""documents/running_style.py: the running header's text as custom properties a browser's print reads (issue #10,
session 25 HTML reader)."""

from __future__ import annotations

from alsreport.documents.running_style import css_string, running_style


def test_css_string_escapes_quotes_backslashes_breaks_and_markup():
    assert css_string('BM-MSC "trial" a\\b') == '"BM-MSC \\22 trial\\22  a\\5c b"'
    assert css_string("x</style>\ny") == '"x\\3c /style>\\a y"'


def test_running_style_sets_the_three_strings_on_the_root():
    style = running_style("BM-MSC in ALS", "Generated today", confidential=True)
    assert style == ('<style>:root { --alsr-running-title: "BM-MSC in ALS"; --alsr-running-confidential: '
                     '"Confidential"; --alsr-running-footer: "Generated today"; }</style>')
    assert '--alsr-running-confidential: "";' in running_style("T", "F", confidential=False)
