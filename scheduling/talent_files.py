"""Readers for published talent-scheduling instances: MiniZinc `.dzn` and the ddo `.dat` layout."""

from __future__ import annotations

import re
from pathlib import Path

from scheduling.talent import InstanceFormatError, TalentInstance


def read_instance(path: str | Path) -> TalentInstance:
    """Read a `.dzn` or `.dat` file, chosen by its suffix."""
    path = Path(path)
    readers = {".dzn": parse_dzn, ".dat": parse_dat}
    if path.suffix not in readers:
        raise InstanceFormatError(
            f"{path.name}: unknown talent-scheduling format.", "Use a .dzn or .dat file."
        )
    return readers[path.suffix](path.read_text(), path.name)


_DZN_FIELD = re.compile(r"(\w+)\s*=\s*([^;]*);")


def parse_dzn(text: str, name: str) -> TalentInstance:
    """MiniZinc data: `numScenes`, `numActors`, `ia` (actor x scene), `c` and `d`; `s` is ignored."""
    fields = {key: value for key, value in _DZN_FIELD.findall(text)}
    missing = {"numScenes", "numActors", "ia", "c", "d"} - fields.keys()
    if missing:
        raise InstanceFormatError(f"{name}: missing field(s) {', '.join(sorted(missing))}.")
    scenes = _ints(fields["numScenes"], name)[0]
    actors = _ints(fields["numActors"], name)[0]
    cells = _ints(fields["ia"], name)
    if len(cells) != scenes * actors:
        raise InstanceFormatError(
            f"{name}: ia has {len(cells)} cells, expected {actors} x {scenes}."
        )
    needs = tuple(
        tuple(bool(v) for v in cells[a * scenes : (a + 1) * scenes]) for a in range(actors)
    )
    return TalentInstance(
        name, needs, tuple(_ints(fields["c"], name)), tuple(_ints(fields["d"], name))
    )


def parse_dat(text: str, name: str) -> TalentInstance:
    """ddo layout: a name line, `numScenes numActors`, actor rows (0/1 ... cost), durations.

    Blank lines carry no meaning (some files also split the two counts over two lines), so
    everything after the name line is read as one stream of integers.
    """
    lines = text.splitlines()
    if not lines:
        raise InstanceFormatError(f"{name}: the file is empty.")
    numbers = _ints(" ".join(lines[1:]), name)
    if len(numbers) < 2:
        raise InstanceFormatError(f"{name}: no scene and actor counts after the name line.")
    scenes, actors = numbers[0], numbers[1]
    expected = 2 + actors * (scenes + 1) + scenes
    if len(numbers) != expected:
        raise InstanceFormatError(
            f"{name}: {len(numbers)} numbers, expected {expected} "
            f"for {scenes} scenes and {actors} actors."
        )
    rows = [numbers[2 + a * (scenes + 1) : 2 + (a + 1) * (scenes + 1)] for a in range(actors)]
    needs = tuple(tuple(bool(v) for v in row[:scenes]) for row in rows)
    costs = tuple(row[scenes] for row in rows)
    durations = tuple(numbers[2 + actors * (scenes + 1) :])
    return TalentInstance(lines[0].strip() or name, needs, costs, durations)


def _ints(text: str, name: str) -> list[int]:
    # Matrix bars, brackets and commas are layout; only the integers matter.
    tokens = re.sub(r"[\[\]|,]", " ", text).split()
    try:
        return [int(t) for t in tokens]
    except ValueError as exc:
        raise InstanceFormatError(f"{name}: expected integers, found {exc}.") from exc
