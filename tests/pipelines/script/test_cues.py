import pytest

from pipelines.script.cues import normalise_cue


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
