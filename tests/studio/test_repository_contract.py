"""What every ProjectRepository does, run against the SQLite store and its in-memory twin."""

from __future__ import annotations

import threading

import pytest

from studio.errors import StoreProblem
from studio.models import AIRecord, Budget, Character, Element, Frame, Job, JobStatus, Project, Schedule, Scene, Shot
from studio.store.base import ProjectRepository
from studio.store.memory_repo import InMemoryProjectRepository
from studio.store.sqlite_repo import SQLiteProjectRepository

from store_builders import make_script, populated_data


@pytest.fixture
def project() -> Project:
    return Project(name="Two Rooms")


@pytest.fixture(params=["memory", "sqlite"])
def repo(request, tmp_path, project) -> ProjectRepository:
    if request.param == "memory":
        return InMemoryProjectRepository(project)
    store = SQLiteProjectRepository(tmp_path / "p")
    store.save_project(project)
    return store


def test_project_round_trips_and_writes_stamp_updated_at(repo):
    before = repo.get_project()
    assert before.name == "Two Rooms"
    repo.save_project(before.model_copy(update={"name": "Renamed"}))
    after = repo.get_project()
    assert after.name == "Renamed" and after.id == before.id
    assert after.updated_at >= before.updated_at
    repo.save_job(Job(kind="x"))
    assert repo.get_project().updated_at >= after.updated_at


def test_no_script_until_one_is_saved(repo):
    assert repo.get_script() is None and repo.list_scripts() == []


def test_save_script_keeps_scenes_in_ordinal_order(repo):
    script = make_script(4)
    script.scenes.reverse()  # list order is not draft order; ordinals are
    repo.save_script(script)
    got = repo.get_script()
    assert [s.number for s in got.scenes] == ["1", "2", "3", "4"]
    assert got.model_copy(update={"scenes": []}) == script.model_copy(update={"scenes": []})
    assert sorted(got.scenes, key=lambda s: s.id) == sorted(script.scenes, key=lambda s: s.id)
    assert repo.get_project().current_script_id == script.id
    assert [s.scenes for s in repo.list_scripts()] == [[]]


def test_a_new_draft_drops_missing_scenes_with_their_work(repo):
    first = make_script(3)
    repo.save_script(first)
    s1, s2, s3 = first.scenes
    shot = Shot(scene_id=s3.id, index=1)
    repo.save_elements([Element(scene_id=s1.id, category="props", name="cup"), Element(scene_id=s3.id, category="props", name="gun")])
    repo.save_shots([shot, Shot(scene_id=s1.id, index=1)])
    repo.save_frames([Frame(shot_id=shot.id, file="a" * 64, width=1, height=1, backend="sketch"),
                      Frame(board="look", file="b" * 64, width=1, height=1, backend="sketch")])
    second = first.model_copy(update={"id": "draft-2", "revision": 2, "scenes": [s1, s2]})
    repo.save_script(second)
    assert [s.id for s in repo.get_script().scenes] == [s1.id, s2.id]
    assert [e.name for e in repo.list_elements()] == ["cup"]
    assert [s.scene_id for s in repo.list_shots()] == [s1.id]
    assert [f.board for f in repo.list_frames()] == ["look"]
    assert [s.id for s in repo.list_scripts()] == [first.id, "draft-2"]
    assert repo.get_script().revision == 2


def test_save_script_refuses_repeated_scene_ids(repo):
    script = make_script(2)
    repo.save_script(script)
    bad = make_script(2)
    bad.scenes[1].id = bad.scenes[0].id
    with pytest.raises(StoreProblem):
        repo.save_script(bad)
    assert repo.get_script() == script


def test_get_and_save_scene(repo):
    script = make_script(2)
    repo.save_script(script)
    scene = repo.get_scene(script.scenes[1].id)
    assert scene == script.scenes[1]
    assert repo.get_scene("nope") is None
    repo.save_scene(scene.model_copy(update={"notes": "rain", "ordinal": -1}))
    assert repo.get_scene(scene.id).notes == "rain"
    assert repo.get_script().scenes[0].id == scene.id  # its new ordinal moves it first
    with pytest.raises(StoreProblem):
        repo.save_scene(Scene(number="9", heading="EXT. NOWHERE"))


def test_returned_models_are_copies(repo):
    script = make_script(1)
    repo.save_script(script)
    script.scenes[0].notes = "changed after saving"
    got = repo.get_script()
    got.scenes[0].synopsis = "changed after reading"
    assert repo.get_script().scenes[0].notes == "" and repo.get_script().scenes[0].synopsis == ""


def test_elements_upsert_by_id_list_by_scene_and_delete(repo):
    script = make_script(2)
    repo.save_script(script)
    s1, s2 = script.scenes
    a = Element(scene_id=s2.id, category="props", name="kettle")
    b = Element(scene_id=s1.id, category="cast", name="ANA")
    c = Element(scene_id=s2.id, category="props", name="cup")
    repo.save_elements([a, b, c])
    assert [e.name for e in repo.list_elements()] == ["ANA", "kettle", "cup"]  # draft order, then insertion
    repo.save_elements([a.model_copy(update={"name": "teapot"})])
    assert [e.name for e in repo.list_elements(s2.id)] == ["teapot", "cup"]  # updated in place
    repo.delete_elements([c.id, "unknown"])
    assert [e.id for e in repo.list_elements()] == [b.id, a.id]


def test_an_element_of_a_missing_scene_is_refused_and_nothing_is_saved(repo):
    script = make_script(1)
    repo.save_script(script)
    good = Element(scene_id=script.scenes[0].id, category="props", name="cup")
    with pytest.raises(StoreProblem):
        repo.save_elements([good, Element(scene_id="missing", category="props", name="gun")])
    assert repo.list_elements() == []


def test_characters_are_replaced_whole(repo):
    repo.save_characters([Character(id_number=1, name="ANA"), Character(id_number=2, name="BEN")])
    cast = [Character(id_number=1, name="BEN")]
    repo.save_characters(cast)
    assert repo.list_characters() == cast


def test_shots_in_scene_then_index_order_and_delete_takes_frames(repo):
    script = make_script(2)
    repo.save_script(script)
    s1, s2 = script.scenes
    shots = [Shot(scene_id=s2.id, index=1), Shot(scene_id=s1.id, index=2), Shot(scene_id=s1.id, index=1)]
    repo.save_shots(shots)
    assert [(s.scene_id, s.index) for s in repo.list_shots()] == [(s1.id, 1), (s1.id, 2), (s2.id, 1)]
    assert [s.index for s in repo.list_shots(s1.id)] == [1, 2]
    frame = Frame(shot_id=shots[2].id, file="c" * 64 + ".png", width=8, height=8, backend="sketch")
    repo.save_frames([frame])
    assert repo.list_frames() == [frame]
    repo.delete_shots([shots[2].id])
    assert repo.list_frames() == [] and len(repo.list_shots()) == 2


def test_a_frame_of_a_missing_shot_is_refused(repo):
    with pytest.raises(StoreProblem):
        repo.save_frames([Frame(shot_id="missing", file="d" * 64, width=1, height=1, backend="sketch")])
    assert repo.list_frames() == []


def test_frames_update_in_place(repo):
    frame = Frame(board="look", file="e" * 64, width=1, height=1, backend="sketch")
    other = Frame(board="look", file="f" * 64, width=1, height=1, backend="sketch")
    repo.save_frames([frame, other])
    repo.save_frames([frame.model_copy(update={"pinned": True})])
    assert [(f.id, f.pinned) for f in repo.list_frames()] == [(frame.id, True), (other.id, False)]


def test_schedules_and_budgets(repo):
    schedule = Schedule(name="A", status="optimal")
    repo.save_schedule(schedule)
    repo.save_schedule(Schedule(name="B"))
    repo.save_schedule(schedule.model_copy(update={"objective": 4.0}))
    assert [(s.name, s.objective) for s in repo.list_schedules()] == [("A", 4.0), ("B", None)]
    repo.delete_schedule(schedule.id)
    assert [s.name for s in repo.list_schedules()] == ["B"]
    budget = Budget(schedule_id=schedule.id)
    repo.save_budget(budget)
    repo.save_budget(budget.model_copy(update={"currency": "EUR"}))
    assert [b.currency for b in repo.list_budgets()] == ["EUR"]


def test_ai_ledger_is_append_only(repo):
    first, second = AIRecord(kind="llm", purpose="breakdown", provider="offline", model="rules"), AIRecord(
        kind="image", purpose="frame", provider="diffusers", model="tiny", seed=1)
    repo.add_ai_record(first)
    repo.add_ai_record(second)
    with pytest.raises(StoreProblem):
        repo.add_ai_record(first.model_copy(update={"model": "rewritten"}))
    assert repo.list_ai_records() == [first, second]


def test_jobs(repo):
    job = Job(kind="breakdown")
    repo.save_job(job)
    repo.save_job(Job(kind="frames"))
    done = job.model_copy(update={"status": JobStatus.DONE, "progress": 1.0, "result": {"n": 3}})
    repo.save_job(done)
    assert repo.get_job(job.id) == done
    assert repo.get_job("nope") is None
    assert [j.kind for j in repo.list_jobs()] == ["breakdown", "frames"]
    assert repo.list_jobs("breakdown") == [done]


def test_files_are_content_addressed(repo):
    name = repo.put_file(b"\x89PNG pixels", ".PNG")
    assert name.endswith(".png") and len(name) == 68
    assert repo.put_file(b"\x89PNG pixels", ".png") == name
    assert repo.read_file(name) == b"\x89PNG pixels"
    assert repo.list_files() == [name]
    with pytest.raises(StoreProblem):
        repo.read_file("0" * 64)
    for bad in ("../project.sqlite", "/etc/passwd", name.upper(), name + "/x"):
        with pytest.raises(StoreProblem):
            repo.read_file(bad)
    with pytest.raises(StoreProblem):
        repo.put_file(b"x", "/../x")


def test_export_then_replace_round_trips_everything(repo):
    data = populated_data()
    repo.replace_data(data)
    assert repo.export_data() == data  # replace_data keeps updated_at: it is a restore


def test_replace_data_refuses_broken_links_and_keeps_what_was_there(repo):
    script = make_script(1)
    repo.save_script(script)
    before = repo.export_data()
    broken = populated_data()
    broken.elements.append(Element(scene_id="missing", category="props", name="gun"))
    with pytest.raises(StoreProblem):
        repo.replace_data(broken)
    assert repo.export_data() == before


def test_both_stores_export_alike(tmp_path, project):
    """The twins cannot drift: the same calls give the same ProjectData."""
    memory = InMemoryProjectRepository(project)
    sqlite = SQLiteProjectRepository(tmp_path / "p")
    sqlite.save_project(project)
    script = make_script(3)
    s1, s2, s3 = script.scenes
    shots = [Shot(scene_id=s3.id, index=2), Shot(scene_id=s1.id, index=1), Shot(scene_id=s3.id, index=1)]
    job = Job(kind="k")
    record = AIRecord(kind="llm", purpose="p", provider="offline", model="m")
    for store in (memory, sqlite):
        store.save_script(script)
        store.save_elements([Element(id="e1", scene_id=s3.id, category="props", name="a"),
                             Element(id="e2", scene_id=s1.id, category="props", name="b")])
        store.save_shots(shots)
        store.delete_shots([shots[1].id])
        store.save_scene(s3.model_copy(update={"ordinal": -1}))
        store.save_job(job)
        store.add_ai_record(record)
    strip = {"project": {"updated_at"}}
    assert memory.export_data().model_dump(exclude=strip) == sqlite.export_data().model_dump(exclude=strip)


def test_concurrent_writers_lose_nothing(repo):
    def work(k: int) -> None:
        for i in range(20):
            repo.save_job(Job(id=f"{k}-{i}", kind=f"worker{k}"))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(repo.list_jobs()) == 80
    assert all(len(repo.list_jobs(f"worker{k}")) == 20 for k in range(4))


def test_memory_twin_has_no_paths(project):
    repo = InMemoryProjectRepository(project)
    assert repo.file_path(repo.put_file(b"x")) is None


@pytest.mark.parametrize("store", [InMemoryProjectRepository, SQLiteProjectRepository])
def test_every_method_of_the_interface_is_implemented(store):
    wanted = {name for name in vars(ProjectRepository) if not name.startswith("_")}
    assert wanted <= set(dir(store))
