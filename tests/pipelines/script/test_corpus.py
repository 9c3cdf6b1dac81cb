"""Every corpus file imports, and the twins of one script agree across formats."""

import re
from functools import cache

import pytest

from shared_data import CORPUS
from pipelines.script.fdx import parse_fdx
from pipelines.script.scenes import build_scenes, estimate_page_count
from pipelines.script.sniff import read_screenplay_file
from studio.errors import ImportProblem
from studio.models import LineKind as K

FILES = sorted(p.name for p in CORPUS.glob("*") if p.name != "SOURCES.md") if CORPUS.is_dir() else []
# A 406-byte fixture holding one action paragraph with a note: a fragment, not a script.
FRAGMENT = "ifrost__afterwriting-labs__test__data__screenplays__fdx__note.fdx"


@cache
def imported(name: str):
    parsed = read_screenplay_file((CORPUS / name).read_bytes(), name)
    return parsed, build_scenes(parsed)


def twin(suffix: str) -> str:
    (name,) = [f for f in FILES if f.endswith(suffix)]
    return name


def headings(name: str) -> list[str]:
    # Whitespace and case are typography; "INT. /EXT." in one PDF is "INT./EXT.".
    return [re.sub(r"\s*/\s*", "/", " ".join(s.heading.upper().split())) for s in imported(name)[1]]


def characters(name: str) -> set[str]:
    return {c for s in imported(name)[1] for c in s.characters}


@pytest.mark.parametrize("name", [f for f in FILES if f != FRAGMENT])
def test_every_file_imports_with_one_scene_per_heading(corpus, name):
    parsed, scenes = imported(name)
    heading_blocks = [b for b in parsed.blocks if b.kind is K.HEADING]
    assert scenes and len(scenes) == len(heading_blocks)
    assert [s.heading for s in scenes] == [" ".join(b.text.split()) for b in heading_blocks]


def test_the_fragment_is_read_but_refused_as_a_script(corpus):
    assert [b.text for b in parse_fdx((CORPUS / FRAGMENT).read_bytes()).blocks] == ["Action. Action."]
    with pytest.raises(ImportProblem, match="No scene headings"):
        read_screenplay_file((CORPUS / FRAGMENT).read_bytes(), FRAGMENT)


TWINS = [
    ("The-Last-Birthday-Card.fountain", "The-Last-Birthday-Card.fdx"),
    ("The-Last-Birthday-Card.fountain", "The-Last-Birthday-Card.pdf"),
    ("Big-Fish.fountain", "Big-Fish.fdx"),
    ("Brick-and-Steel.fountain", "Brick-and-Steel.fdx"),
    ("TestFDX-FD.fountain", "TestFDX-FD.fdx"),
    ("TestFDX-FD.fountain", "TestFDX-FI.fdx"),
    ("cyrillic.fountain", "cyrillic.pdf"),
]


@pytest.mark.parametrize(("source", "other"), TWINS)
def test_twins_have_the_same_headings_and_characters(corpus, source, other):
    a, b = twin(source), twin(other)
    assert headings(a) == headings(b)
    assert characters(a) == characters(b)


def test_big_fish_pdf_headings_and_characters(corpus):
    fountain, pdf = twin("Big-Fish.fountain"), twin("Big-Fish.pdf")
    assert headings(fountain) == headings(pdf)
    missing = characters(fountain) - characters(pdf)
    assert characters(pdf) <= characters(fountain)
    # scenewriter misprints cues that contain ' . or - : the name lands at the
    # action margin glued to its dialogue ("WILL'S DATEWhat did you do?"), so
    # on paper there is no cue. Each missing name must be one of those.
    action = [b.text for b in imported(pdf)[0].blocks if b.kind is K.ACTION]
    for name in missing:
        assert re.search(r"['.\-]", name), name
        assert any(re.match(re.escape(name) + r"(?: \([^)]*\))*\S", text) for text in action), name
    assert len(missing) <= 8


def test_client_pdf_against_its_fountain_source(corpus):
    fountain, pdf = twin("client.fountain"), twin("client.pdf")
    # afterwriting filled in the $VARIABLES when it printed the PDF...
    values = {"$LOCATION": "ROOM", "$ANTAGONIST": "DR. JULIUS NO", "$BOND.LAST": "BOND"}
    expected = [re.sub(r"\$[A-Z.]+", lambda m: values[m.group()], h) for h in headings(fountain)]
    # ...and "!INT. ACTION" is forced action in Fountain that prints exactly
    # like a heading, so on paper it is one.
    expected.insert(expected.index("WNĘTRZE. FORCED ELEMENTS - NIGHT") + 1, "INT. ACTION")
    assert headings(pdf) == expected
    assert characters(pdf) == {values.get(c, c) for c in characters(fountain)}


@pytest.mark.parametrize("suffix", ["Big-Fish.fountain", "Big-Fish.fdx"])
def test_big_fish_page_estimate_is_within_five_percent_of_the_pdf(corpus, suffix):
    assert imported(twin("Big-Fish.pdf"))[0].page_count == 114  # 115 printed, less the title page
    assert estimate_page_count(imported(twin(suffix))[0]) == pytest.approx(115, rel=0.05)
