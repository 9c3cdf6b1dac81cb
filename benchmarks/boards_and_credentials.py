"""Content Credentials, palettes and board exports: seconds per operation on sketch frames.

    python benchmarks/boards_and_credentials.py [--repeat N] [--json]

Frames are 768x432 layout sketches from the offline renderer. Signing uses a
throwaway data folder, so no real project certificate is touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from table import print_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _frames(count: int) -> list[bytes]:
    from pipelines.imaging.generators.base import FrameSpec, generator_for
    from studio.models.imaging import ShotSize

    sketch = generator_for("sketch")
    sizes = list(ShotSize)
    return [
        sketch.generate(
            FrameSpec(width=768, height=432, seed=i, shot_size=sizes[i % len(sizes)], subjects=["MAYA", "ELI"][: 1 + i % 2],
                      caption="Maya crosses the wet deck.", int_ext="EXT", day_night="NIGHT")
        ).png
        for i in range(count)
    ]


def _time(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repeat: int) -> list[dict]:
    from pipelines.imaging.exports import BoardPanel, animatic, moodboard_png, storyboard_pdf
    from pipelines.imaging.palette import board_palette, extract_palette
    from pipelines.provenance.certs import signing_identity
    from pipelines.provenance.sign import sign_image, sign_pdf
    from pipelines.provenance.verify import read_credentials
    from studio.models.imaging import Shot
    from studio.models.provenance import AIRecord

    frames = _frames(30)
    record = AIRecord(kind="image", purpose="storyboard frame", provider="diffusers", model="stabilityai/sd-turbo", seed=1)
    panels = [
        BoardPanel(shot=Shot(scene_id="s", index=i, action="Maya crosses the wet deck as the horn sounds.", dialogue="Not tonight."),
                   png=png, scene_number="12", scene_heading="EXT. FERRY DECK - NIGHT")
        for i, png in enumerate(frames)
    ]
    rows = []

    def row(what: str, seconds: float, note: str = "") -> None:
        rows.append({"operation": what, "seconds": f"{seconds:.3f}", "note": note})

    start = time.perf_counter()
    signing_identity("bench-first-use", "Bench")
    row("project certificate, first use", time.perf_counter() - start, "root + leaf, P-256")
    row("certificate, reused", _time(lambda: signing_identity("bench-first-use"), repeat))
    signed = sign_image(frames[0], title="12A", record=record, ai_generated=True, project_id="bench")
    row("sign_image 768x432 PNG", _time(lambda: sign_image(frames[0], title="12A", record=record, ai_generated=True, project_id="bench"), repeat),
        f"+{len(signed) - len(frames[0])} bytes")
    row("read_credentials PNG", _time(lambda: read_credentials(signed, "image/png"), repeat))
    pdf = storyboard_pdf(panels, title="Storyboard", project="Bench", layout="3x3")
    row("storyboard_pdf 30 panels 3x3", _time(lambda: storyboard_pdf(panels, title="Storyboard", project="Bench", layout="3x3"), repeat),
        f"4 pages, {len(pdf) // 1024} KiB")
    signed_pdf = sign_pdf(pdf, title="Storyboard", project_id="bench", contains_ai=False)
    row("sign_pdf 30-panel storyboard", _time(lambda: sign_pdf(pdf, title="Storyboard", project_id="bench", contains_ai=False), repeat))
    row("read_credentials PDF", _time(lambda: read_credentials(signed_pdf, "application/pdf"), repeat))
    row("extract_palette 768x432", _time(lambda: extract_palette(frames[0]), repeat), "6 swatches")
    row("board_palette 12 images", _time(lambda: board_palette(frames[:12]), repeat))
    row("moodboard_png 12 images 1600 px", _time(lambda: moodboard_png(frames[:12], ["#29323f", "#121418", "#dcdddc", "#b42a22", "#5e666f"], "Bench"), repeat))
    shots = [(png, 3.0) for png in frames[:10]]
    row("animatic GIF 10 shots x 3 s, 960 px", _time(lambda: animatic(shots, "gif"), repeat))
    row("animatic MP4 10 shots x 3 s, 960 px", _time(lambda: animatic(shots, "mp4"), repeat), "H.264, 24 fps")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["SLATEBOOK_HOME"] = home
        rows = measure(args.repeat)
    print_rows(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
