"""Time to explain an infeasible shooting schedule, on the small conflicts the tests use and on
160-scene generated setups made infeasible on purpose.

    python benchmarks/schedule_explain.py [--scenes 160] [--seed 0] [--json]

Each case runs twice: from CP-SAT's assumption core (what the app does) and with the assumption
solve given no time, so the deletion filter it falls back to answers. Each row: the case, the
method, seconds to the explanation and the rules named.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "scheduling"))

from benchmarks.table import print_rows  # noqa: E402
from scheduling.explain import CORE_SECONDS, explain_infeasible  # noqa: E402
from scheduling.generator import generate_problem  # noqa: E402
from scheduling.lower_bound import days_needed  # noqa: E402
from scheduling.model import day_horizon  # noqa: E402
from scheduling.problem import CastMember  # noqa: E402
from schedule_kit import MONDAY, problem, strip  # noqa: E402


def small_cases() -> dict:
    isla = CastMember(name="ISLA", daily_rate=1000, unavailable=frozenset({MONDAY}))
    return {
        "small: lock vs unavailable": problem([strip(1, cast=("ISLA",)), strip(2, cast=("JONAH",))], locks={"s1": 1},
                                             cast=[isla, CastMember(name="JONAH", daily_rate=1000)]),
        "small: turnaround vs 2 locks": problem([strip(1, night=True), strip(2), strip(3)], locks={"s1": 1, "s2": 2}),
        "small: capacity vs max days": problem([strip(n, hours=6) for n in range(1, 5)], max_days=1),
    }


def feature_cases(seed: int, scenes: int) -> dict:
    base = generate_problem(seed=seed, scenes=scenes)
    dates = base.calendar.dates(day_horizon(base))
    # A cast member with blocked dates, one of their scenes locked onto a blocked day.
    member = next(m for m in base.cast if m.unavailable and not m.available_from and not m.available_until)
    blocked = min(member.unavailable)
    own = next(s for s in base.strips if member.name in s.cast and s.id not in base.locks)
    lock_day = dates.index(blocked) + 1
    locks = {k: v for k, v in base.locks.items() if v != lock_day}
    night = next(s for s in base.strips if s.night and s.id not in base.locks)
    day = next(s for s in base.strips if not s.night and s.id not in base.locks and s.location == night.location)
    # three day scenes whose cast and location have no dates of their own: the order is the only conflict
    open_dates = [s for s in base.strips if s.id not in base.locks and s.id not in (night.id, day.id) and not s.night
                  and not base.location_by_name[s.location].restricted
                  and not any(base.cast_by_name[n].restricted for n in s.cast)]
    a, b, c = open_dates[:3]
    return {
        f"{scenes} scenes: lock vs unavailable": base.model_copy(update=dict(locks={**locks, own.id: lock_day})),
        f"{scenes} scenes: turnaround vs 2 locks": base.model_copy(update=dict(locks={night.id: 8, day.id: 9})),
        # one day fewer than the hours need: impossible however the scenes are arranged
        f"{scenes} scenes: max days too few": base.model_copy(update=dict(max_days=days_needed(base, base.strips) - 1)),
        f"{scenes} scenes: order cycle with locks": base.model_copy(update=dict(
            precedences=((a.id, b.id), (b.id, c.id)), locks={**base.locks, a.id: 12, c.id: 11})),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=160)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for name, prob in {**small_cases(), **feature_cases(args.seed, args.scenes)}.items():
        for core_seconds in (CORE_SECONDS, 0.0):
            started = time.perf_counter()
            conflicts = explain_infeasible(prob, day_horizon(prob), core_seconds=core_seconds)
            seconds = time.perf_counter() - started
            rows.append({"case": name, "method": conflicts[0].found_by, "seconds": round(seconds, 2),
                         "rules": " + ".join(c.key.split(":")[0] for c in conflicts)})
    print_rows(rows, args.json)


if __name__ == "__main__":
    main()
