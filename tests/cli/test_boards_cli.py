"""`slatebook storyboard` and `slatebook moodboard` on the sample (sketch backend)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from pipelines.imaging.service import STORYBOARD_JOB
from pipelines.provenance.verify import read_credentials
from pipelines.sample import SAMPLE_PROJECT, create_sample_project
from studio import jobs
from studio.models import JobStatus
from studio.store.catalog import ProjectCatalog


@pytest.fixture
def sample():
    return create_sample_project(ProjectCatalog())


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_storyboard_json_lists_each_file_with_its_record(sample, capsys):
    code, out, err = run(capsys, "storyboard", "--project", SAMPLE_PROJECT, "--scene", "8", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["scene"] == "8" and document["drawn"] == 6 == len(document["files"])
    for row in document["files"]:
        data = Path(row["path"]).read_bytes()
        assert row["ai_record"]["assets"] == [row["file"]]
        assert row["ai_record"]["parameters"]["backend"] == "sketch"
        assert row["ai_record"]["parameters"]["ai_generated"] is False
        creds = read_credentials(data, "image/png")
        assert creds.valid and creds.ai_generated is False


def test_a_second_run_draws_nothing_new(sample, capsys):
    run(capsys, "storyboard", "--project", SAMPLE_PROJECT, "--scene", "3")
    code, out, _ = run(capsys, "storyboard", "--project", SAMPLE_PROJECT, "--scene", "3")
    assert code == 0 and out.startswith("Scene 3: 3 frames (0 drawn, 3 already current).")


def test_an_interrupted_run_is_resumed(sample, capsys, monkeypatch):
    from pipelines.imaging import service

    scene = next(s for s in sample.get_script().active_scenes if s.number == "3")
    params = service.storyboard_params([scene.id], "sketch")
    job = jobs.start_job(sample, STORYBOARD_JOB, params, lambda repo, ctx, p: (_ for _ in ()).throw(RuntimeError("power cut")),
                         background=False)
    assert job.status == JobStatus.FAILED
    code, _, err = run(capsys, "storyboard", "--project", SAMPLE_PROJECT, "--scene", "3")
    assert code == 0 and "Resuming the stopped storyboard job" in err
    assert jobs.latest_job(sample, STORYBOARD_JOB).id == job.id


def test_moodboard_for_chosen_boards(sample, capsys):
    code, out, err = run(capsys, "moodboard", "--project", SAMPLE_PROJECT, "--board", "Location: GUNN COTTAGE",
                         "--variants", "2", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert [b["board"] for b in document["boards"]] == ["Location: GUNN COTTAGE"]
    assert len(document["files"]) == 2
    assert all(row["ai_record"]["purpose"] == "moodboard image" for row in document["files"])


@pytest.mark.parametrize("argv, message", [
    (["storyboard", "--project", SAMPLE_PROJECT, "--scene", "99"], "has no scene 99"),
    (["moodboard", "--project", SAMPLE_PROJECT, "--board", "Location: MARS"], "no board called 'Location: MARS'"),
    (["moodboard", "--project", SAMPLE_PROJECT, "--variants", "12"], "out of range"),
    (["storyboard", "--project", SAMPLE_PROJECT, "--scene", "3", "--claude"], "needs an Anthropic API key"),
    (["storyboard", "--project", "Nope", "--scene", "1"], "Nope"),
])
def test_problems_exit_2_with_a_hint(sample, capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
