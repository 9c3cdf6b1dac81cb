"""The CP-SAT model that orders scene blocks to minimise what actors cost while they are held.

Formulation: one Boolean per pair of blocks says which comes first (a linear ordering, kept
transitive by clauses), and one Boolean per (actor, block outside their scenes) says the actor is
held through that block. The objective is a weighted sum of those hold literals, which suits CP-SAT's
core-based search: it proves lower bounds by finding sets of holds that cannot all be avoided. A
position-per-scene model has a far weaker bound on the published instances.

As in OR-Tools' shift_scheduling_sat example, each rule is a small function and each soft rule
returns its (literals, coefficients) so the objective can be explained term by term.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduling.reduce import ReducedInstance
from scheduling.talent import TalentInstance


@dataclass
class SequenceModel:
    model: cp_model.CpModel
    first: dict[tuple[int, int], cp_model.IntVar]  # (i, j) with i < j: block i before block j
    # actor -> (hold literals, hold costs); their weighted sum is that actor's idle cost
    holds: dict[int, tuple[list[cp_model.IntVar], list[int]]] = field(default_factory=dict)

    def before(self, i: int, j: int) -> cp_model.IntVar:
        return self.first[i, j] if i < j else self.first[j, i].Not()


def build_sequence_model(instance: TalentInstance, reduced: ReducedInstance) -> SequenceModel:
    n = len(reduced.blocks)
    model = cp_model.CpModel()
    first = {(i, j): model.NewBoolVar(f"b{i}<b{j}") for i, j in itertools.combinations(range(n), 2)}
    seq = SequenceModel(model, first)
    add_transitivity(seq, n)
    add_reversal_symmetry_break(seq, n)
    for actor in reduced.actors:
        seq.holds[actor] = hold_penalties(seq, instance, reduced, actor)
    literals = [lit for lits, _ in seq.holds.values() for lit in lits]
    coefficients = [c for _, coefs in seq.holds.values() for c in coefs]
    model.Minimize(cp_model.LinearExpr.WeightedSum(literals, coefficients))
    return seq


def add_transitivity(seq: SequenceModel, n: int) -> None:
    """i before j before k forces i before k; with both directions per triple the pair literals
    describe exactly the linear orders of the blocks."""
    for i, j, k in itertools.combinations(range(n), 3):
        seq.model.AddBoolOr(
            [seq.before(i, j).Not(), seq.before(j, k).Not(), seq.before(i, k)]
        )
        seq.model.AddBoolOr(
            [seq.before(j, i).Not(), seq.before(k, j).Not(), seq.before(k, i)]
        )


def add_reversal_symmetry_break(seq: SequenceModel, n: int) -> None:
    """An order and its reverse cost the same, so only orders with block 0 before the last block
    are searched; this halves the space the lower-bound proof must cover."""
    if n > 1:
        seq.model.Add(seq.first[0, n - 1] == 1)


def hold_penalties(
    seq: SequenceModel, instance: TalentInstance, reduced: ReducedInstance, actor: int
) -> tuple[list[cp_model.IntVar], list[int]]:
    """The actor is held through block s (outside their scenes) exactly when one of their blocks
    comes before s and one comes after: holding costs their rate times the block's duration."""
    own = reduced.blocks_of(actor)
    literals, coefficients = [], []
    for s, block in enumerate(reduced.blocks):
        if actor in block.cast:
            continue
        started = seq.model.NewBoolVar(f"a{actor} started before b{s}")
        pending = seq.model.NewBoolVar(f"a{actor} still needed after b{s}")
        held = seq.model.NewBoolVar(f"a{actor} held in b{s}")
        for t in own:
            seq.model.AddImplication(seq.before(t, s), started)
            seq.model.AddImplication(seq.before(s, t), pending)
        # s lies before, after or inside the actor's span; only inside costs anything.
        seq.model.AddBoolOr([started, pending])
        seq.model.AddBoolOr([started.Not(), pending.Not(), held])
        literals.append(held)
        coefficients.append(instance.costs[actor] * block.duration)
    return literals, coefficients
