"""The cast list: speaking characters numbered by prominence, as a stripboard prints them.

Number 1 is in the most scenes; ties go to whoever appears first. Names that
may be one person ("ANA" and "DR. ANA REYES") are only suggested: merging is
a person's call, made with `merge_aliases`, and later rebuilds keep it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from studio.errors import SlatebookError
from studio.models import Character, Scene
from pipelines.breakdown.evidence import normalise


@dataclass(frozen=True)
class AliasSuggestion:
    keep: str  # the fuller name, which the merged character would carry
    alias: str


def build_cast(scenes: Iterable[Scene], previous: Iterable[Character] = ()) -> list[Character]:
    """Number the speaking characters of `scenes` (draft order; omitted scenes do not count).

    A character of `previous` keeps its id, rate and confirmed aliases, and
    every alias's scenes count as its own.
    """
    owner: dict[str, Character] = {}
    for character in previous:
        for name in (character.name, *character.aliases):
            owner[_key(name)] = character

    scene_ids: dict[str, list[str]] = {}
    first: dict[str, tuple[int, int]] = {}  # (scene position, cue position) of the first appearance
    for i, scene in enumerate(s for s in scenes if not s.omitted):
        for j, speaker in enumerate(scene.characters):
            found = owner.get(_key(speaker))
            name = found.name if found else " ".join(speaker.split())
            first.setdefault(name, (i, j))
            ids = scene_ids.setdefault(name, [])
            if scene.id not in ids:
                ids.append(scene.id)

    ranked = sorted(scene_ids, key=lambda name: (-len(scene_ids[name]), first[name]))
    kept = {c.name: c for c in owner.values()}
    cast = []
    for number, name in enumerate(ranked, start=1):
        fields = {"id_number": number, "scene_ids": scene_ids[name]}
        cast.append(kept[name].model_copy(update=fields) if name in kept else Character(name=name, **fields))
    return cast


def merge_aliases(cast: list[Character], *, keep: str, alias: str, scenes: Iterable[Scene]) -> list[Character]:
    """The cast with `alias` folded into `keep`, renumbered over `scenes`.

    The kept character keeps its id and rate (the alias's rate when it had
    none); the alias and the aliases it carried become names of `keep`.
    """
    kept, merged = _find(cast, keep), _find(cast, alias)
    if kept is merged:
        raise SlatebookError(f"{keep!r} and {alias!r} are already one character.")
    combined = kept.model_copy(
        update={
            "aliases": [*kept.aliases, merged.name, *merged.aliases],
            "daily_rate": kept.daily_rate if kept.daily_rate is not None else merged.daily_rate,
        }
    )
    previous = [combined if c is kept else c for c in cast if c is not merged]
    return build_cast(scenes, previous)


def suggest_aliases(cast: list[Character]) -> list[AliasSuggestion]:
    """Pairs whose words are one inside the other ("ISLA" in "ISLA GUNN"), for a person to confirm.

    Equal words written differently ("ANA-REYES", "ANA REYES") are suggested
    too, keeping the more prominent spelling.
    """
    suggestions = []
    for a, b in combinations(sorted(cast, key=lambda c: c.id_number), 2):
        words_a, words_b = set(normalise(a.name).split()), set(normalise(b.name).split())
        if not words_a or not words_b:
            continue
        if words_a < words_b:
            fuller, shorter = b, a
        elif words_b <= words_a:  # `a` is the more prominent when the words are equal
            fuller, shorter = a, b
        else:
            continue
        suggestions.append(AliasSuggestion(keep=fuller.name, alias=shorter.name))
    return suggestions


def _find(cast: list[Character], name: str) -> Character:
    for character in cast:
        if _key(name) in {_key(n) for n in (character.name, *character.aliases)}:
            return character
    raise SlatebookError(f"There is no {name!r} in the cast list.", "Rebuild the cast list from the current draft.")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
