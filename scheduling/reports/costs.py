"""A schedule's cost broken into its terms, in a line producer's words.

The solver (and `evaluate` for a schedule moved by hand) prices a schedule as
`CostItem`s; this groups them by family, in the order a line producer reads a
schedule's cost, with a subtotal per family and the largest items first.
Unpaid items (a drop between two stretches of work) stay listed: they explain
why a gap costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from scheduling.evaluate import FAMILY_NAMES, money
from studio.models.planning import CostItem


class CostFamily(BaseModel):
    key: str
    name: str
    total: float = 0.0
    quantity: float = 0.0
    items: list[CostItem] = Field(default_factory=list)


class CostBreakdown(BaseModel):
    families: list[CostFamily] = Field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(f.total for f in self.families)

    def family(self, key: str) -> CostFamily | None:
        return next((f for f in self.families if f.key == key), None)

    def lines(self) -> list[str]:
        """The breakdown as plain lines: each family's subtotal, then its items."""
        out = []
        for family in self.families:
            out.append(f"{family.name}: {money(family.total)}")
            out += [f"  {item.label}: {money(item.amount)}" for item in family.items]
        out.append(f"Total: {money(self.total)}")
        return out


def cost_breakdown(items: Iterable[CostItem]) -> CostBreakdown:
    grouped: dict[str, CostFamily] = {}
    for item in items:
        family = grouped.setdefault(item.family, CostFamily(key=item.family, name=family_name(item.family)))
        family.items.append(item)
        family.total += item.amount
        family.quantity += item.quantity
    order = list(FAMILY_NAMES)
    families = sorted(grouped.values(), key=lambda f: (order.index(f.key) if f.key in order else len(order), f.key))
    for family in families:
        family.items.sort(key=lambda i: -i.amount)
    return CostBreakdown(families=families)


def family_name(key: str) -> str:
    return FAMILY_NAMES.get(key, key.replace("_", " ").capitalize())
