"""Seconds per frame on this machine's CPU for each image backend: `python benchmarks/image_speed.py`.

The sketch renderer at storyboard sizes; the tiny random-weight pipeline (the
real diffusers code path, so the overhead of a step with almost no model);
and every registry model whose weights are on this machine, at its own
default size and steps. Speeds for real-size models on a GPU, without their
weights, come from benchmarks/gpu_image_speed.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from table import print_table  # noqa: E402
from pipelines.imaging.generators import FrameSpec, generator_for  # noqa: E402
from pipelines.imaging.generators.registry import MODELS  # noqa: E402
from pipelines.imaging.generators.weights import find_weights  # noqa: E402
from studio.errors import SlatebookError  # noqa: E402

SIZES = {"2.39:1": (1024, 428), "16:9": (768, 432), "9:16": (432, 768)}


def time_frames(generator, spec: FrameSpec, frames: int) -> tuple[float, float]:
    """(first frame, median of the rest) in seconds: the first pays for warm-up."""
    seconds = []
    for index in range(frames):
        started = time.perf_counter()
        generator.generate(spec.model_copy(update={"seed": index}))
        seconds.append(time.perf_counter() - started)
    rest = seconds[1:] or seconds
    return seconds[0], statistics.median(rest)


def row(backend: str, model: str, spec: FrameSpec, steps, first: float, median: float) -> dict:
    return {
        "backend": backend,
        "model": model,
        "size": f"{spec.width}x{spec.height}",
        "steps": steps,
        "first frame s": f"{first:.3f}",
        "s/frame": f"{median:.3f}",
        "frames/min": f"{60 / median:.1f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=6, help="frames per row (the first is warm-up)")
    args = parser.parse_args(argv)
    frames = max(2, args.frames)
    rows = []
    base = FrameSpec(prompt="Maya at the rail of the night ferry", subjects=["MAYA", "JONAS"], shot_size="MS",
                     int_ext="EXT", day_night="NIGHT", caption="Maya watches the harbour lights go")
    sketch = generator_for("sketch")
    for name, (width, height) in SIZES.items():
        spec = base.model_copy(update={"width": width, "height": height})
        rows.append(row("sketch", f"layout sketch {name}", spec, "-", *time_frames(sketch, spec, frames)))

    started = time.perf_counter()
    tiny = generator_for("tiny")
    build = time.perf_counter() - started
    for width, height, steps in ((256, 144, 4), (768, 432, 4)):
        spec = base.model_copy(update={"width": width, "height": height, "steps": steps})
        rows.append(row("tiny", "random weights (test only)", spec, steps, *time_frames(tiny, spec, frames)))

    for key, entry in MODELS.items():
        if find_weights(entry) is None:
            continue
        spec = base.model_copy(update={"width": entry.width, "height": entry.height})
        try:
            generator = generator_for("diffusers", key)
            rows.append(row("diffusers", key, spec, entry.steps, *time_frames(generator, spec, min(frames, 3))))
        except SlatebookError as exc:
            print(f"{key}: skipped: {exc}", file=sys.stderr)
    print_table(rows)
    print(f"\ntiny pipeline built in {build:.2f} s (imports included); diffusers models with weights here: "
          f"{sum(r['backend'] == 'diffusers' for r in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
