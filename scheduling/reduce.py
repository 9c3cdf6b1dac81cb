"""Shrink a talent instance before it reaches the solver, without changing which orders are optimal.

Two classic reductions (Garcia de la Banda, Stuckey & Chu 2011), applied until nothing changes:
- scenes with the same cast are shot back to back in some optimal order, so they become one block
  whose duration is the sum of theirs;
- an actor in a single block, or in every block, can never be held: what they cost is the same
  for every order, so they leave the model.
Holding (idle) cost is unchanged by both, so the reduced model's objective is the original idle cost.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduling.talent import TalentInstance


@dataclass(frozen=True)
class Block:
    """Scenes of the original instance that are shot back to back, in this order.

    A block made by merging blocks keeps each of them contiguous: an actor dropped because they
    work in one block is only free of holding cost while that block stays unbroken.
    """

    scenes: tuple[int, ...]
    duration: int
    cast: frozenset[int]  # original actor indices that the model still tracks


@dataclass(frozen=True)
class ReducedInstance:
    blocks: tuple[Block, ...]
    actors: tuple[int, ...]  # original indices of the actors that can be held

    def blocks_of(self, actor: int) -> tuple[int, ...]:
        return tuple(b for b, block in enumerate(self.blocks) if actor in block.cast)

    def expand(self, block_order: list[int]) -> list[int]:
        """An order of blocks as an order of the original scenes."""
        return [s for b in block_order for s in self.blocks[b].scenes]


def reduce_instance(instance: TalentInstance) -> ReducedInstance:
    actors = frozenset(range(instance.num_actors))
    blocks = _merge_same_cast(instance, [(s,) for s in range(instance.num_scenes)], actors)
    while True:
        kept = _holdable_actors(blocks, actors)
        if kept == actors:
            return ReducedInstance(tuple(blocks), tuple(sorted(actors)))
        actors = kept
        blocks = _merge_same_cast(instance, [b.scenes for b in blocks], actors)


def _merge_same_cast(
    instance: TalentInstance, groups: list[tuple[int, ...]], actors: frozenset[int]
) -> list[Block]:
    merged: dict[frozenset[int], list[int]] = {}
    for group in groups:
        cast = instance.casts[group[0]] & actors
        merged.setdefault(cast, []).extend(group)
    return [
        Block(tuple(scenes), sum(instance.durations[s] for s in scenes), cast)
        for cast, scenes in merged.items()
    ]


def _holdable_actors(blocks: list[Block], actors: frozenset[int]) -> frozenset[int]:
    def count(actor: int) -> int:
        return sum(actor in block.cast for block in blocks)

    return frozenset(a for a in actors if 1 < count(a) < len(blocks))
