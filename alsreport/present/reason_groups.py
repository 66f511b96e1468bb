"""Reasons that differ only in their bracketed detail, counted together: one rule for the text and the flow diagram.

``Did not meet inclusion criteria (ALSFRS-R below 24)`` and ``Did not meet inclusion criteria (forced vital capacity
below 50%)`` are one reason with two details. The Results text says "3 did not meet inclusion criteria [2 …, 1 …]"
(session 25 example reader); the flow diagram lists the details under one heading and never prints "… (ALSFRS-R
below 24) (n = 2)" (session 26 example reader: doubled brackets, and the two details apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alsreport.present.format import n_is
from alsreport.results.model import ExclusionReason

__all__ = ["ReasonGroup", "by_eligibility", "eligibility_heading", "group_reasons", "split_reason"]

_DETAIL = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<detail>[^()]+)\)$")


def split_reason(reason: str) -> tuple[str, str | None]:
    """``("Did not meet inclusion criteria", "ALSFRS-R below 24")``; ``(reason, None)`` without a bracketed end."""
    text = reason.strip()
    m = _DETAIL.match(text)
    return (m.group("head"), m.group("detail")) if m else (text, None)


@dataclass(frozen=True)
class ReasonGroup:
    head: str
    """As the first of its reasons writes it."""
    parts: tuple[tuple[str | None, int], ...]
    """(detail or None, count), in the data's order."""

    @property
    def n(self) -> int:
        return sum(n for _, n in self.parts)

    def counted_details(self) -> str:
        """``ALSFRS-R below 24, n = 2; forced vital capacity below 50%, n = 1``: each detail with its count as the flow
        diagram counts (a lone detail without one: the group's count is its count); the text's and the alt text's
        words. Never the count first: "2 revised ALS Functional Rating Scale [ALSFRS-R] below 24" read as two
        scales (session 28 reader). The count as :func:`format.n_is` writes it, no-break spaces inside. "" when no
        reason has a detail."""
        return "; ".join(f"{d}, {n_is(n)}" if len(self.parts) > 1 else d for d, n in self.parts if d is not None)


def group_reasons(reasons: Iterable[tuple[str, int]], *, by_count: bool = True) -> list[ReasonGroup]:
    """(reason, count) pairs grouped by their head (case of the first letter aside), larger totals first, ties in
    the data's order (``by_count=False``: in the order of each group's first reason)."""
    groups: dict[str, tuple[str, list[tuple[str | None, int]]]] = {}
    for reason, n in reasons:
        head, detail = split_reason(reason)
        key = head[:1].lower() + head[1:]
        groups.setdefault(key, (head, []))[1].append((detail, n))
    out = [ReasonGroup(head, tuple(parts)) for head, parts in groups.values()]
    return sorted(out, key=lambda g: -g.n) if by_count else out


def by_eligibility(reasons: Sequence[ExclusionReason]) -> list[tuple[bool | None, tuple[ExclusionReason, ...]]]:
    """The reasons not to enrol in two parts, those not eligible and then the eligible, when the data record
    both kinds (CONSORT's "not meeting inclusion criteria" and "declined to participate": a contraindication
    recorded as ``eligible = no`` is an eligibility criterion, not a third kind of exclusion); else one part
    (None). The flow diagram, the Results and the safety report split them alike."""
    flags = {r.eligible for r in reasons}
    if flags != {False, True}:
        return [(None, tuple(reasons))]
    return [(flag, tuple(r for r in reasons if r.eligible is flag)) for flag in (False, True)]


def eligibility_heading(eligible: bool, word: str) -> str:
    """``Not eligible`` / ``Eligible, not included`` (``word``: included or enrolled)."""
    return f"Eligible, not {word}" if eligible else "Not eligible"
