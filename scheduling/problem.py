"""The shooting-schedule problem: strips, cast, locations, calendar and rules, as the solver sees them.

A `ScheduleProblem` is built from a project (`project_problem.problem_from_project`) or by the
feature-scale generator, and is everything `solve_schedule`, `evaluate` and the checker need.
Strips are scenes; a strip either takes `hours` of a shoot day or, for a multi-day scene, whole
consecutive shoot days (`days`).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from studio.errors import SlatebookError
from studio.models.planning import ObjectiveWeights


PRODUCTION_DAY_OFF = "Production day off"


class ScheduleProblemError(SlatebookError):
    """A schedule setup that refers to scenes or people the problem does not have."""


class Strip(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str  # the scene id
    number: str  # the scene number as printed ("42A")
    set_name: str
    location: str  # where the company shoots it; moves are counted between locations
    int_ext: str = "INT"
    day_night: Literal["DAY", "NIGHT"] = "DAY"
    eighths: int = Field(default=1, ge=0)
    hours: float = Field(default=1.0, ge=0)  # estimated shooting time within one day
    days: int | None = Field(default=None, ge=1)  # a multi-day strip takes whole shoot days
    cast: tuple[str, ...] = ()
    heading: str = ""

    @property
    def night(self) -> bool:
        return self.day_night == "NIGHT"

    @property
    def length_days(self) -> int:
        """Shoot days the strip occupies: 1 for a strip that shares its day with others."""
        return self.days or 1


class Availability(BaseModel):
    """Dates something can be used: within [available_from, available_until], minus `unavailable`."""

    model_config = ConfigDict(frozen=True)

    available_from: dt.date | None = None
    available_until: dt.date | None = None
    unavailable: frozenset[dt.date] = frozenset()

    def available_on(self, date: dt.date) -> bool:
        if self.available_from and date < self.available_from:
            return False
        if self.available_until and date > self.available_until:
            return False
        return date not in self.unavailable

    @property
    def restricted(self) -> bool:
        return bool(self.available_from or self.available_until or self.unavailable)


class CastMember(Availability):
    name: str
    daily_rate: float = Field(default=0.0, ge=0)


class Location(Availability):
    name: str


class ShootingCalendar(BaseModel):
    """Which calendar dates are shoot days: work weekdays from `start`, skipping holidays."""

    model_config = ConfigDict(frozen=True)

    start: dt.date
    work_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays: frozenset[dt.date] = frozenset()
    # What each public holiday is called; a holiday without a name is one of the production's own days off.
    holiday_names: dict[dt.date, str] = Field(default_factory=dict)

    def is_shoot_date(self, date: dt.date) -> bool:
        return date.weekday() in self.work_weekdays and date not in self.holidays

    def days_off(self, last: dt.date) -> list[tuple[dt.date, str]]:
        """The working weekdays from `start` to `last` that a holiday takes away, each with its name."""
        return [
            (date, self.holiday_names.get(date, PRODUCTION_DAY_OFF))
            for date in sorted(self.holidays)
            if self.start <= date <= last and date.weekday() in self.work_weekdays
        ]

    def dates(self, count: int) -> list[dt.date]:
        """The dates of shoot days 1..count."""
        out: list[dt.date] = []
        date = self.start
        while len(out) < count:
            if self.is_shoot_date(date):
                out.append(date)
            date += dt.timedelta(days=1)
        return out


class ScheduleProblem(BaseModel):
    """Everything a schedule is solved against. Costs are in the production's currency."""

    model_config = ConfigDict(frozen=True)

    name: str = "Schedule"
    strips: tuple[Strip, ...]
    cast: tuple[CastMember, ...] = ()
    locations: tuple[Location, ...] = ()
    calendar: ShootingCalendar
    day_hours: float = Field(default=12.0, gt=0)
    day_eighths: int | None = None
    company_move_hours: float = Field(default=0.0, ge=0)  # taken out of the day by each move within it
    locks: dict[str, int] = Field(default_factory=dict)  # strip id -> day number (1-based)
    precedences: tuple[tuple[str, str], ...] = ()  # (earlier strip id, later strip id)
    turnaround: bool = True
    max_consecutive_nights: int | None = None
    drop_pickup_days: int | None = None
    max_days: int | None = None
    weights: ObjectiveWeights = Field(default_factory=ObjectiveWeights)
    time_limit_s: float = 10.0

    @cached_property
    def strip_by_id(self) -> dict[str, Strip]:
        return {s.id: s for s in self.strips}

    @cached_property
    def cast_by_name(self) -> dict[str, CastMember]:
        return {c.name: c for c in self.cast}

    @cached_property
    def location_by_name(self) -> dict[str, Location]:
        return {loc.name: loc for loc in self.locations}

    @property
    def move_minutes(self) -> int:
        return round(self.company_move_hours * 60)

    def label(self, strip_id: str) -> str:
        """How a line producer names a strip: "scene 12"."""
        strip = self.strip_by_id.get(strip_id)
        return f"scene {strip.number}" if strip else f"scene {strip_id}"

    def check(self) -> None:
        """Raise a ScheduleProblemError naming the first reference that does not resolve."""
        if not self.strips:
            raise ScheduleProblemError(
                "There are no scenes to schedule.", "Import a screenplay on the Script page first."
            )
        ids = [s.id for s in self.strips]
        if len(set(ids)) != len(ids):
            raise ScheduleProblemError("Two strips share one scene id.", "Re-import the script.")
        for strip in self.strips:
            for name in strip.cast:
                if name not in self.cast_by_name:
                    raise ScheduleProblemError(
                        f"Scene {strip.number} needs {name}, who is not on the cast list.",
                        "Rebuild the cast list on the Breakdown page.",
                    )
            if strip.location not in self.location_by_name:
                raise ScheduleProblemError(
                    f"Scene {strip.number} is at {strip.location}, which is not a known location.",
                    "Check the location names in the schedule setup.",
                )
        for strip_id in self.locks:
            if strip_id not in self.strip_by_id:
                raise ScheduleProblemError(
                    "A locked strip is no longer in the script.", "Remove the lock in the schedule setup."
                )
        for before, after in self.precedences:
            if before not in self.strip_by_id or after not in self.strip_by_id:
                raise ScheduleProblemError(
                    "A scene order (A before B) names a scene that is no longer in the script.",
                    "Remove that order in the schedule setup.",
                )
            if before == after:
                raise ScheduleProblemError(
                    f"{self.label(before).capitalize()} cannot come before itself.",
                    "Remove that order in the schedule setup.",
                )
