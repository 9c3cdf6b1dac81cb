"""`slatebook breakdown` and `slatebook breakdown-export`: offline, Claude (local server), and refusals."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pypdfium2
import pytest

from cli.main import main
from pipelines.breakdown.evidence import accept
from studio.models import ReviewState
from studio.store.catalog import ProjectCatalog
from support.breakdown_answers import answer_breakdown
from support.claude_kit import KEY, MODEL, SCRIPT
from support.messages_server import MessagesServer, unauthorized

PROJECT = "Low Tide"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path, capsys):
    script = tmp_path / "low_tide.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    code, _, err = run(capsys, "import", str(script), "--project", PROJECT)
    assert code == 0, err
    return PROJECT


def test_offline_json_lists_each_scene_by_number_with_its_elements(project, capsys):
    code, out, err = run(capsys, "breakdown", "--project", project, "--engine", "offline", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert (document["engine"], document["status"]) == ("offline", "done")
    assert [s["number"] for s in document["scenes"]] == ["1", "2", "3", "4"]
    first = document["scenes"][0]
    assert first["heading"] == "INT. HARBOUR OFFICE - NIGHT"
    assert first["elements"], "the offline engine found nothing in scene 1"
    for element in (e for s in document["scenes"] for e in s["elements"]):
        assert {"category", "name", "quantity", "evidence", "verified"} <= set(element)
    cast = {e["name"] for e in first["elements"] if e["category"] == "cast"}
    assert any("ISLA" in name for name in cast)
    # What was printed is what the project holds.
    repo = ProjectCatalog().open(project)
    assert sum(len(s["elements"]) for s in document["scenes"]) == len(repo.list_elements())
    assert document["usage"]["calls"] == 0


def test_offline_text_summary(project, capsys):
    code, out, _ = run(capsys, "breakdown", "--project", project)
    assert code == 0
    assert out.splitlines()[0].startswith(f"{project}: ")
    assert "INT. HARBOUR OFFICE - NIGHT" in out and "unverified" in out


def test_claude_through_the_local_server(project, capsys, monkeypatch):
    with MessagesServer(answer_for=answer_breakdown) as server:
        monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        code, out, err = run(capsys, "breakdown", "--project", project, "--engine", "claude", "--model", MODEL, "--json")
        assert code == 0, err
        document = json.loads(out)
        assert (document["engine"], document["model"], document["status"]) == ("claude", MODEL, "done")
        assert document["estimate"]["calls"] == 4 and document["usage"]["calls"] == 4
        assert len([r for r in server.requests if r.path == "/v1/messages"]) == 4
        elements = [e for s in document["scenes"] for e in s["elements"]]
        assert elements and all(e["source"] == f"claude:{MODEL}" for e in elements)
    # The key went to the server and nowhere else.
    assert KEY not in ProjectCatalog().open(project).export_data().model_dump_json()


def test_claude_without_a_key_says_what_to_do(project, capsys):
    code, out, err = run(capsys, "breakdown", "--project", project, "--engine", "claude")
    assert code == 2 and out == ""
    assert "needs an Anthropic API key" in err and "ANTHROPIC_API_KEY" in err


def test_a_rejected_key_stops_with_exit_2_and_resumes_later(project, capsys, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    with MessagesServer(answer_for=answer_breakdown) as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        server.script(unauthorized())
        code, out, _ = run(capsys, "breakdown", "--project", project, "--engine", "claude", "--model", MODEL)
        assert code == 2
        assert "stopped" in out and "run the same command again" in out
        code, out, err = run(capsys, "breakdown", "--project", project, "--engine", "claude", "--model", MODEL, "--json")
        assert code == 0, err
        assert json.loads(out)["status"] == "done"


def test_no_script_and_unknown_project_exit_2(capsys):
    ProjectCatalog().create("Empty")
    code, _, err = run(capsys, "breakdown", "--project", "Empty")
    assert code == 2 and "no screenplay yet" in err
    code, _, err = run(capsys, "breakdown", "--project", "Nobody's Film")
    assert code == 2 and "error:" in err


def test_export_pdf_csv_xlsx(project, capsys, tmp_path):
    assert run(capsys, "breakdown", "--project", project)[0] == 0
    repo = ProjectCatalog().open(project)
    first = repo.get_script().scenes[0]
    repo.save_elements([accept(e, "Ana") for e in repo.list_elements(first.id)])

    code, out, err = run(capsys, "breakdown-export", "--project", project, "--format", "pdf", "--out", str(tmp_path / "out" / "sheets.pdf"), "--json")
    assert code == 0, err
    assert json.loads(out)["bytes"] > 1000
    pdf = pypdfium2.PdfDocument(str(tmp_path / "out" / "sheets.pdf"))
    assert len(pdf) == len(repo.get_script().active_scenes)
    accepted = next(e for e in repo.list_elements(first.id) if e.review == ReviewState.ACCEPTED)
    assert accepted.name in pdf[0].get_textpage().get_text_range()
    pdf.close()

    assert run(capsys, "breakdown-export", "--project", project, "--format", "csv", "--out", str(tmp_path / "elements.csv"))[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "elements.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(repo.list_elements())
    assert {r["Review"] for r in rows} >= {"accepted"}

    assert run(capsys, "breakdown-export", "--project", project, "--format", "xlsx", "--out", str(tmp_path / "elements.xlsx"))[0] == 0
    sheet = openpyxl.load_workbook(tmp_path / "elements.xlsx")["Elements"]
    assert sheet.max_row == len(repo.list_elements()) + 1


def test_export_refusals(project, capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "breakdown-export", "--project", project, "--format", "csv", "--out", str(blocker / "inside.csv"))
    assert code == 2 and "Could not write" in err
    with pytest.raises(SystemExit):
        main(["breakdown-export", "--project", project, "--format", "docx", "--out", str(tmp_path / "x.docx")])
