"""English word helpers for the generated sentences (plurals, lists, capitals)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from alsreport.present.format import count

__all__ = ["plural", "counted", "counted_opening", "all_of", "number_word", "join_words", "visits_words", "cap", "lower_first", "term_in_text", "sentence", "indefinite_article", "with_article",
           "inner_brackets", "reason_after_count"]

#: Letters whose spoken name starts with a vowel sound ("an MSC", "an HLA", "an X-ray"; "a BM-MSC").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
_LEADING = re.compile(r"[A-Za-z]+|\d+")


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 participant``, ``2 participants``, ``2,000 participants`` (the count as :func:`~alsreport.present.format.count`
    writes it, as in the tables)."""
    return f"{count(n)} {one if n == 1 else (many or one + 's')}"


#: Counts written as words in running text ("one biomarker series", "three later visits"); 10 and more as numerals.
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """``0`` → ``no``, ``1`` → ``one`` … ``9`` → ``nine``; 10 and more as numerals (a count in running text), with
    thousands separators (``2,000``) as :func:`~alsreport.present.format.count` writes them."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else count(n)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``no samples``, ``one sample``, ``three samples``, ``12 samples``: a count in words when small, with its noun
    singular or plural (for counts in prose that stand alone, not beside other numbers of a statistic)."""
    return f"{number_word(n)} {one if n == 1 else (many or one + 's')}"


def counted_opening(n: int, one: str, many: str | None = None) -> str:
    """A count that opens a sentence: ``Two participants`` in words below ten, ``In all, 12 participants`` from
    there, so that no numeral starts the sentence (session 33 tester: "199 participants discontinued …")."""
    return cap(counted(n, one, many)) if n < len(_NUMBER_WORDS) else f"In all, {plural(n, one, many)}"


def all_of(n: int, one: str, many: str | None = None) -> str:
    """Every one of ``n`` things: ``the event`` (one), ``both events`` (two), ``all 3 events`` (tester's IV study:
    "all 2 events had resolved")."""
    if n == 1:
        return f"the {one}"
    noun = many or one + "s"
    return f"both {noun}" if n == 2 else f"all {count(n)} {noun}"


def join_words(items: Sequence[str], conj: str = "and") -> str:
    """``a``, ``a and b``, ``a, b, and c`` (empty items left out)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


#: Visit words whose labels a list may share: ``Month 1, Month 2, and Month 6`` → ``Months 1, 2, and 6``.
_SHARED_VISIT_WORDS = ("Day", "Week", "Month", "Year", "Visit")


def visits_words(labels: Sequence[str], conj: str = "and") -> str:
    """``Months 0, 1, 2, and 3`` when every label is one shared visit word (``Month``, ``Week`` …) and its number,
    else the labels joined (``Baseline, Month 3, and Month 6``); a single label as it is."""
    parts = [label.split(" ", 1) for label in labels]
    words = {p[0] for p in parts}
    if len(labels) < 2 or len(words) != 1 or words & set(_SHARED_VISIT_WORDS) != words or any(
            len(p) != 2 or " " in p[1] or not p[1][:1].isdigit() for p in parts):
        return join_words(labels, conj)
    return f"{parts[0][0]}s {join_words([p[1] for p in parts], conj)}"


def cap(text: str) -> str:
    """First letter upper case, the rest untouched."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``CSF``, ``ALS``)."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def term_in_text(term: str) -> str:
    """A MedDRA term as running text writes it: lower case (``Pneumonia`` → ``pneumonia``) unless its first word
    is an abbreviation (``CSF leak``, ``ALT increased``) or a proper noun: a capital after its first letter
    (``Guillain-Barré syndrome``, ``McArdle``) or a possessive eponym (``Bell's palsy``). Tables keep the term as
    written."""
    word = term.split(" ", 1)[0]
    if any(ch.isupper() for ch in word[1:]) or word.endswith(("'s", "’s")):
        return term
    return term[:1].lower() + term[1:]


def sentence(text: str) -> str:
    """``text`` stripped, with a full stop unless it already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def indefinite_article(phrase: str) -> str:
    """``a`` or ``an`` before ``phrase``, by how its first word is spoken.

    An acronym (its leading letters all capitals: ``MSC-based``, ``ALS``, ``X-ray``) is spoken letter by
    letter, so it takes ``an`` when its first letter's name starts with a vowel sound (A E F H I L M N O R
    S X). An ordinary word goes by its first letter, vowel or not ("an open-label", "a retrospective";
    "a uniform" and "an hour" are not special-cased). A number goes by how it is read ("an 8-week",
    "an 11-year", "a 12-month").
    """
    m = _LEADING.match(phrase.strip())
    if m is None:
        return "a"
    word = m.group()
    if word.isdigit():
        return "an" if word.startswith("8") or (word in ("11", "18")) else "a"
    rest = phrase.strip()[m.end():m.end() + 1]
    acronym = word.isupper() and (len(word) > 1 or rest in ("-", ""))
    if acronym:
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``phrase`` after its indefinite article: ``an MSC-based study``, ``a retrospective study``."""
    return f"{indefinite_article(phrase)} {phrase}"


def inner_brackets(text: str) -> str:
    """``text`` for printing inside parentheses: its own round brackets become square ones, as journals
    write brackets within brackets ("(did not meet inclusion criteria [ALSFRS-R below 24], 2)")."""
    return str(text).replace("(", "[").replace(")", "]")


#: First words of a reason that reads as a predicate after a count ("2 declined the treatment", "1 did not meet …",
#: "1 lost to follow-up", "1 not meeting …", "1 unable to attend"); a word ending in "ed" is taken as one too.
_PREDICATE_STARTS = frozenset({
    "did", "does", "was", "were", "is", "are", "had", "has", "have", "could", "would", "withdrew", "left", "lost",
    "chose", "met", "not", "unable", "no", "lacked", "became", "took", "fell", "began", "went", "came", "lives",
    "lived", "moved", "died", "refused", "declined", "failed", "preferred", "received", "missed"})


def reason_after_count(reason: str, n: int) -> str:
    """A reason as it reads after a count of ``n`` people: as written when it is a predicate ("declined the
    treatment"), else with a verb of its own ("was not included because of contraindication to lumbar puncture";
    session 29 readers: "1 contraindication to lumbar puncture" had no verb; session 36 reviewer: "3 did not meet
    inclusion criteria and 1 because of contraindication …" had none in its second half). The reason as given,
    first letter lowered by the caller."""
    first = re.match(r"[A-Za-z]+", reason)
    word = first.group(0).lower() if first else ""
    if not word or word in _PREDICATE_STARTS or (word.endswith("ed") and len(word) > 3):
        return reason
    return f"{'was' if n == 1 else 'were'} not included because of {reason}"
