"""Solve a talent instance with CP-SAT and say honestly how good the answer is."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model_helper import SatParameters as _SatParameters

from scheduling.reduce import ReducedInstance, reduce_instance
from scheduling.sequence_model import SequenceModel, build_sequence_model
from scheduling.talent import TalentInstance

# Measured on the 17 published instances on two cores shared with other work: the core-based
# search proves every optimum (Shaw2020, the hardest, in 3-10 s; the rest under 1 s), while the
# default LP search leaves Shaw2020 with a bound of 0 after 20 s, and a four-worker portfolio is
# slower. One worker and two (core + interleaved LNS) proved Shaw2020 in similar times; two are the
# default because LNS keeps finding good orders on productions too large to prove.
DEFAULT_WORKERS = 2
DEFAULT_SUBSOLVERS = ("core",)

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class TalentSolution:
    """An order of the original scenes and what the solver claims about it.

    `idle` is the solver's objective (holding cost); `idle_bound` the proven lower bound on it.
    `hold_costs` splits `idle` by actor so every unit of it can be explained.
    """

    order: tuple[int, ...]
    total: int
    idle: int
    work: int
    idle_bound: int
    status: str
    seconds: float
    hold_costs: dict[int, int]
    time_limit: float
    workers: int

    @property
    def total_bound(self) -> int:
        return self.work + self.idle_bound

    @property
    def gap(self) -> float:
        """Share of the total not yet proven necessary (0 when optimal)."""
        return (self.total - self.total_bound) / self.total if self.total else 0.0


def solve_talent(
    instance: TalentInstance,
    time_limit: float = 10.0,
    workers: int = DEFAULT_WORKERS,
    subsolvers: tuple[str, ...] = DEFAULT_SUBSOLVERS,
    seed: int = 0,
) -> TalentSolution:
    start = time.perf_counter()
    reduced = reduce_instance(instance)
    seq = build_sequence_model(instance, reduced)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.subsolvers.extend(subsolvers)
    solver.parameters.random_seed = seed
    # Trying the costliest holds first raises the proven bound sooner: Shaw2020 (the hardest
    # instance) was proven in 2.7-8 s over six seeds with it, 4-15 s without, on loaded cores.
    solver.parameters.max_sat_assumption_order = _SatParameters.ORDER_ASSUMPTION_BY_WEIGHT
    status = solver.Solve(seq.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(
            f"{instance.name}: CP-SAT found no order ({_STATUS[status]}) in {time_limit} s."
        )
    hold_costs = {
        actor: sum(c * solver.Value(lit) for lit, c in zip(lits, coefs))
        for actor, (lits, coefs) in seq.holds.items()
    }
    idle = round(solver.ObjectiveValue())
    return TalentSolution(
        order=tuple(reduced.expand(_block_order(seq, reduced, solver))),
        total=instance.work_cost + idle,
        idle=idle,
        work=instance.work_cost,
        idle_bound=round(solver.BestObjectiveBound()),
        status=_STATUS[status],
        seconds=time.perf_counter() - start,
        hold_costs=hold_costs,
        time_limit=time_limit,
        workers=workers,
    )


def _block_order(
    seq: SequenceModel, reduced: ReducedInstance, solver: cp_model.CpSolver
) -> list[int]:
    # A block's position is the number of blocks the solution puts before it.
    n = len(reduced.blocks)
    position = {
        i: sum(solver.BooleanValue(seq.before(j, i)) for j in range(n) if j != i)
        for i in range(n)
    }
    return sorted(range(n), key=position.__getitem__)
