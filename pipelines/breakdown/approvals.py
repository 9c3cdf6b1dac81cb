"""A person's review of the breakdown, saved: accept, reject, edit, add, bulk-accept.

Each action reads the elements from the store, applies the evidence module's
rule (pipelines/breakdown/evidence.py, which records who reviewed and when)
and saves them back, so the Breakdown page and any script share one path.
Bulk acceptance takes verified proposals only: an element whose evidence is
not in the scene waits for a person to accept it on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.evidence import accept, check_element, edit, reject
from studio.errors import SlatebookError
from studio.models import Element, ReviewState
from studio.store.base import ProjectRepository


@dataclass(frozen=True)
class BulkResult:
    accepted: int
    left_unverified: int  # waiting for one-by-one acceptance


def accept_elements(repo: ProjectRepository, element_ids: Iterable[str], reviewer: str) -> list[Element]:
    done = [accept(e, reviewer) for e in _load(repo, element_ids)]
    repo.save_elements(done)
    return done


def reject_elements(repo: ProjectRepository, element_ids: Iterable[str], reviewer: str, note: str | None = None) -> list[Element]:
    done = [reject(e, reviewer, note) for e in _load(repo, element_ids)]
    repo.save_elements(done)
    return done


def edit_element(repo: ProjectRepository, element_id: str, reviewer: str, **changes: object) -> Element:
    """A person's correction (name, quantity, category, evidence, note); the evidence is checked again."""
    (element,) = _load(repo, [element_id])
    if "category" in changes:
        _check_category(repo, str(changes["category"]))
    edited = edit(element, repo.get_scene(element.scene_id), reviewer, **changes)
    repo.save_elements([edited])
    return edited


def add_element(
    repo: ProjectRepository,
    scene_id: str,
    *,
    category: str,
    name: str,
    evidence: str,
    reviewer: str,
    quantity: int | None = None,
    note: str = "",
) -> Element:
    """An element a person adds. It counts as accepted when its evidence is in the scene;

    otherwise it is kept UNVERIFIED, like any other, until it is accepted on its own.
    """
    scene = repo.get_scene(scene_id)
    if scene is None:
        raise SlatebookError("That scene is no longer in the current draft.", "Pick a scene from the list and add the element again.")
    _check_category(repo, category)
    if not " ".join(name.split()):
        raise SlatebookError("An element needs a name.", "Write what the scene needs, such as 'tote bag'.")
    if quantity is not None and quantity < 1:
        raise SlatebookError("A quantity must be at least 1.", "Leave it empty when the script does not say.")
    element = check_element(
        Element(scene_id=scene_id, category=category, name=" ".join(name.split()), quantity=quantity, evidence=evidence.strip(), note=note, source="user"),
        scene,
    )
    # The reviewer's name is required either way: accept() raises when it is blank.
    accepted = accept(element, reviewer)
    if element.verified:
        element = accepted
    repo.save_elements([element])
    return element


def bulk_accept(repo: ProjectRepository, scene_id: str, category: str, reviewer: str) -> BulkResult:
    """Accept a scene's verified proposals in one category; unverified ones are counted, not touched."""
    pending = [e for e in repo.list_elements(scene_id) if e.category == category]
    ready = [e for e in pending if e.review == ReviewState.PROPOSED and e.verified]
    waiting = sum(e.review == ReviewState.UNVERIFIED or (e.review == ReviewState.PROPOSED and not e.verified) for e in pending)
    done = [accept(e, reviewer) for e in ready]
    if done:
        repo.save_elements(done)
    return BulkResult(accepted=len(done), left_unverified=waiting)


def _load(repo: ProjectRepository, element_ids: Iterable[str]) -> list[Element]:
    wanted = list(dict.fromkeys(element_ids))
    by_id = {e.id: e for e in repo.list_elements() if e.id in set(wanted)}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise SlatebookError(
            "An element you reviewed is no longer in the breakdown (a re-run or another tab changed it).",
            "The page has been reloaded from the project; review it again.",
        )
    return [by_id[i] for i in wanted]


def _check_category(repo: ProjectRepository, key: str) -> None:
    categories = CategorySet.from_settings(repo.get_project().settings)
    if key not in categories:
        raise SlatebookError(f"There is no breakdown category {key!r}.", "Pick one of the project's categories.")
