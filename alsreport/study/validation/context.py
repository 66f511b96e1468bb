"""What every rule module works on: the read study, the configuration, the checked tables, the collector.

Also the facts several rules need (who is enrolled, who completed, which infusions
were given), computed once per study.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from alsreport.study.config import StudyConfig
from alsreport.study.reading import RawStudy
from alsreport.study.validation.problems import Collector
from alsreport.study.validation.table import CheckedTable

__all__ = ["Context", "People"]


@dataclass(frozen=True)
class People:
    """Participants by enrolment, from participants.csv.

    People whose enrolled cell is invalid are neither enrolled nor not enrolled
    (their cell is reported already).
    """

    everyone: pd.Index
    enrolled: pd.Index
    not_enrolled: pd.Index
    where: dict[str, tuple[int, str]]
    """id -> (row, enrolled as typed)."""


@dataclass
class Context:
    """A study under validation."""

    raw: RawStudy
    out: Collector = field(default_factory=Collector)
    config: StudyConfig | None = None
    tables: dict[str, CheckedTable] = field(default_factory=dict)

    def table(self, name: str, *columns: str) -> CheckedTable | None:
        """The table if it was read and has ``columns``."""
        view = self.tables.get(name)
        return view if view is not None and view.has(*columns) else None

    @cached_property
    def people(self) -> People | None:
        """Everyone in participants.csv, by enrolment (None without the table or its columns)."""
        view = self.table("participants", "participant_id", "enrolled")
        if view is None:
            return None
        everyone = np.arange(len(view))
        ids = view.texts("participant_id", everyone)
        all_ids = pd.Index(ids)
        where = dict(zip(ids, zip(view.lines.tolist(), view.texts("enrolled", everyone), strict=True),
                         strict=True))
        return People(all_ids, all_ids[view.flag_is("enrolled", True)], all_ids[view.flag_is("enrolled", False)],
                      where)

    @cached_property
    def status(self) -> pd.DataFrame:
        """Enrolled participants with their completed flag (NA when unknown), indexed by id."""
        view = self.table("participants", "participant_id", "enrolled")
        if view is None:
            return pd.DataFrame(columns=["completed"])
        enrolled = view.flag_is("enrolled", True)
        ids = np.asarray(view.texts("participant_id", np.flatnonzero(enrolled)), dtype=object)
        completed = view.flags("completed")[enrolled] if view.has("completed") else \
            pd.array([pd.NA] * int(enrolled.sum()), dtype="boolean")
        frame = pd.DataFrame({"completed": completed}, index=pd.Index(ids, name="participant_id"))
        return frame[~frame.index.duplicated()]

    def completed_is(self, value: bool) -> pd.Index:
        """Enrolled participants whose completed flag is exactly ``value``."""
        completed = self.status["completed"]
        return completed[completed.eq(value).fillna(False).astype(bool)].index

    @cached_property
    def given(self) -> pd.DataFrame | None:
        """Valid infusion rows: participant_id, infusion_no, given, row, pos (None without the columns)."""
        view = self.table("infusions", "participant_id", "infusion_no", "given")
        if view is None:
            return None
        nums = view.numbers("infusion_no")
        given = view.flags("given")
        ok = np.isfinite(nums) & (np.floor(nums) == nums) & ~np.asarray(given.isna())
        pos = np.flatnonzero(ok)
        return pd.DataFrame({
            "participant_id": view.texts("participant_id", pos),
            "infusion_no": nums[pos].astype(np.int64),
            "given": given[pos].to_numpy(dtype=bool),
            "row": view.lines[pos],
            "pos": pos,
        })
