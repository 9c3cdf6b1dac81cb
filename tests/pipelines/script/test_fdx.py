from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from pipelines.script.fdx import parse_fdx
from studio.errors import ImportProblem
from studio.models import LineKind as K


@cache
def read(path: Path):
    return parse_fdx(path.read_bytes())


def fdx(body: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<FinalDraft DocumentType="Script" Version="5"><Content>{body}</Content>{extra}</FinalDraft>'
    ).encode()


def para(kind: str, text: str, attrs: str = "") -> str:
    return f'<Paragraph Type="{kind}"{attrs}><Text>{text}</Text></Paragraph>'


# --- paragraphs ---------------------------------------------------------------


def test_paragraph_types_map_to_line_kinds():
    parsed = parse_fdx(
        fdx(
            para("Scene Heading", "INT. HOUSE - DAY")
            + para("Action", "Rain.")
            + para("Character", "ANNA (V.O.)")
            + para("Parenthetical", "(quietly)")
            + para("Dialogue", "Hello.")
            + para("Transition", "CUT TO:")
            + para("Shot", "ANGLE ON THE DOOR")
            + para("General", "A general line.")
            + para("Lyrics", "La la la.")
            + para("New Act", "ACT TWO")
        )
    )
    assert [b.kind for b in parsed.blocks] == [
        K.HEADING, K.ACTION, K.CHARACTER, K.PARENTHETICAL, K.DIALOGUE, K.TRANSITION,
        K.ACTION, K.ACTION, K.LYRIC, K.SECTION,
    ]
    assert parsed.format == "fdx"
    assert all(b.page is None and b.top is None for b in parsed.blocks)


def test_text_runs_are_concatenated_across_styles():
    body = (
        '<Paragraph Type="Dialogue"><Text Style="Underline">Permanently</Text><Text>.</Text>'
        '<Text Style="Bold+Italic"> Now</Text></Paragraph>'
    )
    assert parse_fdx(fdx(body)).blocks[0].text == "Permanently. Now"


def test_line_breaks_inside_a_paragraph_are_kept():
    body = '<Paragraph Type="Action"><Text>A long beat.\n</Text><Text>Longer.</Text></Paragraph>'
    assert parse_fdx(fdx(body)).blocks[0].text == "A long beat.\nLonger."


def test_scene_number_in_either_attribute_order():
    parsed = parse_fdx(
        fdx(
            '<Paragraph Number="12A" Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>'
            '<Paragraph Type="Scene Heading" Number="13"><Text>EXT. B - NIGHT</Text></Paragraph>'
            '<Paragraph Type="Scene Heading"><Text>INT. C - DAY</Text></Paragraph>'
        )
    )
    assert [b.scene_number for b in parsed.blocks] == ["12A", "13", None]


def test_empty_paragraphs_are_skipped_and_centred_action_is_centered():
    parsed = parse_fdx(
        fdx('<Paragraph Type="Action"/>' + para("Action", "THE END", ' Alignment="Center"'))
    )
    assert [(b.kind, b.text) for b in parsed.blocks] == [(K.CENTERED, "THE END")]


def test_unknown_paragraph_types_read_as_action_with_a_warning():
    parsed = parse_fdx(fdx(para("Cold Open Card", "BEFORE")))
    assert parsed.blocks[0].kind is K.ACTION
    assert "Cold Open Card" in parsed.warnings[0]


def test_dual_dialogue_inside_an_untyped_paragraph():
    body = (
        "<Paragraph><DualDialogue>"
        + para("Character", "STEEL") + para("Dialogue", "Screw retirement.")
        + para("Character", "BRICK") + para("Dialogue", "Screw retirement.")
        + "</DualDialogue></Paragraph>"
        + para("Transition", "SMASH CUT TO:")
    )
    parsed = parse_fdx(fdx(body))
    assert [(b.kind, b.dual) for b in parsed.blocks] == [
        (K.CHARACTER, True), (K.DIALOGUE, True), (K.CHARACTER, True), (K.DIALOGUE, True), (K.TRANSITION, False),
    ]


# --- what is not script text --------------------------------------------------


def test_notes_scene_properties_and_other_sections_are_not_script_text():
    body = (
        '<Paragraph Type="Scene Heading" Number="1">'
        '<SceneProperties Length="3/8" Page="1" Title="Beat">'
        '<SceneArcBeats><CharacterArcBeat Name="DAVE"><Paragraph><Text>ARC TEXT</Text></Paragraph>'
        "</CharacterArcBeat></SceneArcBeats></SceneProperties>"
        "<Text>INT. RADIO STUDIO</Text></Paragraph>"
        '<Paragraph Type="Action"><ScriptNote ID="2"><Paragraph><Text>NOTE TEXT</Text></Paragraph></ScriptNote>'
        "<Text>Action.</Text></Paragraph>"
    )
    extra = (
        "<HeaderAndFooter><Header><Paragraph><Text>HEADER TEXT</Text></Paragraph></Header></HeaderAndFooter>"
        "<ScriptNotes><ScriptNote><Paragraph><Text>LOOSE NOTE</Text></Paragraph></ScriptNote></ScriptNotes>"
        '<SmartType><Characters><Character>SMARTTYPE NAME</Character></Characters></SmartType>'
        '<ElementSettings Type="Action"><FontSpec Font="Courier"/></ElementSettings>'
        "<TitlePage><Content>" + para("Action", "My Title") + para("Action", "Written by")
        + para("Action", "A. Writer") + para("Action", "Copyright (c) 2026") + "</Content></TitlePage>"
    )
    parsed = parse_fdx(fdx(body, extra))
    assert [(b.kind, b.text) for b in parsed.blocks] == [(K.HEADING, "INT. RADIO STUDIO"), (K.ACTION, "Action.")]
    assert parsed.title_page == {
        "Title": "My Title", "Credit": "Written by", "Author": "A. Writer", "Copyright": "Copyright (c) 2026",
    }


# --- refusals -----------------------------------------------------------------


def test_entity_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
        b"<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&lol3;</Text></Paragraph></Content></FinalDraft>"
    )
    with pytest.raises(ImportProblem, match="DTD or XML entities") as caught:
        parse_fdx(bomb)
    assert caught.value.hint


def test_external_entity_is_refused():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b"<FinalDraft><Content><Paragraph><Text>&secret;</Text></Paragraph></Content></FinalDraft>"
    )
    with pytest.raises(ImportProblem, match="refused for safety"):
        parse_fdx(xxe)


def test_broken_xml_names_the_line():
    broken = b'<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action">\n</Content>\n</FinalDraft>'
    with pytest.raises(ImportProblem, match=r"line 5") as caught:
        parse_fdx(broken)
    assert "Save" in caught.value.hint


def test_xml_that_is_not_final_draft_is_refused():
    with pytest.raises(ImportProblem, match="not a Final Draft script"):
        parse_fdx(b"<?xml version='1.0'?><html><body/></html>")


# --- corpus -------------------------------------------------------------------


def test_embedded_script_note_stays_out_of_the_action(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__test__data__screenplays__fdx__note.fdx")
    assert [(b.kind, b.text) for b in parsed.blocks] == [(K.ACTION, "Action. Action.")]


@pytest.mark.parametrize("name", ["TestFDX-FD.fdx", "TestFDX-FI.fdx"])
def test_final_draft_and_fade_in_exports_read_only_the_main_content(corpus, name):
    parsed = read(corpus / f"wildwinter__screenplay-tools__tests__{name}")
    assert [(b.kind, b.text, b.scene_number) for b in parsed.blocks if b.kind is K.HEADING] == [
        (K.HEADING, "INT. RADIO STUDIO", "1"),
        (K.HEADING, "EXT. OUTSIDE THE FOOD STORE", "2"),
    ]
    assert len(parsed.blocks) == 16
    assert parsed.title_page["Title"] == "FDX Test Script"
    assert parsed.title_page["Author"] == "Ian"


def test_big_fish_counts_match_the_file(corpus):
    parsed = read(corpus / "vilcans__screenplain__examples__Big-Fish.fdx")
    counts = Counter(b.kind for b in parsed.blocks)
    # 866 Action paragraphs, two of them centred ("THE END", the title card).
    assert counts[K.HEADING] == 190
    assert counts[K.ACTION] + counts[K.CENTERED] == 866
    assert (counts[K.CHARACTER], counts[K.DIALOGUE], counts[K.PARENTHETICAL], counts[K.TRANSITION]) == (
        768, 811, 97, 34,
    )
    # A bold run is plain text like any other.
    assert parsed.blocks[1].text == "FADE IN:"


def test_brick_and_steel_dual_dialogue(corpus):
    parsed = read(corpus / "vilcans__screenplain__examples__Brick-and-Steel.fdx")
    dual = [(b.kind, b.text) for b in parsed.blocks if b.dual]
    assert dual == [
        (K.CHARACTER, "STEEL"), (K.DIALOGUE, "Screw retirement."),
        (K.CHARACTER, "BRICK"), (K.DIALOGUE, "Screw retirement."),
    ]
