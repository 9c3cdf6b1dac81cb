import itertools

import pytest

from scheduling.checker import check_schedule
from scheduling.evaluate import evaluate
from scheduling.problem import CastMember
from scheduling.shoot_days import as_shoot_days
from scheduling.solve import solve_schedule
from studio.models.planning import Schedule
from schedule_kit import MONDAY, problem, strip


def solved(p, **kw):
    result = solve_schedule(p, time_limit_s=kw.pop("time_limit_s", 10), **kw)
    assert result.schedule is not None, result.conflicts or result.message
    report = check_schedule(p, result.schedule)
    assert report.ok, report.violations
    # the independent checker's cost is the cost reported, family by family
    assert report.terms == pytest.approx(result.schedule.cost_terms)
    assert report.total == pytest.approx(result.objective)
    assert result.bound <= result.objective + 1e-6
    return result


def test_strips_that_fit_share_one_day():
    p = problem([strip(1, cast=("ISLA",)), strip(2, cast=("ISLA", "JONAH"))])
    result = solved(p)
    assert result.status == "optimal"
    assert [len(d.scene_ids) for d in result.schedule.days] == [2]
    assert result.schedule.days[0].date == MONDAY
    assert result.objective == 10000 + 2 * 1000


def test_cost_items_explain_the_total():
    p = problem([strip(1, "QUAY", ("ISLA",), hours=8), strip(2, "FERRY", ("JONAH",), hours=8),
                 strip(3, "QUAY", ("ISLA",), hours=8)])
    result = solved(p)
    items = result.schedule.cost_items
    assert sum(i.amount for i in items) == pytest.approx(result.objective)
    assert any(i.label.startswith("3 shoot days") for i in items)
    # ISLA's scenes go on consecutive days rather than around JONAH's: no hold
    assert not any(i.family == "cast_holds" and i.amount for i in items)


def brute_force(p, max_days):
    """The cheapest rule-abiding schedule by trying every assignment and every day's location order."""
    best = None
    for assignment in itertools.product(range(max_days), repeat=len(p.strips)):
        per_day = [[s for s, d in zip(p.strips, assignment) if d == day] for day in range(max_days)]
        while per_day and not per_day[-1]:
            per_day.pop()
        orders = [list(itertools.permutations(day)) or [()] for day in per_day]
        for choice in itertools.product(*orders):
            schedule = Schedule(days=as_shoot_days(p, [list(c) for c in choice]))
            report = check_schedule(p, schedule)
            if report.ok and (best is None or report.total < best):
                best = report.total
    return best


def test_brute_force_optimum_with_holds_moves_and_nights():
    p = problem(
        [strip(1, "QUAY", ("ISLA", "JONAH"), hours=6), strip(2, "FERRY", ("ISLA",), hours=6, night=True),
         strip(3, "FERRY", ("JONAH",), hours=5), strip(4, "QUAY", ("ISLA",), hours=5, night=True),
         strip(5, "FERRY", ("ISLA", "JONAH"), hours=4)],
        turnaround=True,
    )
    result = solved(p)
    assert result.status == "optimal"
    assert result.objective == pytest.approx(brute_force(p, 4))


def test_drop_and_pick_up_is_unpaid_only_after_a_long_gap():
    strips = [strip(1, cast=("ISLA",), hours=9)] + [strip(n, cast=("JONAH",), hours=9) for n in range(2, 6)] \
        + [strip(6, cast=("ISLA",), hours=9)]
    precedences = tuple(("s1", f"s{n}") for n in range(2, 6)) + tuple((f"s{n}", "s6") for n in range(2, 6))
    held = solved(problem(strips, precedences=precedences, drop_pickup_days=5)).schedule
    assert any(i.label == "ISLA held 4 days × $1,000 (days 2–5)" for i in held.cost_items)
    dropped = solved(problem(strips, precedences=precedences, drop_pickup_days=4)).schedule
    assert not any(i.family == "cast_holds" and i.amount for i in dropped.cost_items)
    assert any("dropped after day 1, picked up day 6" in i.label for i in dropped.cost_items)


def test_multi_day_strip_takes_consecutive_days_alone():
    p = problem([strip(1, "SEA", ("ISLA",), days=2), strip(2, cast=("ISLA",)), strip(3, cast=("ISLA",))])
    days = solved(p).schedule.days
    assert sum(d.scene_ids == ["s1"] for d in days) == 2


def test_streamed_progress_and_a_hint_that_keeps_the_schedule():
    p = problem([strip(n, ("QUAY", "FERRY")[n % 2], (("ISLA",), ("JONAH",), ("ISLA", "JONAH"))[n % 3], hours=3)
                 for n in range(1, 9)])
    seen = []
    first = solved(p, on_solution=seen.append)
    assert seen and seen == first.progress
    assert all(b.objective <= a.objective for a, b in zip(seen, seen[1:]))
    again = solved(p, hint=first.schedule)
    assert again.objective == pytest.approx(first.objective)


def test_unavailable_cast_and_location_windows_are_kept():
    isla = CastMember(name="ISLA", daily_rate=1000, unavailable=frozenset({MONDAY}))
    p = problem([strip(1, cast=("ISLA",), hours=9), strip(2, cast=("JONAH",), hours=9)],
                cast=[isla, CastMember(name="JONAH", daily_rate=1000)])
    days = solved(p).schedule.days
    assert days[0].scene_ids == ["s2"]


def test_lock_against_unavailability_is_explained():
    isla = CastMember(name="ISLA", daily_rate=1000, unavailable=frozenset({MONDAY}))
    p = problem([strip(1, cast=("ISLA",)), strip(2, cast=("JONAH",))], locks={"s1": 1},
                cast=[isla, CastMember(name="JONAH", daily_rate=1000)])
    result = solve_schedule(p, time_limit_s=5)
    assert result.status == "infeasible" and result.schedule is None
    texts = [c.text for c in result.conflicts]
    assert texts == ["ISLA is unavailable 1 Mar.", "Scene 1 is locked to day 1."] or \
        sorted(texts) == sorted(["ISLA is unavailable 1 Mar.", "Scene 1 is locked to day 1."])
    assert all(c.hint for c in result.conflicts)


def test_turnaround_conflict_names_the_rule_and_both_locks():
    p = problem([strip(1, night=True), strip(2), strip(3)], locks={"s1": 1, "s2": 2})
    result = solve_schedule(p, time_limit_s=5)
    assert result.status == "infeasible"
    assert {c.key for c in result.conflicts} == {"turnaround", "lock:s1", "lock:s2"}
    assert any("no day work on the day after a night shoot" in c.text for c in result.conflicts)


def test_max_days_and_capacity_conflict():
    p = problem([strip(n, hours=6) for n in range(1, 5)], max_days=1)
    result = solve_schedule(p, time_limit_s=5)
    assert {c.key for c in result.conflicts} == {"capacity", "max_days"}


def test_evaluate_prices_a_hand_move_and_lists_what_it_breaks():
    isla = CastMember(name="ISLA", daily_rate=1200, unavailable=frozenset({MONDAY}))
    p = problem([strip(1, cast=("ISLA",), hours=9), strip(2, cast=("JONAH",), hours=9)],
                cast=[isla, CastMember(name="JONAH", daily_rate=1000)])
    best = solved(p).schedule
    moved = Schedule(days=[d.model_copy(update={"scene_ids": list(reversed(d.scene_ids))}) for d in best.days])
    swapped = Schedule(days=as_shoot_days(p, [[p.strip_by_id["s1"]], [p.strip_by_id["s2"]]]))
    evaluation = evaluate(p, swapped)
    assert evaluation.violations == ["ISLA works on day 1 (2027-03-01) but is unavailable."]
    assert evaluation.total == pytest.approx(evaluate(p, moved).total)


def test_a_company_move_takes_its_time_out_of_the_day():
    # 5 h at the quay and 4 h on the ferry fit a 10 h day, but not with a 1.5 h move between them
    strips = [strip(1, "QUAY", ("ISLA",), hours=5), strip(2, "FERRY", ("ISLA",), hours=4)]
    assert [len(d.scene_ids) for d in solved(problem(strips)).schedule.days] == [2]
    slow = problem(strips, company_move_hours=1.5)
    result = solved(slow)
    assert [len(d.scene_ids) for d in result.schedule.days] == [1, 1]
    one_day = Schedule(days=as_shoot_days(slow, [list(slow.strips)]))
    assert one_day.days[0].hours == pytest.approx(10.5)  # a day's hours count its move
    assert "Day 1 runs 10.50 h with 1 company move, over 10 h." in check_schedule(slow, one_day).violations
    # two strips at one location are not a move: 5 h + 4.5 h still share the day
    same = problem([strip(1, "QUAY", ("ISLA",), hours=5), strip(2, "QUAY", ("ISLA",), hours=4.5)],
                   company_move_hours=1.5)
    assert [len(d.scene_ids) for d in solved(same).schedule.days] == [1 + 1]


def test_a_moved_strip_joins_the_days_scenes_at_its_location():
    from scheduling.reports.versions import move_strip

    p = problem([strip(1, "QUAY"), strip(2, "FERRY"), strip(3, "QUAY"), strip(4, "DINER")])
    board = Schedule(days=as_shoot_days(p, [[p.strip_by_id["s1"], p.strip_by_id["s2"]], [p.strip_by_id["s3"]],
                                            [p.strip_by_id["s4"]]]))
    assert move_strip(p, board, "s3", 1).days[0].scene_ids == ["s1", "s3", "s2"]  # no move back to the quay
    assert move_strip(p, board, "s4", 1).days[0].scene_ids == ["s1", "s2", "s4"]  # a new location goes last


def test_a_board_longer_than_the_model_gets_a_model_with_room_for_it(monkeypatch):
    import scheduling.solve as solve_module
    from scheduling.model import day_horizon

    p = problem([strip(n, ("QUAY", "FERRY")[n % 2], ("ISLA",) if n % 3 else ("JONAH",)) for n in range(1, 19)])
    spread = Schedule(days=as_shoot_days(p, [[st] for st in p.strips]))  # one scene a day
    assert len(spread.days) > day_horizon(p) and evaluate(p, spread).feasible

    def a_search_finds_it(problem, cutter, stream, *args):
        stream.best = (spread, evaluate(problem, spread))

    monkeypatch.setattr(solve_module, "_search_orders", a_search_finds_it)
    result = solved(p, time_limit_s=3)
    assert result.objective < evaluate(p, spread).total  # the day search went on from it
