"""Stripboard colours, day breaks with their totals, move banners; the one-liner."""

from __future__ import annotations

import datetime as dt

import pytest
from board_kit import START, board, scene

from scheduling.reports.board import DayOff, build_board
from scheduling.reports.one_liner import one_liner
from scheduling.reports.stripboard import STRIP_COLOURS, DayBreak, DayOffBanner, MoveBanner, StripRow, stripboard
from studio.errors import SlatebookError
from studio.models import Schedule, ShootDay

SCENES = [
    scene("1", "INT. KITCHEN - DAY", ["ANA"], eighths=11, synopsis="Ana makes tea."),
    scene("2", "EXT. GARDEN - DAY", ["ANA", "BEN"], eighths=4),
    scene("3", "INT. KITCHEN - NIGHT", ["BEN"], eighths=8),
    scene("4", "EXT. GARDEN - NIGHT", ["ANA"], eighths=3),
    scene("5", "INT./EXT. CAR - NIGHT", ["BEN"], eighths=2),
]
HOURS = {"s1": 2.5, "s2": 1.0, "s3": 2.0, "s4": 1.5, "s5": 3.0}


def _board():
    return board(SCENES, [["1", "2"], ["3", "4", "5"]], hours=HOURS)


def test_strips_take_their_stripboard_colours():
    rows = [r for r in stripboard(_board()) if isinstance(r, StripRow)]
    kinds = {r.strip.number: (r.strip.kind, r.colour) for r in rows}
    assert kinds == {
        "1": ("INT-DAY", "#ffffff"),
        "2": ("EXT-DAY", STRIP_COLOURS["EXT-DAY"]),
        "3": ("INT-NIGHT", STRIP_COLOURS["INT-NIGHT"]),
        "4": ("EXT-NIGHT", STRIP_COLOURS["EXT-NIGHT"]),
        "5": ("EXT-NIGHT", STRIP_COLOURS["EXT-NIGHT"]),  # INT/EXT goes out of doors
    }
    # White, yellow, blue, green: the channel that leads says which.
    r, g, b = _rgb(STRIP_COLOURS["EXT-DAY"])
    assert min(r, g) > b
    r, g, b = _rgb(STRIP_COLOURS["INT-NIGHT"])
    assert b > max(r, g)
    r, g, b = _rgb(STRIP_COLOURS["EXT-NIGHT"])
    assert g > max(r, b)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_each_day_ends_with_a_break_carrying_its_totals():
    breaks = [r for r in stripboard(_board()) if isinstance(r, DayBreak)]
    assert [(b.day, b.date, b.eighths, b.hours) for b in breaks] == [(1, START, 15, 3.5), (2, START.replace(day=7), 13, 6.5)]
    assert breaks[0].label == "End of Day 1 — Mon 06 Oct 2025 — 1 7/8 pgs — 3.5 hrs"
    assert breaks[1].label.endswith("1 5/8 pgs — 6.5 hrs")


def test_undated_days_leave_the_date_out():
    b = board(SCENES, [["1", "2"]], dated=False)
    (day_break,) = [r for r in stripboard(b) if isinstance(r, DayBreak)]
    assert day_break.label == "End of Day 1 — 1 7/8 pgs — 0.0 hrs"


def test_company_moves_get_banners_within_and_between_days():
    rows = stripboard(_board())
    order = [
        r.strip.number if isinstance(r, StripRow) else ("move" if isinstance(r, MoveBanner) else "break") for r in rows
    ]
    # KITCHEN -> GARDEN (day 1), GARDEN -> KITCHEN overnight, KITCHEN -> GARDEN, GARDEN -> CAR (day 2).
    assert order == ["1", "move", "2", "break", "move", "3", "move", "4", "move", "5", "break"]
    banners = [r for r in rows if isinstance(r, MoveBanner)]
    assert banners[0].label == "Company move: KITCHEN → GARDEN"
    assert banners[1].label == "Company move (overnight): GARDEN → KITCHEN"
    assert [b.move.within_day for b in banners] == [True, False, True, True]
    assert len(_board().moves()) == 4


def test_no_banner_when_the_company_stays():
    b = board(SCENES, [["1", "3"]])
    assert not [r for r in stripboard(b) if isinstance(r, MoveBanner)]


def test_multi_day_scene_counts_its_pages_once_and_splits_its_hours():
    b = board(SCENES, [["1"], ["1", "2"]], hours=HOURS)
    first, second = b.days
    assert (first.eighths, second.eighths) == (11, 4)
    assert (first.hours, second.hours) == (1.25, 2.25)
    assert second.strips[0].length == "1 3/8 (day 2 of 2)"


def test_locked_strips_and_unscheduled_scenes():
    b = board(SCENES, [["1", "2"]], locked=["2"])
    assert [s.locked for s in b.days[0].strips] == [False, True]
    assert [s.number for s in b.unscheduled] == ["3", "4", "5"]


def test_a_schedule_naming_a_dropped_scene_is_refused():
    b = _board()
    schedule = Schedule(name="Old", days=[ShootDay(number=1, scene_ids=["gone"])])
    with pytest.raises(SlatebookError, match="no longer in the script"):
        build_board(schedule, {}, b.cast)


def test_one_liner_lists_each_day_with_totals():
    days = one_liner(_board())
    assert [d.title for d in days] == ["Shoot Day 1 — Mon 06 Oct 2025", "Shoot Day 2 — Tue 07 Oct 2025"]
    first = days[0].lines[0]
    assert first.text == "Sc. 1  INT. KITCHEN - DAY  1 3/8 pgs · cast 1 — Ana makes tea."
    assert days[0].lines[1].cast == "1, 2"
    assert days[0].total == "End of Day 1: 1 7/8 pgs · 3.5 hrs · 1 company move"
    assert days[1].total == "End of Day 2: 1 5/8 pgs · 6.5 hrs · 3 company moves"


def test_a_day_without_scenes_says_so():
    b = board(SCENES, [["1"], [], ["2"]])
    breaks = [r.label for r in stripboard(b) if isinstance(r, DayBreak)]
    assert breaks[1] == "Day 2 — Tue 07 Oct 2025 — no scenes"


def test_a_holiday_between_shoot_days_gets_a_no_shooting_banner():
    b = _board()
    # Day 1 is Monday; the holidays take Tuesday and Wednesday, so day 2 is Thursday.
    b.days[1].date = START + dt.timedelta(days=3)
    tuesday, wednesday = START + dt.timedelta(days=1), START + dt.timedelta(days=2)
    b.days_off = [DayOff(date=wednesday, name="Production day off"), DayOff(date=tuesday, name="Founders' Day")]
    rows = stripboard(b)
    kinds = [type(r).__name__ for r in rows]
    assert kinds[kinds.index("DayBreak") + 1 : kinds.index("DayBreak") + 3] == ["DayOffBanner", "DayOffBanner"]
    banners = [r for r in rows if isinstance(r, DayOffBanner)]
    assert [r.label for r in banners] == [
        "No shooting Tue 07 Oct 2025 — Founders' Day",
        "No shooting Wed 08 Oct 2025 — Production day off",
    ]
    assert {r.day for r in banners} == {1}
    assert [d.date for d in one_liner(b)[0].days_off] == [tuesday, wednesday]
    assert one_liner(b)[1].days_off == []


def test_a_holiday_before_the_first_shoot_day_opens_the_board():
    b = _board()
    b.days_off = [DayOff(date=START - dt.timedelta(days=3), name="Labour Day")]
    first = stripboard(b)[0]
    assert isinstance(first, DayOffBanner) and first.day == 0
