"""A production's own lists, saved: its breakdown categories, its cast list, its extras.

The rules live beside (categories.py, cast.py); this module reads and writes
the store so the page and the CLI change them one way.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.breakdown.cast import build_cast, merge_aliases
from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.models import Character, ReviewState
from studio.store.base import ProjectRepository


@dataclass(frozen=True)
class ExtrasLine:
    """Background actors of one kind across the script, as a casting director counts them."""

    name: str
    scene_numbers: tuple[str, ...]
    most_in_a_scene: int | None  # the largest count the script gives, None when it never says
    approved: bool  # at least one of its elements was accepted


def categories(repo: ProjectRepository) -> CategorySet:
    return CategorySet.from_settings(repo.get_project().settings)


def save_categories(repo: ProjectRepository, changed: CategorySet) -> None:
    project = repo.get_project()
    repo.save_project(project.model_copy(update={"settings": changed.to_settings(project.settings)}))


def cast_list(repo: ProjectRepository) -> list[Character]:
    """The saved cast list; before one is saved, the list the current draft implies."""
    saved = repo.list_characters()
    if saved:
        return sorted(saved, key=lambda c: c.id_number)
    script = repo.get_script()
    return build_cast(script.scenes) if script else []


def rebuild_cast(repo: ProjectRepository) -> list[Character]:
    """Renumber from the current draft, keeping ids, rates and confirmed aliases."""
    script = repo.get_script()
    if script is None:
        raise SlatebookError("There is no screenplay to build a cast list from.", "Import one on the Script page.")
    cast = build_cast(script.scenes, repo.list_characters())
    repo.save_characters(cast)
    return cast


def confirm_alias(repo: ProjectRepository, *, keep: str, alias: str) -> list[Character]:
    script = repo.get_script()
    if script is None:
        raise SlatebookError("There is no screenplay to build a cast list from.", "Import one on the Script page.")
    cast = merge_aliases(cast_list(repo), keep=keep, alias=alias, scenes=script.scenes)
    repo.save_characters(cast)
    return cast


def set_daily_rates(repo: ProjectRepository, rates: dict[str, float | None]) -> list[Character]:
    """Daily rates by character id; None clears a rate."""
    cast = cast_list(repo)
    known = {c.id for c in cast}
    unknown = set(rates) - known
    if unknown:
        raise SlatebookError("A character whose rate you set is no longer in the cast list.", "Reload the page and set it again.")
    for rate in rates.values():
        if rate is not None and rate < 0:
            raise SlatebookError("A daily rate cannot be negative.", "Enter the rate per shooting day, or leave it empty.")
    updated = [c.model_copy(update={"daily_rate": rates[c.id]}) if c.id in rates else c for c in cast]
    repo.save_characters(updated)
    return updated


def extras(repo: ProjectRepository) -> list[ExtrasLine]:
    """Background actors by name across the draft's active scenes (rejected ones left out)."""
    script = repo.get_script()
    if script is None:
        return []
    numbers = {s.id: s.number for s in script.active_scenes}
    found: dict[str, dict] = {}
    for element in repo.list_elements():
        if element.category != "background" or element.review == ReviewState.REJECTED or element.scene_id not in numbers:
            continue
        key = " ".join(element.name.split()).casefold()
        line = found.setdefault(key, {"name": " ".join(element.name.split()), "scenes": [], "most": None, "approved": False})
        if numbers[element.scene_id] not in line["scenes"]:
            line["scenes"].append(numbers[element.scene_id])
        if element.quantity is not None:
            line["most"] = max(line["most"] or 0, element.quantity)
        line["approved"] = line["approved"] or element.review == ReviewState.ACCEPTED
    return [
        ExtrasLine(name=v["name"], scene_numbers=tuple(v["scenes"]), most_in_a_scene=v["most"], approved=v["approved"])
        for v in sorted(found.values(), key=lambda v: (-len(v["scenes"]), v["name"].casefold()))
    ]
