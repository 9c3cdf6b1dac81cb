"""Where strips go: each strip starts once, multi-day strips take whole consecutive days, and the
day, cast and location literals follow from what is shot."""

from __future__ import annotations

from scheduling.model.variables import ScheduleModel


def add_placement(sm: ScheduleModel) -> None:
    m, H = sm.model, sm.horizon
    for s, strip in enumerate(sm.problem.strips):
        k = strip.length_days
        starts = [m.NewBoolVar(f"s{s} starts d{d}") for d in range(H)]
        for d in range(H - k + 1, H):
            m.Add(starts[d] == 0)  # it would run past the horizon
        m.AddExactlyOne(starts)
        sm.start.append(starts)
        if k == 1:
            sm.occ.append(starts)
            continue
        occupied = []
        for d in range(H):
            var = m.NewBoolVar(f"s{s} on d{d}")
            m.Add(var == sum(starts[max(0, d - k + 1) : d + 1]))
            occupied.append(var)
        sm.occ.append(occupied)
    _multi_day_strips_own_their_days(sm)


def _multi_day_strips_own_their_days(sm: ScheduleModel) -> None:
    """A scene booked for whole days is the only thing shot on them."""
    for s, strip in enumerate(sm.problem.strips):
        if strip.days is None:
            continue
        for d in range(sm.horizon):
            others = [sm.occ[t][d] for t in range(len(sm.problem.strips)) if t != s]
            if others:
                sm.model.Add(sum(others) == 0).OnlyEnforceIf(sm.occ[s][d])


def add_day_literals(sm: ScheduleModel) -> None:
    """used/night/daylight per day, works per cast member, at per location: exact ORs."""
    strips = sm.problem.strips
    for d in range(sm.horizon):
        sm.used.append(sm.bool_or([sm.occ[s][d] for s in range(len(strips))], f"used d{d}"))
        sm.night.append(sm.bool_or([sm.occ[s][d] for s, st in enumerate(strips) if st.night], f"night d{d}"))
        sm.daylight.append(
            sm.bool_or([sm.occ[s][d] for s, st in enumerate(strips) if not st.night], f"daylight d{d}")
        )
    for member in sm.problem.cast:
        own = [s for s, st in enumerate(strips) if member.name in st.cast]
        sm.works[member.name] = [
            sm.bool_or([sm.occ[s][d] for s in own], f"{member.name} works d{d}") for d in range(sm.horizon)
        ]
    for location in sm.problem.locations:
        own = [s for s, st in enumerate(strips) if st.location == location.name]
        sm.at[location.name] = [
            sm.bool_or([sm.occ[s][d] for s in own], f"at {location.name} d{d}") for d in range(sm.horizon)
        ]


def add_shoot_span(sm: ScheduleModel) -> None:
    """The shoot runs from day 1 to its last used day; days inside the span are paid even when dark."""
    m = sm.model
    sm.span = [m.NewBoolVar(f"span d{d}") for d in range(sm.horizon)]
    for d in range(sm.horizon):
        m.AddImplication(sm.used[d], sm.span[d])
        if d + 1 < sm.horizon:
            m.AddImplication(sm.span[d + 1], sm.span[d])
