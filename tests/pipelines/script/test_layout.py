import math

import pytest

from studio.models import LineKind as K
from pipelines.script.blocks import Block
from pipelines.script.fountain import parse_fountain
from pipelines.script.layout import LINES_PER_PAGE, block_lines, paginate

BIG_FISH_PAGES = 115  # the typeset PDF of the same Fountain file, title page included


def line_of(block):
    """The body line a block starts on, counted from 0."""
    return round(block.top * LINES_PER_PAGE)


def test_wrap_widths():
    words = " ".join(["word"] * 30)  # 149 characters
    assert block_lines(Block(K.ACTION, words)) == 3  # 61 a line
    assert block_lines(Block(K.DIALOGUE, words)) == 5  # 35 a line
    assert block_lines(Block(K.PARENTHETICAL, "(" + words + ")")) == 6  # about 26 a line
    assert block_lines(Block(K.CHARACTER, "A VERY LONG NAME " * 5)) == 1
    assert block_lines(Block(K.TRANSITION, "CUT TO:")) == 1
    assert block_lines(Block(K.ACTION, "One.\nTwo.\n\nFour.")) == 4  # hard line breaks and a held blank line
    assert [block_lines(Block(k, "x")) for k in (K.SECTION, K.SYNOPSIS, K.PAGE_BREAK)] == [0, 0, 0]


def test_one_blank_line_between_elements_except_inside_a_speech():
    parsed = parse_fountain("INT. A - DAY\n\nAction.\n\nBOB\n(quietly)\nHi.\n(beat)\nBye.\n\nCUT TO:")
    starts = [line_of(b) for b in paginate(parsed.blocks).blocks]
    assert starts == [0, 2, 4, 5, 6, 7, 8, 10]


def test_sections_and_synopses_take_no_space():
    with_notes = parse_fountain("# Act 1\n\n= Setup\n\nINT. A - DAY\n\n## Part\n\nAction.")
    without = parse_fountain("INT. A - DAY\n\nAction.")
    assert paginate(with_notes.blocks).end == paginate(without.blocks).end


def test_page_break_forces_a_new_page_but_never_an_empty_one():
    laid = paginate(parse_fountain("===\n\nINT. A - DAY\n\nAction.\n\n===\n\n===\n\nMore.").blocks)
    pages = [(b.kind, b.page, line_of(b)) for b in laid.blocks]
    assert pages == [(K.PAGE_BREAK, 1, 0), (K.HEADING, 1, 0), (K.ACTION, 1, 2), (K.PAGE_BREAK, 2, 0), (K.PAGE_BREAK, 2, 0), (K.ACTION, 2, 0)]


def filler(lines):
    """Action paragraphs that fill `lines` body lines from the top of a page."""
    text = "\n".join(f"Line {i}." for i in range(lines))
    return Block(K.ACTION, text)


def test_a_heading_is_not_left_at_the_foot_of_a_page():
    blocks = [filler(LINES_PER_PAGE - 4), Block(K.HEADING, "INT. A - DAY"), Block(K.ACTION, "One.\nTwo.\nThree.")]
    laid = paginate(blocks).blocks
    assert (laid[1].page, line_of(laid[1])) == (2, 0)
    # with room for the heading and two lines of what follows, it stays
    blocks[0] = filler(LINES_PER_PAGE - 6)
    assert paginate(blocks).blocks[1].page == 1


def test_a_cue_keeps_its_dialogue():
    blocks = [filler(LINES_PER_PAGE - 2), Block(K.CHARACTER, "BOB"), Block(K.DIALOGUE, "Hi.")]
    laid = paginate(blocks).blocks
    assert (laid[1].page, laid[2].page) == (2, 2)


def test_long_action_splits_with_two_lines_each_side():
    blocks = [filler(LINES_PER_PAGE - 6), filler(10), Block(K.ACTION, "After.")]
    laid = paginate(blocks)
    # 5 lines fit below the blank line; the other 5 open page 2
    assert (laid.blocks[1].page, laid.blocks[2].page, line_of(laid.blocks[2])) == (1, 2, 6)
    # with only one line of room the paragraph moves whole
    blocks[0] = filler(LINES_PER_PAGE - 2)
    laid = paginate(blocks)
    assert (laid.blocks[1].page, line_of(laid.blocks[1])) == (2, 0)


def test_dual_dialogue_sits_side_by_side():
    parsed = parse_fountain("STEEL\nOne.\nTwo.\nThree.\n\nBRICK ^\nOne.\n\nAfter.")
    laid = paginate(parsed.blocks).blocks
    assert [line_of(b) for b in laid] == [0, 1, 0, 1, 5]


def test_end_and_page_count():
    laid = paginate([filler(LINES_PER_PAGE), filler(LINES_PER_PAGE // 2)])
    # the second paragraph opens page 2, so no blank line comes before it
    assert laid.end == pytest.approx(2 + (LINES_PER_PAGE // 2) / LINES_PER_PAGE)
    assert laid.page_count == pytest.approx(laid.end - 1)
    assert paginate([]).page_count == 0


def fountain_pages(path):
    return paginate(parse_fountain(path.read_text(encoding="utf-8")).blocks).page_count


def test_big_fish_fountain_is_about_as_long_as_its_pdf(corpus):
    pages = fountain_pages(corpus / "vilcans__screenplain__examples__Big-Fish.fountain")
    assert abs(pages - BIG_FISH_PAGES) / BIG_FISH_PAGES <= 0.05


def test_big_fish_fdx_is_about_as_long_as_its_pdf_and_its_fountain_twin(corpus):
    fdx = pytest.importorskip("pipelines.script.fdx")
    parsed = fdx.parse_fdx((corpus / "vilcans__screenplain__examples__Big-Fish.fdx").read_bytes())
    pages = paginate(parsed.blocks).page_count
    assert abs(pages - BIG_FISH_PAGES) / BIG_FISH_PAGES <= 0.05
    assert pages == pytest.approx(fountain_pages(corpus / "vilcans__screenplain__examples__Big-Fish.fountain"), rel=0.02)


def test_shorter_fdx_twins_agree_with_their_fountain(corpus):
    fdx = pytest.importorskip("pipelines.script.fdx")
    for stem in ("Brick-and-Steel", "The-Last-Birthday-Card"):
        parsed = fdx.parse_fdx((corpus / f"vilcans__screenplain__examples__{stem}.fdx").read_bytes())
        twin = fountain_pages(corpus / f"vilcans__screenplain__examples__{stem}.fountain")
        assert paginate(parsed.blocks).page_count == pytest.approx(twin, rel=0.05), stem


@pytest.mark.parametrize(
    "name, pdf_pages",
    [
        # page counts of the PDFs typeset from these files, title page excluded
        ("vilcans__screenplain__examples__The-Last-Birthday-Card.fountain", 19),
        ("ifrost__afterwriting-labs__test__data__screenplays__client.fountain", 4),
        ("ifrost__afterwriting-labs__test__data__screenplays__cyrillic.fountain", 1),
    ],
)
def test_short_scripts_fill_as_many_pages_as_their_pdfs(corpus, name, pdf_pages):
    assert math.ceil(fountain_pages(corpus / name)) == pdf_pages
