"""Offline breakdown quality against a hand-written gold breakdown, and its speed on Big Fish.

    python benchmarks/breakdown_quality.py [--gold FILE] [--no-speed] [--json]

Quality: the offline engine breaks down the sample screenplay (Night Ferry) and
each of its elements is matched to the gold (benchmarks/gold/) by scene,
category and normalised name; precision and recall are printed per category.
Locations, INT/EXT and time are the scene fields the importer read from each
heading, scored against the gold's. Speed: Big Fish from the shared corpus
(../shared/corpus/screenplays, or $SLATEBOOK_SHARED), model load timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipelines.breakdown.offline.text import singular  # noqa: E402  (after the path is set)

GOLD = Path(__file__).resolve().parent / "gold" / "night_ferry_breakdown.json"
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
BIG_FISH = SHARED / "corpus" / "screenplays" / "vilcans__screenplain__examples__Big-Fish.fountain"
# The targets scores these together: a sheet may call one rig SFX, another mechanical.
EFFECTS = ("special_effects", "visual_effects", "mechanical_effects")
_ARTICLES = {"a", "an", "the"}


def normalise_name(name: str) -> tuple[str, ...]:
    """ "The Ship's Horn" -> ("ship", "horn"): case, articles, possessives and plurals dropped."""
    text = re.sub(r"['\u2019]s\b", "", name.lower())
    words = re.sub(r"[^a-z0-9]+", " ", text.replace("'", "").replace("\u2019", "")).split()
    return tuple(singular(w) for w in words if w not in _ARTICLES)


def names_match(predicted: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    """Equal, or the same head noun with one name's words inside the other's ("tote bag" / "canvas tote bag")."""
    if predicted == gold:
        return True
    if not predicted or not gold or predicted[-1] != gold[-1]:
        return False
    return set(predicted) <= set(gold) or set(gold) <= set(predicted)


def gold_elements(gold: dict) -> dict[tuple[str, str], list[tuple[str, int | None]]]:
    """(scene number, category) -> [(name, quantity)] from the gold file."""
    out: dict[tuple[str, str], list[tuple[str, int | None]]] = defaultdict(list)
    for number, scene in gold["scenes"].items():
        for category, entries in scene.items():
            if category in ("int_ext", "location", "time"):
                continue
            for entry in entries:
                name, qty = (entry, None) if isinstance(entry, str) else (entry[0], entry[1])
                out[(number, category)].append((name, qty))
    return out


def _aliases(gold: dict) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for name, others in gold.get("aliases", {}).items():
        table[normalise_name(name)] = [normalise_name(o) for o in others]
    return table


def match(predicted: list[tuple[str, int | None]], gold: list[tuple[str, int | None]], aliases) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index), one gold per prediction: exact names first, then loose."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    forms = [[normalise_name(g)] + aliases.get(normalise_name(g), []) for g, _ in gold]
    for loose in (False, True):
        for i, (name, _) in enumerate(predicted):
            if i in used_p:
                continue
            p = normalise_name(name)
            for j, names in enumerate(forms):
                if j in used_g:
                    continue
                if any((p == f) if not loose else names_match(p, f) for f in names):
                    pairs.append((i, j))
                    used_p.add(i)
                    used_g.add(j)
                    break
    return pairs


def score(gold: dict, predicted: dict[tuple[str, str], list[tuple[str, int | None]]], scenes=None) -> list[dict]:
    """Rows of precision and recall per category (plus cast split, effects combined, quantities, headings).

    `predicted` is keyed like gold_elements: (scene number, category) -> [(name, quantity)];
    use the category "speaking" for the speaking cast. `scenes` (number -> Scene)
    scores the headings the importer parsed.
    """
    aliases = _aliases(gold)
    expected = gold_elements(gold)
    # Effects are scored together as well as one by one.
    for source in (expected, predicted):
        for (number, category), items in list(source.items()):
            if category in EFFECTS:
                source.setdefault((number, "effects"), []).extend(items)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, predicted, matched
    quantities = [0, 0]  # matched with a gold quantity, of which equal
    keys = set(expected) | set(predicted)
    for number, category in sorted(keys):
        if number not in gold["scenes"]:
            continue
        g = expected.get((number, category), [])
        p = predicted.get((number, category), [])
        pairs = match(p, g, aliases)
        t = totals[category]
        t[0] += len(g)
        t[1] += len(p)
        t[2] += len(pairs)
        if category == "background":
            for i, j in pairs:
                if g[j][1] is not None:
                    quantities[0] += 1
                    quantities[1] += p[i][1] == g[j][1]
    rows = []
    for category in sorted(totals, key=_row_order):
        g, p, m = totals[category]
        rows.append(_row(category, g, p, m))
    if quantities[0]:
        rows.append({"category": "background counts (exact)", "gold": quantities[0], "predicted": quantities[0],
                     "matched": quantities[1], "precision": _ratio(quantities[1], quantities[0]),
                     "recall": _ratio(quantities[1], quantities[0])})
    if scenes is not None:
        for field in ("location", "int_ext", "time"):
            n = len(gold["scenes"])
            ok = sum(
                1
                for number, s in gold["scenes"].items()
                if number in scenes and _field(scenes[number], field) == " ".join(str(s[field]).split()).upper()
            )
            rows.append(_row(f"heading: {field}", n, len(scenes), ok))
    return rows


def _field(scene, field: str) -> str:
    return " ".join(str(getattr(scene, field)).split()).upper()


def _row_order(category: str) -> tuple[int, str]:
    first = ["speaking", "cast", "background", "props", "vehicles", "animals", "effects"]
    return (first.index(category) if category in first else len(first), category)


def _ratio(a: int, b: int) -> float | str:
    return round(a / b, 3) if b else "-"


def _row(category: str, gold: int, predicted: int, matched: int) -> dict:
    label = {"speaking": "cast (speaking)", "cast": "cast (all)", "effects": "effects (SFX+VFX+mech.)"}.get(category, category)
    return {
        "category": label,
        "gold": gold,
        "predicted": predicted,
        "matched": matched,
        "precision": _ratio(matched, predicted),
        "recall": _ratio(matched, gold),
    }


def predict(script, engine=None) -> dict[tuple[str, str], list[tuple[str, int | None]]]:
    """The offline engine's elements for every scene, keyed like the gold."""
    from pipelines.breakdown.categories import CategorySet
    from pipelines.breakdown.offline import OfflineEngine
    from pipelines.breakdown.offline.grammar import speaking_cast

    engine = engine or OfflineEngine()
    categories = CategorySet.defaults()
    out: dict[tuple[str, str], list[tuple[str, int | None]]] = defaultdict(list)
    for scene in script.active_scenes:
        for element in engine.break_down_scene(script, scene, categories).elements:
            out[(scene.number, element.category)].append((element.name, element.quantity))
        out[(scene.number, "speaking")] = [(name, None) for name in speaking_cast(scene)]
    return out


def quality(gold_path: Path) -> list[dict]:
    from pipelines.script.service import read_script

    gold = json.loads(gold_path.read_text())
    source = ROOT / gold["script"]
    script = read_script(source.read_bytes(), source.name)
    return score(gold, predict(script), {s.number: s for s in script.active_scenes})


def speed() -> list[dict]:
    from pipelines.breakdown.categories import CategorySet
    from pipelines.breakdown.offline import OfflineEngine, embeddings
    from pipelines.script.service import read_script

    if not BIG_FISH.exists():
        return [{"step": f"Big Fish not found at {BIG_FISH}", "scenes": "-", "pages": "-", "seconds": "-"}]
    start = time.perf_counter()
    embeddings.warm_up()
    load = time.perf_counter() - start
    script = read_script(BIG_FISH.read_bytes(), BIG_FISH.name)
    engine = OfflineEngine()
    categories = CategorySet.defaults()
    start = time.perf_counter()
    elements = sum(len(engine.break_down_scene(script, s, categories).elements) for s in script.active_scenes)
    seconds = time.perf_counter() - start
    return [
        {"step": "model load + reference terms", "scenes": "-", "pages": "-", "elements": "-", "seconds": round(load, 2)},
        {"step": "Big Fish breakdown", "scenes": len(script.active_scenes), "pages": round(script.page_count, 1),
         "elements": elements, "seconds": round(seconds, 2)},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from table import print_table

    # Speed first, so the model load it reports is a cold one.
    speed_rows = [] if args.no_speed else speed()
    quality_rows = quality(args.gold)
    if args.json:
        print(json.dumps({"quality": quality_rows, "speed": speed_rows}, indent=2))
        return
    print(f"Offline breakdown quality on {args.gold.name}")
    print_table(quality_rows)
    if speed_rows:
        print()
        print("Offline breakdown speed")
        print_table(speed_rows)


if __name__ == "__main__":
    main()
