"""Message Batches through the real SDK against the local server's batch endpoints."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from pipelines.llm.batch import BatchGone, BatchRunner
from pipelines.llm.claude import Call, ClaudeLLM
from pipelines.llm.cost import cost_of
from studio.errors import SlatebookError
from support.messages_server import MessagesServer, Step, answer, canceled, expired, overloaded

KEY = "fake-batch-test-key-0000"
SCRIPT = "INT. KITCHEN - NIGHT\n\nMARA pours coffee.\n\n" * 40


class Facts(BaseModel):
    """The facts of one scene."""

    heading: str


@pytest.fixture
def server():
    with MessagesServer(answer_for=lambda body: {"heading": body["messages"][0]["content"]}) as running:
        yield running


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def runner(server, sleeps):
    llm = ClaudeLLM(KEY, "claude-haiku-4-5", base_url=server.url, max_retries=1, backoff_base=0.001, sleep=lambda s: None)
    return BatchRunner(llm, poll_first=2.0, poll_max=5.0, sleep=sleeps.append)


def calls(n=3):
    return {f"scene-{i}": Call("You read scripts.", SCRIPT, f"Scene {i}", Facts, "breakdown") for i in range(n)}


def run(runner, batch):
    batch_id = runner.submit(batch)
    runner.wait(batch_id)
    return runner.results(batch_id, batch)


def test_the_batch_request_carries_each_call_with_one_cached_prefix(runner, server):
    outcomes = run(runner, calls())

    (create,) = [r for r in server.requests if r.method == "POST"]
    assert create.path == "/v1/messages/batches" and create.api_key == KEY
    requests = create.body["requests"]
    assert [r["custom_id"] for r in requests] == ["scene-0", "scene-1", "scene-2"]
    for request in requests:
        params = request["params"]
        assert params["model"] == "claude-haiku-4-5" and params["max_tokens"] > 0
        assert params["tool_choice"] == {"type": "tool", "name": "submit_Facts"}
        assert params["system"] == requests[0]["params"]["system"]
        assert params["system"][-1]["cache_control"] == {"type": "ephemeral", "ttl": "1h"}
    assert [r["params"]["messages"][0]["content"] for r in requests] == ["Scene 0", "Scene 1", "Scene 2"]
    assert {k: o.result.value.heading for k, o in outcomes.items()} == {f"scene-{i}": f"Scene {i}" for i in range(3)}
    for outcome in outcomes.values():
        record = outcome.result.record
        assert record.parameters["batch"] is True and record.parameters["cache_ttl"] == "1h"
    usages = [outcomes[f"scene-{i}"].result.usage for i in range(3)]
    assert usages[0]["cache_creation_input_tokens"] > 0
    assert usages[1]["cache_read_input_tokens"] == usages[0]["cache_creation_input_tokens"]


def test_polling_waits_longer_each_time(runner, server, sleeps):
    server.batch_rounds = 4
    batch_id = runner.submit(calls(1))
    seen = []

    status = runner.wait(batch_id, seen.append)

    assert status.ended and status.succeeded == 1
    assert [s.processing_status for s in seen] == ["in_progress"] * 4 + ["ended"]
    assert sleeps == [2.0, 3.0, 4.5, 5.0]  # x1.5, capped at poll_max


def test_each_request_failure_says_what_happened_and_whether_to_send_again(runner, server):
    server.script(
        Step(),
        overloaded(),
        Step(400, "invalid_request_error"),
        expired(),
        canceled(),
        answer({"heading": 3}),
    )

    outcomes = run(runner, calls(6))

    fates = {k: (o.ok, o.send_again, o.problem.split(":")[0]) for k, o in outcomes.items()}
    assert fates == {
        "scene-0": (True, True, ""),
        "scene-1": (False, True, "overloaded_error"),
        "scene-2": (False, False, "invalid_request_error"),
        "scene-3": (False, True, "expired"),
        "scene-4": (False, True, "canceled"),
        "scene-5": (False, True, "the answer did not fit the expected form (heading"),
    }


def test_cancel_and_an_unknown_batch(runner, server):
    server.batch_rounds = 10
    batch = calls(2)
    batch_id = runner.submit(batch)

    runner.cancel(batch_id)

    assert runner.status(batch_id).canceled == 2
    assert all(o.problem == "canceled" for o in runner.results(batch_id, batch).values())
    with pytest.raises(BatchGone):
        runner.status("msgbatch_nonesuch")


def test_custom_ids_follow_the_api_rule(runner):
    with pytest.raises(ValueError, match="custom_id"):
        runner.submit({"scene 1!": calls(1)["scene-0"]})
    with pytest.raises(SlatebookError, match="at least one"):
        runner.submit({})


def test_batch_tokens_cost_half():
    usage = {"input_tokens": 1000, "output_tokens": 1000, "cache_read_input_tokens": 10_000}
    assert cost_of("claude-sonnet-4-6", usage, batch=True) == pytest.approx(cost_of("claude-sonnet-4-6", usage) / 2)
