"""Cost estimates: token heuristic, price lookup, cache and batch arithmetic."""

import pytest

from pipelines.llm.cost import cost_of, estimate_run, estimate_tokens, price_for
from studio.errors import SlatebookError
from studio.settings import DEFAULT_LLM_MODEL


def test_tokens_are_estimated_at_four_characters_each():
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2


def test_longest_prefix_wins_and_the_default_model_is_priced():
    assert price_for("claude-sonnet-4-5-20250929") == (3.0, 15.0)
    assert price_for("claude-sonnet-5-5") == (2.0, 10.0)
    price_for(DEFAULT_LLM_MODEL)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(SlatebookError, match="No price is known") as caught:
        price_for("gpt-4")
    assert "PRICES" in caught.value.hint


def test_reported_usage_is_priced_with_cache_multipliers():
    usage = {
        "input_tokens": 1_000_000,
        "cache_creation_input_tokens": 1_000_000,
        "cache_read_input_tokens": 1_000_000,
        "output_tokens": 1_000_000,
    }
    # Sonnet 4: 3 + 3*1.25 + 3*0.1 + 15
    assert cost_of("claude-sonnet-4-6", usage) == pytest.approx(22.05)
    assert cost_of("claude-sonnet-4-6", usage, batch=True) == pytest.approx(11.025)


def test_a_run_writes_the_cache_once_then_reads_it():
    script = "x" * 4000  # 1000 tokens
    run = estimate_run("claude-haiku-4-5", "", script, ["abcd"] * 10, output_tokens_per_call=100)

    assert (run.calls, run.input_tokens, run.output_tokens) == (10, 10, 1000)
    assert run.cache_write_tokens == 1000 and run.cache_read_tokens == 9000
    expected = (10 * 1 + 1000 * 1.25 + 9000 * 0.1 + 1000 * 5) / 1_000_000
    assert run.usd == pytest.approx(expected)


def test_a_batch_run_is_half_price_but_assumes_no_cache_hits():
    script = "x" * 4000
    batch = estimate_run("claude-haiku-4-5", "", script, ["abcd"] * 10, 100, batch=True)

    assert batch.cache_write_tokens == 10_000 and batch.cache_read_tokens == 0
    expected = (10 * 1 + 10_000 * 1.25 + 1000 * 5) / 1_000_000 / 2
    assert batch.usd == pytest.approx(expected)


def test_an_empty_run_costs_nothing():
    assert estimate_run(DEFAULT_LLM_MODEL, "sys", "script", [], 100).usd == 0
