"""Units as printed."""

from __future__ import annotations

import pytest

from alsreport.present.units import display_unit


@pytest.mark.parametrize("unit, printed", [
    ("10^9/L", "10⁹/L"),
    ("10^{12}/L", "10¹²/L"),
    ("10^-3 mm^2", "10⁻³ mm²"),
    ("pg/mL", "pg/mL"),
    ("", ""),
    (None, ""),
])
def test_powers_become_superscripts(unit, printed) -> None:
    assert display_unit(unit) == printed
