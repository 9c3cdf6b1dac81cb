"""Talent scheduling: solve published instances as Slatebook schedules and compare with proven optima.

    python benchmarks/talent_scheduling.py [FILE ...] [--time-limit S] [--workers N] [--json]

With no FILE, every instance in the shared folder (../shared/benchmarks/talent-scheduling, or
$SLATEBOOK_SHARED/benchmarks/talent-scheduling) is solved. Optima come from optima.json there.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path

from table import print_table

from scheduling.talent_files import read_instance
from scheduling.talent_schedule import as_schedule
from scheduling.talent_solve import DEFAULT_WORKERS, solve_talent
from studio.models.planning import Schedule

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
FOLDER = SHARED / "benchmarks" / "talent-scheduling"


def known_optima() -> dict[str, dict]:
    path = FOLDER / "optima.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def solve_file(path: Path, time_limit: float, workers: int, optima: dict[str, dict]) -> dict:
    instance = read_instance(path)
    solution = solve_talent(instance, time_limit=time_limit, workers=workers)
    schedule = as_schedule(instance, solution)
    idle = sum(v for k, v in schedule.cost_terms.items() if k.startswith("holding"))
    optimum = optima.get(path.name, {}).get("total")
    return {
        "instance": path.name,
        "scenes": instance.num_scenes,
        "status": schedule.status,
        "total": int(schedule.objective),
        "idle": int(idle),
        "bound": int(schedule.bound),
        "gap_%": round(100 * solution.gap, 2),
        "seconds": round(solution.seconds, 2),
        "optimum": optimum if optimum is not None else "?",
        "check": _compare(int(schedule.objective), optimum),
        "order": [int(scene_id) for day in _scene_runs(schedule) for scene_id in day],
    }


def _scene_runs(schedule: Schedule) -> list[list[str]]:
    # A scene lasting several days appears on each of them; the order lists it once.
    runs: list[list[str]] = []
    for day in schedule.days:
        if not runs or runs[-1] != day.scene_ids:
            runs.append(day.scene_ids)
    return runs


def _compare(total: int, optimum: int | None) -> str:
    if optimum is None:
        return "no optimum"
    return "match" if total == optimum else f"off by {total - optimum}"


def summary(rows: list[dict]) -> str:
    seconds = [r["seconds"] for r in rows]
    matched = sum(r["check"] == "match" for r in rows)
    known = sum(r["check"] != "no optimum" for r in rows)
    proven = sum(r["status"] == "optimal" for r in rows)
    return (
        f"{matched}/{known} match optima.json, {proven}/{len(rows)} proven optimal; "
        f"seconds median {statistics.median(seconds):.2f}, max {max(seconds):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted(FOLDER.glob("*.dzn")) + sorted(FOLDER.glob("*.dat"))
    if not files:
        parser.error(f"no instances given and none found in {FOLDER}")
    optima = known_optima()
    rows = [solve_file(path, args.time_limit, args.workers, optima) for path in files]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"Talent scheduling, CP-SAT, {args.workers} workers, {args.time_limit:g} s limit")
    print_table([{k: v for k, v in r.items() if k != "order"} for r in rows])
    print(summary(rows))
    print()
    for r in rows:
        print(f"{r['instance']}: {' '.join(map(str, r['order']))}")


if __name__ == "__main__":
    main()
