"""A person's review, saved: accept, reject, edit, add, bulk-accept; who and when are kept."""

from __future__ import annotations

import pytest

from pipelines.breakdown.approvals import accept_elements, add_element, bulk_accept, edit_element, reject_elements
from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.evidence import check_element
from pipelines.breakdown.lists import save_categories
from pipelines.script.service import import_script
from studio.errors import SlatebookError
from studio.models import Element, Project, ReviewState
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository


@pytest.fixture
def repo():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo


@pytest.fixture
def scene(repo):
    return repo.get_script().scenes[0]


def _proposed(repo, scene, category, name, evidence):
    element = check_element(Element(scene_id=scene.id, category=category, name=name, evidence=evidence, source="offline"), scene)
    repo.save_elements([element])
    return element


def _stored(repo, element):
    return next(e for e in repo.list_elements() if e.id == element.id)


def test_accept_and_reject_record_who_and_when(repo, scene):
    bag = _proposed(repo, scene, "props", "tote bag", "a canvas tote bag")
    gull = _proposed(repo, scene, "animals", "gull", "A gull lands")
    accept_elements(repo, [bag.id], "Ana Reyes")
    reject_elements(repo, [gull.id], "Ana Reyes", note="cut in the edit")
    bag, gull = _stored(repo, bag), _stored(repo, gull)
    assert (bag.review, bag.reviewed_by) == (ReviewState.ACCEPTED, "Ana Reyes") and bag.reviewed_at
    assert (gull.review, gull.reviewed_by, gull.note) == (ReviewState.REJECTED, "Ana Reyes", "cut in the edit")


def test_a_review_needs_a_name_and_changes_nothing_without_one(repo, scene):
    bag = _proposed(repo, scene, "props", "tote bag", "a canvas tote bag")
    with pytest.raises(SlatebookError, match="reviewer"):
        accept_elements(repo, [bag.id], "  ")
    assert _stored(repo, bag).review == ReviewState.PROPOSED


def test_an_element_gone_since_the_page_was_drawn_is_reported(repo):
    with pytest.raises(SlatebookError, match="no longer in the breakdown"):
        accept_elements(repo, ["gone"], "Ana")


def test_edit_rechecks_evidence_and_counts_as_acceptance(repo, scene):
    bag = _proposed(repo, scene, "props", "tote bag", "a canvas tote bag")
    edited = edit_element(repo, bag.id, "Ana", name="canvas tote bag", category="wardrobe", quantity=2, evidence="a wheeled suitcase")
    stored = _stored(repo, bag)
    assert (stored.name, stored.category, stored.quantity, stored.verified) == ("canvas tote bag", "wardrobe", 2, True)
    assert stored.review == ReviewState.ACCEPTED and stored.reviewed_by == "Ana" and stored == edited
    edit_element(repo, bag.id, "Ana", evidence="a tote bag full of money")
    assert _stored(repo, bag).verified is False


def test_edit_refuses_an_unknown_category_and_bad_values(repo, scene):
    bag = _proposed(repo, scene, "props", "tote bag", "a canvas tote bag")
    with pytest.raises(SlatebookError, match="no breakdown category"):
        edit_element(repo, bag.id, "Ana", category="jetpacks")
    with pytest.raises(SlatebookError, match="quantity"):
        edit_element(repo, bag.id, "Ana", quantity=0)
    with pytest.raises(SlatebookError, match="name"):
        edit_element(repo, bag.id, "Ana", name="  ")
    assert _stored(repo, bag) == bag


def test_added_elements_are_accepted_when_their_evidence_is_in_the_scene(repo, scene):
    found = add_element(repo, scene.id, category="props", name=" wheeled   suitcase ", evidence="a wheeled suitcase", reviewer="Ana")
    assert (found.name, found.source, found.verified, found.review, found.reviewed_by) == ("wheeled suitcase", "user", True, ReviewState.ACCEPTED, "Ana")
    assert found.line is not None
    missing = add_element(repo, scene.id, category="props", name="harpoon", evidence="a rusty harpoon", reviewer="Ana", quantity=2)
    assert (missing.verified, missing.review, missing.quantity) == (False, ReviewState.UNVERIFIED, 2)
    assert {e.name for e in repo.list_elements(scene.id)} == {"wheeled suitcase", "harpoon"}


def test_add_refuses_what_it_cannot_keep(repo, scene):
    with pytest.raises(SlatebookError, match="no longer in the current draft"):
        add_element(repo, "nowhere", category="props", name="x", evidence="x", reviewer="Ana")
    with pytest.raises(SlatebookError, match="needs a name"):
        add_element(repo, scene.id, category="props", name=" ", evidence="x", reviewer="Ana")
    with pytest.raises(SlatebookError, match="quantity"):
        add_element(repo, scene.id, category="props", name="bag", evidence="bag", reviewer="Ana", quantity=0)
    with pytest.raises(SlatebookError, match="reviewer"):
        add_element(repo, scene.id, category="props", name="harpoon", evidence="not here", reviewer="")
    assert repo.list_elements() == []


def test_added_categories_can_be_used(repo, scene):
    save_categories(repo, CategorySet.defaults().add("Marine Unit", "#0055AA"))
    boat = add_element(repo, scene.id, category="marine_unit", name="safety boat", evidence="the linkspan", reviewer="Ana")
    assert boat.category == "marine_unit"


def test_bulk_accept_takes_verified_proposals_of_one_category_only(repo, scene):
    bag = _proposed(repo, scene, "props", "tote bag", "a canvas tote bag")
    case = _proposed(repo, scene, "props", "suitcase", "a wheeled suitcase")
    ghost = _proposed(repo, scene, "props", "harpoon", "a rusty harpoon")
    gull = _proposed(repo, scene, "animals", "gull", "A gull lands")
    reject_elements(repo, [case.id], "Ana")
    result = bulk_accept(repo, scene.id, "props", "Ben")
    assert (result.accepted, result.left_unverified) == (1, 1)
    assert _stored(repo, bag).review == ReviewState.ACCEPTED and _stored(repo, bag).reviewed_by == "Ben"
    assert _stored(repo, case).review == ReviewState.REJECTED  # a person's reject stands
    assert _stored(repo, ghost).review == ReviewState.UNVERIFIED
    assert _stored(repo, gull).review == ReviewState.PROPOSED
    assert bulk_accept(repo, scene.id, "props", "Ben").accepted == 0
