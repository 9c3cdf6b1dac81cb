"""`slatebook schedule` and `slatebook schedule-export`: solve a project's schedule, export its reports."""

from __future__ import annotations

import argparse

from cli.common import AddCommand, catalog, emit, write_output
from studio.errors import SlatebookError

FORMATS = ("pdf", "csv", "xlsx")


def register(add: AddCommand) -> None:
    p = add(
        "schedule",
        cmd_schedule,
        "Solve the project's shooting schedule with its saved setup; saves the result as a new version.",
    )
    p.add_argument("--project", required=True)
    p.add_argument("--time-limit", type=float, default=None, help="seconds (default: the setup's time limit)")
    p.add_argument("--name", default="", help="name of the version saved (default: Solve <date time>)")
    p.add_argument("--json", action="store_true")

    p = add("schedule-export", cmd_export, "Export a schedule version's stripboard, one-liner or Day Out of Days.")
    p.add_argument("--project", required=True)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--report", choices=("stripboard", "one-liner", "dood"), default="stripboard",
                   help="xlsx holds all three, one sheet each")
    p.add_argument("--version", default=None, help="version name or id (default: the newest)")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")


def cmd_schedule(args: argparse.Namespace) -> int:
    from scheduling.evaluate import money
    from scheduling.reports.solve_job import SOLVE_KIND, solve_params, solve_work
    from studio import jobs

    repo = catalog().open(args.project)
    if args.time_limit is not None and not 0 < args.time_limit <= 600:
        raise SlatebookError("The time limit must be between 0 and 600 seconds.", "Try --time-limit 10.")
    job = jobs.start_job(
        repo, SOLVE_KIND, solve_params(time_limit_s=args.time_limit, name=args.name), solve_work, background=False
    )
    if job.error:
        raise SlatebookError(job.error)
    result = job.result
    if result.get("status") not in ("optimal", "feasible"):
        document = {"project": args.project, "status": result.get("status"), "conflicts": result.get("conflicts", []),
                    "message": result.get("message", "")}
        lines = [f"{args.project}: no schedule ({result.get('status')})."]
        lines += [f"  - {c['text']} {c['hint']}" for c in result.get("conflicts", [])]
        if result.get("message"):
            lines.append(f"  {result['message']}")
        emit(args, document, "\n".join(lines))
        return 1
    from scheduling.reports.versions import find_version

    schedule = find_version(repo, result["schedule_id"])
    document = schedule_document(repo, schedule)
    document["seconds"] = result.get("seconds")
    text = [
        f"{args.project}: {schedule.name} — {schedule.status}, {len(schedule.days)} shoot days, "
        f"{money(document['cost'])} (bound {money(max(document['bound'] or 0, 0))}, gap {document['gap']:.1%})"
    ]
    off = {d["date"]: d["name"] for d in document["days_off"]}
    for day in document["days"]:
        for date in [d for d in sorted(off) if day["date"] and d < day["date"]]:
            text.append(f"  No shooting {date}  {off.pop(date)}")
        text.append(f"  Day {day['day']:>2} {day['date'] or ''}  {day['pages']:>7} pgs  scenes {', '.join(day['scenes'])}")
    text.append("Cost:")
    text += [f"  {name}: {money(amount)}" for name, amount in document["cost_terms"].items()]
    emit(args, document, "\n".join(text))
    return 0


def schedule_document(repo, schedule) -> dict:
    """The days with their scene numbers, the DOOD, the cost terms, status and gap, as JSON-ready values."""
    from scheduling.project_problem import problem_from_project
    from scheduling.reports.costs import cost_breakdown
    from scheduling.reports.dood import day_out_of_days
    from scheduling.reports.project_board import project_board
    from scheduling.reports.versions import priced
    from studio.models import format_eighths

    problem = problem_from_project(repo)
    board = project_board(repo, problem, schedule)
    schedule, evaluation = priced(problem, schedule)
    dood = day_out_of_days(board, problem.drop_pickup_days)
    return {
        "project": repo.get_project().name,
        "version": schedule.name,
        "status": schedule.status,
        "cost": evaluation.total,
        "bound": schedule.bound,
        "gap": schedule.gap or 0.0,
        "cast_source": board.cast_source,
        "days": [
            {
                "day": day.number,
                "date": day.date.isoformat() if day.date else None,
                "scenes": [s.number for s in day.strips],
                "pages": format_eighths(day.eighths),
                "eighths": day.eighths,
                "hours": round(day.hours, 2),
            }
            for day in board.days
        ],
        "dood": [
            {
                "id": r.id_number, "cast": r.name, "codes": r.codes, "work": r.work, "hold": r.hold, "drop": r.drop,
                "total": r.total, "start": r.start.isoformat() if r.start else None,
                "finish": r.finish.isoformat() if r.finish else None,
            }
            for r in dood.rows
        ],
        "cost_terms": {f.name: f.total for f in cost_breakdown(evaluation.items).families},
        "cost_items": [{"family": i.family, "label": i.label, "amount": i.amount} for i in evaluation.items],
        "moves": [m.label for m in board.moves()],
        "days_off": [{"date": d.date.isoformat(), "name": d.name} for d in board.days_off],
        "violations": evaluation.violations,
    }


def cmd_export(args: argparse.Namespace) -> int:
    from scheduling.exports.pdf import report_pdf
    from scheduling.exports.spreadsheet import to_csv, to_xlsx
    from scheduling.exports.tables import REPORTS, report_table
    from scheduling.project_problem import problem_from_project
    from scheduling.reports.project_board import project_board
    from scheduling.reports.versions import find_version, versions

    repo = catalog().open(args.project)
    if args.version:
        schedule = find_version(repo, args.version)
    else:
        found = versions(repo)
        if not found:
            raise SlatebookError(
                f"{args.project} has no schedule yet.", f"Run `slatebook schedule --project \"{args.project}\"` first."
            )
        schedule = found[-1]
    problem = problem_from_project(repo)
    board = project_board(repo, problem, schedule)
    drop = problem.drop_pickup_days
    if args.format == "pdf":
        data = report_pdf(board, args.project, args.report, drop)
    elif args.format == "csv":
        data = to_csv(report_table(board, args.report, drop_after=drop))
    else:
        data = to_xlsx([report_table(board, r, drop_after=drop) for r in REPORTS])
    out = write_output(args.out, data)
    report = "all reports" if args.format == "xlsx" else args.report
    emit(args, {"project": args.project, "version": schedule.name, "format": args.format, "report": report, "out": str(out)},
         f"Wrote the {report} of {schedule.name!r} to {out}")
    return 0
