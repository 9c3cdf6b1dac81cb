import io
from functools import cache
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipelines.script.pdf import parse_pdf
from studio.errors import ImportProblem
from studio.models import LineKind as K

INCH = 72
WIDTH, HEIGHT = LETTER
# US-standard columns, in inches from the left edge of the page.
ACTION, DIALOGUE, PAREN, CUE, TRANSITION_RIGHT = 1.5, 2.5, 3.1, 3.7, 7.5


@cache
def read(path: Path):
    return parse_pdf(path.read_bytes())


class Script:
    """Types a screenplay onto Letter pages the way writing apps print one."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=LETTER)
        self.page = 0
        self.y = 0.0

    def title_page(self, *lines: str) -> "Script":
        self.pdf.setFont("Courier", 12)
        y = HEIGHT / 2
        for text in lines:
            self.pdf.drawCentredString(WIDTH / 2, y, text)
            y -= 24
        self.pdf.showPage()
        return self

    def new_page(self) -> "Script":
        if self.page:
            self.pdf.showPage()
        self.page += 1
        self.pdf.setFont("Courier", 12)
        if self.page > 1:
            self.pdf.drawRightString(TRANSITION_RIGHT * INCH, HEIGHT - 0.5 * INCH, f"{self.page}.")
        self.y = HEIGHT - 1.0 * INCH - 12
        return self

    def line(self, inches: float, text: str) -> "Script":
        return self.row((inches, text))

    def row(self, *placed: tuple[float, str]) -> "Script":
        """Several strings on one baseline: scene numbers, dual dialogue."""
        for inches, text in placed:
            self.pdf.drawString(inches * INCH, self.y, text)
        self.y -= 12
        return self

    def right(self, text: str) -> "Script":
        self.pdf.drawRightString(TRANSITION_RIGHT * INCH, self.y, text)
        self.y -= 12
        return self

    def blank(self) -> "Script":
        self.y -= 12
        return self

    def bytes(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def sample() -> bytes:
    s = Script().title_page("THE SAMPLE", "written by", "A. Writer").new_page()
    s.row((0.9, "12"), (ACTION, "INT. KITCHEN - NIGHT"), (7.6, "12")).blank()
    s.line(ACTION, "Rain hammers the window. ANNA, 30s, stirs a pot of soup")
    s.line(ACTION, "that has long gone cold.").blank()
    s.line(CUE, "ANNA").line(PAREN, "(to herself)").line(DIALOGUE, "He said he would call by").line(DIALOGUE, "nine.")
    s.blank().right("CUT TO:").blank()
    s.line(ACTION, "EXT. STREET - CONTINUOUS").blank()
    s.line(ACTION, "A car idles.").blank()
    s.line(CUE, "BEN (V.O.)").line(DIALOGUE, "I'm outside. I've been outside")
    s.line(DIALOGUE, "for an hour.").line(CUE, "(MORE)")
    s.new_page()
    s.line(CUE, "BEN (V.O.) (CONT'D)").line(DIALOGUE, "Come down.").blank()
    s.line(ACTION, "BACK IN THE KITCHEN").blank()
    s.line(ACTION, "Anna drops the spoon.").blank()
    s.row((2.0, "ANNA"), (4.6, "BEN")).row((1.6, "Now?"), (4.2, "Now."))
    s.blank().right("FADE OUT.")
    return s.bytes()


@pytest.fixture(scope="module")
def parsed():
    return parse_pdf(sample())


def kinds(parsed):
    return [(b.kind, b.text) for b in parsed.blocks]


# --- a typed script -----------------------------------------------------------


def test_title_page_is_detected_and_not_counted(parsed):
    assert parsed.title_page == {"Title": "THE SAMPLE", "Credit": "written by", "Author": "A. Writer"}
    assert parsed.page_count == 2
    assert parsed.blocks[0].page == 1


def test_lines_become_paragraphs_by_indentation(parsed):
    assert kinds(parsed) == [
        (K.HEADING, "INT. KITCHEN - NIGHT"),
        (K.ACTION, "Rain hammers the window. ANNA, 30s, stirs a pot of soup that has long gone cold."),
        (K.CHARACTER, "ANNA"),
        (K.PARENTHETICAL, "(to herself)"),
        (K.DIALOGUE, "He said he would call by nine."),
        (K.TRANSITION, "CUT TO:"),
        (K.HEADING, "EXT. STREET - CONTINUOUS"),
        (K.ACTION, "A car idles."),
        (K.CHARACTER, "BEN (V.O.)"),
        # (MORE), the page number and the (CONT'D) cue are page furniture.
        (K.DIALOGUE, "I'm outside. I've been outside for an hour. Come down."),
        (K.HEADING, "BACK IN THE KITCHEN"),
        (K.ACTION, "Anna drops the spoon."),
        (K.CHARACTER, "ANNA"),
        (K.DIALOGUE, "Now?"),
        (K.CHARACTER, "BEN"),
        (K.DIALOGUE, "Now."),
        (K.TRANSITION, "FADE OUT."),
    ]


def test_scene_numbers_in_the_margins(parsed):
    assert [b.scene_number for b in parsed.blocks if b.kind is K.HEADING] == ["12", None, None]


def test_dual_dialogue_side_by_side(parsed):
    assert [(b.kind, b.text) for b in parsed.blocks if b.dual] == [
        (K.CHARACTER, "ANNA"), (K.DIALOGUE, "Now?"), (K.CHARACTER, "BEN"), (K.DIALOGUE, "Now."),
    ]


def test_positions_are_page_and_fraction_from_the_top(parsed):
    first, *_ = parsed.blocks
    assert first.page == 1 and first.top == pytest.approx((1.0 * INCH) / HEIGHT, abs=0.02)
    back = next(b for b in parsed.blocks if b.text == "BACK IN THE KITCHEN")
    assert back.page == 2 and 0.1 < back.top < 0.2
    tops = [(b.page, b.top) for b in parsed.blocks if not b.dual]
    assert tops == sorted(tops)


# --- refusals -----------------------------------------------------------------


def test_scanned_pdf_without_text_layer():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    image = Image.new("L", (200, 260), 255)
    for x in range(20, 180):
        image.putpixel((x, 40), 0)
    pdf.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ImportProblem, match="no text layer") as caught:
        parse_pdf(buffer.getvalue())
    assert "OCR" in caught.value.hint


def test_password_protected_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ImportProblem, match="password") as caught:
        parse_pdf(out.getvalue())
    assert "remove the password" in caught.value.hint


def test_corrupt_pdf():
    with pytest.raises(ImportProblem, match="damaged"):
        parse_pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf at all")


def test_thousand_page_pdf_is_refused_without_reading_the_pages(monkeypatch):
    import pipelines.script.pdftext as pdftext

    def read_page(*args, **kwargs):
        raise AssertionError("the page count is checked before any page is read")

    monkeypatch.setattr(pdftext, "_read_page", read_page)
    writer = PdfWriter()
    for _ in range(1000):
        writer.add_blank_page(width=WIDTH, height=HEIGHT)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ImportProblem, match="1,000 pages"):
        parse_pdf(out.getvalue())


# --- corpus -------------------------------------------------------------------


def test_client_pdf_has_no_title_page_and_joins_a_speech_across_pages(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__test__client__pdf__client.pdf")
    assert parsed.title_page == {} and parsed.page_count == 4
    assert parsed.blocks[0] == parsed.blocks[0].__class__(K.HEADING, "INT. BASIC BLOCKS - DAY", page=1, top=pytest.approx(0.0856, abs=0.001))
    texts = [b.text for b in parsed.blocks]
    assert not any("(MORE)" in t or "CONT'D" in t or t in {"2.", "3.", "4."} for t in texts)
    speech = next(b for b in parsed.blocks if b.kind is K.DIALOGUE and b.text.startswith("Blah blah blah blah blah"))
    assert speech.text.endswith("blah blah blah.")  # the words after the page break
    # Page 2's speech, its (CONT'D) carry-over on page 3 left out, and the dual one.
    assert sum(1 for b in parsed.blocks if b.kind is K.CHARACTER and b.text == "HERO 1") == 3


def test_client_pdf_dual_dialogue_and_wrapped_cue(corpus):
    parsed = read(corpus / "ifrost__afterwriting-labs__test__client__pdf__client.pdf")
    assert [(b.kind, b.text) for b in parsed.blocks if b.dual] == [
        (K.CHARACTER, "HERO 1"), (K.DIALOGUE, "Blah!"), (K.CHARACTER, "HERO 2"), (K.DIALOGUE, "Blah!"),
    ]
    long_cue = next(b for b in parsed.blocks if b.text.startswith("VERY VERY"))
    assert long_cue.kind is K.CHARACTER and long_cue.text.endswith("VERY LONG NAME")
    heading = next(b for b in parsed.blocks if b.text.startswith("INT. LONG"))
    assert heading.kind is K.HEADING and heading.text.endswith("SCENE HEADER.")


def test_title_pages_of_the_corpus(corpus):
    lbc = read(corpus / "vilcans__screenplain__examples__The-Last-Birthday-Card.pdf")
    assert lbc.title_page["Title"] == "THE LAST BIRTHDAY CARD"
    assert lbc.page_count == 19
    cyrillic = read(corpus / "ifrost__afterwriting-labs__test__client__pdf__cyrillic.pdf")
    assert cyrillic.title_page["Title"] == "ЛОРЕМ ИПСУМ" and cyrillic.page_count == 1


def test_big_fish_reads_with_bold_headings_apart_from_capitals(corpus):
    parsed = parse_pdf((corpus / "Joeboy__scenewriter__samples__Big-Fish.pdf").read_bytes())
    assert parsed.page_count == 114  # 115 pages less the title page
    headings = [b.text for b in parsed.blocks if b.kind is K.HEADING]
    assert len(headings) == 190
    # "A RIVER." is in the regular font: action, while the bold lines are headings.
    assert next(b for b in parsed.blocks if b.text == "A RIVER.").kind is K.ACTION
    # Underlines drawn as overprinted "_" do not reach the text.
    assert [b.text for b in parsed.blocks if b.kind is K.CENTERED] == ["BIG FISH", "THE END"]
    # A cue left at the foot of a page keeps its dialogue from the next page.
    cue = next(i for i, b in enumerate(parsed.blocks) if b.text == "WILL (ON PHONE)")
    assert parsed.blocks[cue + 1].kind in {K.PARENTHETICAL, K.DIALOGUE}
    assert parsed.blocks[cue + 1].page == parsed.blocks[cue].page + 1
