"""Two schedules side by side: days, holds, moves and cost, and what changed."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from scheduling.reports.board import Board
from scheduling.evaluate import FAMILY_NAMES, money
from scheduling.reports.costs import cost_breakdown, family_name
from scheduling.reports.dood import day_out_of_days
from studio.models import format_eighths
from studio.models.planning import CostItem


class ScheduleSummary(BaseModel):
    name: str
    days: int
    eighths: int
    hold_days: int
    drop_days: int
    moves: int
    day_night_switches: int
    cost: float
    family_costs: dict[str, float] = Field(default_factory=dict)
    cast_holds: dict[str, int] = Field(default_factory=dict)  # cast name -> hold days


class ComparisonRow(BaseModel):
    measure: str
    a: str
    b: str
    difference: str
    better: str = ""  # "a", "b" or "" (equal, or not a cost)


def summarise(board: Board, cost_items: Iterable[CostItem], drop_after: int | None = None) -> ScheduleSummary:
    dood = day_out_of_days(board, drop_after)
    items = list(cost_items)
    breakdown = cost_breakdown(items)
    return ScheduleSummary(
        name=board.name,
        days=len(board.days),
        eighths=board.eighths,
        hold_days=dood.hold_days,
        drop_days=sum(r.drop for r in dood.rows),
        # Moves and switches as the cost counts them, so the counts and the money agree.
        moves=sum(1 for i in items if i.family == "company_moves"),
        day_night_switches=sum(1 for i in items if i.family == "day_night_switches"),
        cost=breakdown.total,
        family_costs={f.key: f.total for f in breakdown.families},
        cast_holds={r.name: r.hold for r in dood.rows if r.hold},
    )


def compare(a: ScheduleSummary, b: ScheduleSummary) -> list[ComparisonRow]:
    """Rows of measures; `difference` is B minus A, and `better` names the cheaper side."""
    rows = [
        _count("Shoot days", a.days, b.days),
        ComparisonRow(measure="Pages", a=format_eighths(a.eighths), b=format_eighths(b.eighths), difference=_signed(b.eighths - a.eighths, "/8")),
        _count("Cast hold days", a.hold_days, b.hold_days),
        _count("Cast drop days", a.drop_days, b.drop_days),
        _count("Company moves", a.moves, b.moves),
        _count("Day/night switches", a.day_night_switches, b.day_night_switches),
    ]
    for key in [k for k in FAMILY_NAMES if k in a.family_costs or k in b.family_costs] + sorted(
        (set(a.family_costs) | set(b.family_costs)) - set(FAMILY_NAMES)
    ):
        rows.append(_money(f"Cost: {family_name(key).lower()}", a.family_costs.get(key, 0.0), b.family_costs.get(key, 0.0)))
    rows.append(_money("Total cost", a.cost, b.cost))
    for name in sorted(set(a.cast_holds) | set(b.cast_holds)):
        rows.append(_count(f"Hold days: {name}", a.cast_holds.get(name, 0), b.cast_holds.get(name, 0)))
    return rows


def _count(measure: str, a: int, b: int) -> ComparisonRow:
    return ComparisonRow(measure=measure, a=str(a), b=str(b), difference=_signed(b - a), better=_better(a, b))


def _money(measure: str, a: float, b: float) -> ComparisonRow:
    diff = b - a
    sign = "+" if diff > 0 else "-"
    return ComparisonRow(
        measure=measure, a=money(a), b=money(b),
        difference="0" if round(diff) == 0 else f"{sign}{money(abs(diff))}", better=_better(round(a), round(b)),
    )


def _signed(value: int, unit: str = "") -> str:
    return f"{value:+d}{unit}" if value else "0"


def _better(a: float, b: float) -> str:
    return "" if a == b else ("a" if a < b else "b")
