import os

import pytest

from pipelines.script.limits import MAX_PAGES
from pipelines.script.sniff import decode_text, read_screenplay_file
from studio.errors import ImportProblem
from studio.models import LineKind as K

SCRIPT = "INT. CAFÉ - DAY\n\nZoë orders a crème brûlée.\n\nZOË\nIt’s perfect.\n"
FDX = (
    '<?xml version="1.0" encoding="UTF-8"?><FinalDraft Version="1"><Content>'
    '<Paragraph Type="Scene Heading"><Text>INT. HOUSE - DAY</Text></Paragraph>'
    "</Content></FinalDraft>"
).encode()


def headings(parsed):
    return [b.text for b in parsed.blocks if b.kind is K.HEADING]


# --- choosing the reader ------------------------------------------------------


def test_fountain_by_extension():
    parsed = read_screenplay_file(SCRIPT.encode(), "draft.fountain")
    assert parsed.format == "fountain"
    assert headings(parsed) == ["INT. CAFÉ - DAY"]
    assert parsed.warnings == []


@pytest.mark.parametrize(("name", "fmt"), [("draft.spmd", "fountain"), ("draft.txt", "text"), ("draft", "text")])
def test_text_extensions(name, fmt):
    assert read_screenplay_file(SCRIPT.encode(), name).format == fmt


@pytest.mark.parametrize("name", ["draft.fdx", "draft.xml", "draft.fountain", "draft.txt"])
def test_final_draft_is_recognised_by_content(name):
    parsed = read_screenplay_file(FDX, name)
    assert parsed.format == "fdx"
    assert headings(parsed) == ["INT. HOUSE - DAY"]


def test_fdx_without_xml_declaration_is_still_final_draft():
    parsed = read_screenplay_file(FDX.split(b"?>", 1)[1], "draft.txt")
    assert parsed.format == "fdx"


def test_fdx_extension_on_plain_text_is_refused():
    with pytest.raises(ImportProblem, match="not a Final Draft file"):
        read_screenplay_file(SCRIPT.encode(), "draft.fdx")


def test_pdf_extension_without_pdf_content_is_refused():
    with pytest.raises(ImportProblem, match="not a PDF"):
        read_screenplay_file(SCRIPT.encode(), "draft.pdf")


# --- encodings ----------------------------------------------------------------


def test_utf8_with_bom_reads_cleanly():
    parsed = read_screenplay_file(b"\xef\xbb\xbf" + SCRIPT.encode(), "draft.fountain")
    assert headings(parsed) == ["INT. CAFÉ - DAY"]
    assert parsed.warnings == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec):
    parsed = read_screenplay_file(SCRIPT.encode(codec), "draft.fountain")
    assert headings(parsed) == ["INT. CAFÉ - DAY"]
    assert any("UTF-16" in w for w in parsed.warnings)
    assert "crème brûlée" in parsed.blocks[1].text


def test_cp1252_is_the_fallback_and_is_named():
    parsed = read_screenplay_file(SCRIPT.encode("cp1252"), "draft.fountain")
    assert headings(parsed) == ["INT. CAFÉ - DAY"]
    assert "It’s perfect." in [b.text for b in parsed.blocks]
    assert "cp1252" in parsed.warnings[0]


def test_decode_text_reports_no_warning_for_utf8():
    assert decode_text(SCRIPT.encode()) == (SCRIPT, None)


# --- refusals -----------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n "])
def test_empty_file(data):
    with pytest.raises(ImportProblem, match="is empty") as caught:
        read_screenplay_file(data, "draft.fountain")
    assert caught.value.hint


def test_random_binary_renamed_fountain():
    junk = os.urandom(4096)
    with pytest.raises(ImportProblem, match="binary data") as caught:
        read_screenplay_file(junk, "draft.fountain")
    assert "Fountain" in caught.value.hint


def test_control_characters_without_nul_bytes_are_binary():
    junk = bytes(range(1, 32)) * 50 + SCRIPT.encode()
    with pytest.raises(ImportProblem, match="binary data"):
        read_screenplay_file(junk, "draft.txt")


def test_word_document_renamed():
    with pytest.raises(ImportProblem, match="zip"):
        read_screenplay_file(b"PK\x03\x04" + os.urandom(200), "draft.fountain")


def test_no_scene_headings():
    with pytest.raises(ImportProblem, match="No scene headings") as caught:
        read_screenplay_file(b"A treatment.\n\nIt has no sluglines at all.\n", "treatment.txt")
    assert "INT. or EXT." in caught.value.hint


def test_thousand_page_fountain_is_refused_before_it_is_parsed(monkeypatch):
    import pipelines.script.fountain as fountain

    def parse_fountain(*args, **kwargs):
        raise AssertionError("the length is checked before the parser runs")

    monkeypatch.setattr(fountain, "parse_fountain", parse_fountain)
    page = "".join(f"INT. ROOM {n} - DAY\n\nShe waits. She waits some more, and the clock ticks on.\n\n" for n in range(18))
    text = page * 1000  # ~54 printed lines a page
    with pytest.raises(ImportProblem, match=f"up to {MAX_PAGES} pages") as caught:
        read_screenplay_file(text.encode(), "epic.fountain")
    assert "separately" in caught.value.hint


def test_a_long_feature_is_accepted():
    scene = "INT. ROOM - DAY\n\nShe waits. She waits some more, and the clock ticks on.\n\n"
    parsed = read_screenplay_file((scene * 18 * 150).encode(), "long.fountain")
    assert len(headings(parsed)) == 18 * 150


def test_huge_text_is_refused_by_size():
    with pytest.raises(ImportProblem, match="MB"):
        read_screenplay_file(b"INT. A - DAY\n\n" + b"x" * 6_000_000, "big.fountain")
