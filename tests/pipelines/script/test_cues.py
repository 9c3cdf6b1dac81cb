import pytest

from pipelines.script.cues import is_group_cue, joint_speakers, normalise_cue
from pipelines.script.service import read_script
from studio.models import LineKind


@pytest.mark.parametrize(
    "cue, name",
    [
        ("EDWARD", "EDWARD"),
        ("EDWARD (V.O.)", "EDWARD"),
        ("EDWARD (V.O.)(CONT'D)", "EDWARD"),
        ("EDWARD (V.O.) (CONT’D)", "EDWARD"),
        ("JIM (O.S.)", "JIM"),
        ("JIM (O.C.)", "JIM"),
        ("Edward (cont'd)", "EDWARD"),
        ("BRICK ^", "BRICK"),
        ("@McCABE", "MCCABE"),
        ("HANDSOME   MAN", "HANDSOME MAN"),
        ("  STEEL  ", "STEEL"),
        ("NARRATOR:", "NARRATOR"),
        ("SCANNING THE AISLES…", "SCANNING THE AISLES"),
        ("MRS. BLOOM (V.O.", "MRS. BLOOM"),
        ("DAN CONT'D", "DAN"),
        ("HERO 1", "HERO 1"),
        ("$BOND.LAST", "$BOND.LAST"),
        ("МАША (З.К.)", "МАША"),
    ],
)
def test_extensions_punctuation_and_case_are_removed(cue, name):
    assert normalise_cue(cue) == name


def test_one_person_however_the_cue_is_decorated():
    forms = ["EDWARD", "Edward (V.O.)", "EDWARD (CONT'D)", "EDWARD ^", "@Edward", "EDWARD (O.S.)(CONT’D)"]
    assert {normalise_cue(f) for f in forms} == {"EDWARD"}


@pytest.mark.parametrize("cue", ["ALL", "THE CROWD", "VARIOUS TOWNFOLK", "BOTH", "SEVERAL SOLDIERS", "THE OTHERS"])
def test_a_group_speaking_as_one_is_a_group_cue(cue):
    assert is_group_cue(cue)


@pytest.mark.parametrize("cue", ["EDWARD", "NURSE", "THE MAN", "CREW MEMBER", "SALLY", "YOUNG WILL"])
def test_a_person_is_not_a_group_cue(cue):
    assert not is_group_cue(cue)


def test_a_joint_cue_is_each_speaker_who_has_a_cue_of_their_own():
    solo = {"EDWARD", "WILL", "SANDRA"}
    assert joint_speakers("EDWARD AND WILL", solo) == ["EDWARD", "WILL"]
    assert joint_speakers("EDWARD, WILL & SANDRA", solo) == ["EDWARD", "WILL", "SANDRA"]
    # a part nobody else speaks as may be one character's name
    assert joint_speakers("SALT AND PEPPER", solo) == ["SALT AND PEPPER"]
    assert joint_speakers("EDWARD AND THE GIANT", solo) == ["EDWARD AND THE GIANT"]


def test_a_scenes_speaking_cast_is_its_people_not_its_cues():
    script = read_script(
        b"INT. DINER - DAY\n\nA CROWD gathers outside.\n\nEDWARD\nHello.\n\nWILL\nHi.\n\nEDWARD AND WILL\nTogether!\n\n"
        b"THE CROWD\nHooray!\n\nALL\nCheers!\n\nA VOICE (O.S.)\nWho's there?\n",
        "diner.fountain",
    )
    (scene,) = script.scenes
    assert scene.characters == ["EDWARD", "WILL", "A VOICE"]
    # the lines keep the cue as written
    assert [line.character for line in scene.lines if line.kind == LineKind.CHARACTER][2:4] == ["EDWARD AND WILL", "THE CROWD"]
