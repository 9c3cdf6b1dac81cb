"""What a schedule costs, item by item, in words a line producer reads: for a solved schedule, a
hand-moved strip or the baseline sort alike. Rule breaks come from the independent checker."""

from __future__ import annotations

from pydantic import BaseModel, Field

from scheduling.checker import check_schedule
from scheduling.problem import ScheduleProblem, Strip
from studio.models.planning import CostItem, Schedule

FAMILY_NAMES = {
    "shoot_days": "Shoot days",
    "cast_work": "Cast work days",
    "cast_holds": "Cast holds",
    "company_moves": "Company moves",
    "day_night_switches": "Day/night switches",
}


class Evaluation(BaseModel):
    total: float
    cost_terms: dict[str, float]  # family -> amount, families as in FAMILY_NAMES
    items: list[CostItem]
    violations: list[str] = Field(default_factory=list)
    shoot_days: int = 0
    hold_days: int = 0
    moves: int = 0
    switches: int = 0

    @property
    def feasible(self) -> bool:
        return not self.violations


def money(amount: float) -> str:
    return f"${amount:,.0f}" if amount == round(amount) else f"${amount:,.2f}"


def day_span(days: list[int]) -> str:
    """[4, 5, 6, 9] -> "days 4–6, 9"."""
    runs: list[list[int]] = []
    for d in sorted(days):
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ("days " if len(days) > 1 else "day ") + text


def evaluate(problem: ScheduleProblem, schedule: Schedule) -> Evaluation:
    per_day = [[problem.strip_by_id[sid] for sid in day.scene_ids if sid in problem.strip_by_id] for day in schedule.days]
    items: list[CostItem] = []
    items += _shoot_day_items(problem, per_day)
    work_days = _work_days(per_day)
    items += _cast_items(problem, work_days)
    items += _move_items(problem, per_day)
    items += _switch_items(problem, per_day)
    terms = {family: 0.0 for family in FAMILY_NAMES}
    for item in items:
        terms[item.family] += item.amount
    return Evaluation(
        total=sum(terms.values()),
        cost_terms=terms,
        items=items,
        violations=check_schedule(problem, schedule).violations,
        shoot_days=int(items[0].quantity),  # the shoot-day item comes first
        hold_days=int(sum(i.quantity for i in items if i.family == "cast_holds" and i.amount)),
        moves=sum(1 for i in items if i.family == "company_moves"),
        switches=sum(1 for i in items if i.family == "day_night_switches"),
    )


def _shoot_day_items(problem: ScheduleProblem, per_day: list[list[Strip]]) -> list[CostItem]:
    span = max((i + 1 for i, strips in enumerate(per_day) if strips), default=0)
    dark = [i + 1 for i in range(span) if not per_day[i]]
    label = f"{span} shoot days × {money(problem.weights.shoot_day)}"
    if dark:
        label += f" (no scenes on {day_span(dark)})"
    return [CostItem(family="shoot_days", label=label, amount=span * problem.weights.shoot_day,
                     quantity=span, unit_cost=problem.weights.shoot_day, days=list(range(1, span + 1)))]


def _work_days(per_day: list[list[Strip]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, strips in enumerate(per_day):
        for name in sorted({n for st in strips for n in st.cast}):
            out.setdefault(name, []).append(i + 1)
    return out


def _cast_items(problem: ScheduleProblem, work_days: dict[str, list[int]]) -> list[CostItem]:
    items = []
    w = problem.weights
    for member in problem.cast:
        worked = work_days.get(member.name, [])
        if not worked:
            continue
        rate = member.daily_rate * w.cast_work_factor
        items.append(CostItem(family="cast_work", subject=member.name, days=worked, quantity=len(worked),
                              unit_cost=rate, amount=len(worked) * rate,
                              label=f"{member.name} works {len(worked)} day{'s' if len(worked) > 1 else ''} × {money(member.daily_rate)}"))
        held, dropped = [], []
        for a, b in zip(worked, worked[1:]):
            gap = list(range(a + 1, b))
            if not gap:
                continue
            if problem.drop_pickup_days is not None and len(gap) >= problem.drop_pickup_days:
                dropped.append((a, b))
            else:
                held += gap
        hold_rate = member.daily_rate * w.cast_hold_factor
        if held:
            items.append(CostItem(family="cast_holds", subject=member.name, days=held, quantity=len(held),
                                  unit_cost=hold_rate, amount=len(held) * hold_rate,
                                  label=f"{member.name} held {len(held)} day{'s' if len(held) > 1 else ''} × {money(member.daily_rate)} ({day_span(held)})"))
        for a, b in dropped:
            items.append(CostItem(family="cast_holds", subject=member.name, days=list(range(a + 1, b)),
                                  quantity=b - a - 1, unit_cost=0.0, amount=0.0,
                                  label=f"{member.name} dropped after day {a}, picked up day {b} (not paid)"))
    return items


def _move_items(problem: ScheduleProblem, per_day: list[list[Strip]]) -> list[CostItem]:
    items = []
    weight = problem.weights.company_move
    path = [(i + 1, st.location) for i, strips in enumerate(per_day) for st in strips]
    for (d1, a), (d2, b) in zip(path, path[1:]):
        if a == b or d2 - d1 > 1:
            continue
        when = f"on day {d1}" if d1 == d2 else f"between day {d1} and day {d2}"
        items.append(CostItem(family="company_moves", subject=b, days=sorted({d1, d2}), amount=weight,
                              unit_cost=weight, label=f"Company move {a} → {b} {when}"))
    return items


def _switch_items(problem: ScheduleProblem, per_day: list[list[Strip]]) -> list[CostItem]:
    items = []
    weight = problem.weights.day_night_switch
    night = [any(st.night for st in strips) for strips in per_day]
    for i, strips in enumerate(per_day):
        if night[i] and any(not st.night for st in strips):
            items.append(CostItem(family="day_night_switches", days=[i + 1], amount=weight, unit_cost=weight,
                                  label=f"Day {i + 1} mixes DAY and NIGHT scenes"))
        if i + 1 < len(per_day) and strips and per_day[i + 1] and night[i] != night[i + 1]:
            call = ("night call", "day call") if night[i + 1] else ("day call", "night call")
            items.append(CostItem(family="day_night_switches", days=[i + 1, i + 2], amount=weight, unit_cost=weight,
                                  label=f"Day {i + 2} is a {call[0]} after the {call[1]} of day {i + 1}"))
    return items
