"""What goes on a breakdown sheet: one per scene, a header block and a box per category.

Both the PDF and the page's preview read these values, so "what is on the
sheet" is decided once. Only accepted elements belong on a sheet; a draft
sheet may carry pending ones (proposed or unverified), marked as such so
nobody mistakes them for the approved breakdown. Rejected ones never appear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.models import Category, Character, Element, ReviewState, Scene, Script

PENDING = (ReviewState.PROPOSED, ReviewState.UNVERIFIED)


@dataclass(frozen=True)
class SheetEntry:
    text: str  # "1 ISLA GUNN", "TOWNSFOLK (12)", "tote bag"
    pending: bool = False  # not yet accepted: printed as such


@dataclass(frozen=True)
class SheetBox:
    category: Category
    entries: tuple[SheetEntry, ...]


@dataclass(frozen=True)
class BreakdownSheet:
    number: int  # the sheet number: the scene's place among the draft's active scenes
    scene: Scene
    boxes: tuple[SheetBox, ...]  # every visible category, in sheet order, empty ones included

    @property
    def entry_count(self) -> int:
        return sum(len(box.entries) for box in self.boxes)


def build_sheets(
    script: Script,
    elements: Iterable[Element],
    categories: CategorySet,
    cast: Iterable[Character] = (),
    *,
    scene_ids: Iterable[str] | None = None,
    include_pending: bool = False,
) -> list[BreakdownSheet]:
    """One sheet per active scene of `script` (or per scene of `scene_ids`, in draft order)."""
    scenes = script.active_scenes
    wanted = None if scene_ids is None else set(scene_ids)
    if wanted is not None:
        unknown = wanted - {s.id for s in scenes}
        if unknown:
            raise SlatebookError(
                "A scene asked for is not in the current draft (or it is omitted).",
                "Pick a scene from the current draft's scene list.",
            )
    numbers = _cast_numbers(cast)
    by_scene: dict[str, list[Element]] = {}
    for element in elements:
        if element.review == ReviewState.ACCEPTED or (include_pending and element.review in PENDING):
            by_scene.setdefault(element.scene_id, []).append(element)
    sheets = []
    for number, scene in enumerate(scenes, start=1):
        if wanted is None or scene.id in wanted:
            sheets.append(_sheet(number, scene, by_scene.get(scene.id, []), categories, numbers))
    return sheets


def entry_text(element: Element, cast_number: int | None = None) -> str:
    """How an element reads on a sheet: cast with their cast-list number, counts in brackets."""
    text = " ".join(element.name.split())
    if cast_number is not None:
        text = f"{cast_number} {text}"
    if element.quantity is not None and element.quantity > 1:
        text = f"{text} ({element.quantity})"
    return text


def _sheet(number: int, scene: Scene, elements: list[Element], categories: CategorySet, numbers: dict[str, int]) -> BreakdownSheet:
    boxes = []
    for category in categories.visible:
        mine = [e for e in elements if e.category == category.key]
        if category.key == "cast":
            # Cast in cast-list order, as a stripboard reads them; unnumbered ones after.
            mine.sort(key=lambda e: (numbers.get(_key(e.name), 10**6), e.name.casefold()))
        else:
            mine.sort(key=lambda e: e.name.casefold())
        entries = tuple(
            SheetEntry(
                text=entry_text(e, numbers.get(_key(e.name)) if category.key == "cast" else None),
                pending=e.review != ReviewState.ACCEPTED,
            )
            for e in mine
        )
        boxes.append(SheetBox(category=category, entries=entries))
    return BreakdownSheet(number=number, scene=scene, boxes=tuple(boxes))


def _cast_numbers(cast: Iterable[Character]) -> dict[str, int]:
    numbers = {}
    for character in cast:
        for name in (character.name, *character.aliases):
            numbers[_key(name)] = character.id_number
    return numbers


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
