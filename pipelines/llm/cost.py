"""What a run will cost, said before it starts.

Token counts here are ESTIMATES: about four characters per token for English
prose, which is close enough to decide "run it or not" and nothing more. The
API's own usage figures (in each AIRecord) are the real counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.errors import SlatebookError

# USD per million tokens, by model family (longest matching id prefix wins).
# Source: Anthropic's public pricing page
# (https://platform.claude.com/docs/en/about-claude/pricing), copied by hand
# and not fetched at run time, so it can go stale: edit these figures when the
# page changes, and add a family here before offering a new model.
PRICES: dict[str, tuple[float, float]] = {  # prefix: (input, output)
    "claude-opus-4-5": (5.0, 25.0),
    "claude-opus-4-6": (5.0, 25.0),
    "claude-opus-4-7": (5.0, 25.0),
    "claude-opus-4-8": (5.0, 25.0),
    "claude-opus-5": (5.0, 25.0),
    "claude-sonnet-4": (3.0, 15.0),
    "claude-sonnet-5": (2.0, 10.0),
    "claude-haiku-4": (1.0, 5.0),
}
# Multipliers on the input price, and the batch discount, from the same page.
# A cache read at 0.1x may overstate newer models that read cheaper: an
# estimate should err high, not low.
CACHE_WRITE = 1.25  # 5-minute cache write
# 1-hour cache write: batches use it, as Anthropic advises, because a batch
# can take longer than five minutes and a 5-minute entry would expire mid-way.
CACHE_WRITE_1H = 2.0
CACHE_READ = 0.1
BATCH = 0.5  # the Message Batches API halves every token price
CHARS_PER_TOKEN = 4


@dataclass(frozen=True)
class RunEstimate:
    """An estimated run: tokens by kind, and dollars."""

    calls: int
    input_tokens: int
    cache_write_tokens: int
    cache_read_tokens: int
    output_tokens: int
    usd: float


def estimate_tokens(text: str) -> int:
    """An estimate (chars / 4, rounded up), not a tokenizer count."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def price_for(model: str) -> tuple[float, float]:
    matches = [prefix for prefix in PRICES if model.startswith(prefix)]
    if not matches:
        raise SlatebookError(
            f"No price is known for the model {model!r}.",
            "Add its family to PRICES in pipelines/llm/cost.py from Anthropic's pricing page.",
        )
    return PRICES[max(matches, key=len)]


def estimate_run(
    model: str,
    system: str,
    cached_context: str,
    prompts: list[str],
    output_tokens_per_call: int,
    batch: bool = False,
    batch_cache_shared: bool = False,
) -> RunEstimate:
    """Estimate a run of one call per prompt, all sharing the cached context.

    The first call writes the cache (system + context) and every later call
    reads it, which is how ClaudeLLM sends them. Batched calls may each miss
    the cache (hits in a batch are best-effort), so by default the estimate
    bills them all as writes: it should err high. With `batch_cache_shared`
    it bills a batch like a run, one 1-hour write and then reads: the likely
    figure, to show beside the high one.
    """
    prefix = estimate_tokens(system) + estimate_tokens(cached_context)
    calls = len(prompts)
    writes = calls if batch and not batch_cache_shared else min(calls, 1)
    usage = {
        "input_tokens": sum(estimate_tokens(prompt) for prompt in prompts),
        "cache_creation_input_tokens": prefix * writes,
        "cache_read_input_tokens": prefix * (calls - writes),
        "output_tokens": output_tokens_per_call * calls,
    }
    return RunEstimate(
        calls=calls,
        input_tokens=usage["input_tokens"],
        cache_write_tokens=usage["cache_creation_input_tokens"],
        cache_read_tokens=usage["cache_read_input_tokens"],
        output_tokens=usage["output_tokens"],
        usd=cost_of(model, usage, batch, cache_write=CACHE_WRITE_1H if batch and batch_cache_shared else CACHE_WRITE),
    )


def cost_of(model: str, usage: dict[str, int], batch: bool = False, cache_write: float = CACHE_WRITE) -> float:
    """Dollars for usage the API reported (an AIRecord's usage).

    `cache_write` is the write multiplier of the cache entry's lifetime
    (CACHE_WRITE for 5 minutes, CACHE_WRITE_1H for an hour).
    """
    input_price, output_price = price_for(model)
    usd = (
        usage.get("input_tokens", 0) * input_price
        + usage.get("cache_creation_input_tokens", 0) * input_price * cache_write
        + usage.get("cache_read_input_tokens", 0) * input_price * CACHE_READ
        + usage.get("output_tokens", 0) * output_price
    ) / 1_000_000
    return usd * (BATCH if batch else 1.0)
