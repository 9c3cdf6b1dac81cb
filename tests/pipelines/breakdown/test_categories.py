import pytest

from studio.errors import SlatebookError
from studio.models import Category, ProjectSettings
from studio.store.catalog import ProjectCatalog
from pipelines.breakdown.categories import DEFAULT_CATEGORIES, CategorySet


def test_the_movie_magic_set_in_sheet_order_with_its_colours():
    categories = CategorySet.defaults()
    assert [c.key for c in categories][:5] == ["cast", "background", "stunts", "vehicles", "props"]
    assert len(categories) == 23 == len({c.key for c in categories})
    assert [c.order for c in categories] == list(range(23))
    colours = {c.key: c.colour for c in categories}
    assert colours["cast"] == "#E02020" and colours["special_effects"] == "#1E66F5" and colours["background"] == "#2E9E44"
    assert categories.visible == list(categories)


@pytest.mark.parametrize(("key", "text"), [("notes", "#000000"), ("wardrobe", "#000000"), ("security", "#FFFFFF"), ("props", "#FFFFFF")])
def test_label_text_is_readable_on_its_fill(key, text):
    assert CategorySet.defaults().get(key).text_colour == text


def test_rename_add_hide_survive_the_sqlite_store(tmp_path):
    catalog = ProjectCatalog(tmp_path / "projects")
    repo = catalog.create("Night Ferry")
    project = repo.get_project()
    assert project.settings.categories is None  # a new project uses the defaults

    changed = (
        CategorySet.from_settings(project.settings)
        .rename("props", "Hand Props")
        .add("Drones", "#123456")
        .hide("greenery")
    )
    repo.save_project(project.model_copy(update={"settings": changed.to_settings(project.settings)}))

    reopened = CategorySet.from_settings(catalog.open("Night Ferry").get_project().settings)
    assert reopened == changed
    assert reopened.get("props").name == "Hand Props"
    assert (reopened.get("drones").name, reopened.get("drones").order, reopened.get("drones").text_colour) == ("Drones", 23, "#FFFFFF")
    assert "greenery" in reopened and reopened.get("greenery") not in reopened.visible
    assert [c.key for c in reopened.show("greenery").visible][-1] == "drones"


def test_the_defaults_are_stored_as_none_so_they_can_evolve():
    settings = ProjectSettings(categories=list(DEFAULT_CATEGORIES))
    assert CategorySet.from_settings(settings).to_settings(settings).categories is None
    assert CategorySet.defaults().hide("notes").to_settings(settings).categories is not None


def test_a_default_missing_from_an_older_project_is_appended():
    older = [c for c in DEFAULT_CATEGORIES if c.key != "security"]
    categories = CategorySet.from_settings(ProjectSettings(categories=older))
    assert [c.key for c in categories][-1] == "security"
    assert len(categories) == 23


def test_added_keys_are_unique_identifiers():
    categories = CategorySet.defaults().add("Drones", "#123456").add("Дроны", "#654321").add("3D Printing", "#000000")
    assert [c.key for c in categories][-3:] == ["drones", "custom", "custom_3d_printing"]


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.rename("props", "   "),
        lambda c: c.rename("props", "stunts"),  # names are unique regardless of case
        lambda c: c.add("Props", "#123456"),
        lambda c: c.add("Drones", "blue"),
        lambda c: c.hide("no_such_key"),
    ],
)
def test_invalid_changes_are_refused_and_change_nothing(change):
    categories = CategorySet.defaults()
    with pytest.raises(SlatebookError):
        change(categories)
    assert categories == CategorySet.defaults()


def test_duplicate_keys_are_refused():
    with pytest.raises(SlatebookError, match="share a key"):
        CategorySet([Category(key="props", name="Props", colour="#8E44AD"), Category(key="props", name="More", colour="#000000")])
