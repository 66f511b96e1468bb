"""English word helpers for the generated sentences (plurals, lists, capitals)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["plural", "join_words", "cap", "lower_first", "sentence"]


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 participant``, ``2 participants``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_words(items: Sequence[str], conj: str = "and") -> str:
    """``a``, ``a and b``, ``a, b, and c`` (empty items left out)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


def cap(text: str) -> str:
    """First letter upper case, the rest untouched."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``CSF``, ``ALS``)."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """``text`` stripped, with a full stop unless it already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
