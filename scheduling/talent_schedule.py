"""A solved talent instance as a Slatebook `Schedule`, with its cost split into explainable terms."""

from __future__ import annotations

from collections.abc import Sequence

from scheduling.talent import TalentInstance
from scheduling.talent_solve import TalentSolution
from studio.models.planning import Schedule, ShootDay


def as_schedule(
    instance: TalentInstance,
    solution: TalentSolution,
    scene_ids: Sequence[str] | None = None,
    actor_names: Sequence[str] | None = None,
) -> Schedule:
    """One shoot day per time unit of the instance; a scene lasting d units is on d days.

    `cost_terms` holds the work cost (the same for every order) and one holding term per actor
    who waits, so the objective can be explained actor by actor.
    """
    scene_ids = list(scene_ids or (str(s + 1) for s in range(instance.num_scenes)))
    actor_names = list(actor_names or (f"actor {a + 1}" for a in range(instance.num_actors)))
    days: list[ShootDay] = []
    for s in solution.order:
        for _ in range(instance.durations[s]):
            days.append(ShootDay(number=len(days) + 1, scene_ids=[scene_ids[s]]))
    cost_terms = {"work": float(solution.work)}
    for actor, cost in sorted(solution.hold_costs.items()):
        if cost:
            cost_terms[f"holding: {actor_names[actor]}"] = float(cost)
    return Schedule(
        name=f"{instance.name} ({solution.status})",
        days=days,
        status=solution.status,
        objective=float(solution.total),
        bound=float(solution.total_bound),
        cost_terms=cost_terms,
        parameters={
            "solver": "cp-sat",
            "time_limit": solution.time_limit,
            "workers": solution.workers,
            "seconds": round(solution.seconds, 3),
        },
    )
