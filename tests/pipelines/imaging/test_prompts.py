"""Moodboard prompts (templates and Claude) and frame prompts on the sample script."""

from __future__ import annotations

import pytest

from pipelines.imaging.prompts import (
    DEFAULT_NEGATIVE,
    PROJECT_BOARD,
    board_prompts_offline,
    caption,
    character_descriptions,
    frame_prompt,
    negative_prompt,
    screenplay_text,
)
from pipelines.imaging.service import propose_board_prompts
from pipelines.llm.claude import ClaudeLLM
from pipelines.script.service import import_script
from studio.errors import SlatebookError
from studio.models import Project, ProjectSettings, Shot
from studio.models.imaging import ShotSize
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository
from support.messages_server import MessagesServer

KEY = "fake-test-key-for-prompts-0000"


@pytest.fixture(scope="module")
def repo():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo


@pytest.fixture(scope="module")
def script(repo):
    return repo.get_script()


def test_boards_are_the_film_and_each_set(script):
    boards = board_prompts_offline(script, ProjectSettings())
    names = [b.board for b in boards]
    assert names[0] == PROJECT_BOARD
    assert "Location: FERRY GREYLAG" in names and "Location: CARROW HAVEN" in names
    assert len(names) == len(set(names))
    ferry = next(b for b in boards if b.board == "Location: FERRY GREYLAG")
    # Every ferry scene (wheelhouse, deck, saloon, car deck) is on the one board.
    ferry_scenes = [s.id for s in script.active_scenes if s.location.startswith("FERRY GREYLAG")]
    assert ferry.scene_ids == ferry_scenes and ferry.scope == "location"
    assert "night" in ferry.prompt


def test_template_prompts_use_the_scripts_own_description(script):
    boards = {b.board: b for b in board_prompts_offline(script, ProjectSettings())}
    quay = boards["Location: CARROW HAVEN"].prompt
    assert "A northern harbour under a pewter sky." in quay
    assert quay.startswith("exterior Carrow Haven - Harbour Quay")
    assert "NIGHT FERRY" in boards[PROJECT_BOARD].prompt
    assert "Margit's Van" in boards[PROJECT_BOARD].prompt  # capitalised as a name, not "Margit'S"


def test_style_prompt_reaches_every_board(script):
    boards = board_prompts_offline(script, ProjectSettings(style_prompt="35mm Kodak Vision3, muted teal"))
    assert all(b.prompt.endswith("35mm Kodak Vision3, muted teal") for b in boards)


def test_character_looks_come_from_their_introductions(script):
    looks = character_descriptions(script)
    assert looks["ISLA"].startswith("ISLA GUNN (29)") and "camel wool coat" in looks["ISLA"]
    assert looks["HUGH"].startswith("HUGH MOWAT (66), white beard")
    assert "COASTGUARD" not in looks  # never introduced on screen


def test_frame_prompt_orders_framing_place_style_then_faces(script):
    s1 = script.active_scenes[0]
    shot = Shot(scene_id=s1.id, index=2, size=ShotSize.MCU, subject="ISLA", action="She doesn't flinch.",
                characters=["ISLA"], lens_mm=50)
    settings = ProjectSettings(style_prompt="graphite storyboard", negative_prompt="colour")
    prompt = frame_prompt(shot, s1, settings, character_descriptions(script))
    assert prompt.startswith("medium close-up, eye level. ISLA: She doesn't flinch.")
    order = [prompt.index(part) for part in ("exterior Carrow Haven", "graphite storyboard", "ISLA GUNN (29)", "50mm lens")]
    assert order == sorted(order)
    assert negative_prompt(settings) == "colour"
    assert negative_prompt(ProjectSettings()) == DEFAULT_NEGATIVE


def test_night_and_dusk_set_the_light(script):
    shot = Shot(scene_id="x", index=0, size=ShotSize.WS, subject="deck")
    by_number = {s.number: s for s in script.active_scenes}
    assert "night, practical lights" in frame_prompt(shot, by_number["8"], ProjectSettings(), {})
    assert "dusk, blue hour" in frame_prompt(shot, by_number["6"], ProjectSettings(), {})
    assert "dawn, first light" in frame_prompt(shot, by_number["24"], ProjectSettings(), {})


def test_caption_reads_like_a_board_panel():
    shot = Shot(scene_id="x", index=3, size=ShotSize.CU, angle="low angle", movement="push in",
                subject="HUGH", dialogue="He didn't fall.")
    assert caption(shot) == '4. CU low angle, push in — HUGH: "He didn\'t fall."'


def test_screenplay_text_holds_every_scene(script):
    text = screenplay_text(script)
    assert text.count("EXT. CARROW HAVEN - HARBOUR QUAY") == 3


def test_claude_writes_prompts_and_missing_boards_keep_templates(repo):
    written = {"prompts": [
        {"board": "Look of the film", "prompt": "Wet slate greys, sodium orange, a ferry lit like a lantern."},
        {"board": "Location: NOWHERE", "prompt": "A board nobody asked for, ignored."},
    ]}
    with MessagesServer(answer_for=lambda body: written) as server:
        boards = propose_board_prompts(repo, ClaudeLLM(KEY, "claude-sonnet-5-5", base_url=server.url, max_retries=0))
        sent = server.requests[-1].body
    assert boards[0].prompt.startswith("Wet slate greys") and boards[0].source.startswith("claude:")
    assert all(b.source == "template" for b in boards[1:])
    assert "NOWHERE" not in {b.board for b in boards}
    assert "- Location: FERRY GREYLAG" in sent["messages"][0]["content"]
    record = next(r for r in repo.list_ai_records() if r.purpose == "moodboard prompts")
    assert record.assets == ["Look of the film"]


def test_no_script_is_a_clear_error():
    empty = InMemoryProjectRepository(Project(name="Empty"))
    with pytest.raises(SlatebookError, match="no script"):
        propose_board_prompts(empty)
