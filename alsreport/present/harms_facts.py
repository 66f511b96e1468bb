"""How harms were collected, as the safety report's §2.2 lists it: study.yml's ``safety:`` facts by the board's
names, and those the investigators have still to add (session 29 ethics reader: five "Not recorded." under the heading
asked nobody for them, and the summary did not mention them)."""

from __future__ import annotations

from alsreport.study.config import StudyConfig

__all__ = ["harms_facts", "missing_harms_facts"]


def harms_facts(cfg: StudyConfig) -> list[tuple[str, str | None]]:
    """``[("Method", "Open question at every visit"), ("Surveillance window", None), …]``: each fact and its text
    (plain, as written), ``None`` when study.yml does not give it. "Method", not the section's own heading again."""
    sc = cfg.safety
    return [("Method", sc.harms_collection), ("Surveillance window", sc.surveillance_window),
            ("Relatedness judged by", sc.relatedness_assessor),
            ("Grading", f"CTCAE version {sc.ctcae_version}" if sc.ctcae_version else None),
            ("Coding", f"MedDRA version {sc.meddra_version}" if sc.meddra_version else None),
            ("Expectedness and SUSARs", sc.expectedness)]


#: The facts' names in a sentence.
_IN_TEXT = {"Method": "how harms were collected", "Surveillance window": "the surveillance window",
            "Relatedness judged by": "who judged relatedness", "Grading": "the grading scale",
            "Coding": "the coding dictionary",
            "Expectedness and SUSARs": "whether expectedness was assessed and SUSARs reported"}


def missing_harms_facts(cfg: StudyConfig, *, expectedness: bool = False) -> list[str]:
    """The facts of :func:`harms_facts` not given, as a sentence names them (``["how harms were collected", "the
    surveillance window"]``); expectedness only with ``expectedness`` (the summary has a bullet of its own for it)."""
    return [_IN_TEXT[k] for k, v in harms_facts(cfg)
            if v is None and (expectedness or k != "Expectedness and SUSARs")]
