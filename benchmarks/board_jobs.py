"""Board jobs end to end on the sample: shot lists, then frames drawn, signed, recorded and stored.

    python benchmarks/board_jobs.py [--scenes N] [--backend sketch|tiny] [--json]

Times what a director waits for on the Storyboard and Moodboard pages: the
coverage rules over every scene, then the storyboard job over the first N
scenes and a moodboard job (2 variants of every board), in a throwaway data
folder. Per frame, the job's own time is split into drawing (the generator)
and the rest (C2PA signing, palette, file store, AIRecord, Frame row).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from table import print_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=10)
    parser.add_argument("--backend", default="sketch", choices=("sketch", "tiny"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ["SLATEBOOK_HOME"] = tempfile.mkdtemp(prefix="slatebook-bench-")

    from pipelines.imaging import service
    from pipelines.imaging.shotlist import coverage_shots
    from pipelines.sample import create_sample_project
    from studio import jobs
    from studio.store.catalog import ProjectCatalog

    repo = create_sample_project(ProjectCatalog())
    scenes = repo.get_script().active_scenes
    rows = []

    started = time.perf_counter()
    shots = sum(len(coverage_shots(s, scenes[i - 1] if i else None)) for i, s in enumerate(scenes))
    seconds = time.perf_counter() - started
    rows.append({"step": f"coverage shot lists, {len(scenes)} scenes", "items": shots, "seconds": f"{seconds:.3f}",
                 "per item (s)": f"{seconds / shots:.4f}", "drawing (s)": "-", "sign+store (s)": "-"})

    long_edge = 64 if args.backend == "tiny" else None
    for kind, params, work in (
        (service.STORYBOARD_JOB,
         service.storyboard_params([s.id for s in scenes[: args.scenes]], args.backend, long_edge=long_edge),
         service.make_storyboard_work()),
        (service.MOODBOARD_JOB,
         service.moodboard_params(service.propose_board_prompts(repo), 2, args.backend, long_edge=long_edge),
         service.make_moodboard_work()),
    ):
        before = {r.id for r in repo.list_ai_records()}
        started = time.perf_counter()
        job = jobs.start_job(repo, kind, params, work, background=False)
        seconds = time.perf_counter() - started
        assert job.status.value == "done", job.error
        drawn = [r for r in repo.list_ai_records() if r.id not in before and r.kind == "image"]
        drawing = sum(r.parameters.get("seconds", 0.0) for r in drawn)
        count = len(drawn)
        rows.append({
            "step": f"{kind} job, {args.backend}" + (f", {args.scenes} scenes" if kind == service.STORYBOARD_JOB else ", 2 variants"),
            "items": count,
            "seconds": f"{seconds:.2f}",
            "per item (s)": f"{seconds / count:.3f}",
            "drawing (s)": f"{drawing / count:.3f}",
            "sign+store (s)": f"{(seconds - drawing) / count:.3f}",
        })

    print_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
