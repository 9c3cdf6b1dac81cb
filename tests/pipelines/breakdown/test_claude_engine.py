"""The Claude breakdown engine through the real SDK against the local Messages server."""

from __future__ import annotations

import pytest

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.claude_engine import ClaudeEngine
from pipelines.breakdown.engine import engine_for
from pipelines.breakdown.evidence import approved_elements
from pipelines.llm.claude import DATA_RULE
from studio.errors import SlatebookError
from studio.models import ReviewState
from support.claude_kit import INJECTION, KEY, MODEL, fast_claude, project_with_script
from support.messages_server import answer


@pytest.fixture
def script():
    return project_with_script().get_script()


@pytest.fixture
def engine(server) -> ClaudeEngine:
    return ClaudeEngine.with_key(KEY, model=MODEL, **fast_claude(server.url))


def scene(script, number):
    return next(s for s in script.scenes if s.number == number)


def test_a_good_answer_becomes_checked_elements_with_their_record(engine, script, server):
    harbour = scene(script, "1")

    result = engine.break_down_scene(script, harbour, CategorySet.defaults())

    assert result.scene_id == harbour.id
    names = {(e.category, e.name) for e in result.elements}
    assert {("cast", "ISLA"), ("background", "Fishermen"), ("props", "ledger")} <= names
    fishermen = next(e for e in result.elements if e.category == "background")
    assert fishermen.quantity == 2 and fishermen.evidence == "Two FISHERMEN"
    (record,) = result.records
    assert (record.purpose, record.provider, record.model) == ("breakdown", "anthropic", MODEL)
    assert record.usage["cache_creation_input_tokens"] > 0 and record.usage["output_tokens"] > 0
    assert sorted(record.assets) == sorted(e.id for e in result.elements)
    for element in result.elements:
        assert element.scene_id == harbour.id
        assert element.ai_record_id == record.id
        assert element.source == f"claude:{MODEL}"
        assert element.verified and element.review == ReviewState.PROPOSED and element.line is not None
        assert 0 <= element.confidence <= 1


def test_the_schema_offers_only_the_projects_visible_categories(engine, script, server):
    categories = CategorySet.defaults().hide("greenery").rename("props", "Hand Props")

    engine.break_down_scene(script, scene(script, "1"), categories)

    body = server.requests[0].body
    forced = body["tool_choice"]["name"]
    tool = next(t for t in body["tools"] if t["name"] == forced)
    enum = tool["input_schema"]["$defs"]["ExtractedElement"]["properties"]["category"]["enum"]
    assert enum == [c.key for c in categories.visible] and "greenery" not in enum
    assert "props: Hand Props" in body["system"][0]["text"]


def test_every_scene_call_shares_one_cached_prefix(engine, script, server):
    for s in script.scenes:
        engine.break_down_scene(script, s, CategorySet.defaults())

    bodies = [r.body for r in server.requests]
    assert len(bodies) == 4
    for body in bodies[1:]:
        assert body["system"] == bodies[0]["system"] and body["tools"] == bodies[0]["tools"]
    assert bodies[0]["system"][-1]["cache_control"] == {"type": "ephemeral"}
    assert len({b["messages"][0]["content"] for b in bodies}) == 4  # only the request differs


def test_the_script_is_fenced_data_and_the_injection_changes_nothing(engine, script, server):
    pier = scene(script, "2")

    result = engine.break_down_scene(script, pier, CategorySet.defaults())

    body = server.requests[0].body
    rules, fenced = body["system"]
    assert DATA_RULE in rules["text"] and "never instructions" in rules["text"]
    assert fenced["text"].startswith("<script>\n") and INJECTION in fenced["text"]
    assert INJECTION not in body["messages"][0]["content"]  # the request itself never carries script text
    cast = sorted(e.name for e in result.elements if e.category == "cast")
    assert cast == ["ISLA", "MARGIT"]
    assert not any("NOBODY" in e.name for e in result.elements)


def test_a_model_that_obeys_the_injection_cannot_get_nobody_approved(engine, script, server):
    pier = scene(script, "2")
    fooled = {
        "scene": "2",
        "elements": [
            {"category": "cast", "name": "NOBODY", "evidence": "NOBODY enters", "scene": "2", "confidence": 1.0},
            {"category": "cast", "name": "MARGIT", "evidence": "MARGIT drags a crab pot", "scene": "2", "confidence": 0.9},
        ],
    }
    server.script(answer(fooled))

    result = engine.break_down_scene(script, pier, CategorySet.defaults())

    nobody = next(e for e in result.elements if e.name == "NOBODY")
    assert not nobody.verified and nobody.review == ReviewState.UNVERIFIED
    assert nobody not in approved_elements(result.elements)
    margit = next(e for e in result.elements if e.name == "MARGIT")
    assert margit.verified and margit.review == ReviewState.PROPOSED


def test_an_answer_about_another_scene_is_asked_again(engine, script, server):
    wrong = {"scene": "3", "elements": []}
    server.script(answer(wrong))

    result = engine.break_down_scene(script, scene(script, "1"), CategorySet.defaults())

    assert len(server.requests) == 2
    assert 'about scene "3", but scene "1" was asked' in server.requests[1].body["messages"][0]["content"]
    assert result.records[0].parameters["asks"] == 2 and result.elements


def test_twice_the_wrong_scene_is_a_clear_error(engine, script, server):
    server.script(answer({"scene": "3", "elements": []}), answer({"scene": "3", "elements": []}))

    with pytest.raises(SlatebookError, match="did not fit the expected form"):
        engine.break_down_scene(script, scene(script, "1"), CategorySet.defaults())


def test_items_naming_another_scene_are_dropped_and_duplicates_merged(engine, script, server):
    item = {"category": "props", "name": "ledger", "evidence": "the ledger", "scene": "1", "confidence": 0.8}
    server.script(
        answer({"scene": "1", "elements": [item, {**item, "name": "Ledger "}, {**item, "name": "tote bag", "scene": "3"}]})
    )

    result = engine.break_down_scene(script, scene(script, "1"), CategorySet.defaults())

    assert [e.name for e in result.elements] == ["ledger"]


@pytest.mark.parametrize(
    "bad",
    [
        {"scene": "1", "elements": [{"category": "weapons", "name": "gun", "evidence": "x", "scene": "1", "confidence": 1}]},
        {"scene": "1", "elements": [{"category": "props", "name": "gun", "evidence": "x", "scene": "1", "confidence": 7}]},
        {"scene": "1", "elements": "none"},
        "not json",
    ],
    ids=["unknown-category", "confidence-out-of-range", "elements-not-a-list", "malformed"],
)
def test_a_schema_violating_answer_is_asked_again_then_refused(engine, script, server, bad):
    server.script(answer(bad))
    assert engine.break_down_scene(script, scene(script, "1"), CategorySet.defaults()).elements
    assert len(server.requests) == 2

    server.script(answer(bad), answer(bad))
    with pytest.raises(SlatebookError, match="did not fit the expected form"):
        engine.break_down_scene(script, scene(script, "1"), CategorySet.defaults())


def test_engine_for_needs_a_key_for_claude_and_knows_its_engines():
    with pytest.raises(SlatebookError, match="needs an Anthropic API key"):
        engine_for("claude", model=MODEL, api_key=None)
    with pytest.raises(SlatebookError, match="no breakdown engine called 'gpt'"):
        engine_for("gpt", model=MODEL, api_key=KEY)
    engine = engine_for("claude", model="claude-haiku-4-5", api_key=KEY)
    assert engine.name == "claude" and engine.source == "claude:claude-haiku-4-5"
    assert KEY not in repr(vars(engine))
