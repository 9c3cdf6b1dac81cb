"""The Claude breakdown's requests, tokens and cost for Big Fish, against the local Messages server.

    python benchmarks/breakdown_claude.py [--model MODEL] [--file SCREENPLAY]

Runs the real breakdown job (the anthropic SDK, the service, the store) against
tests/support/messages_server.py started in this process, which answers
plausibly from each scene's text and reports usage the way the API does
(prefix caching included). Token counts are the server's (JSON characters / 4),
not Anthropic's tokenizer; costs use pipelines/llm/cost.py's price table. Four
runs: call by call, the same again (the cache is warm), with self-review, and
as one Message Batch. The target: a repeat run reads at least 80% of its input
tokens from the cache.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pipelines.breakdown.service import estimate_breakdown, run_breakdown, usage_summary  # noqa: E402
from pipelines.script.service import import_script  # noqa: E402
from shared_data import CORPUS  # noqa: E402
from studio.models import JobStatus, Project  # noqa: E402
from studio.settings import DEFAULT_LLM_MODEL  # noqa: E402
from studio.store.memory_repo import InMemoryProjectRepository  # noqa: E402
from support.breakdown_answers import answer_breakdown  # noqa: E402
from support.messages_server import MessagesServer  # noqa: E402

BIG_FISH = CORPUS / "vilcans__screenplain__examples__Big-Fish.fountain"
KEY = "local-benchmark-key"  # the local server accepts any key
CACHE_TARGET = 0.8

RUNS = (
    # label, batch, review
    ("call by call", False, False),
    ("repeat run", False, False),
    ("with self-review", False, True),
    ("one batch", True, False),
)


def measure(path: Path, model: str) -> list[dict]:
    repo = InMemoryProjectRepository(Project(name=path.stem))
    import_script(repo, path.read_bytes(), path.name)
    scenes = len(repo.get_script().active_scenes)
    rows = []
    with MessagesServer(answer_for=answer_breakdown) as server:
        options = {"base_url": server.url, "max_retries": 2, "backoff_base": 0.01}
        for label, batch, review in RUNS:
            estimate = estimate_breakdown(repo, "claude", model, batch, review=review)
            before = {r.id for r in repo.list_ai_records()}
            start = time.perf_counter()
            job = run_breakdown(
                repo,
                engine="claude",
                model=model,
                api_key=KEY,
                batch=batch,
                review=review,
                claude_options=options,
                batch_options={"poll_first": 0.05, "poll_max": 0.2},
            )
            seconds = time.perf_counter() - start
            if job.status != JobStatus.DONE:
                raise SystemExit(f"{label}: the run ended {job.status.value}: {job.error}")
            used = usage_summary(repo, [r for r in repo.list_ai_records() if r.id not in before])
            input_total = used.input_tokens + used.cache_write_tokens + used.cache_read_tokens
            rows.append(
                {
                    "run": label,
                    "scenes": scenes,
                    "requests": used.calls,
                    "input (uncached)": used.input_tokens,
                    "cache write": used.cache_write_tokens,
                    "cache read": used.cache_read_tokens,
                    "output": used.output_tokens,
                    "read from cache": f"{used.cached_share:.1%}",
                    "est. input": estimate.input_tokens + estimate.cache_write_tokens + estimate.cache_read_tokens,
                    "est. USD": f"{estimate.usd:.2f}" + (f" (≤{estimate.usd_high:.2f})" if batch else ""),
                    "USD": f"{used.usd:.2f}",
                    "seconds": f"{seconds:.1f}",
                    "_share": used.cached_share,
                    "_input": input_total,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_LLM_MODEL)
    parser.add_argument("--file", type=Path, default=BIG_FISH)
    args = parser.parse_args()
    if not args.file.is_file():
        raise SystemExit(f"No screenplay at {args.file} (set SLATEBOOK_SHARED to the shared data folder).")
    rows = measure(args.file, args.model)
    print(f"Claude breakdown of {args.file.name} with {args.model}, against the local Messages server")
    print_table([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows])
    repeat = rows[1]["_share"]
    verdict = "meets" if repeat >= CACHE_TARGET else "MISSES"
    print(f"\nRepeat run reads {repeat:.1%} of its input tokens from the cache: {verdict} the {CACHE_TARGET:.0%} target.")


if __name__ == "__main__":
    main()
