"""The soft costs, one function per family; each returns its CostTerms in cents.

The families match `evaluate`'s cost items one for one, so the solver's objective is the sum the
user sees explained item by item.
"""

from __future__ import annotations

from scheduling.model.variables import CENTS, CostTerms, ScheduleModel


def _cents(amount: float) -> int:
    return round(amount * CENTS)


def shoot_day_costs(sm: ScheduleModel) -> CostTerms:
    terms = CostTerms()
    for d in range(sm.horizon):
        terms.add(sm.span[d], _cents(sm.problem.weights.shoot_day))
    return terms


def cast_work_costs(sm: ScheduleModel) -> CostTerms:
    terms = CostTerms()
    factor = sm.problem.weights.cast_work_factor
    for member in sm.problem.cast:
        for d in range(sm.horizon):
            terms.add(sm.works[member.name][d], _cents(member.daily_rate * factor))
    return terms


def cast_hold_costs(sm: ScheduleModel) -> CostTerms:
    """A cast member is held (and paid) on each day between their first and last work day on which
    they do not work, unless that day lies in a gap of at least `drop_pickup_days` days without
    work: then they are dropped and picked up again, unpaid."""
    terms = CostTerms()
    m, H = sm.model, sm.horizon
    factor = sm.problem.weights.cast_hold_factor
    for member in sm.problem.cast:
        rate = _cents(member.daily_rate * factor)
        works = sm.works[member.name]
        if not rate or sum(1 for st in sm.problem.strips if member.name in st.cast) < 2:
            continue
        started = [m.NewBoolVar(f"{member.name} started d{d}") for d in range(H)]
        pending = [m.NewBoolVar(f"{member.name} pending d{d}") for d in range(H)]
        for d in range(H):
            m.AddImplication(works[d], started[d])
            m.AddImplication(works[d], pending[d])
            if d:
                m.AddImplication(started[d - 1], started[d])
                m.AddImplication(pending[d], pending[d - 1])
        dropped = _dropped(sm, member.name)
        for d in range(1, H - 1):
            held = m.NewBoolVar(f"{member.name} held d{d}")
            clause = [started[d - 1].Not(), pending[d + 1].Not(), works[d], held]
            if dropped:
                clause.append(dropped[d])
            m.AddBoolOr(clause)
            terms.add(held, rate)
    return terms


def _dropped(sm: ScheduleModel, name: str) -> list | None:
    """dropped[d] may be true only when day d lies in a run of N days without work."""
    n = sm.problem.drop_pickup_days
    if not n or n >= sm.horizon - 1:
        return None
    m, works = sm.model, sm.works[name]
    free = []
    for w in range(sm.horizon - n + 1):
        var = m.NewBoolVar(f"{name} off d{w}+{n}")
        for d in range(w, w + n):
            m.AddImplication(var, works[d].Not())
        free.append(var)
    dropped = []
    for d in range(sm.horizon):
        var = m.NewBoolVar(f"{name} dropped d{d}")
        windows = [free[w] for w in range(max(0, d - n + 1), min(d, sm.horizon - n) + 1)]
        m.AddBoolOr([var.Not(), *windows])
        dropped.append(var)
    return dropped


def company_move_costs(sm: ScheduleModel) -> CostTerms:
    """Moves within a day (one per extra location) and overnight (unless the day opens where the
    day before wrapped)."""
    terms = CostTerms()
    m, H = sm.model, sm.horizon
    weight = _cents(sm.problem.weights.company_move)
    names = [loc.name for loc in sm.problem.locations]
    for d in range(H):
        # within the day: locations shot minus one (zero on a dark day)
        for name in names:
            terms.add(sm.at[name][d], weight)
        terms.add(sm.used[d], -weight)
    for name in names:
        sm.first_at[name] = [m.NewBoolVar(f"d{d} opens at {name}") for d in range(H)]
        sm.last_at[name] = [m.NewBoolVar(f"d{d} wraps at {name}") for d in range(H)]
    for d in range(H):
        m.AddAtMostOne(sm.first_at[n][d] for n in names)
        m.AddAtMostOne(sm.last_at[n][d] for n in names)
        single = m.NewBoolVar(f"d{d} one location")
        m.Add(sum(sm.at[n][d] for n in names) <= 1).OnlyEnforceIf(single)
        for name in names:
            m.AddImplication(sm.first_at[name][d], sm.at[name][d])
            m.AddImplication(sm.last_at[name][d], sm.at[name][d])
            # a day with two locations cannot open and wrap at the same one
            m.AddBoolOr([sm.first_at[name][d].Not(), sm.last_at[name][d].Not(), single])
    for d in range(H - 1):
        stays = []
        for name in names:
            same = m.NewBoolVar(f"stay at {name} d{d}-d{d + 1}")
            m.AddImplication(same, sm.last_at[name][d])
            m.AddImplication(same, sm.first_at[name][d + 1])
            stays.append(same)
        move = m.NewBoolVar(f"move d{d}-d{d + 1}")
        m.AddBoolOr([sm.used[d].Not(), sm.used[d + 1].Not(), move, *stays])
        terms.add(move, weight)
    return terms


def day_night_switch_costs(sm: ScheduleModel) -> CostTerms:
    """A day that mixes DAY and NIGHT strips, and a change between a day call and a night call
    from one shoot day to the next."""
    terms = CostTerms()
    m = sm.model
    weight = _cents(sm.problem.weights.day_night_switch)
    for d in range(sm.horizon):
        mixed = m.NewBoolVar(f"d{d} mixed")
        m.AddBoolOr([sm.night[d].Not(), sm.daylight[d].Not(), mixed])
        terms.add(mixed, weight)
    for d in range(sm.horizon - 1):
        switch = m.NewBoolVar(f"switch d{d}-d{d + 1}")
        both = [sm.used[d].Not(), sm.used[d + 1].Not()]
        m.AddBoolOr([*both, sm.night[d].Not(), sm.night[d + 1], switch])
        m.AddBoolOr([*both, sm.night[d], sm.night[d + 1].Not(), switch])
        terms.add(switch, weight)
    return terms
