"""Shooting schedules and budgets."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from studio.models.ids import new_id, utc_now


class ShootDay(BaseModel):
    number: int
    date: dt.date | None = None
    scene_ids: list[str] = Field(default_factory=list)


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
