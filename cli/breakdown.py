"""`slatebook breakdown` and `slatebook breakdown-export`: the breakdown from a terminal.

The run is the same job the Breakdown page starts, done in the foreground: a
run that stopped (an expired key, a dropped connection) is resumed by running
the same command again. The key comes from ANTHROPIC_API_KEY and goes only to
the service.
"""

from __future__ import annotations

import argparse

from cli.common import AddCommand, catalog, emit, write_output
from studio.errors import SlatebookError


def register(add: AddCommand) -> None:
    p = add("breakdown", cmd_breakdown, "Break down a project's script into elements (cast, props, vehicles...) with evidence.")
    p.add_argument("--project", required=True)
    p.add_argument("--engine", choices=("offline", "claude"), default="offline")
    p.add_argument("--model", default="", help="Claude model id (default: the project's, else Settings')")
    p.add_argument("--batch", action="store_true", help="Claude: send the whole script as one Message Batch (half price)")
    p.add_argument("--review", action="store_true", help="Claude: a self-review pass for missed and doubtful elements")
    p.add_argument("--cross-review-model", default="", help="Claude: a different model reviews the breakdown too")
    p.add_argument("--json", action="store_true")

    p = add("breakdown-export", cmd_breakdown_export, "Export breakdown sheets (PDF) or the element list (CSV, XLSX).")
    p.add_argument("--project", required=True)
    p.add_argument("--format", choices=("pdf", "csv", "xlsx"), required=True)
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--include-pending", action="store_true", help="PDF: list elements not yet accepted too, marked as pending")
    p.add_argument("--json", action="store_true")


def _model(repo, requested: str) -> str:
    from studio.settings import load_settings

    return requested or repo.get_project().settings.llm_model or load_settings().llm_model


def scene_elements(repo) -> list[dict]:
    """Per scene of the current draft, in order: its elements as --json prints them."""
    from pipelines.breakdown.categories import CategorySet

    script = repo.get_script()
    if script is None:
        return []
    categories = CategorySet.from_settings(repo.get_project().settings)
    order = {c.key: i for i, c in enumerate(categories)}
    elements = repo.list_elements()
    rows = []
    for scene in script.active_scenes:
        mine = sorted((e for e in elements if e.scene_id == scene.id), key=lambda e: (order.get(e.category, len(order)), e.name.casefold()))
        rows.append(
            {
                "number": scene.number,
                "heading": scene.heading,
                "elements": [
                    {
                        "category": e.category,
                        "name": e.name,
                        "quantity": e.quantity,
                        "evidence": e.evidence,
                        "verified": e.verified,
                        "line": e.line,
                        "review": e.review.value,
                        "source": e.source,
                        "confidence": e.confidence,
                        "suggested_by": e.suggested_by,
                        "doubt": e.doubt,
                    }
                    for e in mine
                ],
            }
        )
    return rows


def cmd_breakdown(args: argparse.Namespace) -> int:
    from pipelines.breakdown import service
    from studio.models import JobStatus
    from studio.settings import anthropic_key_from_env

    repo = catalog().open(args.project)
    script = repo.get_script()
    if script is None or not script.active_scenes:
        raise SlatebookError(
            f"{args.project} has no screenplay yet, so there is nothing to break down.",
            f'Import one first: slatebook import FILE --project "{args.project}"',
        )
    claude = args.engine == "claude"
    key = anthropic_key_from_env()
    if claude and key is None:
        raise SlatebookError(
            "The Claude engine needs an Anthropic API key, and ANTHROPIC_API_KEY is not set.",
            "Set it in the environment, or use --engine offline.",
        )
    model = _model(repo, args.model) if claude else ""
    options = {
        "engine": args.engine,
        "model": model,
        "batch": claude and args.batch,
        "review": claude and args.review,
        "cross_review_model": args.cross_review_model if claude else "",
    }
    estimate = None
    if claude:
        estimate = service.estimate_breakdown(repo, "claude", model, options["batch"], review=options["review"], cross_review_model=options["cross_review_model"])
        if not args.json:
            print(
                f"Estimate: {estimate.calls} calls, about {estimate.input_tokens + estimate.cache_write_tokens + estimate.cache_read_tokens:,} "
                f"input and {estimate.output_tokens:,} output tokens, about ${estimate.usd:.2f} (up to ${estimate.usd_high:.2f})."
            )
    job = service.run_breakdown(repo, api_key=key, **options)
    usage = service.usage_summary(repo)
    document = {
        "project": args.project,
        "engine": args.engine,
        "model": model,
        "status": job.status.value,
        "message": job.result.get("message") or job.message,
        "error": job.error,
        "estimate": None
        if estimate is None
        else {"calls": estimate.calls, "input_tokens": estimate.input_tokens, "cache_write_tokens": estimate.cache_write_tokens, "cache_read_tokens": estimate.cache_read_tokens, "output_tokens": estimate.output_tokens, "usd": round(estimate.usd, 4)},
        "usage": {
            "calls": usage.calls,
            "input_tokens": usage.input_tokens,
            "cache_write_tokens": usage.cache_write_tokens,
            "cache_read_tokens": usage.cache_read_tokens,
            "output_tokens": usage.output_tokens,
            "usd": round(usage.usd, 4),
        },
        "scenes": scene_elements(repo),
    }
    if job.status != JobStatus.DONE:
        # Finished scenes are saved; the same command resumes the rest.
        emit(args, document, f"error: the breakdown stopped: {job.error or job.message}\n  Finished scenes are kept; run the same command again to resume.")
        return 2
    total = sum(len(s["elements"]) for s in document["scenes"])
    unverified = sum(not e["verified"] for s in document["scenes"] for e in s["elements"])
    lines = [f"{args.project}: {document['message']}"]
    if usage.calls:
        lines.append(
            f"Used {usage.calls} calls, {usage.input_tokens + usage.cache_write_tokens + usage.cache_read_tokens:,} input tokens "
            f"({usage.cached_share:.0%} from the cache), {usage.output_tokens:,} output, ${usage.usd:.2f}."
        )
    for scene in document["scenes"]:
        counts: dict[str, int] = {}
        for e in scene["elements"]:
            counts[e["category"]] = counts.get(e["category"], 0) + 1
        summary = ", ".join(f"{k} {n}" for k, n in counts.items()) or "no elements"
        lines.append(f"{scene['number']:>4}  {scene['heading']}: {summary}")
    lines.append(f"{total} elements, {unverified} unverified. Review them on the Breakdown page (`slatebook app`).")
    emit(args, document, "\n".join(lines))
    return 0


def cmd_breakdown_export(args: argparse.Namespace) -> int:
    from pipelines.breakdown.exports.service import export

    repo = catalog().open(args.project)
    data = export(repo, args.format, include_pending=args.include_pending)
    out = write_output(args.out, data)
    emit(args, {"project": args.project, "format": args.format, "out": str(out), "bytes": len(data)}, f"Wrote {out} ({len(data):,} bytes).")
    return 0
