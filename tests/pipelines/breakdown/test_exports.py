"""Breakdown exports: sheets (what is on them, the PDF), the element list as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime, timezone

import openpyxl
import pypdfium2
import pytest

from pipelines.breakdown.cast import build_cast
from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.evidence import accept, check_element, reject
from pipelines.breakdown.exports.service import breakdown_sheets_pdf, element_list, export, file_name
from pipelines.breakdown.exports.sheets import build_sheets
from pipelines.breakdown.exports.tables import COLUMNS, element_rows, to_csv
from pipelines.script.service import import_script
from studio.errors import SlatebookError
from studio.models import Element, Project, ReviewState
from studio.samples import SAMPLE_SCREENPLAY
from studio.store.memory_repo import InMemoryProjectRepository

AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def sample_script():
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo.get_script()


@pytest.fixture
def repo(sample_script):
    """The sample draft with a hand-made breakdown of its first scene, partly reviewed."""
    repo = InMemoryProjectRepository(Project(name="Night Ferry"))
    repo.save_script(sample_script)
    repo.save_characters(build_cast(sample_script.scenes))
    scene = sample_script.scenes[0]

    def made(category, name, evidence, quantity=None):
        return check_element(Element(scene_id=scene.id, category=category, name=name, evidence=evidence, quantity=quantity, source="offline"), scene)

    elements = [
        accept(made("cast", "ISLA", "ISLA GUNN (29) steps down"), "Ana", AT),
        accept(made("cast", "JONAH", "JONAH VALE (24)"), "Ana", AT),
        accept(made("background", "TOWNSFOLK", "A dozen TOWNSFOLK", 12), "Ana", AT),
        accept(made("props", "canvas tote bag", "a canvas tote bag"), "Ana", AT),
        made("vehicles", "MV GREYLAG", "the MV GREYLAG"),  # proposed
        made("props", "harpoon", "a rusty harpoon"),  # unverified: not in the scene
        reject(made("animals", "gulls", "gulls quarrelling"), "Ana", at=AT),
        accept(made("notes", "=SUM(A1:A9)", "-- not in the scene"), "Ana", AT),  # accepted though unverified
    ]
    repo.save_elements(elements)
    return repo


def _box(sheet, key):
    return next(box for box in sheet.boxes if box.category.key == key)


def test_one_sheet_per_active_scene_numbered_in_draft_order(repo):
    script = repo.get_script()
    sheets = build_sheets(script, repo.list_elements(), CategorySet.defaults(), repo.list_characters())
    assert [s.number for s in sheets] == list(range(1, len(script.active_scenes) + 1))
    assert [s.scene.id for s in sheets] == [s.id for s in script.active_scenes]
    # Every visible category has a box, empty or not, in sheet order, as a printed sheet does.
    assert [b.category.key for b in sheets[0].boxes] == [c.key for c in CategorySet.defaults().visible]


def test_sheets_carry_only_accepted_elements_by_default(repo):
    sheet = build_sheets(repo.get_script(), repo.list_elements(), CategorySet.defaults(), repo.list_characters())[0]
    cast_numbers = {c.name: c.id_number for c in repo.list_characters()}
    assert [e.text for e in _box(sheet, "cast").entries] == sorted(
        [f"{cast_numbers['ISLA']} ISLA", f"{cast_numbers['JONAH']} JONAH"], key=lambda t: int(t.split()[0])
    )
    assert [e.text for e in _box(sheet, "background").entries] == ["TOWNSFOLK (12)"]
    assert [e.text for e in _box(sheet, "props").entries] == ["canvas tote bag"]
    assert _box(sheet, "vehicles").entries == ()
    assert _box(sheet, "animals").entries == ()  # rejected
    assert not any(e.pending for box in sheet.boxes for e in box.entries)


def test_a_draft_sheet_marks_pending_elements_and_never_shows_rejected(repo):
    sheet = build_sheets(repo.get_script(), repo.list_elements(), CategorySet.defaults(), include_pending=True)[0]
    assert [(e.text, e.pending) for e in _box(sheet, "vehicles").entries] == [("MV GREYLAG", True)]
    assert [(e.text, e.pending) for e in _box(sheet, "props").entries] == [("canvas tote bag", False), ("harpoon", True)]
    assert _box(sheet, "animals").entries == ()


def test_hidden_and_renamed_categories_follow_the_project(repo):
    categories = CategorySet.defaults().hide("camera").rename("props", "Hand Props")
    sheet = build_sheets(repo.get_script(), repo.list_elements(), categories)[0]
    keys = [b.category.key for b in sheet.boxes]
    assert "camera" not in keys
    assert _box(sheet, "props").category.name == "Hand Props"


def test_sheets_for_one_scene_keep_its_sheet_number(repo):
    script = repo.get_script()
    third = script.active_scenes[2]
    sheets = build_sheets(script, repo.list_elements(), CategorySet.defaults(), scene_ids=[third.id])
    assert [(s.number, s.scene.number) for s in sheets] == [(3, third.number)]
    with pytest.raises(SlatebookError):
        build_sheets(script, [], CategorySet.defaults(), scene_ids=["no-such-scene"])


def test_pdf_has_one_page_per_scene_with_its_header_and_elements(repo):
    script = repo.get_script()
    pdf = pypdfium2.PdfDocument(breakdown_sheets_pdf(repo))
    assert len(pdf) == len(script.active_scenes)
    first = pdf[0].get_textpage().get_text_range()
    for text in ("BREAKDOWN SHEET", "SCENE", "INT/EXT", "DAY/NIGHT", "PAGES", "STORY DAY", "SYNOPSIS"):
        assert text in first
    scene = script.active_scenes[0]
    assert scene.location in first and scene.length in first
    assert "CAST MEMBERS" in first and "TOWNSFOLK (12)" in first and "canvas tote bag" in first
    assert "MV GREYLAG" not in first and "harpoon" not in first  # pending: not on an approved sheet
    last = pdf[len(pdf) - 1].get_textpage().get_text_range()
    assert script.active_scenes[-1].location in last


def test_pdf_for_the_current_scene_and_with_pending_marked(repo):
    scene = repo.get_script().active_scenes[0]
    pdf = pypdfium2.PdfDocument(breakdown_sheets_pdf(repo, scene_ids=[scene.id], include_pending=True))
    assert len(pdf) == 1
    text = pdf[0].get_textpage().get_text_range()
    assert "MV GREYLAG" in text and "harpoon" in text
    assert "not yet approved" in text


def test_a_long_sheet_continues_rather_than_dropping_elements(repo):
    scene = repo.get_script().active_scenes[0]
    many = [
        accept(Element(scene_id=scene.id, category="props", name=f"prop number {i}", evidence="creels"), "Ana", AT)
        for i in range(150)
    ]
    repo.save_elements(many)
    pdf = pypdfium2.PdfDocument(breakdown_sheets_pdf(repo, scene_ids=[scene.id]))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) > 1
    printed = {line.strip("• ").strip() for line in text.replace("\r", "").split("\n")}
    assert {f"prop number {i}" for i in range(150)} <= printed
    assert "(continued)" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_pdf_renders_with_poppler(repo, tmp_path):
    pdf = tmp_path / "sheets.pdf"
    pdf.write_bytes(breakdown_sheets_pdf(repo, include_pending=True))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-01.png").stat().st_size > 5_000


def test_csv_lists_every_element_with_its_review(repo):
    rows = list(csv.reader(io.StringIO(element_list(repo, "csv").decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == len(repo.list_elements())
    townsfolk = next(r for r in body if r["Element"] == "TOWNSFOLK")
    assert townsfolk["Category"] == "Background Actors"
    assert (townsfolk["Quantity"], townsfolk["Evidence"], townsfolk["Verified"], townsfolk["Review"]) == ("12", "A dozen TOWNSFOLK", "True", "accepted")
    assert townsfolk["Reviewed by"] == "Ana" and townsfolk["Sheet"] == "1" and townsfolk["Scene"] == "1"
    harpoon = next(r for r in body if r["Element"] == "harpoon")
    assert (harpoon["Verified"], harpoon["Review"]) == ("False", "unverified")
    isla = next(r for r in body if r["Element"] == "ISLA")
    assert isla["Cast #"] == str(next(c.id_number for c in repo.list_characters() if c.name == "ISLA"))
    # Rows follow the sheet's category order.
    categories = [r["Category"] for r in body]
    assert categories.index("Cast Members") < categories.index("Background Actors") < categories.index("Props")


def test_csv_cells_that_look_like_formulas_are_shown_not_run(repo):
    body = element_list(repo, "csv").decode("utf-8-sig")
    assert "'=SUM(A1:A9)" in body and "'-- not in the scene" in body


def test_rejected_elements_can_be_left_out(repo):
    script, categories = repo.get_script(), CategorySet.defaults()
    everything = element_rows(script, repo.list_elements(), categories)
    kept = element_rows(script, repo.list_elements(), categories, include_rejected=False)
    assert {r.element for r in everything} - {r.element for r in kept} == {"gulls"}
    assert to_csv([]).decode("utf-8-sig").strip() == ",".join(COLUMNS)


def test_xlsx_has_the_same_columns_typed_cells_and_category_colours(repo):
    book = openpyxl.load_workbook(io.BytesIO(element_list(repo, "xlsx")))
    sheet = book["Elements"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == COLUMNS
    assert len(values) - 1 == len(repo.list_elements())
    header = values[0]
    townsfolk = next(dict(zip(header, r)) for r in values[1:] if r[header.index("Element")] == "TOWNSFOLK")
    assert townsfolk["Quantity"] == 12 and townsfolk["Verified"] is True and townsfolk["Review"] == "accepted"
    formula = next(dict(zip(header, r)) for r in values[1:] if r[header.index("Category")] == "Notes")
    assert formula["Element"] == "=SUM(A1:A9)"  # a string, never a formula
    cast_row = next(i for i, r in enumerate(values) if r[header.index("Category")] == "Cast Members") + 1
    fill = sheet.cell(row=cast_row, column=header.index("Category") + 1).fill.fgColor.rgb
    assert fill.upper().endswith("E02020")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_a_project_without_a_script_says_what_to_do():
    empty = InMemoryProjectRepository(Project(name="Empty"))
    for fmt in ("pdf", "csv", "xlsx"):
        with pytest.raises(SlatebookError, match="no screenplay yet"):
            export(empty, fmt)
    with pytest.raises(SlatebookError, match="no breakdown export format"):
        export(empty, "docx")


def test_file_names_are_slugs():
    assert file_name("Night Ferry (sample)", "breakdown-sheets", "pdf") == "night-ferry-sample-breakdown-sheets.pdf"
    assert file_name("???", "elements", "csv") == "project-elements.csv"


def test_review_states_round_trip_through_the_table(repo):
    rows = element_rows(repo.get_script(), repo.list_elements(), CategorySet.defaults())
    assert {r.review for r in rows} == {s.value for s in (ReviewState.ACCEPTED, ReviewState.PROPOSED, ReviewState.UNVERIFIED, ReviewState.REJECTED)}
