"""Day Out of Days codes on hand-made schedules, one edge case at a time."""

from __future__ import annotations

import pytest
from board_kit import START, board, scene

from scheduling.reports.dood import day_out_of_days


def _rows(b, drop_after=None):
    return {r.name: r for r in day_out_of_days(b, drop_after).rows}


def _one_actor_board(work_days: list[int], n_days: int):
    """ANA works on `work_days` (1-based) of an n-day board; BEN fills every other day."""
    scenes, days = [], []
    for d in range(1, n_days + 1):
        cast = ["ANA"] if d in work_days else ["BEN"]
        scenes.append(scene(str(d), "INT. ROOM - DAY", cast))
        days.append([str(d)])
    return board(scenes, days)


def test_start_work_and_finish_on_consecutive_days():
    ana = _rows(_one_actor_board([1, 2, 3], 3))["ANA"]
    assert ana.codes == ["SW", "W", "WF"]
    assert (ana.work, ana.hold, ana.drop, ana.total) == (3, 0, 0, 3)
    assert (ana.start_day, ana.finish_day, ana.start, ana.finish) == (1, 3, START, START.replace(day=START.day + 2))


def test_one_day_is_start_work_finish():
    rows = _rows(_one_actor_board([2], 3))
    assert rows["ANA"].codes == ["", "SWF", ""]
    assert (rows["ANA"].work, rows["ANA"].total) == (1, 1)
    # BEN works days 1 and 3 and is held on the day between.
    assert rows["BEN"].codes == ["SW", "H", "WF"]
    assert (rows["BEN"].work, rows["BEN"].hold, rows["BEN"].total) == (2, 1, 3)


def test_two_consecutive_days_have_no_plain_work_day():
    assert _rows(_one_actor_board([3, 4], 5))["ANA"].codes == ["", "", "SW", "WF", ""]


def test_gaps_are_held_when_there_is_no_drop_rule():
    ana = _rows(_one_actor_board([1, 5], 5))["ANA"]
    assert ana.codes == ["SW", "H", "H", "H", "WF"]
    assert (ana.work, ana.hold, ana.drop, ana.total) == (2, 3, 0, 5)


def test_a_long_gap_is_a_drop_and_a_pick_up():
    ana = _rows(_one_actor_board([1, 2, 6, 7], 7), drop_after=3)["ANA"]
    assert ana.codes == ["SW", "W", "D", "", "", "PW", "WF"]
    assert (ana.work, ana.hold, ana.drop, ana.total) == (4, 0, 3, 4)


def test_a_gap_shorter_than_the_drop_rule_is_held():
    ana = _rows(_one_actor_board([1, 4, 5], 5), drop_after=3)["ANA"]
    assert ana.codes == ["SW", "H", "H", "W", "WF"]
    assert ana.hold == 2 and ana.drop == 0


def test_a_gap_exactly_the_drop_rule_is_dropped():
    ana = _rows(_one_actor_board([1, 5], 5), drop_after=3)["ANA"]
    assert ana.codes == ["SW", "D", "", "", "PW"]
    assert (ana.work, ana.hold, ana.drop) == (2, 0, 3)


def test_pick_up_on_the_last_day_keeps_the_pick_up_code():
    # Picked up on their last day: PW (their finish date is in the finish column).
    ana = _rows(_one_actor_board([2, 6], 6), drop_after=2)["ANA"]
    assert ana.codes == ["", "SW", "D", "", "", "PW"]
    assert ana.finish_day == 6


def test_drop_then_hold_in_one_run():
    ana = _rows(_one_actor_board([1, 5, 7], 7), drop_after=3)["ANA"]
    assert ana.codes == ["SW", "D", "", "", "PW", "H", "WF"]
    assert (ana.work, ana.hold, ana.drop, ana.total) == (3, 1, 3, 4)


def test_cast_who_never_work_have_blank_rows():
    b = _one_actor_board([1], 2)
    b.cast.append(b.cast[0].model_copy(update={"id_number": 9, "name": "NOBODY"}))
    nobody = _rows(b)["NOBODY"]
    assert nobody.codes == ["", ""] and nobody.total == 0 and nobody.start is None


def test_several_scenes_on_a_day_count_once():
    scenes = [scene("1", "INT. A - DAY", ["ANA"]), scene("2", "INT. B - DAY", ["ANA"]), scene("3", "INT. A - DAY", ["ANA"])]
    ana = _rows(board(scenes, [["1", "2"], ["3"]]))["ANA"]
    assert ana.codes == ["SW", "WF"] and ana.work == 2


def test_totals_over_the_whole_cast():
    dood = day_out_of_days(_one_actor_board([1, 3], 3))
    assert dood.days == [1, 2, 3] and dood.dates[0] == START
    assert dood.hold_days == 1  # ANA is held on day 2; BEN works day 2 only


def test_drop_rule_must_count_days():
    with pytest.raises(ValueError):
        day_out_of_days(_one_actor_board([1], 1), drop_after=0)
