"""Shooting schedules, the setup they are solved from, and budgets."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from studio.models.ids import new_id, utc_now


class CastAvailability(BaseModel):
    """A cast member's terms for this production: what a day costs and when they can work.

    `name` is the cast list name (Character.name). A `daily_rate` of None keeps the rate on the
    cast list, or the setup's default when the cast list has none.
    """

    name: str
    daily_rate: float | None = Field(default=None, ge=0)
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    unavailable: list[dt.date] = Field(default_factory=list)


class LocationAvailability(BaseModel):
    """When a shooting location can be used (a permit window, a venue closed on some dates)."""

    name: str
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    unavailable: list[dt.date] = Field(default_factory=list)


class StripLock(BaseModel):
    """A scene fixed to a shoot day (1 = the first day)."""

    scene_id: str
    day: int = Field(ge=1)


class Precedence(BaseModel):
    """Scene `before` is shot on an earlier day than scene `after` (a haircut, a stunt, a set burnt)."""

    before: str  # scene id
    after: str  # scene id


class ObjectiveWeights(BaseModel):
    """What each kind of cost is worth, in the production's currency.

    Cast holds and work days are priced by each cast member's daily rate, times the factors here
    (0 leaves them out of the objective).
    """

    shoot_day: float = Field(default=15000.0, ge=0)
    cast_hold_factor: float = Field(default=1.0, ge=0)
    cast_work_factor: float = Field(default=1.0, ge=0)
    company_move: float = Field(default=4000.0, ge=0)
    day_night_switch: float = Field(default=2000.0, ge=0)


class ScheduleSetup(BaseModel):
    """Everything the user edits before a schedule is solved; persisted on ProjectSettings.

    Durations: a scene's estimated hours are its pages / `pages_per_hour` plus a setup time by
    INT/EXT (plus `night_setup_hours` at night); `scene_days` gives a scene a fixed length in whole
    shoot days instead. A day holds at most `day_hours` hours and, when set, `day_eighths` eighths;
    each company move within a day (a location after the first) takes `company_move_hours` of them.
    """

    start_date: dt.date | None = None  # None: the next Monday
    work_weekdays: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4])  # Monday = 0
    holidays: list[dt.date] = Field(default_factory=list)  # the production's own days off
    # public holidays where the company shoots, as a country code with an optional region ("US-CA")
    holiday_region: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,4})?$")
    day_hours: float = Field(default=12.0, gt=0, le=24)
    day_eighths: int | None = Field(default=None, ge=1)
    company_move_hours: float = Field(default=1.0, ge=0, le=12)
    pages_per_hour: float = Field(default=0.6, gt=0)
    int_setup_hours: float = Field(default=0.5, ge=0)
    ext_setup_hours: float = Field(default=1.0, ge=0)
    night_setup_hours: float = Field(default=0.5, ge=0)
    scene_days: dict[str, int] = Field(default_factory=dict)  # scene id -> whole shoot days
    default_daily_rate: float = Field(default=1000.0, ge=0)
    cast: list[CastAvailability] = Field(default_factory=list)
    locations: list[LocationAvailability] = Field(default_factory=list)
    set_locations: dict[str, str] = Field(default_factory=dict)  # set name -> shooting location
    locks: list[StripLock] = Field(default_factory=list)
    precedences: list[Precedence] = Field(default_factory=list)
    turnaround: bool = True  # no day work the calendar day after a night's work
    max_consecutive_nights: int | None = Field(default=4, ge=1)
    drop_pickup_days: int | None = Field(default=10, ge=1)  # None: cast are held through every gap
    max_days: int | None = Field(default=None, ge=1)  # the shoot must wrap within this many days
    weights: ObjectiveWeights = Field(default_factory=ObjectiveWeights)
    time_limit_s: float = Field(default=10.0, gt=0, le=600)

    @field_validator("work_weekdays")
    @classmethod
    def _weekdays(cls, v: list[int]) -> list[int]:
        days = sorted(set(v))
        if not days or any(d < 0 or d > 6 for d in days):
            raise ValueError("work days are weekdays 0 (Monday) to 6 (Sunday), at least one")
        return days

    @field_validator("scene_days")
    @classmethod
    def _whole_days(cls, v: dict[str, int]) -> dict[str, int]:
        if any(days < 1 for days in v.values()):
            raise ValueError("a scene's fixed length is at least one shoot day")
        return v


class ShootDay(BaseModel):
    """One day of the stripboard; `scene_ids` are in shooting order (a multi-day scene repeats)."""

    number: int
    date: dt.date | None = None
    scene_ids: list[str] = Field(default_factory=list)
    hours: float | None = None
    eighths: int | None = None


class CostItem(BaseModel):
    """One explainable piece of a schedule's cost, e.g. "ISLA held 3 days x $1,200"."""

    family: str  # "shoot_days", "cast_work", "cast_holds", "company_moves", "day_night_switches"
    label: str
    amount: float
    quantity: float = 1.0
    unit_cost: float = 0.0
    subject: str = ""  # the cast member or location the item is about
    days: list[int] = Field(default_factory=list)  # day numbers the item is about


class Schedule(BaseModel):
    id: str = Field(default_factory=new_id)
    name: str = "Schedule"
    created_at: dt.datetime = Field(default_factory=utc_now)
    days: list[ShootDay] = Field(default_factory=list)
    status: str = ""  # "optimal", "feasible", "infeasible", "manual"
    objective: float | None = None
    bound: float | None = None
    cost_terms: dict[str, float] = Field(default_factory=dict)
    parameters: dict[str, object] = Field(default_factory=dict)
    # Optional additions (older rows load with their defaults):
    gap: float | None = None
    cost_items: list[CostItem] = Field(default_factory=list)
    setup: ScheduleSetup | None = None  # what this version was solved from


class BudgetLine(BaseModel):
    account: str  # e.g. "1300"
    description: str
    amount: float
    fringe_rate: float = 0.0

    @property
    def total(self) -> float:
        return self.amount * (1.0 + self.fringe_rate)


class Budget(BaseModel):
    id: str = Field(default_factory=new_id)
    name: str = "Estimate"
    created_at: dt.datetime = Field(default_factory=utc_now)
    schedule_id: str | None = None
    currency: str = "USD"
    lines: list[BudgetLine] = Field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(line.total for line in self.lines)
