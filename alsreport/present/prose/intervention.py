"""The ``intervention`` of study.yml as a sentence of the abstract and the Methods (issue #10).

The field is often written as a noun phrase ("Autologous mesenchymal stem cells.", "Three monthly
infusions of … on the same day."), which printed on its own is a sentence without a verb. Such a
phrase becomes "Participants received …"; a text that already is a sentence (it names the
participants, or has one of the usual finite verbs) is kept as written.
"""

from __future__ import annotations

import re

from alsreport.present.prose.words import lower_first, sentence

__all__ = ["intervention_sentence"]

#: A subject that starts a sentence about who received what.
_SUBJECT = re.compile(r"^(all |each |the )?(participants?|patients?|subjects?)\b", re.IGNORECASE)
#: Finite verbs that make the text a sentence already ("Patients were given …", "Each received …").
_VERB = re.compile(r"\b(was|were|is|are|received|receives|receive|underwent|undergo|undergoes|had|has|have|"
                   r"got|consisted|consists)\b", re.IGNORECASE)


def intervention_sentence(text: str) -> str:
    """``Autologous MSCs.`` → ``Participants received autologous MSCs.``; a full sentence unchanged.

    ``text`` is the study's words (already escaped for markdown); the result ends with a full stop."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    if _SUBJECT.match(text) or _VERB.search(text):
        return sentence(text)
    return sentence(f"Participants received {lower_first(text)}")
