"""Analyte abbreviations and their long names, shared by the table notes and the manuscript's list."""

from __future__ import annotations

import re

__all__ = ["ANALYTE_ABBREVIATIONS", "label_abbreviation"]

#: Common analyte abbreviations (the first part of a label such as ``IL-6`` or ``TNF-α``) and their long names.
ANALYTE_ABBREVIATIONS = {
    "ALP": "alkaline phosphatase", "ALT": "alanine aminotransferase", "AST": "aspartate aminotransferase",
    "CK": "creatine kinase", "CRP": "C-reactive protein", "IFN": "interferon", "IL": "interleukin",
    "LDH": "lactate dehydrogenase", "NfL": "neurofilament light chain", "TGF": "transforming growth factor",
    "TNF": "tumour necrosis factor", "WBC": "white blood cells",
}


def label_abbreviation(label: str) -> str:
    """``IL-6`` → ``IL``, ``TNF-α`` → ``TNF``, ``CRP`` → ``CRP``; the label's first word before a hyphen."""
    return re.split(r"[-\s\\]", str(label).strip(), maxsplit=1)[0]
