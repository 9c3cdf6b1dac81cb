"""Run every benchmark and print its table: `python benchmarks/run.py` (or `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# In notebook order; each prints its own table. The whole run takes several minutes.
BENCHMARKS = [
    "import_speed.py",
    "breakdown_quality.py",
    "breakdown_claude.py",
    "breakdown_exports.py",
    "image_speed.py",
    "gpu_image_speed.py",  # says so and exits 0 when there is no GPU
    "boards_and_credentials.py",
    "board_jobs.py",
    "talent_scheduling.py",
    "schedule_feature.py",
    "schedule_explain.py",
    "schedule_reports.py",
]


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / name)]) != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
