"""Shot lists: the offline coverage rules on the sample's scenes, and Claude's list checked against the scene."""

from __future__ import annotations

import pytest

from pipelines.imaging import shotlist
from pipelines.imaging.shotlist import SECONDS_PER_EIGHTH, coverage_shots, propose_shots, save_shot_list
from pipelines.llm.claude import ClaudeLLM
from pipelines.script.service import import_script
from studio.errors import SlatebookError
from studio.models import Element, Project, ReviewState
from studio.models.imaging import ShotSize
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository
from support.messages_server import MessagesServer

KEY = "fake-test-key-for-shot-lists-0000"


@pytest.fixture(scope="module")
def sample_data():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo.export_data()


@pytest.fixture
def repo(sample_data):
    fresh = InMemoryProjectRepository(sample_data.project)
    fresh.replace_data(sample_data)
    return fresh


def scene(repo, number: str):
    return next(s for s in repo.get_script().active_scenes if s.number == number)


def test_exterior_opening_is_established_then_covered(repo):
    # Scene 1: EXT. CARROW HAVEN - HARBOUR QUAY - DAY, Jonah, Isla and Margit speak.
    shots = propose_shots(repo, scene(repo, "1").id)
    assert shots[0].size == ShotSize.EWS and shots[0].subject == "CARROW HAVEN - HARBOUR QUAY"
    assert shots[0].angle == "high angle"
    master = shots[1]
    assert master.size == ShotSize.WS and master.characters == ["JONAH", "ISLA", "MARGIT"]
    singles = [s for s in shots if len(s.characters) == 1]
    assert [s.subject for s in singles] == ["JONAH", "ISLA", "MARGIT"]
    assert all(s.size in (ShotSize.MCU, ShotSize.CU) for s in singles)
    # Each single carries that character's own first line.
    assert singles[1].dialogue == "Jonah Vale. You got tall."
    assert all(s.source == "coverage" and s.lens_mm for s in shots)
    assert [s.index for s in shots] == list(range(len(shots)))


def test_two_hander_gets_over_the_shoulders_both_ways(repo):
    # Scene 8: EXT. FERRY GREYLAG - OPEN DECK - NIGHT, Margit and Isla.
    shots = propose_shots(repo, scene(repo, "8").id)
    ots = [s for s in shots if s.angle == "over the shoulder"]
    assert [s.characters for s in ots] == [["MARGIT", "ISLA"], ["ISLA", "MARGIT"]]
    assert ots[0].subject == "ISLA over MARGIT's shoulder"


def test_interior_on_the_same_set_is_not_established_again(repo):
    # Scenes 14 and 15 follow on the ferry: 14 is the saloon after the open deck (same set).
    script = repo.get_script().active_scenes
    s13, s14 = scene(repo, "13"), scene(repo, "14")
    shots = coverage_shots(s14, s13)
    assert shots[0].subject != s14.location  # straight into the master
    assert coverage_shots(s14, scene(repo, "4"))[0].size == ShotSize.WS  # a new set is established
    assert script  # the draft is there


def test_voices_off_screen_get_no_single(repo):
    # Scene 7: the COASTGUARD is only heard on the radio (V.O.).
    s7 = scene(repo, "7")
    assert "COASTGUARD" in s7.characters
    shots = coverage_shots(s7)
    assert "COASTGUARD" not in {c for s in shots for c in s.characters}


def test_a_silent_scene_follows_who_its_action_names(repo):
    # Scene 3 has no dialogue: Isla reads her mother's notes.
    shots = propose_shots(repo, scene(repo, "3").id)
    assert {c for s in shots for c in s.characters} == {"ISLA"}


def test_accepted_props_become_inserts_and_proposed_ones_do_not(repo):
    s3 = scene(repo, "3")
    repo.save_elements([
        Element(scene_id=s3.id, category="props", name="shortbread tin", evidence="a battered shortbread tin",
                review=ReviewState.ACCEPTED),
        Element(scene_id=s3.id, category="props", name="brass key", evidence="a brass key on a cork float",
                review=ReviewState.PROPOSED),
        Element(scene_id=s3.id, category="set_dressing", name="dust sheets", review=ReviewState.ACCEPTED),
    ])
    shots = propose_shots(repo, s3.id)
    inserts = [s for s in shots if not s.characters and s.subject != s3.location]
    assert [(s.size, s.subject, s.duration_s) for s in inserts] == [(ShotSize.CU, "shortbread tin", 2.0)]


@pytest.mark.parametrize("number", ["1", "2", "4", "12", "25"])
def test_durations_fill_the_scene_screen_time(repo, number):
    s = scene(repo, number)
    shots = coverage_shots(s)
    total = sum(shot.duration_s for shot in shots)
    assert total == pytest.approx(max(s.eighths * SECONDS_PER_EIGHTH, 1.5 * len(shots)), abs=0.25 * len(shots))
    assert all(shot.duration_s >= 1.5 for shot in shots)


def test_every_sample_scene_gets_a_list(repo):
    for s in repo.get_script().active_scenes:
        shots = coverage_shots(s)
        assert shots, s.heading
        assert all(shot.subject for shot in shots)


def test_proposing_again_asks_before_replacing(repo):
    s1 = scene(repo, "1")
    first = propose_shots(repo, s1.id)
    with pytest.raises(SlatebookError, match="already has"):
        propose_shots(repo, s1.id)
    again = propose_shots(repo, s1.id, replace=True)
    assert {s.id for s in repo.list_shots(s1.id)} == {s.id for s in again}
    assert not {s.id for s in first} & {s.id for s in again}


def test_edited_list_keeps_order_and_drops_removed_rows(repo):
    s1 = scene(repo, "1")
    shots = propose_shots(repo, s1.id)
    edited = [shots[2].model_copy(update={"size": ShotSize.ECU, "lens_mm": 100}), shots[0]]
    save_shot_list(repo, s1.id, edited)
    stored = repo.list_shots(s1.id)
    assert [(s.id, s.index, s.size) for s in stored] == [(shots[2].id, 0, ShotSize.ECU), (shots[0].id, 1, shots[0].size)]


def test_unknown_scene_is_a_clear_error(repo):
    with pytest.raises(SlatebookError, match="not in the current draft"):
        propose_shots(repo, "no-such-scene")


CLAUDE_LIST = {
    "shots": [
        {"size": "EWS", "angle": "high angle", "movement": "crane", "lens_mm": 16, "subject": "The harbour",
         "action": "Rain over the quay.", "duration_s": 5, "characters": []},
        {"size": "CU", "subject": "Isla", "action": "She does not flinch.", "duration_s": 3,
         "dialogue": "Jonah Vale. You got tall.", "characters": ["ISLA", "NOBODY"]},
        {"size": "MCU", "subject": "Jonah", "action": "He calls down.", "duration_s": 2,
         "dialogue": "Words nobody wrote in this scene.", "characters": ["jonah"]},
    ]
}


def test_claude_proposes_a_checked_list(repo):
    s1 = scene(repo, "1")
    with MessagesServer(answer_for=lambda body: CLAUDE_LIST) as server:
        llm = ClaudeLLM(KEY, "claude-sonnet-5-5", base_url=server.url, max_retries=0)
        shots = propose_shots(repo, s1.id, llm)
        body = server.requests[-1].body
    assert [s.size for s in shots] == [ShotSize.EWS, ShotSize.CU, ShotSize.MCU]
    assert shots[1].dialogue == "Jonah Vale. You got tall."
    assert shots[2].dialogue == ""  # not in the scene: dropped, never invented
    assert shots[1].characters == ["ISLA"] and shots[2].characters == ["JONAH"]
    assert all(s.source.startswith("claude:") for s in shots)
    # The script went as fenced data; the ask names the scene.
    assert "<script>" in body["system"][-1]["text"]
    assert "scene 1" in body["messages"][0]["content"]
    record = next(r for r in repo.list_ai_records() if r.purpose == "shot list")
    assert record.assets == [s.id for s in shots] and shots[0].ai_record_id == record.id
    assert KEY not in record.model_dump_json()


def test_claude_answer_that_does_not_fit_is_refused(repo):
    bad = {"shots": [{"size": "GIANT", "subject": "x", "duration_s": 1}]}
    with MessagesServer(answer_for=lambda body: bad) as server:
        llm = ClaudeLLM(KEY, "claude-sonnet-5-5", base_url=server.url, max_retries=0)
        with pytest.raises(SlatebookError, match="did not fit"):
            propose_shots(repo, scene(repo, "1").id, llm)
    assert repo.list_shots() == []


def test_module_exposes_the_lens_for_every_size():
    assert set(shotlist.LENS_FOR) == set(ShotSize)
