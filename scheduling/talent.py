"""Talent scheduling instances: which actors each scene needs, what they cost, how long scenes run.

Talent scheduling (CSPLib 039) is the core of a shooting schedule: order the scenes so that actors,
paid from the start of their first scene to the end of their last, are held on set as little as
possible. This module holds the instance type and its cost arithmetic; `talent_files` reads published
instances into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from studio.errors import SlatebookError


class InstanceFormatError(SlatebookError):
    """A talent-scheduling file that cannot be read."""


@dataclass(frozen=True)
class TalentInstance:
    """`needs[a][s]` is True when actor `a` is in scene `s`; costs are per actor per time unit."""

    name: str
    needs: tuple[tuple[bool, ...], ...]
    costs: tuple[int, ...]
    durations: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.needs) != len(self.costs):
            raise InstanceFormatError(
                f"{self.name}: {len(self.needs)} actor rows but {len(self.costs)} costs."
            )
        for row in self.needs:
            if len(row) != len(self.durations):
                raise InstanceFormatError(
                    f"{self.name}: an actor row has {len(row)} scenes, "
                    f"the durations {len(self.durations)}."
                )
        if any(c < 0 for c in self.costs):
            raise InstanceFormatError(f"{self.name}: actor costs must not be negative.")
        if any(d < 1 for d in self.durations):
            # Every scene takes at least one time unit (a day, or an eighth of a page).
            raise InstanceFormatError(f"{self.name}: scene durations must be at least 1.")

    @property
    def num_scenes(self) -> int:
        return len(self.durations)

    @property
    def num_actors(self) -> int:
        return len(self.costs)

    @cached_property
    def casts(self) -> tuple[frozenset[int], ...]:
        """The actors of each scene."""
        return tuple(
            frozenset(a for a in range(self.num_actors) if self.needs[a][s])
            for s in range(self.num_scenes)
        )

    @cached_property
    def scenes_of(self) -> tuple[tuple[int, ...], ...]:
        """The scenes of each actor, in file order."""
        return tuple(tuple(s for s, need in enumerate(row) if need) for row in self.needs)

    @cached_property
    def work_cost(self) -> int:
        """What the actors cost while they work: the part of the total no order can change."""
        return sum(
            self.costs[a] * sum(self.durations[s] for s in self.scenes_of[a])
            for a in range(self.num_actors)
        )


def order_cost(instance: TalentInstance, order: Sequence[int]) -> int:
    """Total cost of shooting the scenes in `order`: each actor is paid from first to last scene."""
    if sorted(order) != list(range(instance.num_scenes)):
        raise ValueError(f"{instance.name}: an order must list every scene exactly once.")
    start = [0] * instance.num_scenes
    clock = 0
    for s in order:
        start[s] = clock
        clock += instance.durations[s]
    total = 0
    for a, scenes in enumerate(instance.scenes_of):
        if scenes:
            first = min(start[s] for s in scenes)
            last = max(start[s] + instance.durations[s] for s in scenes)
            total += instance.costs[a] * (last - first)
    return total
