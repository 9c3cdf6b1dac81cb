"""Breakdown categories: the Movie Magic Scheduling set, and a production's own version of it.

Colours follow the hand-breakdown code that Movie Magic, Final Draft tagging
and StudioBinder all print: cast red, background green, stunts orange,
vehicles pink, props violet, special effects blue, sound and music brown.
That code leaves most categories uncoloured, and marks some with a shape
instead (wardrobe a circle, makeup/hair an asterisk, special equipment a box).
Where it is silent we chose, and say so beside the entry:
- wardrobe is light blue (the brief's choice; on paper it is circled);
- animals share pink with vehicles on paper; here they get a deeper pink so
  the two stay apart on one sheet;
- sound and music are both "brown" on paper; music is brown, sound sienna.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pydantic import ValidationError

from studio.errors import SlatebookError
from studio.models import Category, ProjectSettings

_DEFAULTS = (
    # key, name, colour
    ("cast", "Cast Members", "#E02020"),  # red
    ("background", "Background Actors", "#2E9E44"),  # green
    ("stunts", "Stunts", "#FF8C00"),  # orange
    ("vehicles", "Vehicles", "#FF69B4"),  # pink
    ("props", "Props", "#8E44AD"),  # violet
    ("camera", "Camera", "#607D8B"),  # our choice: blue grey
    ("special_effects", "Special Effects", "#1E66F5"),  # blue
    ("wardrobe", "Wardrobe", "#87CEEB"),  # our choice: light blue (circled on paper)
    ("makeup_hair", "Makeup/Hair", "#F4B183"),  # our choice: peach (asterisk on paper)
    ("animals", "Animals", "#C71585"),  # pink on paper; deeper here, see above
    ("animal_wrangler", "Animal Wrangler", "#DB7093"),  # our choice: pale pink, beside animals
    ("music", "Music", "#8B5A2B"),  # brown
    ("sound", "Sound", "#A0522D"),  # brown on paper; sienna here, see above
    ("art_department", "Art Department", "#009688"),  # our choice: teal
    ("set_dressing", "Set Dressing", "#CE93D8"),  # our choice: light violet, kin to props
    ("greenery", "Greenery", "#8BC34A"),  # our choice: leaf green
    ("special_equipment", "Special Equipment", "#9E9E9E"),  # our choice: grey (boxed on paper)
    ("security", "Security", "#424242"),  # our choice: charcoal
    ("additional_labor", "Additional Labor", "#FFD54F"),  # our choice: amber
    ("visual_effects", "Visual Effects", "#00BCD4"),  # our choice: cyan
    ("mechanical_effects", "Mechanical Effects", "#3F51B5"),  # our choice: indigo, kin to SFX blue
    ("miscellaneous", "Miscellaneous", "#BDBDBD"),  # our choice: light grey
    ("notes", "Notes", "#FFFFFF"),  # our choice: white, like a note on the sheet
)

DEFAULT_CATEGORIES: tuple[Category, ...] = tuple(
    Category(key=key, name=name, colour=colour, order=i) for i, (key, name, colour) in enumerate(_DEFAULTS)
)


class CategorySet:
    """One production's categories, in sheet order. Every change returns a new set.

    Categories are hidden, never removed: elements keep pointing at their key,
    and showing the category again brings them back.
    """

    def __init__(self, categories: Iterable[Category]) -> None:
        ordered = sorted(categories, key=lambda c: c.order)
        _check(ordered)
        self._categories = tuple(c.model_copy() for c in ordered)

    @classmethod
    def defaults(cls) -> CategorySet:
        return cls(DEFAULT_CATEGORIES)

    @classmethod
    def from_settings(cls, settings: ProjectSettings) -> CategorySet:
        if settings.categories is None:
            return cls.defaults()
        stored = list(settings.categories)
        # A default added in a later Slatebook version is missing from older
        # projects; append it so elements tagged with it always have a category.
        keys = {c.key for c in stored}
        last = max((c.order for c in stored), default=-1)
        missing = [c for c in DEFAULT_CATEGORIES if c.key not in keys]
        stored += [c.model_copy(update={"order": last + 1 + i}) for i, c in enumerate(missing)]
        return cls(stored)

    def to_settings(self, settings: ProjectSettings) -> ProjectSettings:
        """`settings` holding this set; None when it equals the defaults, so they can evolve."""
        categories = None if self == CategorySet.defaults() else list(self._categories)
        return settings.model_copy(update={"categories": categories})

    # --- reading

    def __iter__(self) -> Iterator[Category]:
        return iter(self._categories)

    def __len__(self) -> int:
        return len(self._categories)

    def __contains__(self, key: object) -> bool:
        return any(c.key == key for c in self._categories)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CategorySet) and self._categories == other._categories

    def get(self, key: str) -> Category:
        for category in self._categories:
            if category.key == key:
                return category
        raise SlatebookError(f"There is no breakdown category {key!r}.", "Reload the category list.")

    @property
    def visible(self) -> list[Category]:
        return [c for c in self._categories if not c.hidden]

    # --- changing

    def rename(self, key: str, name: str) -> CategorySet:
        return self._replace(key, name=name)

    def hide(self, key: str) -> CategorySet:
        return self._replace(key, hidden=True)

    def show(self, key: str) -> CategorySet:
        return self._replace(key, hidden=False)

    def add(self, name: str, colour: str) -> CategorySet:
        """A new category at the end of the sheet, keyed from its name."""
        order = max((c.order for c in self._categories), default=-1) + 1
        category = _category(key=self._new_key(name), name=name, colour=colour, order=order)
        return CategorySet([*self._categories, category])

    def _replace(self, key: str, **changes: object) -> CategorySet:
        old = self.get(key)
        new = _category(**{**old.model_dump(), **changes})
        return CategorySet(new if c.key == key else c for c in self._categories)

    def _new_key(self, name: str) -> str:
        # Keys are ASCII identifiers; a name without ASCII letters (e.g. Cyrillic) becomes "custom".
        base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        if not base or not base[0].isalpha():
            base = f"custom_{base}".rstrip("_")
        key, n = base, 2
        while key in self:
            key, n = f"{base}_{n}", n + 1
        return key


def _category(**fields: object) -> Category:
    try:
        return Category.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'category'}: {e['msg']}" for e in exc.errors())
        raise SlatebookError(
            f"That category is not valid ({problems}).",
            "A category needs a name and a colour written as #RRGGBB.",
        ) from exc


def _check(categories: list[Category]) -> None:
    keys = [c.key for c in categories]
    if len(set(keys)) != len(keys):
        raise SlatebookError("Two breakdown categories share a key.", "Each category needs its own key.")
    names = [c.name.casefold() for c in categories]
    duplicates = sorted({c.name for c in categories if names.count(c.name.casefold()) > 1})
    if duplicates:
        raise SlatebookError(
            f"Two breakdown categories are called {duplicates[0]!r}.",
            "Give each category its own name, so a sheet never shows two alike.",
        )
