"""`slatebook schedule` and `schedule-export` on the sample project."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from cli.main import main
from pipelines.sample import SAMPLE_PROJECT, create_sample_project
from scheduling.project_problem import save_schedule_setup, schedule_setup
from studio.store.catalog import ProjectCatalog


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def sample():
    return create_sample_project(ProjectCatalog())


def test_schedule_json_has_days_dood_cost_status_and_gap(sample, capsys):
    code, out, _ = run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--time-limit", "2", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["status"] in ("optimal", "feasible") and 0 <= doc["gap"] <= 1
    scenes = [n for day in doc["days"] for n in day["scenes"]]
    numbers = [s.number for s in sample.get_script().active_scenes]
    assert sorted(set(scenes)) == sorted(numbers)
    assert [d["day"] for d in doc["days"]] == list(range(1, len(doc["days"]) + 1))
    assert all(d["date"] for d in doc["days"])
    assert {"Shoot days", "Cast work days", "Cast holds", "Company moves", "Day/night switches"} <= set(doc["cost_terms"])
    assert abs(sum(doc["cost_terms"].values()) - doc["cost"]) < 0.01
    first = doc["dood"][0]
    assert len(first["codes"]) == len(doc["days"]) and first["total"] == first["work"] + first["hold"]
    assert doc["cast_source"] == "script"


def test_schedule_text_summary_and_export(sample, capsys, tmp_path):
    code, out, _ = run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--time-limit", "2", "--name", "CLI run")
    assert code == 0 and out.startswith(f"{SAMPLE_PROJECT}: CLI run") and "Day  1" in out

    pdf = tmp_path / "board.pdf"
    code, out, _ = run(capsys, "schedule-export", "--project", SAMPLE_PROJECT, "--format", "pdf", "--report", "dood", "--out", str(pdf))
    assert code == 0 and "Day Out of Days" in pdfium.PdfDocument(pdf.read_bytes())[0].get_textpage().get_text_range()

    table = tmp_path / "one.csv"
    run(capsys, "schedule-export", "--project", SAMPLE_PROJECT, "--format", "csv", "--report", "one-liner", "--version", "CLI run", "--out", str(table))
    header = next(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert header[:3] == ["Day", "Date", "Scene"]

    book = tmp_path / "all.xlsx"
    code, out, _ = run(capsys, "schedule-export", "--project", SAMPLE_PROJECT, "--format", "xlsx", "--out", str(book), "--json")
    assert json.loads(out)["report"] == "all reports"
    assert load_workbook(book).sheetnames == ["Stripboard", "One-liner", "Day Out of Days"]


def test_holidays_inside_the_shoot_are_listed_as_days_off(sample, capsys):
    # Day 1 is Friday 28 May 2027; Memorial Day falls before day 2
    save_schedule_setup(sample, schedule_setup(sample).model_copy(
        update={"start_date": dt.date(2027, 5, 28), "holiday_region": "US", "time_limit_s": 2.0}))
    code, out, _ = run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["days_off"][0] == {"date": "2027-05-31", "name": "Memorial Day"}
    assert [d["date"] for d in doc["days"][:2]] == ["2027-05-28", "2027-06-01"]
    _, text, _ = run(capsys, "schedule", "--project", SAMPLE_PROJECT)
    lines = text.splitlines()
    day_off = next(i for i, line in enumerate(lines) if "No shooting 2027-05-31  Memorial Day" in line)
    assert "Day  1 2027-05-28" in lines[day_off - 1] and "Day  2 2027-06-01" in lines[day_off + 1]


def test_export_before_any_solve_says_what_to_run(sample, capsys, tmp_path):
    code, _, err = run(capsys, "schedule-export", "--project", SAMPLE_PROJECT, "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "no schedule yet" in err and "slatebook schedule" in err


def test_an_infeasible_setup_prints_the_conflict(sample, capsys):
    save_schedule_setup(sample, schedule_setup(sample).model_copy(update={"max_days": 1}))
    code, out, _ = run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--time-limit", "5", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["status"] == "infeasible" and doc["conflicts"]


def test_unknown_project_and_bad_time_limit(capsys, sample):
    code, _, err = run(capsys, "schedule", "--project", "Nope")
    assert code == 2 and "Nope" in err
    code, _, err = run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--time-limit", "0")
    assert code == 2 and "time limit" in err


def test_an_export_to_a_folder_that_cannot_be_made_says_so(sample, capsys, tmp_path):
    run(capsys, "schedule", "--project", SAMPLE_PROJECT, "--time-limit", "1")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "schedule-export", "--project", SAMPLE_PROJECT, "--format", "csv",
                       "--out", str(blocker / "board.csv"))
    assert code == 2
    assert "Could not write" in err and "Choose a folder you can write to." in err
    assert "Traceback" not in err
