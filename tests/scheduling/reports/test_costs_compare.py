"""The cost broken into families and items; two schedules side by side."""

from __future__ import annotations

from board_kit import board, scene

from scheduling.reports.compare import compare, summarise
from scheduling.reports.costs import cost_breakdown
from studio.models.planning import CostItem

ITEMS = [
    CostItem(family="cast_holds", label="BEN held 1 day × $800", amount=800, quantity=1, unit_cost=800, subject="BEN", days=[2]),
    CostItem(family="shoot_days", label="3 shoot days × $15,000", amount=45000, quantity=3, unit_cost=15000),
    CostItem(family="cast_holds", label="ANA held 2 days × $1,200", amount=2400, quantity=2, unit_cost=1200, subject="ANA", days=[2, 3]),
    CostItem(family="company_moves", label="KITCHEN → GARDEN on day 1", amount=4000, subject="GARDEN", days=[1]),
    CostItem(family="overtime", label="Day 2 runs 1 hour over", amount=500),
]


def test_families_in_reading_order_with_the_largest_item_first():
    breakdown = cost_breakdown(ITEMS)
    assert [f.name for f in breakdown.families] == ["Shoot days", "Cast holds", "Company moves", "Overtime"]
    holds = breakdown.family("cast_holds")
    assert (holds.total, holds.quantity) == (3200, 3)
    assert [i.subject for i in holds.items] == ["ANA", "BEN"]
    assert breakdown.total == 45000 + 3200 + 4000 + 500


def test_breakdown_reads_as_lines():
    lines = cost_breakdown(ITEMS).lines()
    assert lines[0] == "Shoot days: $45,000"
    assert "  ANA held 2 days × $1,200: $2,400" in lines
    assert lines[-1] == "Total: $52,700"


SCENES = [
    scene("1", "INT. KITCHEN - DAY", ["ANA", "BEN"]),
    scene("2", "EXT. GARDEN - NIGHT", ["BEN"]),
    scene("3", "INT. KITCHEN - DAY", ["ANA"]),
]


MOVE = CostItem(family="company_moves", label="move", amount=4000)
SWITCH = CostItem(family="day_night_switches", label="switch", amount=2000)


def test_compare_two_orders_of_the_same_scenes():
    # A: kitchen, garden at night, kitchen again: ANA held, two moves, two switches.
    a = summarise(board(SCENES, [["1"], ["2"], ["3"]]), [*ITEMS[:3], MOVE, MOVE, SWITCH, SWITCH])
    # B: both kitchen scenes on day 1, then the garden night.
    b = summarise(board(SCENES, [["1", "3"], ["2"]]), [ITEMS[1], MOVE, SWITCH])
    assert (a.days, a.hold_days, a.moves, a.day_night_switches) == (3, 1, 2, 2)
    assert (b.days, b.hold_days, b.moves, b.day_night_switches) == (2, 0, 1, 1)
    assert a.cast_holds == {"ANA": 1} and b.cast_holds == {}
    rows = {r.measure: r for r in compare(a, b)}
    assert (rows["Shoot days"].a, rows["Shoot days"].b, rows["Shoot days"].difference, rows["Shoot days"].better) == ("3", "2", "-1", "b")
    assert rows["Company moves"].difference == "-1" and rows["Day/night switches"].b == "1"
    assert rows["Pages"].difference == "0" and rows["Pages"].better == ""
    assert (rows["Total cost"].a, rows["Total cost"].b, rows["Total cost"].difference) == ("$60,200", "$51,000", "-$9,200")
    assert rows["Cost: cast holds"].b == "$0"
    assert rows["Hold days: ANA"].better == "b"


def test_comparing_a_schedule_with_itself_shows_no_difference():
    s = summarise(board(SCENES, [["1"], ["2"], ["3"]]), ITEMS)
    assert all(r.difference == "0" and r.better == "" for r in compare(s, s))
