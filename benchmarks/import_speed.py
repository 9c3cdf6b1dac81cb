"""Screenplay import speed: pages per second for Big Fish in each format, and every corpus file.

    python benchmarks/import_speed.py [--repeat N] [--json]

The second table reads each screenplay in the corpus (Fountain, FDX, PDF),
slowest first: a parser that goes quadratic on one odd file shows up there.

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


def timed_reads(data: bytes, name: str, repeat: int):
    """Seconds for each of `repeat` reads of one file, and the script read (None when refused: a
    parser test fixture with no scene, whose refusal is timed too)."""
    from pipelines.script.service import read_script
    from studio.errors import ImportProblem

    times, script = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            script = read_script(data, name)
        except ImportProblem:
            script = None
        times.append(time.perf_counter() - start)
    return times, script


def measure(repeat: int) -> list[dict]:
    rows = []
    for fmt, name in FILES.items():
        times, script = timed_reads((CORPUS / name).read_bytes(), name, repeat)
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


def measure_corpus(repeat: int) -> list[dict]:
    rows = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix.lower() not in {".fountain", ".fdx", ".pdf"}:
            continue
        times, script = timed_reads(path.read_bytes(), path.name, repeat)
        best = min(times)
        pages = script.page_count if script else 0.0
        rows.append(
            {
                "file": path.name.split("__")[-1],
                "scenes": len(script.scenes) if script else "refused",
                "pages_estimated": round(pages, 1),
                "seconds_best": round(best, 3),
                "pages_per_second": round(pages / best, 1) if script and best else "",
            }
        )
    return sorted(rows, key=lambda r: -r["seconds_best"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    big_fish, corpus = measure(args.repeat), measure_corpus(args.repeat)
    if args.json:
        print_rows([{"big_fish": big_fish, "corpus": corpus}], True)
        return
    print_rows(big_fish, False, "Big Fish import (115 printed pages)")
    print()
    print_rows(corpus, False, f"Every screenplay in the corpus, slowest first ({CORPUS})")


if __name__ == "__main__":
    main()
