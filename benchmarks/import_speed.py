"""Screenplay import speed: pages per second for Big Fish in each format.

    python benchmarks/import_speed.py [--repeat N] [--json]

Reads the shared corpus (../shared/corpus/screenplays, or $SLATEBOOK_SHARED).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from table import print_rows

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "screenplays"
FILES = {
    "fountain": "vilcans__screenplain__examples__Big-Fish.fountain",
    "fdx": "vilcans__screenplain__examples__Big-Fish.fdx",
    "pdf": "Joeboy__scenewriter__samples__Big-Fish.pdf",
}
PDF_PAGES = 115  # the printed length: pages/s is measured against it for every format


def measure(repeat: int) -> list[dict]:
    from pipelines.script.service import read_script

    rows = []
    for fmt, name in FILES.items():
        data = (CORPUS / name).read_bytes()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            script = read_script(data, name)
            times.append(time.perf_counter() - start)
        best = min(times)
        rows.append(
            {
                "format": fmt,
                "scenes": len(script.scenes),
                "pages_estimated": round(script.page_count, 1),
                "seconds_best": round(best, 3),
                "seconds_median": round(statistics.median(times), 3),
                "pages_per_second": round(PDF_PAGES / best, 1),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure(args.repeat)
    print_rows(rows, args.json, "Big Fish import (115 printed pages)")


if __name__ == "__main__":
    main()
