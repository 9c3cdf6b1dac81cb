"""The day cutter: the cheapest legal day breaks of a running order, checked against brute force."""

import itertools

import pytest

from scheduling.checker import check_schedule
from scheduling.cutter import DayCutter
from scheduling.generator import generate_problem
from scheduling.lns import board_days
from scheduling.lower_bound import lower_bound
from scheduling.problem import CastMember
from scheduling.sequencer import keep_precedences, running_sequence
from scheduling.shoot_days import as_shoot_days
from studio.models.planning import Schedule
from schedule_kit import MONDAY, problem, strip


def brute_force_cut(p, order, max_days):
    """Every way to split the order into consecutive days, with dark days between, checked by the
    independent checker."""
    best = None
    n = len(order)
    # each break: 0 same day, 1 next day, 2 or 3 with dark days between; also dark days first
    for leading, *breaks in itertools.product((0, 1, 2), *[(0, 1, 2, 3)] * (n - 1)):
        days, today = [[] for _ in range(leading)], [order[0]]
        for st, b in zip(order[1:], breaks):
            if b:
                days.append(today)
                days.extend([] for _ in range(b - 1))
                today = []
            today.append(st)
        days.append(today)
        if len(days) > max_days:
            continue
        report = check_schedule(p, Schedule(days=as_shoot_days(p, days)))
        if report.ok and (best is None or report.total < best):
            best = report.total
    return best


CASES = [
    problem([strip(1, "QUAY", ("ISLA",), hours=5), strip(2, "QUAY", ("ISLA", "JONAH"), hours=6),
             strip(3, "FERRY", ("JONAH",), hours=4, night=True), strip(4, "FERRY", ("ISLA",), hours=5),
             strip(5, "QUAY", ("ISLA",), hours=3)], turnaround=True),
    problem([strip(1, "QUAY", ("ISLA",), hours=4, night=True), strip(2, "QUAY", ("ISLA",), hours=4, night=True),
             strip(3, "FERRY", ("JONAH", "ISLA"), hours=7), strip(4, "FERRY", ("JONAH",), hours=3)],
            max_consecutive_nights=1, locks={"s3": 3}),
    problem([strip(1, cast=("ISLA",), hours=6), strip(2, cast=("JONAH",), hours=6), strip(3, cast=("ISLA",), hours=6),
             strip(4, "FERRY", ("JONAH",), hours=2)],
            cast=[CastMember(name="ISLA", daily_rate=1000, unavailable=frozenset({MONDAY})),
                  CastMember(name="JONAH", daily_rate=2500)], precedences=(("s2", "s3"),)),
]


@pytest.mark.parametrize("p", CASES)
def test_the_cut_is_the_brute_force_optimum_of_its_order(p):
    cutter = DayCutter(p, 8)
    for order in itertools.islice(itertools.permutations(p.strips), 0, None, 13):
        order = list(order)
        cut = cutter.cut(order)
        expected = brute_force_cut(p, order, 8)
        if expected is None:
            assert cut is None
            continue
        assert cut is not None
        report = check_schedule(p, Schedule(days=as_shoot_days(p, cut.days)))
        assert report.ok, report.violations
        assert report.total == pytest.approx(cut.cost) == pytest.approx(expected)


def test_an_order_that_breaks_a_scene_order_has_no_cut():
    p = problem([strip(1), strip(2)], precedences=(("s2", "s1"),))
    assert DayCutter(p, 4).cut(list(p.strips)) is None
    assert [st.id for st in keep_precedences(p, list(p.strips))] == ["s2", "s1"]


def test_a_feature_sized_order_cuts_legally_and_repeatably():
    p = generate_problem(5, scenes=120, cast=30, locations=20).model_copy(update={"locks": {}})
    first = running_sequence(p, 80, seed=3)
    assert first == running_sequence(p, 80, seed=3)
    assert sorted(st.id for st in first) == sorted(st.id for st in p.strips)
    cut = DayCutter(p, 80).cut(first)
    if cut is not None:
        report = check_schedule(p, Schedule(days=as_shoot_days(p, board_days(cut))))
        assert report.ok, report.violations
        assert report.total <= cut.cost + 1e-6  # unpaid drops can only make it cheaper
        assert lower_bound(p) <= report.total


def test_the_lower_bound_is_below_the_brute_force_optimum():
    from test_schedule_solve import brute_force

    p = problem([strip(1, "QUAY", ("ISLA", "JONAH"), hours=6), strip(2, "FERRY", ("ISLA",), hours=6, night=True),
                 strip(3, "FERRY", ("JONAH",), hours=5), strip(4, "QUAY", ("ISLA",), hours=5)])
    assert 0 < lower_bound(p) <= brute_force(p, 4)


def test_the_quick_cut_is_legal_truly_priced_and_never_below_the_full_cut():
    import random

    from scheduling.lns import OrderSearch
    from scheduling.sequencer import cut_sequence

    p = generate_problem(2, scenes=60, cast=20, locations=12)
    full = DayCutter(p, 60)
    quick = full.quick()
    order, start = cut_sequence(p, full, running_sequence(p, 60))
    assert quick.slack < full.slack and start is not None and full.cut(order) == start  # the original is untouched
    moves = OrderSearch(p, full, seed=1)
    rng = random.Random(4)
    same = 0
    for _ in range(12):
        trial = rng.choice(moves.moves)(order) or order
        cut, best = quick.cut(trial), full.cut(trial)
        if cut is None:
            continue
        assert best is not None and cut.cost >= best.cost - 1e-6
        same += cut.cost == pytest.approx(best.cost)
        report = check_schedule(p, Schedule(days=as_shoot_days(p, board_days(cut))))
        assert report.ok, report.violations
        assert report.total <= cut.cost + 1e-6  # unpaid drops can only make it cheaper
        order = trial
    assert same > 0


def test_the_cut_leaves_time_for_the_moves_the_tidied_day_makes():
    # QUAY, FERRY, QUAY in that order is one move once the day is tidied by location
    strips = [strip(1, "QUAY", ("ISLA",), hours=3), strip(2, "FERRY", ("ISLA",), hours=3),
              strip(3, "QUAY", ("ISLA",), hours=3)]
    p = problem(strips, company_move_hours=1)
    assert [len(day) for day in DayCutter(p, 8).cut(list(p.strips)).days] == [3]  # 9 h + 1 move fits 10 h
    tight = problem(strips, company_move_hours=1.5)
    cut = DayCutter(tight, 8).cut(list(tight.strips))
    assert [len(day) for day in cut.days] != [3]
    assert check_schedule(tight, Schedule(days=as_shoot_days(tight, board_days(cut)))).ok
