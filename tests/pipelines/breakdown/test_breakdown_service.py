"""The breakdown job end to end: the real SDK against the local server, an in-memory project."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from pipelines.breakdown.evidence import accept, edit, reject
from pipelines.breakdown.service import (
    BREAKDOWN_JOB,
    breakdown_params,
    estimate_breakdown,
    make_breakdown_work,
    run_breakdown,
    start_breakdown,
    usage_summary,
)
from studio import jobs
from studio.errors import SlatebookError
from studio.models import Element, JobStatus, ReviewState
from support.breakdown_answers import answer_breakdown, asked_scene
from support.claude_kit import KEY, MODEL, fast_claude, project_with_script
from support.messages_server import (
    overloaded,
    rate_limited,
    server_error,
    slow,
    unauthorized,
)


@pytest.fixture
def repo():
    return project_with_script()


def claude_run(repo, server, *, key=KEY, concurrency=1, timeout=5.0, **choices):
    return run_breakdown(
        repo,
        engine="claude",
        model=MODEL,
        api_key=key,
        claude_options=fast_claude(server.url, timeout=timeout),
        batch_options={"poll_first": 0.001, "sleep": lambda s: None},
        concurrency=concurrency,
        **choices,
    )


def asked(server) -> list[str]:
    return [asked_scene(r.body) for r in server.requests if r.path == "/v1/messages"]


def numbers(repo, ids) -> list[str]:
    by_id = {s.id: s.number for s in repo.get_script().scenes}
    return [by_id[i] for i in ids]


def test_a_claude_run_saves_every_scene_with_its_records(repo, server):
    job = claude_run(repo, server)

    assert job.status == JobStatus.DONE, job.error
    assert job.params == breakdown_params(engine="claude", model=MODEL)
    assert numbers(repo, job.result["done"]) == ["1", "2", "3", "4"]
    records = {r.id: r for r in repo.list_ai_records()}
    assert len(records) == 4
    elements = repo.list_elements()
    assert {e.scene_id for e in elements} == {s.id for s in repo.get_script().scenes}
    for element in elements:
        assert records[element.ai_record_id].purpose == "breakdown"
        assert element.id in records[element.ai_record_id].assets
    assert [c.name for c in repo.list_characters()] == ["ISLA", "MARGIT"]  # the cast list, by prominence
    assert "Broke down 4 scenes" in job.result["message"]


def test_parallel_calls_after_the_first_read_the_cache(repo, server):
    job = claude_run(repo, server, concurrency=4)

    assert job.status == JobStatus.DONE
    first, *rest = sorted(repo.list_ai_records(), key=lambda r: r.created_at)
    assert first.usage["cache_creation_input_tokens"] > 0
    assert all(r.usage["cache_read_input_tokens"] == first.usage["cache_creation_input_tokens"] for r in rest)
    assert sorted(asked(server)) == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "failure", [rate_limited("0"), overloaded(), server_error(), slow(1.2)], ids=["429", "529", "500", "timeout"]
)
def test_a_passing_failure_is_retried_and_the_run_finishes(repo, server, failure):
    server.script(failure)

    job = claude_run(repo, server, timeout=0.6)

    assert job.status == JobStatus.DONE, job.error
    assert len(repo.list_ai_records()) == 4 and len(asked(server)) == 5


@pytest.mark.parametrize(
    ("failures", "says"),
    [([overloaded()] * 4, "overloaded"), ([server_error()] * 4, "server error"), ([rate_limited("0")] * 4, "rate limits")],
    ids=["529", "500", "429"],
)
def test_lasting_failures_stop_the_job_and_resume_does_the_rest(repo, server, failures, says):
    # Scene 1 and 2 go through, then the API fails every retry of scene 3.
    answered: list[str] = []

    def flaky(body):
        answered.append(asked_scene(body))
        if len(answered) == 2:
            server.script(*failures)
        return answer_breakdown(body)

    server.answer_for = flaky
    job = claude_run(repo, server)

    assert job.status == JobStatus.FAILED and says in job.error
    assert numbers(repo, job.result["done"]) == ["1", "2"]
    assert len(repo.list_ai_records()) == 2 and repo.list_elements()
    kept = {e.id for e in repo.list_elements()}

    server.answer_for = answer_breakdown
    before = len(asked(server))
    resumed = claude_run(repo, server)

    assert resumed.id == job.id and resumed.status == JobStatus.DONE
    assert asked(server)[before:] == ["3", "4"]  # only what was left
    assert kept <= {e.id for e in repo.list_elements()}
    assert numbers(repo, resumed.result["done"]) == ["1", "2", "3", "4"]


def test_an_expired_key_is_a_clear_error_loses_nothing_and_is_stored_nowhere(repo, server, caplog):
    claude_run(repo, server)
    before = repo.export_data()
    server.script(unauthorized())

    with caplog.at_level(logging.DEBUG):
        job = claude_run(repo, server)

    assert job.status == JobStatus.FAILED
    assert "API key was refused" in job.error and "ANTHROPIC_API_KEY" in job.error
    assert job.resumable
    after = repo.export_data()
    assert after.elements == before.elements and after.ai_records == before.ai_records
    dump = after.model_dump_json()
    assert KEY not in dump and KEY not in caplog.text
    assert all(KEY not in str(j.params) for j in after.jobs)


def test_the_key_never_reaches_a_bundle(tmp_path, server):
    from pipelines.script.service import import_script
    from studio.store.catalog import ProjectCatalog
    from support.claude_kit import SCRIPT

    catalog = ProjectCatalog(tmp_path / "home")
    repo = catalog.create("Low Tide")
    import_script(repo, SCRIPT.encode(), "low_tide.fountain")
    assert claude_run(repo, server).status == JobStatus.DONE

    bundle = catalog.export_bundle("Low Tide", tmp_path / "low-tide.slatebook")
    import zipfile

    with zipfile.ZipFile(bundle) as zipped:
        for name in zipped.namelist():
            assert KEY.encode() not in zipped.read(name), name
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def test_cancel_stops_after_the_current_scene_and_resume_does_only_the_rest(repo, server):
    answered: list[str] = []

    def cancelling(body):
        answered.append(asked_scene(body))
        if len(answered) == 2:
            jobs.request_cancel(repo, jobs.latest_job(repo, BREAKDOWN_JOB).id)
        return answer_breakdown(body)

    server.answer_for = cancelling
    job = claude_run(repo, server)

    assert job.status == JobStatus.CANCELLED
    assert numbers(repo, job.result["done"]) == ["1", "2"]  # the scene answered while cancelling is kept

    server.answer_for = answer_breakdown
    resumed = claude_run(repo, server)
    assert resumed.status == JobStatus.DONE
    assert asked(server)[2:] == ["3", "4"]


def test_a_background_job_resumes_after_its_worker_died(repo, server):
    params = breakdown_params(engine="claude", model=MODEL)
    work = make_breakdown_work(KEY, claude_options=fast_claude(server.url), concurrency=1)
    job = jobs.start_job(repo, BREAKDOWN_JOB, params, work, background=True)
    jobs.wait(job.id, timeout=30)
    done = jobs.latest_job(repo, BREAKDOWN_JOB)
    assert done.status == JobStatus.DONE
    # A process that died mid-run leaves a RUNNING row, silent for an hour, with three scenes done.
    repo.save_job(
        done.model_copy(
            update={
                "status": JobStatus.RUNNING,
                "worker": "999999:gone",
                "updated_at": done.updated_at - timedelta(hours=1),
                "result": {"done": done.result["done"][:3]},
            }
        )
    )
    assert jobs.latest_job(repo, BREAKDOWN_JOB).status == JobStatus.INTERRUPTED

    before = len(asked(server))
    jobs.resume_job(repo, job.id, work, background=False)

    assert asked(server)[before:] == ["4"]


def test_a_rerun_keeps_the_persons_work(repo, server):
    claude_run(repo, server)
    scene = repo.get_script().scenes[0]
    first = {e.name: e for e in repo.list_elements(scene.id)}
    accepted = accept(first["ISLA"], "Ana")
    rejected = reject(first["Fishermen"], "Ana", note="cut in the rewrite")
    edited = edit(first["ledger"], scene, "Ana", name="leather ledger")
    mine = Element(scene_id=scene.id, category="props", name="oil lamp", evidence="under a lamp", source="user")
    repo.save_elements([accepted, rejected, edited, mine])
    untouched = {e.id for e in repo.list_elements(scene.id)} - {accepted.id, rejected.id, edited.id, mine.id}

    job = claude_run(repo, server)

    assert job.status == JobStatus.DONE
    after = repo.list_elements(scene.id)
    by_id = {e.id: e for e in after}
    assert by_id[accepted.id] == accepted and by_id[rejected.id] == rejected
    assert by_id[edited.id] == edited and by_id[mine.id] == mine
    assert not untouched & set(by_id)  # the engine's unreviewed proposals were replaced
    names = [(e.category, e.name.lower()) for e in after]
    assert names.count(("cast", "isla")) == 1 and names.count(("background", "fishermen")) == 1
    assert ("props", "ledger") in names  # the edit renamed it; a fresh proposal of the old name is new


def test_a_subset_of_scenes(repo, server):
    two = [s.id for s in repo.get_script().scenes[1:3]]

    job = claude_run(repo, server, scene_ids=two)

    assert job.result["done"] == two and sorted(asked(server)) == ["2", "3"]


def test_self_review_and_cross_review_leave_suggestions_and_doubts(repo, server):
    def reviewing(body):
        prompt = body["messages"][0]["content"]
        number = asked_scene(body)
        if "Review this breakdown" not in prompt:
            return answer_breakdown(body)
        tags = [line.split()[0] for line in prompt.split("<breakdown>\n")[1].split("\n</breakdown>")[0].splitlines()]
        missed = [{"category": "special_effects", "name": "rain", "evidence": "Rain.", "scene": number, "confidence": 0.7}]
        return {"scene": number, "missed": missed if number == "2" else [], "doubtful": [{"element": tags[-1], "reason": "not needed"}]}

    server.answer_for = reviewing
    job = claude_run(repo, server, review=True, cross_review_model="claude-haiku-4-5")

    assert job.status == JobStatus.DONE, job.error
    pier = repo.get_script().scenes[1]
    elements = repo.list_elements(pier.id)
    suggestions = [e for e in elements if e.suggested_by]
    assert {e.suggested_by for e in suggestions} == {"self-review"}  # the cross-review found it taken
    rain = suggestions[0]
    assert (rain.category, rain.name, rain.review, rain.verified) == ("special_effects", "rain", ReviewState.PROPOSED, True)
    doubted = [e for e in elements if e.doubt]
    assert doubted and all("not needed" in e.doubt for e in doubted)
    purposes = [(r.purpose, r.model) for r in repo.list_ai_records()]
    assert purposes.count(("breakdown review", MODEL)) == 4
    assert purposes.count(("breakdown review", "claude-haiku-4-5")) == 4
    assert set(job.result["reviewed"]) == {"self-review", "cross-review:claude-haiku-4-5"}
    # The self-review reuses the extraction's cached prefix.
    reviews = [r for r in server.requests if r.path == "/v1/messages" and "Review this" in r.body["messages"][0]["content"]]
    extraction = server.requests[0].body
    assert reviews[0].body["system"] == extraction["system"] and reviews[0].body["tools"] == extraction["tools"]


def test_a_batch_run_sends_every_scene_in_one_batch(repo, server):
    job = claude_run(repo, server, batch=True)

    assert job.status == JobStatus.DONE, job.error
    (create,) = [r for r in server.requests if r.path == "/v1/messages/batches"]
    requests = create.body["requests"]
    assert [r["custom_id"] for r in requests] == [s.id for s in repo.get_script().scenes]
    assert len({str(r["params"]["system"]) for r in requests}) == 1  # one cached prefix for all
    assert requests[0]["params"]["system"][-1]["cache_control"] == {"type": "ephemeral", "ttl": "1h"}
    assert not asked(server)  # nothing sent one by one
    assert job.result["batches"] == {}
    summary = usage_summary(repo)
    assert summary.calls == summary.batched_calls == 4
    assert all(r.parameters["batch"] for r in repo.list_ai_records())


def test_a_batch_request_that_failed_is_sent_again_on_its_own(repo, server):
    from support.messages_server import Step

    server.script(Step(), Step(400, "invalid_request_error"), overloaded(), Step())

    job = claude_run(repo, server, batch=True)

    assert job.status == JobStatus.DONE, job.error
    assert sorted(asked(server)) == ["2", "3"]
    assert len(repo.list_ai_records()) == 4


def test_the_claude_engine_needs_a_key_before_a_job_starts(repo):
    with pytest.raises(SlatebookError, match="needs an Anthropic API key"):
        start_breakdown(repo, breakdown_params(engine="claude"), None)
    assert repo.list_jobs() == []


def test_a_project_without_a_script_is_a_clear_failure(server):
    from studio.models import Project
    from studio.store.memory_repo import InMemoryProjectRepository

    job = claude_run(InMemoryProjectRepository(Project(name="Empty")), server)
    assert job.status == JobStatus.FAILED and "no script" in job.error


def test_estimate_before_and_usage_after(repo, server):
    single = estimate_breakdown(repo, "claude", MODEL)
    batch = estimate_breakdown(repo, "claude", MODEL, batch=True)
    reviewed = estimate_breakdown(repo, "claude", MODEL, review=True)

    assert single.calls == 4 and single.cache_write_tokens > 0 and single.cache_read_tokens == 3 * single.cache_write_tokens
    assert batch.usd < single.usd and batch.usd <= batch.usd_high
    assert batch.usd_without_batch == pytest.approx(single.usd) and single.usd_high == single.usd
    assert reviewed.calls == 8 and reviewed.cache_write_tokens == single.cache_write_tokens
    assert estimate_breakdown(repo, "offline").usd == 0

    claude_run(repo, server)
    summary = usage_summary(repo)
    records = repo.list_ai_records()
    assert summary.calls == 4 and summary.batched_calls == 0
    assert summary.cache_read_tokens == sum(r.usage["cache_read_input_tokens"] for r in records)
    assert summary.usd > 0 and summary.by_model[0].model == MODEL
    assert 0.5 < summary.cached_share < 1


def test_the_offline_engine_runs_as_the_same_job_without_a_key_or_a_review(repo, monkeypatch):
    from pipelines.breakdown import service
    from pipelines.breakdown.offline import OfflineEngine

    # Grammar and lexicons only: loading the sentence-embedding model would take most of the test's time.
    monkeypatch.setattr(service, "engine_for", lambda name, **kw: OfflineEngine(use_embeddings=False))
    job = run_breakdown(repo, engine="offline", review=True)

    assert job.status == JobStatus.DONE, job.error
    assert len(job.result["done"]) == 4 and job.result["reviewed"] == {}
    assert "no review pass" in job.result["review_note"]
    elements = repo.list_elements()
    assert elements and {e.source for e in elements} == {"offline"}
    assert usage_summary(repo).calls == 0  # no Claude calls, nothing to pay
    isla = next(e for e in elements if e.category == "cast" and e.name == "ISLA")
    repo.save_elements([accept(isla, "Ana")])

    again = run_breakdown(repo, engine="offline")

    assert again.id != job.id and again.status == JobStatus.DONE
    cast = [e for e in repo.list_elements(isla.scene_id) if e.category == "cast" and e.name == "ISLA"]
    assert [e.id for e in cast] == [isla.id]


def test_a_cancel_while_a_batch_runs_cancels_it_and_resume_batches_what_never_ran(repo, server):
    server.batch_rounds = 3

    def cancel_on_first_wait(seconds):
        jobs.request_cancel(repo, jobs.latest_job(repo, BREAKDOWN_JOB).id)

    job = run_breakdown(
        repo,
        engine="claude",
        model=MODEL,
        api_key=KEY,
        batch=True,
        claude_options=fast_claude(server.url),
        batch_options={"poll_first": 0.001, "sleep": cancel_on_first_wait},
    )

    assert job.status == JobStatus.CANCELLED
    (first,) = server.batches
    assert job.result["batches"] == {"extract": first}
    assert [r.path for r in server.requests if r.path.endswith("/cancel")] == [f"/v1/messages/batches/{first}/cancel"]

    server.batch_rounds = 0
    resumed = claude_run(repo, server, batch=True)

    assert resumed.id == job.id and resumed.status == JobStatus.DONE, resumed.error
    creates = [r for r in server.requests if r.path == "/v1/messages/batches"]
    assert len(creates) == 2 and len(creates[1].body["requests"]) == 4  # the canceled scenes, batched again
    assert not asked(server) and len(repo.list_ai_records()) == 4


def test_story_days_are_filled_where_none_was_written(repo, server):
    from pipelines.script.service import update_scene

    van = repo.get_script().scenes[2]
    update_scene(repo, van.id, story_day="7")

    job = claude_run(repo, server)

    days = [s.story_day for s in repo.get_script().scenes]
    assert all(days) and days[2] == "7"
    assert job.result["story_days_filled"] == 3
