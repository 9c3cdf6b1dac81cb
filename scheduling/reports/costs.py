"""A schedule's cost broken into its terms, in a line producer's words.

The solver (and `evaluate` for a schedule moved by hand) prices a schedule as
`CostItem`s; this groups them by family, in the order a line producer reads a
schedule's cost, with a subtotal per family and the largest items first.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from studio.models.planning import CostItem

FAMILIES = {
    "shoot_days": "Shoot days",
    "cast_work": "Cast work days",
    "cast_holds": "Cast hold days",
    "company_moves": "Company moves",
    "day_night_switches": "Day/night switches",
}


class CostFamily(BaseModel):
    key: str
    name: str
    total: float = 0.0
    quantity: float = 0.0
    items: list[CostItem] = Field(default_factory=list)


class CostBreakdown(BaseModel):
    families: list[CostFamily] = Field(default_factory=list)
    currency: str = "USD"

    @property
    def total(self) -> float:
        return sum(f.total for f in self.families)

    def family(self, key: str) -> CostFamily | None:
        return next((f for f in self.families if f.key == key), None)

    def lines(self) -> list[str]:
        """The breakdown as plain lines: each family's subtotal, then its items."""
        out = []
        for family in self.families:
            out.append(f"{family.name}: {money(family.total, self.currency)}")
            out += [f"  {item.label}: {money(item.amount, self.currency)}" for item in family.items]
        out.append(f"Total: {money(self.total, self.currency)}")
        return out


def cost_breakdown(items: Iterable[CostItem], currency: str = "USD") -> CostBreakdown:
    grouped: dict[str, CostFamily] = {}
    for item in items:
        family = grouped.setdefault(item.family, CostFamily(key=item.family, name=family_name(item.family)))
        family.items.append(item)
        family.total += item.amount
        family.quantity += item.quantity
    order = list(FAMILIES)
    families = sorted(grouped.values(), key=lambda f: (order.index(f.key) if f.key in order else len(order), f.key))
    for family in families:
        family.items.sort(key=lambda i: -i.amount)
    return CostBreakdown(families=families, currency=currency)


def family_name(key: str) -> str:
    return FAMILIES.get(key, key.replace("_", " ").capitalize())


def money(amount: float, currency: str = "USD") -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency)
    whole = f"{abs(amount):,.0f}"
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{whole}" if symbol else f"{sign}{whole} {currency}"
