import json

from cli.main import main
from studio.samples import SAMPLE_SCREENPLAY

FOUNTAIN = b"""Title: Two Rooms

INT. KITCHEN - DAY

ANA (40s) fills a kettle.

ANA
Tea?

EXT. GARDEN - NIGHT #7A#

BEN (O.S.)
Not now.
"""


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_creates_the_project_and_scenes_json_lists_them(tmp_path, capsys):
    script = tmp_path / "two_rooms.fountain"
    script.write_bytes(FOUNTAIN)
    code, out, _ = run(capsys, "import", str(script), "--project", "Two Rooms", "--json")
    assert code == 0
    assert json.loads(out)["scenes"] == 2

    code, out, _ = run(capsys, "scenes", "--project", "Two Rooms", "--json")
    rows = json.loads(out)
    assert [r["number"] for r in rows] == ["1", "7A"]
    first = rows[0]
    assert (first["heading"], first["int_ext"], first["location"], first["time"], first["characters"]) == (
        "INT. KITCHEN - DAY",
        "INT",
        "KITCHEN",
        "DAY",
        ["ANA"],
    )
    assert all(isinstance(r["eighths"], int) and r["eighths"] >= 1 for r in rows)
    assert rows[1]["characters"] == ["BEN"] and rows[1]["int_ext"] == "EXT"


def test_import_without_project_names_it_from_the_title_page(tmp_path, capsys):
    script = tmp_path / "x.fountain"
    script.write_bytes(FOUNTAIN)
    code, out, _ = run(capsys, "import", str(script), "--json")
    assert code == 0 and json.loads(out)["project"] == "Two Rooms"


def test_second_import_is_a_revised_draft(tmp_path, capsys):
    script = tmp_path / "two_rooms.fountain"
    script.write_bytes(FOUNTAIN)
    run(capsys, "import", str(script), "--project", "P")
    script.write_bytes(FOUNTAIN.replace(b"fills a kettle.", b"fills a kettle and waits."))
    code, out, _ = run(capsys, "import", str(script), "--project", "P", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["revision"] == 2 and not report["first_draft"]
    assert (report["revised"], report["unchanged"], report["added"]) == (1, 1, 0)


def test_bad_file_exits_2_with_a_message_and_keeps_the_draft(tmp_path, capsys):
    good = tmp_path / "two_rooms.fountain"
    good.write_bytes(FOUNTAIN)
    run(capsys, "import", str(good), "--project", "P")
    empty = tmp_path / "empty.fountain"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", str(empty), "--project", "P")
    assert code == 2
    assert err.startswith("error: ") and "Traceback" not in err
    _, out, _ = run(capsys, "scenes", "--project", "P", "--json")
    assert len(json.loads(out)) == 2


def test_unknown_project_and_missing_file_are_user_errors(tmp_path, capsys):
    code, _, err = run(capsys, "scenes", "--project", "Nope")
    assert code == 2 and "Nope" in err
    code, _, err = run(capsys, "import", str(tmp_path / "missing.fdx"))
    assert code == 2 and "missing.fdx" in err


def test_export_and_open_bundle_round_trip(tmp_path, capsys):
    run(capsys, "import", str(SAMPLE_SCREENPLAY), "--project", "Sample")
    _, before, _ = run(capsys, "scenes", "--project", "Sample", "--json")
    bundle = tmp_path / "sample.slatebook"
    code, _, _ = run(capsys, "export", "--project", "Sample", "--out", str(bundle))
    assert code == 0 and bundle.is_file()
    code, out, _ = run(capsys, "open-bundle", str(bundle), "--name", "Copy", "--json")
    assert code == 0 and json.loads(out)["project"] == "Copy"
    _, after, _ = run(capsys, "scenes", "--project", "Copy", "--json")
    assert json.loads(after) == json.loads(before)
    _, listing, _ = run(capsys, "projects", "--json")
    assert {p["name"] for p in json.loads(listing)} == {"Sample", "Copy"}
