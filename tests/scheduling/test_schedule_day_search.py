"""CP-SAT on a few days at a time (scheduling/day_search.py): legal boards only, never worse,
exact when the days opened up are all the days, and stopped on request."""

import pytest

from scheduling.checker import check_schedule
from scheduling.day_search import DaySearch, Incumbent
from scheduling.evaluate import evaluate
from scheduling.greedy import greedy_days
from scheduling.model import build_model
from scheduling.problem import CastMember
from scheduling.shoot_days import as_shoot_days, running_order
from scheduling.solve import solve_schedule
from studio.models.planning import Schedule
from schedule_kit import problem, strip

PLACES = ("QUAY", "FERRY", "SEA", "HARBOUR")


def zigzag():
    """20 strips in a script order that zig-zags between four locations and three actors, with
    nights and a scene order; greedy packing in that order makes a poor board."""
    cast = (("ISLA",), ("JONAH",), ("MARGIT", "ISLA"), ("JONAH", "PETRA"))
    strips = [strip(n, PLACES[n % 4], cast[(n * 7) % 4], hours=2 + n % 3, night=n % 6 == 0) for n in range(1, 21)]
    members = [CastMember(name="ISLA", daily_rate=3000), CastMember(name="JONAH", daily_rate=2000),
               CastMember(name="MARGIT", daily_rate=800), CastMember(name="PETRA", daily_rate=800)]
    return problem(strips, cast=members, precedences=(("s3", "s20"),), max_consecutive_nights=2,
                   drop_pickup_days=4)


def greedy_start(p):
    per_day = greedy_days(p, 30)
    while per_day and not per_day[-1]:
        per_day.pop()
    schedule = Schedule(days=as_shoot_days(p, [running_order(d) for d in per_day]))
    evaluation = evaluate(p, schedule)
    assert evaluation.feasible
    return Incumbent(schedule, evaluation)


def search(p, start, workers=1, **kw):
    sm = build_model(p, len(start.schedule.days))
    for group in sm.groups:
        sm.model.Add(group.literal == 1)
    return DaySearch(p, sm, seed=1, workers=workers, **kw)


@pytest.mark.parametrize("workers", [1, 2])  # two: tries side by side, their days put together
def test_every_better_board_keeps_the_rules_and_is_priced_as_evaluate_prices_it(workers):
    p = zigzag()
    start = greedy_start(p)
    seen = []
    best = search(p, start, workers).run(start, max_tries=12, on_better=seen.append)
    assert seen, "the zig-zag board should improve"
    costs = [start.evaluation.total] + [f.evaluation.total for f in seen]
    assert all(b < a for a, b in zip(costs, costs[1:]))
    for found in seen:
        report = check_schedule(p, found.schedule)
        assert report.ok, report.violations
        assert evaluate(p, found.schedule).total == pytest.approx(found.evaluation.total)
    assert best.evaluation.total == seen[-1].evaluation.total
    assert best.evaluation.moves < start.evaluation.moves
    scheduled = [sid for day in best.schedule.days for sid in day.scene_ids]
    assert sorted(scheduled) == sorted(st.id for st in p.strips)


def test_a_try_that_ends_after_another_changed_the_board_is_put_onto_it():
    # Two halves with nothing in common, each zig-zagging between two locations over two days:
    # each try saves company moves, and together they save more than either.
    strips = [strip(1, "QUAY", ("ISLA",), 5), strip(2, "FERRY", ("ISLA",), 5),
              strip(3, "QUAY", ("ISLA",), 5), strip(4, "FERRY", ("ISLA",), 5),
              strip(5, "SEA", ("JONAH",), 5), strip(6, "HARBOUR", ("JONAH",), 5),
              strip(7, "SEA", ("JONAH",), 5), strip(8, "HARBOUR", ("JONAH",), 5)]
    p = problem(strips)
    board = Schedule(days=as_shoot_days(p, [strips[0:2], strips[2:4], strips[4:6], strips[6:8]]))
    start = Incumbent(board, evaluate(p, board))
    ds = search(p, start, workers=2)
    halves = [{0, 1}, {2, 3}]
    found = [ds.resolve_days(start.schedule, days, 10) for days in halves]
    assert all(f.evaluation.moves < start.evaluation.moves for f in found)
    # the second try ends after the first changed the board: it is put onto the board as it is now
    both = ds._grafted(found[0], halves[1], found[1])
    assert both is not None and check_schedule(p, both.schedule).ok
    assert both.evaluation.moves < min(f.evaluation.moves for f in found)
    for days, f in zip(halves, found):
        for d in days:
            assert both.schedule.days[d].scene_ids == f.schedule.days[d].scene_ids


def test_a_board_is_completed_into_the_whole_assignment_tries_start_from():
    p = zigzag()
    start = greedy_start(p)
    ds = search(p, start)
    completed = ds._completed(start, None)
    assert completed.schedule is start.schedule and completed.evaluation is start.evaluation
    assert len(completed.solution) == len(ds.sm.model.proto.variables)
    # a try hinted with it has the board itself to fall back on: never a dearer board
    for days in ({0, 1}, {2, 3, 4}):
        job = ds._job(completed.schedule, days, completed.solution)
        assert list(job[0].proto.solution_hint.values) == list(completed.solution)
        found = ds._read(job, ds._solve(job, 5, None))
        assert found is not None and found.evaluation.total <= start.evaluation.total + 1e-6
        assert len(found.solution) == len(completed.solution)
        # the closed days come set: where the strips are, who works, which locations are used
        sm, domains = ds.sm, job[0].proto.variables
        for d in range(len(start.schedule.days)):
            for var in (sm.used[d], *(w[d] for w in sm.works.values()), *(a[d] for a in sm.at.values())):
                fixed = list(domains[var.Index()].domain)
                if d in days:
                    assert fixed == [0, 1]
                else:
                    assert fixed == [completed.solution[var.Index()]] * 2


def test_opening_every_day_at_once_reaches_the_proven_optimum():
    cast = (("ISLA",), ("JONAH",), ("ISLA", "JONAH"))
    strips = [strip(n, PLACES[n % 3], cast[n % 3], hours=3) for n in range(1, 10)]
    p = problem(strips, cast=[CastMember(name="ISLA", daily_rate=3000), CastMember(name="JONAH", daily_rate=2000)])
    optimum = solve_schedule(p, time_limit_s=20)
    assert optimum.status == "optimal"
    start = greedy_start(p)
    assert start.evaluation.total > optimum.objective  # something to find
    best = search(p, start).resolve_days(start.schedule, set(range(len(start.schedule.days))), 20)
    assert best is not None and check_schedule(p, best.schedule).ok
    assert best.evaluation.total == pytest.approx(optimum.objective)


def test_neighbourhoods_open_the_days_they_are_named_for():
    p = zigzag()
    # the script order three strips a day: people held, locations and nights all over the board
    board = Schedule(days=as_shoot_days(p, [list(p.strips[i:i + 3]) for i in range(0, len(p.strips), 3)]))
    start = Incumbent(board, evaluate(p, board))
    ds = search(p, start)
    day_sets = [set(day.scene_ids) for day in start.schedule.days]
    n = len(day_sets)
    for size in (4, 6):
        window = ds.window(day_sets, start.evaluation, size)
        assert len(window) == min(size, n) and max(window) - min(window) == len(window) - 1
    # a held cast member's first and last work days are opened together
    held = {i.subject for i in start.evaluation.items if i.family == "cast_holds" and i.amount}
    assert held
    for _ in range(10):
        days = ds.cast(day_sets, start.evaluation, 5)
        assert len(days) == min(5, n) and all(0 <= d < n for d in days)
        assert any(
            min(d for d, ids in enumerate(day_sets) if any(name in p.strip_by_id[s].cast for s in ids)) in days
            for name in held
        )
    night_days = {d for d, ids in enumerate(day_sets) if any(p.strip_by_id[s].night for s in ids)}
    for _ in range(10):
        days = ds.nights(day_sets, start.evaluation, 5)
        assert days & night_days
    # the last day is opened with the days that have the most hours free
    hours = [sum(p.strip_by_id[s].hours for s in ids) for ids in day_sets]
    roomy = sorted(hours[:-1])[1] + 0.5  # ties are broken by up to half an hour of noise
    for _ in range(10):
        days = ds.wrap(day_sets, start.evaluation, 3)
        assert n - 1 in days and len(days) == 3
        assert all(hours[d] <= roomy for d in days - {n - 1})
    # the days one location is shot on are opened together
    for _ in range(10):
        days = ds.location(day_sets, start.evaluation, 5)
        assert len(days) == min(5, n)
        visits = [sum(1 for d in days if any(p.strip_by_id[s].location == place for s in day_sets[d]))
                  for place in PLACES]
        assert max(visits) >= 2


def test_stop_ends_the_search_before_its_first_try():
    p = zigzag()
    start = greedy_start(p)
    ds = search(p, start)
    best = ds.run(start, max_tries=50, stop=lambda: True)
    assert best is start and ds.tries == 0


def test_a_feature_solve_uses_the_day_search_and_keeps_every_rule():
    from scheduling.generator import generate_problem
    p = generate_problem(seed=5, scenes=60)
    steps = []
    result = solve_schedule(p, time_limit_s=12, on_solution=steps.append)
    assert result.schedule is not None and check_schedule(p, result.schedule).ok
    assert result.objective < steps[0].objective
    for step in steps:
        assert check_schedule(p, step.schedule).ok
