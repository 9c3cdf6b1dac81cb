"""Infeasible setups explained from CP-SAT's assumption core, shrunk to the rules that conflict,
with the deletion filter taking over when the assumption solve runs out of time."""

from scheduling.explain import explain_infeasible
from scheduling.model import day_horizon
from scheduling.problem import CastMember
from schedule_kit import MONDAY, problem, strip


def explained(p, **kwargs):
    return explain_infeasible(p, day_horizon(p), **kwargs)


def lock_against_unavailability():
    isla = CastMember(name="ISLA", daily_rate=1000, unavailable=frozenset({MONDAY}))
    return problem([strip(1, cast=("ISLA",)), strip(2, cast=("JONAH",)), strip(3, cast=("JONAH",))],
                   locks={"s1": 1, "s3": 2}, cast=[isla, CastMember(name="JONAH", daily_rate=1000)])


def test_core_names_the_lock_and_the_unavailable_actor_only():
    conflicts = explained(lock_against_unavailability())
    assert {c.key for c in conflicts} == {"cast:ISLA", "lock:s1"}  # not the harmless lock of s3
    assert sorted(c.text for c in conflicts) == ["ISLA is unavailable 1 Mar.", "Scene 1 is locked to day 1."]
    assert {c.found_by for c in conflicts} == {"assumptions"}
    assert all("assumption" not in c.text + c.hint for c in conflicts)  # the method stays a debug field


def test_core_names_turnaround_and_both_locks():
    p = problem([strip(1, night=True), strip(2), strip(3)], locks={"s1": 1, "s2": 2}, max_consecutive_nights=3)
    conflicts = explained(p)
    assert {c.key for c in conflicts} == {"turnaround", "lock:s1", "lock:s2"}
    assert {c.found_by for c in conflicts} == {"assumptions"}


def test_core_names_capacity_and_max_days():
    conflicts = explained(problem([strip(n, hours=6) for n in range(1, 5)], max_days=1))
    assert {c.key for c in conflicts} == {"capacity", "max_days"}
    assert {c.found_by for c in conflicts} == {"assumptions"}


def test_core_names_a_scene_order_chain_against_two_locks():
    # 1 before 2 before 3, yet 3 is locked the day before 1; the order 4>5 plays no part.
    p = problem([strip(n, hours=6) for n in range(1, 6)], precedences=(("s1", "s2"), ("s2", "s3"), ("s4", "s5")),
                locks={"s1": 4, "s3": 3})
    conflicts = explained(p)
    assert {c.key for c in conflicts} == {"order:s1>s2", "order:s2>s3", "lock:s1", "lock:s3"}
    assert "Scene 1 must be shot on an earlier day than scene 2." in [c.text for c in conflicts]


def test_assumption_solve_out_of_time_falls_back_to_the_deletion_filter():
    conflicts = explained(lock_against_unavailability(), core_seconds=0.0)
    assert {c.key for c in conflicts} == {"cast:ISLA", "lock:s1"}
    assert {c.found_by for c in conflicts} == {"deletion filter"}


def test_no_rule_to_blame_says_the_scenes_do_not_fit_the_horizon():
    # A three-day scene in a two-day model: infeasible with every rule off, so the core is empty.
    conflicts = explain_infeasible(problem([strip(1, days=3)]), 2)
    assert [c.key for c in conflicts] == ["horizon"]
    assert conflicts[0].text == "The scenes do not fit in 2 shoot days."


def test_a_setup_that_has_a_schedule_is_not_taken_apart():
    # The deletion filter, handed a setup with a schedule, would keep (and name) every rule.
    feasible = problem([strip(1, cast=("ISLA",)), strip(2, cast=("JONAH",))], locks={"s1": 2})
    assert explained(feasible, core_seconds=0.0) == []


def test_a_setup_not_proven_impossible_in_time_names_no_rule(monkeypatch):
    from ortools.sat.python import cp_model
    import scheduling.explain as explain
    # every check runs out of time, as on a setup too large for the time given
    monkeypatch.setattr(explain, "_status_with", lambda *args: cp_model.UNKNOWN)
    conflicts = explained(lock_against_unavailability(), core_seconds=0.0)
    assert [c.key for c in conflicts] == ["unproven"]
    assert "could not prove" in conflicts[0].text and conflicts[0].hint
