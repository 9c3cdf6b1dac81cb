import itertools
import random

import pytest

from scheduling.reduce import reduce_instance
from scheduling.talent import TalentInstance
from scheduling.talent_files import read_instance
from scheduling.talent_schedule import as_schedule
from scheduling.talent_solve import solve_talent

SMALL = ["tiny.dzn", "small.dzn", "concert.dzn", "tiny2.dat", "small2.dat", "film-10.dat", "film-12.dat"]


def recount(instance: TalentInstance, order) -> tuple[int, int]:
    """(total, idle) of an order, counted time unit by time unit, independently of the solver:
    an actor is paid for every unit between their first and last working unit inclusive."""
    working_units = []  # per time unit, the actors working in it
    for s in order:
        working_units += [instance.casts[s]] * instance.durations[s]
    total = idle = 0
    for a, cost in enumerate(instance.costs):
        units = [t for t, cast in enumerate(working_units) if a in cast]
        if units:
            paid = units[-1] - units[0] + 1
            total += cost * paid
            idle += cost * (paid - len(units))
    return total, idle


def check(instance: TalentInstance, solution) -> None:
    assert sorted(solution.order) == list(range(instance.num_scenes))
    assert recount(instance, solution.order) == (solution.total, solution.idle)
    assert sum(solution.hold_costs.values()) == solution.idle
    assert solution.total_bound <= solution.total


@pytest.mark.parametrize("name", SMALL)
def test_small_instances_reach_the_proven_optimum(talent_folder, optima, name):
    instance = read_instance(talent_folder / name)
    solution = solve_talent(instance, time_limit=10)
    check(instance, solution)
    assert solution.status == "optimal"
    assert (solution.total, solution.idle) == (optima[name]["total"], optima[name]["idle"])
    assert solution.total_bound == solution.total and solution.gap == 0


def random_instance(rng: random.Random, index: int) -> TalentInstance:
    scenes, actors = rng.randint(3, 7), rng.randint(2, 5)
    needs = tuple(tuple(rng.random() < 0.45 for _ in range(scenes)) for _ in range(actors))
    costs = tuple(rng.randint(1, 9) for _ in range(actors))
    durations = tuple(rng.randint(1, 3) for _ in range(scenes))
    return TalentInstance(f"random-{index}", needs, costs, durations)


def test_optimum_matches_brute_force_on_random_tiny_instances():
    rng = random.Random(20110)
    for index in range(60):
        instance = random_instance(rng, index)
        best = min(
            recount(instance, order)[0]
            for order in itertools.permutations(range(instance.num_scenes))
        )
        solution = solve_talent(instance, time_limit=10)
        check(instance, solution)
        assert solution.status == "optimal", instance
        assert solution.total == best, instance


def test_reduction_merges_equal_casts_and_drops_actors_who_cannot_wait():
    # Scenes 0 and 2 share a cast; actor 2 works once; actor 3 is in every scene.
    needs = (
        (True, False, True, True),
        (False, True, False, True),
        (False, True, False, False),
        (True, True, True, True),
    )
    instance = TalentInstance("reducible", needs, (1, 1, 1, 1), (1, 2, 3, 4))
    reduced = reduce_instance(instance)
    assert reduced.actors == (0, 1)
    assert sorted(block.scenes for block in reduced.blocks) == [(0, 2), (1,), (3,)]
    assert {block.scenes: block.duration for block in reduced.blocks}[(0, 2)] == 4
    check(instance, solve_talent(instance))


def test_merged_blocks_keep_earlier_blocks_unbroken():
    # Actors 1 and 2 each work in scene 0 only and actor 0 in scenes 0 and 2; once they leave
    # the model every cast is empty and all scenes merge, but scene 1 must not split 0 from 2.
    needs = ((True, False, True), (False, False, False), (True, False, False), (True, False, False))
    instance = TalentInstance("nested", needs, (5, 7, 4, 2), (1, 1, 3))
    (block,) = reduce_instance(instance).blocks
    assert block.scenes.index(2) - block.scenes.index(0) in (1, -1)
    solution = solve_talent(instance)
    check(instance, solution)
    assert solution.idle == 0


def test_a_schedule_explains_its_objective(talent_folder, optima):
    instance = read_instance(talent_folder / "film-12.dat")
    solution = solve_talent(instance)
    schedule = as_schedule(instance, solution)
    assert schedule.status == "optimal"
    assert schedule.objective == optima["film-12.dat"]["total"]
    assert schedule.bound == schedule.objective
    assert sum(schedule.cost_terms.values()) == schedule.objective
    assert schedule.cost_terms["work"] == instance.work_cost
    assert len(schedule.days) == sum(instance.durations)
    shot = [day.scene_ids[0] for day in schedule.days]
    assert list(dict.fromkeys(shot)) == [str(s + 1) for s in solution.order]
