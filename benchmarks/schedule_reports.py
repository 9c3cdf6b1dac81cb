"""Time the schedule reports and exports on a feature-scale board (200 scenes, 50 cast, 30 locations).

The board is the baseline hand sort of a generated production, so no solve is timed here:
`python benchmarks/schedule_reports.py [--scenes N]` prints one row per report and format.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from table import print_table  # noqa: E402
from scheduling.baseline import baseline_schedule  # noqa: E402
from scheduling.exports.pdf import report_pdf  # noqa: E402
from scheduling.exports.spreadsheet import to_csv, to_xlsx  # noqa: E402
from scheduling.exports.tables import REPORTS, report_table  # noqa: E402
from scheduling.generator import generate_problem  # noqa: E402
from scheduling.reports.costs import cost_breakdown  # noqa: E402
from scheduling.reports.dood import day_out_of_days  # noqa: E402
from scheduling.reports.project_board import board_for  # noqa: E402
from scheduling.reports.stripboard import stripboard  # noqa: E402
from scheduling.reports.versions import priced  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=200)
    args = parser.parse_args(argv)
    problem = generate_problem(seed=1, scenes=args.scenes, cast=50, locations=30)
    schedule = baseline_schedule(problem)
    board, seconds = _timed(lambda: board_for(problem, schedule))
    rows = [{"step": "board", "days": len(board.days), "size": "", "seconds": f"{seconds:.3f}"}]
    for name, fn in (
        ("stripboard rows", lambda: stripboard(board)),
        ("day out of days", lambda: day_out_of_days(board, problem.drop_pickup_days)),
        ("cost (evaluate + breakdown)", lambda: cost_breakdown(priced(problem, schedule)[1].items)),
    ):
        _, seconds = _timed(fn)
        rows.append({"step": name, "days": len(board.days), "size": "", "seconds": f"{seconds:.3f}"})
    for report in REPORTS:
        data, seconds = _timed(lambda r=report: report_pdf(board, problem.name, r, problem.drop_pickup_days))
        rows.append({"step": f"{report} PDF", "days": len(board.days), "size": f"{len(data) // 1024} KiB", "seconds": f"{seconds:.3f}"})
        data, seconds = _timed(lambda r=report: to_csv(report_table(board, r, drop_after=problem.drop_pickup_days)))
        rows.append({"step": f"{report} CSV", "days": len(board.days), "size": f"{len(data) // 1024} KiB", "seconds": f"{seconds:.3f}"})
    data, seconds = _timed(lambda: to_xlsx([report_table(board, r, drop_after=problem.drop_pickup_days) for r in REPORTS]))
    rows.append({"step": "all reports XLSX", "days": len(board.days), "size": f"{len(data) // 1024} KiB", "seconds": f"{seconds:.3f}"})
    print(f"{args.scenes} scenes, {len(problem.cast)} cast, {len(problem.locations)} locations (baseline hand sort)")
    print_table(rows)


if __name__ == "__main__":
    main()
