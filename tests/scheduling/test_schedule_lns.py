"""The order search (LNS on the running order): legal boards only, never worse, stops on request,
and repeatable with a seed."""

import pytest

from scheduling.checker import check_schedule
from scheduling.cutter import DayCutter
from scheduling.evaluate import evaluate
from scheduling.generator import generate_problem
from scheduling.lns import OrderSearch, board_days, price, runs_of
from scheduling.model import day_horizon
from scheduling.problem import CastMember
from scheduling.shoot_days import as_shoot_days
from scheduling.solve import solve_schedule
from studio.models.planning import Schedule
from schedule_kit import problem, strip

PLACES = ("QUAY", "FERRY", "SEA", "HARBOUR")


def scattered():
    """24 strips whose script order zig-zags between four locations and three actors, with nights,
    a lock and a scene order: a poor running order with plenty to gain."""
    cast = (("ISLA",), ("JONAH",), ("MARGIT", "ISLA"), ("JONAH", "PETRA"))
    strips = [strip(n, PLACES[n % 4], cast[(n * 7) % 4], hours=2 + n % 3, night=n % 5 == 0) for n in range(1, 25)]
    members = [CastMember(name="ISLA", daily_rate=3000), CastMember(name="JONAH", daily_rate=2000),
               CastMember(name="MARGIT", daily_rate=800), CastMember(name="PETRA", daily_rate=800)]
    return problem(strips, cast=members, locks={"s2": 1}, precedences=(("s3", "s24"),),
                   max_consecutive_nights=2, drop_pickup_days=4)


def searched(p, seed=0, steps=150):
    cutter = DayCutter(p, 2 * day_horizon(p))
    order = list(p.strips)
    cut = cutter.cut(order)
    assert cut is not None
    seen = []
    found = OrderSearch(p, cutter, seed).run(order, cut, max_steps=steps, on_better=seen.append)
    return cut, found, seen


def board(p, cut):
    return Schedule(days=as_shoot_days(p, board_days(cut)))


def test_every_improvement_is_a_legal_board_priced_as_evaluate_prices_it():
    p = scattered()
    start, found, seen = searched(p)
    assert seen, "the zig-zag order should improve"
    costs = [price(p, start)] + [f.cost for f in seen]
    assert all(b < a for a, b in zip(costs, costs[1:]))  # never worse than the incumbent
    for f in seen:
        report = check_schedule(p, board(p, f.cut))
        assert report.ok, report.violations
        assert evaluate(p, board(p, f.cut)).total == pytest.approx(f.cost)
    assert found.cost == seen[-1].cost
    # the search gathers the zig-zag: fewer runs at one location than it started with
    assert len(runs_of(found.order)) < len(runs_of(list(p.strips)))


def test_same_seed_gives_the_same_order():
    p = scattered()
    _, first, _ = searched(p, seed=3)
    _, again, _ = searched(p, seed=3)
    assert [st.id for st in first.order] == [st.id for st in again.order]
    assert first.cost == again.cost


def test_stop_ends_the_search_at_once():
    p = scattered()
    cutter = DayCutter(p, 2 * day_horizon(p))
    cut = cutter.cut(list(p.strips))
    found = OrderSearch(p, cutter).run(list(p.strips), cut, max_steps=10_000, stop=lambda: True)
    assert found.order == list(p.strips) and found.cost == price(p, cut)


def test_solver_with_lns_keeps_rules_and_beats_its_first_board():
    p = scattered()
    steps = []
    result = solve_schedule(p, time_limit_s=4, on_solution=steps.append)
    assert result.schedule is not None
    for step in steps:
        assert check_schedule(p, step.schedule).ok
        assert step.bound <= step.objective
    assert result.objective <= steps[0].objective
    assert result.bound <= result.objective


def block_search(p, seed):
    from scheduling.lns import BlockSearch
    from scheduling.sequencer import block_order, blocks_of
    cutter = DayCutter(p, 2 * day_horizon(p))
    blocks = blocks_of(p, cutter.horizon)
    search = BlockSearch(p, cutter, blocks, seed)
    start = search.price(block_order(p, blocks, seed))
    seen = []
    order, found = search.run(block_order(p, blocks, seed), max_steps=40, on_better=seen.append)
    return start, order, found, seen


def test_block_search_keeps_the_weeks_legal_never_worsens_and_repeats():
    p = scattered()
    start, order, found, seen = block_search(p, seed=5)
    assert start is not None and found is not None
    assert found.cost <= start.cost
    costs = [start.cost] + [f.cost for f in seen]
    assert all(b < a for a, b in zip(costs, costs[1:]))
    for f in seen + [found]:
        schedule = board(p, f.cut)
        assert check_schedule(p, schedule).ok
        assert evaluate(p, schedule).total == pytest.approx(f.cost)
    _, again, found_again, _ = block_search(p, seed=5)
    assert again == order and found_again.cost == found.cost


def test_tidy_days_groups_each_day_by_location_and_meets_the_next_day():
    from scheduling.shoot_days import company_moves, tidy_days
    a1, b1, a2, c1, b2 = strip(1, "QUAY"), strip(2, "FERRY"), strip(3, "QUAY"), strip(4, "SEA"), strip(5, "FERRY")
    days = [[a1, b1, a2], [], [c1, b2], [b1.model_copy(update={"id": "s6"})]]
    tidy = tidy_days(days)
    assert [sorted(st.id for st in d) for d in tidy] == [sorted(st.id for st in d) for d in days]
    assert [st.location for st in tidy[0]] == ["QUAY", "QUAY", "FERRY"]
    assert [st.location for st in tidy[2]] == ["SEA", "FERRY"]  # wraps where day 4 opens
    assert company_moves(days) == 3 and company_moves(tidy) == 2  # none across the dark day


def test_shaken_restarts_keep_every_board_legal_never_worse_and_repeat():
    p = scattered()
    cutter = DayCutter(p, 2 * day_horizon(p))
    start = cutter.cut(list(p.strips))

    def restarted(seed):
        search = OrderSearch(p, cutter, seed)
        seen = []
        found = search.run(list(p.strips), start, max_steps=400, patience=25, restarts=8, on_better=seen.append)
        return found, seen

    found, seen = restarted(seed=4)
    costs = [price(p, start)] + [f.cost for f in seen]
    assert all(b < a for a, b in zip(costs, costs[1:]))
    assert found.cost == min(costs)
    for f in seen:
        assert check_schedule(p, board(p, f.cut)).ok
        assert evaluate(p, board(p, f.cut)).total == pytest.approx(f.cost)
    again, _ = restarted(seed=4)
    assert [st.id for st in again.order] == [st.id for st in found.order] and again.cost == found.cost
    # a shaken order is cuttable and priced as the cutter prices it
    shaken = OrderSearch(p, cutter, 1).kick(found.order)
    assert shaken is not None and sorted(st.id for st in shaken[0]) == sorted(st.id for st in p.strips)
    assert shaken[1] == pytest.approx(price(p, cutter.cut(shaken[0])))


def test_first_boards_come_cheaper_each_time_and_the_block_start_is_the_cheapest_order():
    import time

    from scheduling.sequencer import block_order, blocks_of, cut_sequence, laid_out
    from scheduling.solve import BLOCK_ORDERS, _first_schedules

    p = generate_problem(2, scenes=40, cast=12, locations=8)  # its block orders 4-7 differ in price
    cutter = DayCutter(p, 2 * day_horizon(p))
    firsts = list(_first_schedules(p, cutter, seed=1, until=time.perf_counter() + 60))
    totals = [evaluate(p, schedule).total for schedule, _ in firsts]
    starts = [made for _, made in firsts if made is not None]
    assert starts and all(check_schedule(p, schedule).ok for schedule, _ in firsts)
    assert [s.cost for s in starts] == sorted({s.cost for s in starts}, reverse=True)  # each cheaper
    assert totals[-1] == pytest.approx(starts[-1].cost)
    blocks = blocks_of(p, cutter.horizon)
    tried = [price(p, cut_sequence(p, cutter, laid_out(p, blocks, block_order(p, blocks, seed)))[1])
             for seed in range(BLOCK_ORDERS, 2 * BLOCK_ORDERS)]
    assert len(set(tried)) > 1 and len(starts) > 1
    assert starts[-1].cost == pytest.approx(min(tried))


def test_first_boards_past_their_time_try_one_block_order():
    from scheduling.sequencer import block_order, blocks_of
    from scheduling.solve import BLOCK_ORDERS, _first_schedules

    p = generate_problem(2, scenes=40, cast=12, locations=8)  # given the time, its orders 4-7 make three starts
    cutter = DayCutter(p, 2 * day_horizon(p))
    starts = [made for _, made in _first_schedules(p, cutter, seed=1, until=0.0) if made is not None]
    assert len(starts) == 1
    assert starts[0].order == block_order(p, blocks_of(p, cutter.horizon), BLOCK_ORDERS)


def test_a_short_board_gives_the_order_search_a_longer_share():
    from scheduling.solve import order_seconds

    short, feature = generate_problem(3, scenes=30), generate_problem(3, scenes=160)
    assert order_seconds(short, 10) == pytest.approx(4.0)
    assert order_seconds(short, 120) == pytest.approx(6.0)  # capped, so the day search keeps most of a long solve
    assert order_seconds(feature, 10) == pytest.approx(2.0)
    assert order_seconds(feature, 5) == pytest.approx(1.0)
