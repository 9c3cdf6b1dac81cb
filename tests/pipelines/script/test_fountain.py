from functools import cache
from pathlib import Path

import pytest

from studio.models import LineKind as K
from pipelines.script.fountain import parse_fountain, parse_plain_text, plain


def blocks(text):
    return [(b.kind, b.text) for b in parse_fountain(text).blocks]


@cache
def read(path: Path):
    return parse_fountain(path.read_text(encoding="utf-8"))


# --- title page -------------------------------------------------------------


def test_title_page_keys_values_and_indented_continuations():
    parsed = parse_fountain(
        "Title:\n\t_**BRICK & STEEL**_\n\tFULL RETIRED\nCredit: Written by\nDraft date: 1/27/2012\n"
        "Contact:\n\tNext Level\n    phone: 555\n\nINT. HOUSE - DAY\n\nAction."
    )
    assert parsed.title_page == {
        "Title": "BRICK & STEEL\nFULL RETIRED",
        "Credit": "Written by",
        "Draft date": "1/27/2012",
        "Contact": "Next Level\nphone: 555",
    }
    assert [b.kind for b in parsed.blocks] == [K.HEADING, K.ACTION]


def test_title_page_keys_are_case_insensitive():
    parsed = parse_fountain("title: My Living Memory\ncredit: by\nAUTHOR: Dan\n\nINT. ROOM - DAY\n")
    assert parsed.title_page == {"Title": "My Living Memory", "Credit": "by", "Author": "Dan"}


def test_a_script_starting_with_a_transition_has_no_title_page():
    parsed = parse_fountain("FADE IN:\n\nINT. ROOM - DAY\n\nAction.")
    assert parsed.title_page == {}
    assert blocks("FADE IN:\n\nINT. ROOM - DAY")[0] == (K.ACTION, "FADE IN:")


# --- scene headings ------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["INT. HOUSE - DAY", "EXT. PARK--DAY", "INT./EXT. CAR - DAY", "INT/EXT CAR", "I/E CAR", "EST. CITY", "int. house", "ИНТ. КУХНЯ – ДЕНЬ", "НАТ. ДВОР"]
)
def test_scene_heading_prefixes(line):
    assert blocks(f"Action.\n\n{line}\n\nMore action.")[1] == (K.HEADING, line)


def test_forced_heading_but_not_an_ellipsis():
    assert blocks(".SNIPER SCOPE POV\n\nAction.")[0] == (K.HEADING, "SNIPER SCOPE POV")
    assert blocks("...where the carnival is parked.")[0] == (K.ACTION, "...where the carnival is parked.")


@pytest.mark.parametrize("marker, number", [("#1#", "1"), ("#12A#", "12A"), ("#2-B#", "2-B"), ("#I-1-A#", "I-1-A"), ("#110.#", "110.")])
def test_scene_numbers_are_taken_off_the_heading(marker, number):
    block = parse_fountain(f"INT. HOUSE - DAY {marker}\n\nAction.").blocks[0]
    assert (block.text, block.scene_number) == ("INT. HOUSE - DAY", number)


def test_heading_needs_a_blank_line_before_it():
    assert blocks("He walks in.\nINT. is short for interior.") == [(K.ACTION, "He walks in.\nINT. is short for interior.")]


# --- dialogue ---------------------------------------------------------------------


def test_cue_extensions_parentheticals_and_dialogue():
    text = "EDWARD (V.O.)(CONT'D)\n(closer)\nAnd on that day\nI caught him.\n(beat)\nGold."
    assert blocks(text) == [
        (K.CHARACTER, "EDWARD (V.O.)(CONT'D)"),
        (K.PARENTHETICAL, "(closer)"),
        (K.DIALOGUE, "And on that day\nI caught him."),
        (K.PARENTHETICAL, "(beat)"),
        (K.DIALOGUE, "Gold."),
    ]


def test_a_line_opening_with_a_paren_can_be_dialogue():
    assert blocks("DAN\n(beat) I know.\nYou do.") == [(K.CHARACTER, "DAN"), (K.DIALOGUE, "(beat) I know.\nYou do.")]


def test_parenthetical_over_two_lines():
    assert blocks("DAN\n(starting\nthe engine)\nGo.")[1] == (K.PARENTHETICAL, "(starting\nthe engine)")


def test_forced_character_keeps_its_case():
    assert blocks("@McCABE\nHello.") == [(K.CHARACTER, "McCABE"), (K.DIALOGUE, "Hello.")]


def test_dual_dialogue_flags_both_speeches():
    parsed = parse_fountain("Action.\n\nSTEEL\nScrew retirement.\n\nBRICK ^\n(raising)\nScrew retirement.\n\nAction.")
    flags = [(b.kind, b.text, b.dual) for b in parsed.blocks]
    assert flags == [
        (K.ACTION, "Action.", False),
        (K.CHARACTER, "STEEL", True),
        (K.DIALOGUE, "Screw retirement.", True),
        (K.CHARACTER, "BRICK", True),
        (K.PARENTHETICAL, "(raising)", True),
        (K.DIALOGUE, "Screw retirement.", True),
        (K.ACTION, "Action.", False),
    ]


def test_two_spaces_keep_a_blank_line_inside_dialogue():
    assert blocks("DEALER\nTen.\nFour.\n  \nHit or stand sir?") == [
        (K.CHARACTER, "DEALER"),
        (K.DIALOGUE, "Ten.\nFour.\n\nHit or stand sir?"),
    ]
    # A truly empty line ends the speech.
    assert blocks("DEALER\nTen.\n\nHit or stand sir?")[-1] == (K.ACTION, "Hit or stand sir?")


def test_all_caps_line_alone_is_action_not_a_cue():
    assert blocks("A RIVER.\n\nWe're underwater.") == [(K.ACTION, "A RIVER."), (K.ACTION, "We're underwater.")]


def test_indented_elements_are_recognised():
    text = "\t\t\tJACK\n\t\t(in Vietnamese)\n\t*Did you know?*\n\n\t\t\t\tCUT TO:\n\nINT. HOUSE - DAY"
    assert blocks(text) == [
        (K.CHARACTER, "JACK"),
        (K.PARENTHETICAL, "(in Vietnamese)"),
        (K.DIALOGUE, "Did you know?"),
        (K.TRANSITION, "CUT TO:"),
        (K.HEADING, "INT. HOUSE - DAY"),
    ]


# --- other elements -------------------------------------------------------------------


def test_transitions_centered_lyrics_and_forced_action():
    text = (
        "CUT TO:\n\n> BURN TO PINK.\n\n> THE END <\n\n> BRICK BRADDOCK <\n> & DICK STEEL IN <\n\n"
        "~Happy birthday to you!\n~Happy birthday to you!\n\n!SCANNING THE AISLES…\nWhere is that pit boss?\n\n"
        "Fade to: nothing.\n"
    )
    assert blocks(text) == [
        (K.TRANSITION, "CUT TO:"),
        (K.TRANSITION, "BURN TO PINK."),
        (K.CENTERED, "THE END"),
        (K.CENTERED, "BRICK BRADDOCK\n& DICK STEEL IN"),
        (K.LYRIC, "Happy birthday to you!\nHappy birthday to you!"),
        (K.ACTION, "SCANNING THE AISLES…\nWhere is that pit boss?"),
        (K.ACTION, "Fade to: nothing."),
    ]


def test_unforced_all_caps_line_with_text_under_it_is_a_cue_as_the_spec_says():
    assert blocks("SCANNING THE AISLES…\nWhere is that pit boss?")[0] == (K.CHARACTER, "SCANNING THE AISLES…")


def test_sections_synopses_and_page_breaks_are_their_own_blocks():
    text = "# Act 1\n\n## Meet Scott ##\n\n= Two hit men.\n\nINT. HOUSE - DAY\n\n= Scene synopsis\n\nAction.\n\n===\n\nMore."
    assert blocks(text) == [
        (K.SECTION, "Act 1"),
        (K.SECTION, "Meet Scott"),
        (K.SYNOPSIS, "Two hit men."),
        (K.HEADING, "INT. HOUSE - DAY"),
        (K.SYNOPSIS, "Scene synopsis"),
        (K.ACTION, "Action."),
        (K.PAGE_BREAK, ""),
        (K.ACTION, "More."),
    ]


# --- comments and emphasis ------------------------------------------------------------


def test_notes_are_removed_inline_multiline_and_between_cue_and_dialogue():
    text = "Action[[ (inline note)]]. Action.\n\n[[Long note\n\n...over lines]]\n\nBOB\n[[a note]]\nHi."
    assert blocks(text) == [(K.ACTION, "Action. Action."), (K.CHARACTER, "BOB"), (K.DIALOGUE, "Hi.")]


def test_boneyard_is_removed_even_nested_and_inline():
    text = "/*\n\nIgnored.\nIgnored. /* nested */\nIgnored.\n\n*/\n\nAction. /*ignored*/action. /*ignored /*nested*/ */action."
    assert blocks(text) == [(K.ACTION, "Action. action. action.")]


def test_an_unclosed_boneyard_keeps_the_text_and_warns():
    parsed = parse_fountain("INT. HOUSE - DAY\n\nKeep this /* and\n\nthis.")
    assert parsed.blocks[1].text.startswith("Keep this /")
    assert parsed.blocks[2].text == "this."
    assert parsed.warnings


@pytest.mark.parametrize(
    "marked, text",
    [
        ("*italic* **bold** ***both*** _under_", "italic bold both under"),
        ("_**underline and bold test_**", "underline and bold test"),
        (r"\*not italic\* and \_not underlined\_", "*not italic* and _not underlined_"),
        ("5 * 3 = 15 and snake_case stays", "5 * 3 = 15 and snake_case stays"),
        ("Steel's face FILLS the *Leupold Mark 4* scope_.", "Steel's face FILLS the Leupold Mark 4 scope."),
    ],
)
def test_emphasis_markers_are_stripped(marked, text):
    assert plain(marked) == text


# --- line endings, encodings, plain text --------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    text = newline.join(["Title: T", "", "INT. HOUSE - DAY", "", "BOB", "Hi.", "", "CUT TO:"])
    assert blocks(text) == [(K.HEADING, "INT. HOUSE - DAY"), (K.CHARACTER, "BOB"), (K.DIALOGUE, "Hi."), (K.TRANSITION, "CUT TO:")]


def test_mixed_line_endings_and_a_byte_order_mark():
    text = "\ufeffINT. HOUSE - DAY\r\n\nBOB\r\nHi.\n\r\nCUT TO:"
    assert blocks(text) == [(K.HEADING, "INT. HOUSE - DAY"), (K.CHARACTER, "BOB"), (K.DIALOGUE, "Hi."), (K.TRANSITION, "CUT TO:")]


def test_plain_text_is_read_as_fountain():
    parsed = parse_plain_text("INT. HOUSE - DAY\n\nBOB\nHi.")
    assert parsed.format == "text"
    assert [b.kind for b in parsed.blocks] == [K.HEADING, K.CHARACTER, K.DIALOGUE]
    assert parse_fountain("INT. HOUSE - DAY").format == "fountain"


# --- the corpus --------------------------------------------------------------------------


def test_brick_and_steel(corpus):
    parsed = read(corpus / "vilcans__screenplain__examples__Brick-and-Steel.fountain")
    assert parsed.title_page["Title"] == "BRICK & STEEL\nFULL RETIRED"
    assert parsed.title_page["Author"] == "Stu Maschwitz"
    headings = [b.text for b in parsed.blocks if b.kind == K.HEADING]
    assert len(headings) == 8 and "SNIPER SCOPE POV" in headings and "OPENING TITLES" in headings
    dual = [b.text for b in parsed.blocks if b.dual and b.kind == K.CHARACTER]
    assert dual == ["STEEL", "BRICK"]
    assert (K.TRANSITION, "BURN TO PINK.") in [(b.kind, b.text) for b in parsed.blocks]
    assert (K.CENTERED, "THE END") == (parsed.blocks[-1].kind, parsed.blocks[-1].text)
    # the indented Vietnamese exchange
    assert (K.DIALOGUE, "Then let's retire them.\nPermanently.") in [(b.kind, b.text) for b in parsed.blocks]


def test_client_covers_every_feature(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__test__data__screenplays__client.fountain")
    text = "\n".join(b.text for b in parsed.blocks)
    for gone in ("Ignored", "ignored", "/* nested */", "inline note", "multiline note", "[[", "]]", "/*", "*/", "**", "_"):
        assert gone not in text
    kinds = [(b.kind, b.text) for b in parsed.blocks]
    assert (K.HEADING, "FORCED HEADER") in kinds
    assert (K.HEADING, "WNĘTRZE. FORCED ELEMENTS - NIGHT") in kinds
    assert (K.ACTION, "INT. ACTION") in kinds
    assert (K.CHARACTER, "McCABE") in kinds
    assert (K.LYRIC, "Happy birthday to you!") in kinds
    assert (K.CENTERED, "CENTERED, BOLD, UNDERLINE") in kinds
    assert (K.TRANSITION, "TRANSITION:") in kinds
    assert sum(b.kind == K.PAGE_BREAK for b in parsed.blocks) == 1
    assert sum(b.kind == K.SECTION for b in parsed.blocks) == 12
    assert sum(b.kind == K.SYNOPSIS for b in parsed.blocks) == 4
    assert sum(b.kind == K.HEADING for b in parsed.blocks) == 11
    assert [b.text for b in parsed.blocks if b.dual and b.kind == K.CHARACTER] == ["HERO 1", "HERO 2"]
    assert "Falsches Üben von Xylophonmusik quält jeden größeren Zwerg." in text
    assert parsed.title_page["Author"] == "Author 1,\nAuthor 2 & Author 3"
    assert parsed.title_page["Contact"] == "e-mail: email@email.com\nphone: +12 34 567 89"


def test_line_breaks(corpus):
    parsed = read(corpus / "wildwinter__screenplay-tools__tests__LineBreaks.fountain")
    kinds = [(b.kind, b.text) for b in parsed.blocks]
    assert sum(k == K.PAGE_BREAK for k, _ in kinds) == 4
    assert (K.ACTION, "SCANNING THE AISLES…\nWhere is that pit boss?") in kinds  # forced with "!"
    assert (K.DIALOGUE, "Ten.\nFour.\nDealer gets a seven.\n\nHit or stand sir?") in kinds  # two spaces
    assert (K.ACTION, "Hit or stand sir?") in kinds  # a real blank line ends the speech
    assert (K.DIALOGUE, "Dude, I’m a monkey.") in kinds
    assert kinds[1][1].startswith("An explosion of sound…\nAs it rises")


def test_cyrillic(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__test__data__screenplays__cyrillic.fountain")
    headings = [b.text for b in parsed.blocks if b.kind == K.HEADING]
    assert headings == ["ИНТ. КВАРТИРА МАШИ – СТОЛОВАЯ – ДЕНЬ", "ИНТ. КВАРТИРА МАШИ – КУХНЯ – ДЕНЬ"]
    # the file spells the cue with a Latin final "A"
    assert [b.text for b in parsed.blocks if b.kind == K.CHARACTER] == ["МАШA"]
    assert not any("*" in b.text or "_" in b.text for b in parsed.blocks)


def test_big_fish_title_page_page_break_and_centered_end(corpus):
    parsed = read(corpus / "vilcans__screenplain__examples__Big-Fish.fountain")
    assert parsed.title_page["Title"] == "Big Fish"
    assert parsed.title_page["Notes"] == "FINAL PRODUCTION DRAFT\nincludes post-production dialogue\nand omitted scenes"
    assert [b.kind for b in parsed.blocks[:3]] == [K.ACTION, K.PAGE_BREAK, K.ACTION]
    assert parsed.blocks[2].text == "FADE IN:"
    assert (parsed.blocks[-1].kind, parsed.blocks[-1].text) == (K.CENTERED, "THE END")
    assert sum(b.kind == K.CHARACTER for b in parsed.blocks) == 768


def test_lowercase_title_keys_and_whitespace_line(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__samples__my_living_memory.fountain")
    assert parsed.title_page["Title"] == "My Living Memory"
    assert parsed.blocks[0].text == "FADE IN:"
    assert parsed.blocks[1].kind == K.HEADING


def test_cyber_bob_boneyard_in_title_page_and_notes(corpus):
    parsed = read(corpus / "earthbound19___ebScreenplays__cyber_bob__Cyber_Bob_ep00001.fountain")
    assert parsed.title_page["Title"] == "BOB THE CYBER PAWN AND HIS CYBER CLOUD BOSS THING\nEPISODE 1: TRAFFIC CONTROL DOGS"
    assert "Draft date" not in parsed.title_page
    assert parsed.title_page["Contact"] == "earthbound.io/contact"
    assert (parsed.blocks[0].kind, parsed.blocks[0].text) == (K.TRANSITION, "FADE IN:")
    assert not any("archival web URL" in b.text for b in parsed.blocks)


def test_every_corpus_file_parses(corpus):
    for path in sorted(corpus.glob("*.fountain")):
        parsed = parse_fountain(path.read_text(encoding="utf-8"))
        assert parsed.blocks and all(b.text == b.text.strip() for b in parsed.blocks)
