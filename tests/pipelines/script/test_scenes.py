from functools import cache
from pathlib import Path

import pytest

from studio.models import IntExt, LineKind as K
from pipelines.script.blocks import Block, ParsedScreenplay
from pipelines.script.fountain import parse_fountain
from pipelines.script.scenes import build_scenes, estimate_page_count

# Scene headings per corpus file, counted by hand from the files.
HEADINGS = {
    "vilcans__screenplain__examples__Big-Fish.fountain": 190,
    "vilcans__screenplain__examples__Brick-and-Steel.fountain": 8,
    "vilcans__screenplain__examples__The-Last-Birthday-Card.fountain": 48,
    "vilcans__screenplain__tests__files__scene-numbers.fountain": 5,
    "wildwinter__screenplay-tools__tests__TestFDX-FD.fountain": 2,
    "wildwinter__screenplay-tools__tests__LineBreaks.fountain": 2,
    "ifrost__afterwriting-labs__test__data__screenplays__client.fountain": 11,
    "ifrost__afterwriting-labs__test__data__screenplays__cyrillic.fountain": 2,
    "ifrost__afterwriting-labs__samples__my_living_memory.fountain": 9,
    "earthbound19___ebScreenplays__cyber_bob__Cyber_Bob_ep00001.fountain": 3,
}


@cache
def scenes_of(path: Path):
    parsed = parse_fountain(path.read_text(encoding="utf-8"))
    return parsed, build_scenes(parsed)


def test_one_scene_per_heading_in_every_corpus_file(corpus):
    files = sorted(p.name for p in corpus.glob("*.fountain"))
    assert files == sorted(HEADINGS)
    for name in files:
        parsed, scenes = scenes_of(corpus / name)
        assert len(scenes) == HEADINGS[name], name
        assert [s.ordinal for s in scenes] == list(range(len(scenes)))
        assert len({s.number for s in scenes}) == len(scenes), f"duplicate scene numbers in {name}"
        assert all(s.lines[0].kind == K.HEADING and s.lines[0].n == 1 for s in scenes)


def test_text_before_the_first_heading_is_not_a_scene():
    scenes = build_scenes(parse_fountain("FADE IN:\n\nA RIVER.\n\nINT. HOUSE - DAY\n\nBOB\nHi."))
    assert len(scenes) == 1
    assert [line.text for line in scenes[0].lines] == ["INT. HOUSE - DAY", "BOB", "Hi."]


def test_scene_numbers_as_written_and_the_rest_continue_the_count(corpus):
    _, scenes = scenes_of(corpus / "vilcans__screenplain__tests__files__scene-numbers.fountain")
    assert [(s.number, s.number_written) for s in scenes] == [
        ("1", True), ("2", True), ("3", False), ("4", False), ("2-B", True),
    ]
    assert scenes[4].heading == "INT. A FIFTH PLACE - DAY"


def test_assigned_numbers_never_take_a_written_one():
    text = "INT. A - DAY\n\nx\n\nINT. B - DAY\n\nx\n\nINT. C - DAY #2#\n\nx\n\nINT. D - DAY\n\nx"
    assert [s.number for s in build_scenes(parse_fountain(text))] == ["1", "3", "2", "4"]


def test_unnumbered_script_is_numbered_in_order(corpus):
    _, scenes = scenes_of(corpus / "vilcans__screenplain__examples__Big-Fish.fountain")
    assert [s.number for s in scenes] == [str(i) for i in range(1, 191)]
    assert not any(s.number_written for s in scenes)


def test_brick_and_steel_scenes(corpus):
    _, scenes = scenes_of(corpus / "vilcans__screenplain__examples__Brick-and-Steel.fountain")
    first = scenes[0]
    assert (first.int_ext, first.location, first.time) == (IntExt.EXT, "BRICK'S PATIO", "DAY")
    assert first.characters == ["STEEL", "BRICK"]
    dual = [(line.text, line.character) for line in first.lines if line.dual]
    assert dual == [("STEEL", "STEEL"), ("Screw retirement.", "STEEL"), ("BRICK", "BRICK"), ("Screw retirement.", "BRICK")]
    sniper = scenes[3]
    assert (sniper.heading, sniper.int_ext, sniper.location, sniper.time) == ("SNIPER SCOPE POV", IntExt.NONE, "SNIPER SCOPE POV", "")
    assert scenes[1].characters == ["JACK", "DAN"]
    assert all(s.eighths >= 1 for s in scenes)
    assert 20 <= sum(s.eighths for s in scenes) <= 28  # about three pages


def test_lines_carry_the_speaker_and_headings_are_clean():
    text = "INT.   HOUSE  -  DAY   #7A#\n\n= Bob comes home.\n\nBOB (V.O.)(CONT'D)\n(tired)\nHi.\n\nAmy waves.\n\nAMY ^\nHey.\n\n# Act two\n\n===\n\nEXT. STREET - NIGHT"
    scene = build_scenes(parse_fountain(text))[0]
    assert scene.heading == "INT. HOUSE - DAY"
    assert (scene.number, scene.number_written) == ("7A", True)
    assert scene.synopsis == "Bob comes home."
    assert [(l.n, l.kind, l.character) for l in scene.lines] == [
        (1, K.HEADING, None),
        (2, K.CHARACTER, "BOB"),
        (3, K.PARENTHETICAL, "BOB"),
        (4, K.DIALOGUE, "BOB"),
        (5, K.ACTION, None),
        (6, K.CHARACTER, "AMY"),
        (7, K.DIALOGUE, "AMY"),
    ]
    assert scene.characters == ["BOB", "AMY"]


def test_characters_in_order_of_first_appearance_without_duplicates(corpus):
    _, scenes = scenes_of(corpus / "vilcans__screenplain__examples__Big-Fish.fountain")
    first = scenes[0]  # the opening voice-over runs before the first heading, so not here
    assert first.heading == "INT. WILL'S BEDROOM - NIGHT (1973)"
    assert first.characters == ["EDWARD"]
    for s in scenes:
        assert len(s.characters) == len(set(s.characters))
        assert all(c == c.upper() and "(" not in c for c in s.characters)


def test_eighths_follow_positions():
    blocks = [
        Block(K.HEADING, "INT. A - DAY", page=1, top=0.0),
        Block(K.ACTION, "x", page=1, top=0.1),
        Block(K.HEADING, "INT. B - DAY", page=1, top=0.5),
        Block(K.ACTION, "y", page=2, top=0.0),
        Block(K.HEADING, "EXT. C - NIGHT", page=2, top=0.25),
        Block(K.ACTION, "z", page=2, top=0.3),
        Block(K.HEADING, "EXT. D - NIGHT", page=2, top=0.31),
        Block(K.ACTION, "w", page=4, top=0.5),
    ]
    scenes = build_scenes(ParsedScreenplay(format="pdf", blocks=blocks, page_count=3))
    assert [s.eighths for s in scenes[:3]] == [4, 6, 1]  # 0.5 page, 0.75 page, and a minimum of 1/8
    assert [s.page_start for s in scenes] == [1.0, 1.5, 2.25, 2.31]
    assert scenes[3].eighths >= 17  # runs onto page 4
    assert estimate_page_count(ParsedScreenplay(format="pdf", blocks=blocks, page_count=3)) == 3.0


def test_big_fish_length(corpus):
    text = (corpus / "vilcans__screenplain__examples__Big-Fish.fountain").read_text(encoding="utf-8")
    parsed = parse_fountain(text)
    scenes = build_scenes(parsed)
    pages = estimate_page_count(parsed)
    assert abs(pages - 115) / 115 <= 0.05
    # The scenes cover the script after the prologue page, to within rounding.
    assert abs(sum(s.eighths for s in scenes) / 8 - (pages - 1)) < 2
    # The prologue fills page 1; the reference PDF prints the first heading a little over halfway down page 2.
    assert scenes[0].page_start == pytest.approx(2.56, abs=0.1)


def test_page_count_of_an_empty_script_is_zero():
    assert estimate_page_count(ParsedScreenplay(format="fountain")) == 0.0
    assert build_scenes(ParsedScreenplay(format="fountain")) == []


def test_continuous_scenes_are_lit_like_the_scene_before():
    text = "EXT. QUAY - NIGHT\n\nRain.\n\nINT. BAR - CONTINUOUS\n\nWarm.\n\nINT. BAR - LATER\n\nEmpty.\n\nEXT. QUAY - DAWN\n\nGrey.\n"
    scenes = build_scenes(parse_fountain(text))
    assert [s.day_night for s in scenes] == ["NIGHT", "NIGHT", "NIGHT", "DAY"]


def test_a_synopsis_under_a_section_is_not_the_scene_synopsis():
    text = "INT. A - DAY\n\n= Ana waits.\n\nShe waits.\n\n# ACT TWO\n\n= Everything changes.\n\nINT. B - DAY\n\nNothing.\n"
    scenes = build_scenes(parse_fountain(text))
    assert [s.synopsis for s in scenes] == ["Ana waits.", ""]
