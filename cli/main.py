"""`slatebook`: the notebook's services from a terminal, for automation and CI.

Every command prints a human summary, or one JSON document with --json.
A problem the user can fix exits with status 2 and says what to do.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from cli.common import Handler, catalog, emit, read_input
from studio.errors import SlatebookError

# Each notebook step that has commands keeps them in its own module, which
# exposes register(add); add(name, handler, help) returns the command's parser.
COMMAND_MODULES: list[str] = ["cli.credentials", "cli.schedule", "cli.boards", "cli.breakdown"]


def scene_row(scene) -> dict:
    return {
        "number": scene.number,
        "heading": scene.heading,
        "int_ext": scene.int_ext.value,
        "location": scene.location,
        "time": scene.time,
        "day_night": scene.day_night,
        "eighths": scene.eighths,
        "length": scene.length,
        "characters": list(scene.characters),
        "synopsis": scene.synopsis,
        "revised": scene.revised,
    }


def cmd_import(args: argparse.Namespace) -> int:
    from pipelines.script.service import import_to_project

    path = Path(args.file)
    name, result = import_to_project(catalog(), read_input(path), path.name, args.project or "")
    changes = result.changes
    document = {
        "project": name,
        "revision": result.script.revision,
        "first_draft": result.first_draft,
        "scenes": len(result.script.active_scenes),
        "pages": result.script.page_count,
        "unchanged": len(changes.unchanged),
        "revised": len(changes.revised),
        "added": len(changes.added),
        "omitted": len(changes.omitted),
        "warnings": result.script.warnings,
    }
    lines = [f"{name}: {result.summary()}"] + [f"warning: {w}" for w in result.script.warnings]
    emit(args, document, "\n".join(lines))
    return 0


def cmd_scenes(args: argparse.Namespace) -> int:
    repo = catalog().open(args.project)
    script = repo.get_script()
    scenes = script.active_scenes if script else []
    rows = [scene_row(s) for s in scenes]
    width = max((len(r["number"]) for r in rows), default=2)
    text = "\n".join(
        f"{r['number']:>{width}}  {r['int_ext'] or '-':7} {r['day_night']:5} {r['length']:>6}  "
        f"{r['heading']}  [{', '.join(r['characters'])}]"
        for r in rows
    ) or f"{args.project} has no script yet: run `slatebook import FILE --project \"{args.project}\"`."
    emit(args, rows, text)
    return 0


def cmd_projects(args: argparse.Namespace) -> int:
    projects = catalog().list_projects()
    rows = [{"name": p.name, "scenes": p.scene_count, "updated_at": p.updated_at.isoformat()} for p in projects]
    text = "\n".join(f"{r['name']}  ({r['scenes']} scenes, updated {r['updated_at'][:16]})" for r in rows)
    emit(args, rows, text or "No projects yet: `slatebook import FILE` creates one.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = catalog().export_bundle(args.project, Path(args.out))
    emit(args, {"project": args.project, "bundle": str(out)}, f"Exported {args.project} to {out}")
    return 0


def cmd_open_bundle(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise SlatebookError(f"There is no bundle at {path}.", "Give the path of a .slatebook file.")
    repo = catalog().import_bundle(path, name=args.name)
    name = repo.get_project().name
    emit(args, {"project": name}, f"Opened {path.name} as project {name!r}.")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    import subprocess

    from pipelines.sample import default_project_name

    default_project_name(catalog())  # first start: the sample is ready before the page opens
    app = Path(__file__).resolve().parent.parent / "streamlit_app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port)]
    if args.headless:
        command += ["--server.headless", "true"]
    return subprocess.call(command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slatebook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("import", cmd_import, "Import a screenplay (Fountain, FDX, PDF, text): a new project, or a revised draft of an existing one.")
    p.add_argument("file")
    p.add_argument("--project", help="project name (default: the script's title)")
    p.add_argument("--json", action="store_true")

    p = add("scenes", cmd_scenes, "List the current draft's scenes.")
    p.add_argument("--project", required=True)
    p.add_argument("--json", action="store_true")

    p = add("projects", cmd_projects, "List projects in the data folder.")
    p.add_argument("--json", action="store_true")

    p = add("export", cmd_export, "Export a project to one bundle file.")
    p.add_argument("--project", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")

    p = add("open-bundle", cmd_open_bundle, "Import a bundle file as a project.")
    p.add_argument("file")
    p.add_argument("--name", help="project name (default: the bundle's, made unique)")
    p.add_argument("--json", action="store_true")

    p = add("app", cmd_app, "Start the notebook in the browser (on the sample project the first time).")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--headless", action="store_true")

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SlatebookError as exc:
        print(f"error: {exc.problem}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
