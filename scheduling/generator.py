"""Feature-scale schedule problems for the benchmark and tests, seeded so a run can be repeated.

Shaped like a feature's breakdown: a few leads in most scenes and many day players in a few;
locations with one to four sets each, some visited far more than others; about a third of the
scenes at night; page lengths from 1/8 to 3 pages; a few cast members with availability windows
or blocked dates, a permit window or two, and a few strips locked to a day.
"""

from __future__ import annotations

import datetime as dt
import random

from scheduling.problem import CastMember, Location, ScheduleProblem, ShootingCalendar
from scheduling.strips import estimated_hours
from scheduling.problem import Strip
from studio.models.planning import ScheduleSetup

START = dt.date(2027, 3, 1)  # a Monday


def generate_problem(
    seed: int = 0, scenes: int = 160, cast: int = 40, locations: int = 25, start: dt.date = START
) -> ScheduleProblem:
    rng = random.Random(seed)
    setup = ScheduleSetup(start_date=start)
    names = [f"ACTOR {i + 1:02d}" for i in range(cast)]
    # Leads are in many scenes, day players in few: a Zipf-like weight by billing.
    weights = [1.0 / (i + 1) ** 0.9 for i in range(cast)]
    places = [f"LOCATION {chr(65 + i // 26) if i >= 26 else ''}{chr(65 + i % 26)}" for i in range(locations)]
    place_weight = [1.0 / (i + 1) ** 0.7 for i in range(locations)]
    sets = {p: [f"{p} - SET {j + 1}" for j in range(rng.randint(1, 4))] for p in places}
    exterior = {p: rng.random() < 0.4 for p in places}

    strips = []
    for i in range(scenes):
        place = rng.choices(places, place_weight)[0]
        night = rng.random() < 0.3
        int_ext = "EXT" if exterior[place] else "INT"
        eighths = max(1, min(24, round(rng.gammavariate(2.0, 3.5))))
        size = min(cast, rng.choices([1, 2, 3, 4, 5], [2, 4, 3, 2, 1])[0])
        members = set()
        while len(members) < size:
            members.add(rng.choices(names, weights)[0])
        strips.append(Strip(
            id=f"s{i + 1}", number=str(i + 1), set_name=rng.choice(sets[place]), location=place,
            int_ext=int_ext, day_night="NIGHT" if night else "DAY", eighths=eighths,
            hours=estimated_hours(eighths, int_ext, night, setup), cast=tuple(sorted(members)),
        ))

    calendar = ShootingCalendar(start=start)
    rough_days = round(sum(s.hours for s in strips) / setup.day_hours * 1.3)
    dates = calendar.dates(rough_days)
    members = []
    for i, name in enumerate(names):
        rate = 8000 if i < 3 else 2500 if i < 10 else 800
        window: dict = {}
        roll = rng.random()
        if i >= 3 and roll < 0.12:  # a supporting actor booked elsewhere for part of the shoot
            window["available_from"] = dates[rng.randint(0, len(dates) // 3)]
        elif i >= 3 and roll < 0.24:
            window["available_until"] = dates[rng.randint(2 * len(dates) // 3, len(dates) - 1)]
        elif roll < 0.4:
            first = rng.randint(0, len(dates) - 3)
            window["unavailable"] = frozenset(dates[first : first + rng.randint(1, 3)])
        members.append(CastMember(name=name, daily_rate=rate, **window))
    used = sorted({s.location for s in strips})
    locs = []
    for place in used:
        if rng.random() < 0.1:
            first = rng.randint(0, len(dates) // 2)
            locs.append(Location(name=place, available_from=dates[first], available_until=dates[min(len(dates) - 1, first + len(dates) // 2)]))
        else:
            locs.append(Location(name=place))
    # A few day strips locked to the first days, where their cast and location can make it.
    open_loc = {loc.name for loc in locs if not loc.restricted}
    free = [s for s in strips if not s.night and s.location in open_loc
            and all(not m.restricted for m in members if m.name in s.cast)]
    locks = {s.id: day for day, s in enumerate(rng.sample(free, min(3, len(free))), start=1)}
    return ScheduleProblem(
        name=f"generated-{seed}-{scenes}", strips=tuple(strips), cast=tuple(m for m in members if any(m.name in s.cast for s in strips)),
        locations=tuple(locs), calendar=calendar, day_hours=setup.day_hours,
        company_move_hours=setup.company_move_hours, locks=locks,
        turnaround=setup.turnaround, max_consecutive_nights=setup.max_consecutive_nights,
        drop_pickup_days=setup.drop_pickup_days, weights=setup.weights,
    )
