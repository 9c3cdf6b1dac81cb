"""A production's categories, cast list and extras, saved in the project."""

from __future__ import annotations

import pytest

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.lists import cast_list, categories, confirm_alias, extras, rebuild_cast, save_categories, set_daily_rates
from pipelines.script.service import import_script
from studio.errors import SlatebookError
from studio.models import Element, Project, ReviewState
from studio.store.memory_repo import InMemoryProjectRepository

SCRIPT = b"""INT. LAB - DAY

DR. ANA REYES checks the tank. A dozen PASSENGERS wait.

DR. ANA REYES
Ready?

BEN
Ready.

INT. HALL - NIGHT

ANA
Ben?

BEN
Here.

EXT. DOCK - NIGHT

BEN
Alone.
"""


@pytest.fixture
def repo():
    repo = InMemoryProjectRepository(Project(name="Lab"))
    import_script(repo, SCRIPT, "lab.fountain")
    return repo


def test_categories_round_trip_through_project_settings(repo):
    assert categories(repo) == CategorySet.defaults()
    save_categories(repo, CategorySet.defaults().rename("props", "Hand Props").hide("camera").add("Marine", "#0055AA"))
    stored = categories(repo)
    assert stored.get("props").name == "Hand Props" and stored.get("camera").hidden and "marine" in stored
    save_categories(repo, CategorySet.defaults())
    assert repo.get_project().settings.categories is None  # defaults are not pinned


def test_cast_list_before_and_after_saving(repo):
    implied = cast_list(repo)
    assert [(c.id_number, c.name) for c in implied] == [(1, "BEN"), (2, "DR. ANA REYES"), (3, "ANA")]
    assert repo.list_characters() == []
    saved = rebuild_cast(repo)
    assert [c.name for c in saved] == [c.name for c in implied] and repo.list_characters()


def test_confirming_an_alias_merges_and_renumbers(repo):
    cast = confirm_alias(repo, keep="DR. ANA REYES", alias="ANA")
    assert [(c.id_number, c.name, c.aliases, len(c.scene_ids)) for c in cast] == [(1, "BEN", [], 3), (2, "DR. ANA REYES", ["ANA"], 2)]
    assert {c.name: c.aliases for c in repo.list_characters()}["DR. ANA REYES"] == ["ANA"]
    # A rebuild keeps the confirmed merge.
    assert [c.name for c in rebuild_cast(repo)] == [c.name for c in cast]


def test_daily_rates(repo):
    cast = rebuild_cast(repo)
    ben = cast[0]
    set_daily_rates(repo, {ben.id: 850.0})
    assert {c.name: c.daily_rate for c in repo.list_characters()}["BEN"] == 850.0
    set_daily_rates(repo, {ben.id: None})
    assert {c.name: c.daily_rate for c in repo.list_characters()}["BEN"] is None
    with pytest.raises(SlatebookError, match="negative"):
        set_daily_rates(repo, {ben.id: -1.0})
    with pytest.raises(SlatebookError, match="no longer in the cast"):
        set_daily_rates(repo, {"someone": 1.0})


def test_extras_are_counted_across_scenes(repo):
    first, second, third = repo.get_script().scenes
    repo.save_elements(
        [
            Element(scene_id=first.id, category="background", name="PASSENGERS", quantity=12, review=ReviewState.ACCEPTED),
            Element(scene_id=third.id, category="background", name="passengers", quantity=4),
            Element(scene_id=second.id, category="background", name="GUARD"),
            Element(scene_id=second.id, category="background", name="NURSES", review=ReviewState.REJECTED),
            Element(scene_id=second.id, category="props", name="tank"),
        ]
    )
    lines = extras(repo)
    assert [(x.name, x.scene_numbers, x.most_in_a_scene, x.approved) for x in lines] == [
        ("PASSENGERS", ("1", "3"), 12, True),
        ("GUARD", ("2",), None, False),
    ]
