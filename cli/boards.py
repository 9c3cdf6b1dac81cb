"""`slatebook storyboard` and `slatebook moodboard`: board generation in the foreground.

They run the same job work as the pages (a job row, resumable): a second run
after an interrupted one draws only what is missing. --json lists each file
written with its AIRecord.
"""

from __future__ import annotations

import argparse
import sys

from cli.common import AddCommand, catalog, emit
from studio.errors import SlatebookError
from studio.settings import anthropic_key_from_env, load_settings

BACKENDS = ("sketch", "diffusers")


def register(add: AddCommand) -> None:
    p = add("storyboard", cmd_storyboard, "Board one scene: propose its shot list if it has none, then draw a frame per shot.")
    p.add_argument("--project", required=True)
    p.add_argument("--scene", required=True, help="scene number as written, e.g. 12 or 42A")
    _backend_options(p)
    p.add_argument("--claude", action="store_true", help="propose the shot list with Claude (needs ANTHROPIC_API_KEY)")
    p.add_argument("--json", action="store_true")

    p = add("moodboard", cmd_moodboard, "Draw moodboards: the film's look and each set's, N variants per prompt.")
    p.add_argument("--project", required=True)
    _backend_options(p)
    p.add_argument("--variants", type=int, default=2, help="images per board prompt (1 to 8)")
    p.add_argument("--board", action="append", help="only this board (repeatable), e.g. \"Location: FERRY GREYLAG\"")
    p.add_argument("--claude", action="store_true", help="write the prompts with Claude (needs ANTHROPIC_API_KEY)")
    p.add_argument("--json", action="store_true")


def _backend_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=BACKENDS, default="sketch")
    p.add_argument("--model", default="", help="diffusers model (registry key, repo id or folder); default from Settings")


def cmd_storyboard(args: argparse.Namespace) -> int:
    from pipelines.imaging import service

    repo = catalog().open(args.project)
    script = repo.get_script()
    scene = next((s for s in (script.active_scenes if script else []) if s.number == args.scene.strip()), None)
    if scene is None:
        raise SlatebookError(f"{args.project} has no scene {args.scene}.", f"List them with `slatebook scenes --project \"{args.project}\"`.")
    backend, model = _backend(args)
    work = service.make_storyboard_work(_key(args), load_settings().llm_model)
    job = _run(repo, service.STORYBOARD_JOB, service.storyboard_params([scene.id], backend, model), work)
    shots = {s.id: s for s in repo.list_shots(scene.id)}
    frames = [f for f in repo.list_frames() if f.shot_id in shots]
    frames.sort(key=lambda f: shots[f.shot_id].index)
    document = _document(repo, frames, job, {"scene": scene.number, "heading": scene.heading})
    lines = [f"Scene {scene.number}: {len(frames)} frames ({job.result.get('drawn', 0)} drawn, {job.result.get('kept', 0)} already current)."]
    lines += [f"  {shots[f.shot_id].index + 1}. {shots[f.shot_id].size.value} {shots[f.shot_id].subject}: {row['path']}" for f, row in zip(frames, document["files"])]
    emit(args, document, "\n".join(lines))
    return 0


def cmd_moodboard(args: argparse.Namespace) -> int:
    from pipelines.imaging import service

    repo = catalog().open(args.project)
    backend, model = _backend(args)
    key = _key(args)
    boards = service.propose_board_prompts(repo, service.llm_for(key, load_settings().llm_model))
    if args.board:
        known = {b.board: b for b in boards}
        unknown = [name for name in args.board if name not in known]
        if unknown:
            raise SlatebookError(f"There is no board called {unknown[0]!r}.", "Boards: " + "; ".join(known))
        boards = [known[name] for name in args.board]
    work = service.make_moodboard_work(key, load_settings().llm_model)
    job = _run(repo, service.MOODBOARD_JOB, service.moodboard_params(boards, args.variants, backend, model), work)
    names = {b.board for b in boards}
    frames = [f for f in repo.list_frames() if f.board in names and any(f.prompt == b.prompt for b in boards if b.board == f.board)]
    document = _document(repo, frames, job, {"boards": [b.model_dump(mode="json") for b in boards]})
    lines = [f"{len(frames)} moodboard images over {len(boards)} boards ({job.result.get('drawn', 0)} drawn)."]
    lines += [f"  {f.board}, variant {f.variant + 1}: {row['path']}" for f, row in zip(frames, document["files"])]
    emit(args, document, "\n".join(lines))
    return 0


def _backend(args: argparse.Namespace) -> tuple[str, str]:
    if args.backend == "sketch":
        return "sketch", ""
    model = args.model or load_settings().image_model
    if not model:
        raise SlatebookError("No diffusers model is chosen.", "Pass --model, or choose one on the Settings page.")
    return "diffusers", model


def _key(args: argparse.Namespace) -> str | None:
    if not args.claude:
        return None
    key = anthropic_key_from_env()
    if key is None:
        raise SlatebookError("--claude needs an Anthropic API key.", "Set ANTHROPIC_API_KEY, or leave out --claude for the offline rules.")
    return key


def _run(repo, kind: str, params: dict, work):
    """Resume this kind's stopped job when it asked for the same thing, else start one; in the foreground."""
    from studio import jobs

    last = jobs.latest_job(repo, kind)
    if last is not None and last.resumable and last.params == params:
        print(f"Resuming the stopped {kind} job: finished frames are kept.", file=sys.stderr)
        job = jobs.resume_job(repo, last.id, work, background=False)
    else:
        job = jobs.start_job(repo, kind, params, work, background=False)
    if job.status.value != "done":
        raise SlatebookError(f"The {kind} job {job.status.value}: {job.error or job.message}", "Run the command again to resume it.")
    return job


def _document(repo, frames, job, head: dict) -> dict:
    records = {r.id: r for r in repo.list_ai_records()}
    files = []
    for frame in frames:
        path = repo.file_path(frame.file)
        record = records.get(frame.ai_record_id or "")
        files.append({
            "path": str(path) if path else frame.file,
            "file": frame.file,
            "caption": frame.caption,
            "credentials": frame.credentials,
            "ai_record": record.model_dump(mode="json") if record else None,
        })
    return {**head, "job": job.id, "drawn": job.result.get("drawn", 0), "kept": job.result.get("kept", 0), "files": files}
