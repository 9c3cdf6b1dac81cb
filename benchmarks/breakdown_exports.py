"""Breakdown export speed: sheets PDF, CSV and XLSX for Big Fish (190 scenes, 115 pages).

    python benchmarks/breakdown_exports.py [--repeat N] [--per-scene K]

The breakdown is made by hand here (every speaking character, and K accepted
props per scene quoting the scene's first line), so the figure measures the
exports alone, not an engine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
BIG_FISH = SHARED / "corpus" / "screenplays" / "vilcans__screenplain__examples__Big-Fish.fountain"


def big_fish_project(per_scene: int):
    from pipelines.breakdown.cast import build_cast
    from pipelines.breakdown.evidence import accept, check_element
    from pipelines.script.service import import_script
    from studio.models import Element, Project
    from studio.store.memory_repo import InMemoryProjectRepository

    repo = InMemoryProjectRepository(Project(name="Big Fish"))
    import_script(repo, BIG_FISH.read_bytes(), BIG_FISH.name)
    script = repo.get_script()
    elements = []
    for scene in script.active_scenes:
        quote = scene.lines[0].text
        made = [Element(scene_id=scene.id, category="cast", name=c, evidence=c) for c in scene.characters]
        made += [Element(scene_id=scene.id, category="props", name=f"prop {i}", evidence=quote) for i in range(per_scene)]
        elements += [accept(check_element(e, scene), "bench") for e in made]
    repo.save_elements(elements)
    repo.save_characters(build_cast(script.scenes))
    return repo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-scene", type=int, default=10)
    args = parser.parse_args()
    if not BIG_FISH.is_file():
        print(f"Big Fish is not at {BIG_FISH} (set SLATEBOOK_SHARED)")
        return
    from pipelines.breakdown.exports.service import breakdown_sheets_pdf, element_list

    repo = big_fish_project(args.per_scene)
    scenes, elements = len(repo.get_script().active_scenes), len(repo.list_elements())
    rows = []
    for name, make in (
        ("sheets PDF", lambda: breakdown_sheets_pdf(repo)),
        ("elements CSV", lambda: element_list(repo, "csv")),
        ("elements XLSX", lambda: element_list(repo, "xlsx")),
    ):
        times, size = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = len(make())
            times.append(time.perf_counter() - start)
        best = min(times)
        rows.append(
            {
                "export": name,
                "scenes": scenes,
                "elements": elements,
                "median s": f"{statistics.median(times):.2f}",
                "best s": f"{best:.2f}",
                "scenes / s": f"{scenes / best:.0f}",
                "KiB": f"{size / 1024:.0f}",
            }
        )
    print_table(rows)


if __name__ == "__main__":
    main()
