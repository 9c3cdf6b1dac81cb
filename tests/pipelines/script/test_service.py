import pytest

from studio.errors import ImportProblem, SlatebookError
from studio.models import Element, IntExt
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.catalog import ProjectCatalog
from pipelines.sample import SAMPLE_PROJECT, create_sample_project, default_project_name
from pipelines.script.service import import_script, update_scene

DRAFT_1 = b"""Title: Harbour

EXT. QUAY - NIGHT

Rain on the cobbles. ANA (30s) waits by a bollard.

ANA
He's late.

INT. BAR - NIGHT

BEA (60s) wipes the counter.

EXT. FERRY DECK - DAWN

The ferry pulls out.
"""

# Scene 2 rewritten, scene 3 cut, a new scene added.
DRAFT_2 = b"""Title: Harbour

EXT. QUAY - NIGHT

Rain on the cobbles. ANA (30s) waits by a bollard.

ANA
He's late.

INT. BAR - NIGHT

BEA (60s) wipes the counter and turns off the radio.

INT. WHEELHOUSE - NIGHT

HUGH (60s) at the wheel.
"""


@pytest.fixture
def repo(tmp_path):
    return ProjectCatalog(tmp_path / "projects").create("Harbour")


def element(scene, name, evidence):
    return Element(scene_id=scene.id, category="props", name=name, evidence=evidence)


def test_a_revised_draft_keeps_the_breakdown_of_scenes_it_finds_again(repo):
    first = import_script(repo, DRAFT_1, "harbour.fountain")
    assert first.first_draft and first.summary().startswith("Imported 3 scenes")
    quay, bar, deck = first.script.scenes
    repo.save_elements([element(quay, "bollard", "bollard"), element(bar, "cloth", "wipes"), element(deck, "ferry", "ferry")])

    second = import_script(repo, DRAFT_2, "harbour v2.fountain")
    assert second.script.revision == 2
    assert second.changes.summary() == "1 unchanged, 1 revised, 1 new, 1 omitted"

    stored = repo.get_script()
    by_heading = {s.heading: s for s in stored.scenes}
    assert by_heading["EXT. QUAY - NIGHT"].id == quay.id and not by_heading["EXT. QUAY - NIGHT"].revised
    assert by_heading["INT. BAR - NIGHT"].id == bar.id and by_heading["INT. BAR - NIGHT"].revised
    assert by_heading["EXT. FERRY DECK - DAWN"].omitted
    assert [s.heading for s in stored.active_scenes] == ["EXT. QUAY - NIGHT", "INT. BAR - NIGHT", "INT. WHEELHOUSE - NIGHT"]
    # Nothing is lost: even the omitted scene keeps its element.
    assert {e.name for e in repo.list_elements()} == {"bollard", "cloth", "ferry"}
    assert [s.revision for s in repo.list_scripts()] == [1, 2]


def test_a_bad_file_leaves_the_draft_and_its_work_untouched(repo):
    import_script(repo, DRAFT_1, "harbour.fountain")
    scene = repo.get_script().scenes[0]
    repo.save_elements([element(scene, "bollard", "bollard")])
    before = repo.export_data()
    for data, name in [(b"", "empty.fountain"), (b"<FinalDraft><Content>", "broken.fdx"), (b"no headings here", "notes.txt")]:
        with pytest.raises(ImportProblem) as caught:
            import_script(repo, data, name)
        assert caught.value.problem and caught.value.hint
    assert repo.export_data() == before


def test_scene_edits_are_validated_and_saved(repo):
    import_script(repo, DRAFT_1, "harbour.fountain")
    quay, bar, _ = repo.get_script().scenes
    edited = update_scene(repo, quay.id, eighths="1 3/8", int_ext="int/ext", number="1A", notes="rain towers")
    assert (edited.eighths, edited.int_ext, edited.number, edited.notes) == (11, IntExt.INT_EXT, "1A", "rain towers")
    assert repo.get_scene(quay.id) == edited

    assert update_scene(repo, bar.id, time="DAY").day_night == "DAY"
    with pytest.raises(SlatebookError, match="eighths"):
        update_scene(repo, bar.id, eighths="1 9/8")
    with pytest.raises(SlatebookError, match="already exists"):
        update_scene(repo, bar.id, number="1A")
    with pytest.raises(SlatebookError, match="cannot be edited"):
        update_scene(repo, bar.id, lines=[])
    with pytest.raises(SlatebookError, match="INT, EXT"):
        update_scene(repo, bar.id, int_ext="OUTSIDE")


def test_first_start_creates_the_sample_and_later_starts_reopen_the_last_project(tmp_path):
    catalog = ProjectCatalog(tmp_path / "projects")
    assert default_project_name(catalog) == SAMPLE_PROJECT
    create_sample_project(catalog, "Another")
    assert default_project_name(catalog) == "Another"
    assert len(catalog.list_projects()) == 2


def test_the_sample_screenplay_exercises_every_later_step(tmp_path):
    script = create_sample_project(ProjectCatalog(tmp_path / "projects")).get_script()
    scenes = script.active_scenes
    assert script.page_count >= 12
    assert len(scenes) >= 25
    assert len({s.location for s in scenes}) >= 6
    assert {s.int_ext for s in scenes} >= {IntExt.INT, IntExt.EXT}
    assert {s.day_night for s in scenes} == {"DAY", "NIGHT"}
    assert len({c for s in scenes for c in s.characters}) >= 8
    assert SAMPLE_SCREENPLAY.name == script.source_name


def test_import_to_project_names_new_projects_and_revises_existing_ones(tmp_path):
    from studio.errors import StoreProblem
    from pipelines.script.service import import_to_project

    catalog = ProjectCatalog(tmp_path / "projects")
    name, first = import_to_project(catalog, DRAFT_1, "harbour.fountain")
    assert name == "Harbour" and first.first_draft
    name, second = import_to_project(catalog, DRAFT_2, "harbour v2.fountain")
    assert name == "Harbour" and second.script.revision == 2
    with pytest.raises(StoreProblem):
        import_to_project(catalog, DRAFT_1, "harbour.fountain", new=True)
    with pytest.raises(ImportProblem):
        import_to_project(catalog, b"", "empty.fountain", "Nothing")
    assert not catalog.exists("Nothing")
