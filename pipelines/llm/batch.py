"""Message Batches: many Claude calls sent as one batch, at half the token price.

A batch is created once, polled with a growing interval until it has ended
(Anthropic finishes most within an hour, all within 24), and its results are
read as JSON Lines, matched back to their calls by `custom_id` (results come
in any order). Each request is the very body `ClaudeLLM.complete` would send,
cached system prefix included, and each answer is read by the same code.

A request that failed inside a batch is not a failed batch: its outcome says
what went wrong and whether sending it again may work, and the caller decides.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic

import anthropic

from pipelines.llm.base import LLMResult, T
from pipelines.llm.claude import BadAnswer, Call, ClaudeLLM
from studio.errors import SlatebookError

log = logging.getLogger(__name__)

CUSTOM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # the API's rule for custom_id
MAX_REQUESTS = 100_000  # the API's limit per batch
NOT_RUN = ("canceled", "expired", "not in the batch")  # problems of requests that never ran


@dataclass(frozen=True)
class BatchStatus:
    id: str
    processing_status: str  # "in_progress", "canceling", "ended"
    processing: int
    succeeded: int
    errored: int
    canceled: int
    expired: int

    @property
    def ended(self) -> bool:
        return self.processing_status == "ended"

    @property
    def total(self) -> int:
        return self.processing + self.succeeded + self.errored + self.canceled + self.expired


@dataclass(frozen=True)
class BatchOutcome(Generic[T]):
    """One request's fate: a validated answer, or why there is none.

    `send_again` is true when the request never ran or its failure was the
    service's (canceled, expired, overloaded, a bad answer), so it is worth
    sending again; false when the request itself was refused.
    """

    custom_id: str
    result: LLMResult[T] | None = None
    problem: str = ""
    send_again: bool = True

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def never_ran(self) -> bool:
        """Canceled, expired, or absent from the batch: worth a place in the next batch."""
        return self.problem in NOT_RUN


class BatchRunner:
    """Submit, poll and read Message Batches through one ClaudeLLM's client and model."""

    def __init__(
        self,
        llm: ClaudeLLM,
        *,
        poll_first: float = 5.0,
        poll_max: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        cache_ttl: str = "1h",
    ) -> None:
        self.llm = llm
        # A batch may run longer than five minutes; a 1-hour cache entry keeps
        # the shared script prefix alive for the whole batch.
        self.cache_ttl = cache_ttl
        self.poll_first = poll_first
        self.poll_max = poll_max
        self._sleep = sleep

    def submit(self, calls: Mapping[str, Call[Any]]) -> str:
        """Create one batch of `calls` (keyed by custom_id); returns the batch id."""
        if not calls:
            raise SlatebookError("A batch needs at least one request.")
        if len(calls) > MAX_REQUESTS:
            raise SlatebookError(
                f"A batch holds at most {MAX_REQUESTS} requests; this one has {len(calls)}.",
                "Run the breakdown on part of the script at a time.",
            )
        bad = [custom_id for custom_id in calls if not CUSTOM_ID.match(custom_id)]
        if bad:
            raise ValueError(f"custom_id {bad[0]!r} breaks the API's rule {CUSTOM_ID.pattern}")
        requests = [
            {"custom_id": custom_id, "params": self.llm.request_params(self._batched(call))}
            for custom_id, call in calls.items()
        ]
        batch = self.llm.with_retries(lambda: self.llm.client.messages.batches.create(requests=requests))
        log.info("Message batch %s created with %d requests", batch.id, len(requests))
        return batch.id

    def status(self, batch_id: str) -> BatchStatus:
        def retrieve() -> Any:
            try:
                return self.llm.client.messages.batches.retrieve(batch_id)
            except anthropic.NotFoundError:
                return None

        batch = self.llm.with_retries(retrieve)
        if batch is None:
            raise BatchGone(batch_id)
        counts = batch.request_counts
        return BatchStatus(
            id=batch.id,
            processing_status=batch.processing_status,
            processing=counts.processing,
            succeeded=counts.succeeded,
            errored=counts.errored,
            canceled=counts.canceled,
            expired=counts.expired,
        )

    def wait(self, batch_id: str, on_poll: Callable[[BatchStatus], None] = lambda status: None) -> BatchStatus:
        """Poll until the batch has ended, waiting longer each time (up to `poll_max`).

        `on_poll` sees every status; raising from it (a cancelled job) stops
        the wait and leaves the batch running, so it can be picked up again.
        """
        interval = self.poll_first
        while True:
            status = self.status(batch_id)
            on_poll(status)
            if status.ended:
                return status
            self._sleep(interval)
            interval = min(self.poll_max, interval * 1.5)

    def cancel(self, batch_id: str) -> None:
        """Ask the API to stop the batch; what already finished stays readable."""
        try:
            self.llm.with_retries(lambda: self.llm.client.messages.batches.cancel(batch_id))
        except SlatebookError as err:
            log.warning("Could not cancel message batch %s: %s", batch_id, err)

    def results(self, batch_id: str, calls: Mapping[str, Call[Any]]) -> dict[str, BatchOutcome[Any]]:
        """Every call's outcome in an ended batch; a call the results omit counts as not run."""
        try:
            lines = self.llm.with_retries(lambda: list(self.llm.client.messages.batches.results(batch_id)))
        except anthropic.AnthropicError as err:  # no results_url: the batch has not ended
            raise SlatebookError(f"The batch's results are not ready ({err}).", "Wait for it to end.") from None
        outcomes: dict[str, BatchOutcome[Any]] = {}
        for line in lines:
            call = calls.get(line.custom_id)
            if call is None:
                log.warning("Message batch %s returned an unknown custom_id %r", batch_id, line.custom_id)
                continue
            outcomes[line.custom_id] = self._outcome(line.custom_id, call, line.result)
        for custom_id in calls:
            outcomes.setdefault(custom_id, BatchOutcome(custom_id, problem="not in the batch"))
        return outcomes

    def _batched(self, call: Call[Any]) -> Call[Any]:
        return replace(call, cache_ttl=self.cache_ttl)

    def _outcome(self, custom_id: str, call: Call[Any], result: Any) -> BatchOutcome[Any]:
        kind = getattr(result, "type", "")
        if kind == "succeeded":
            try:
                answer = self.llm.answer_from(self._batched(call), result.message, batch=True)
            except BadAnswer as bad:
                return BatchOutcome(custom_id, problem=f"the answer did not fit the expected form ({bad})")
            return BatchOutcome(custom_id, result=answer)
        if kind == "errored":
            error = getattr(getattr(result, "error", None), "error", None)
            error_type = getattr(error, "type", "") or "error"
            message = getattr(error, "message", "") or ""
            # invalid_request_error is the request's own fault; the rest (overloaded,
            # api_error, rate limits) are the service's and may pass next time.
            return BatchOutcome(
                custom_id,
                problem=f"{error_type}: {message}".rstrip(": "),
                send_again=error_type != "invalid_request_error",
            )
        return BatchOutcome(custom_id, problem=kind or "unknown result")  # canceled, expired


class BatchGone(SlatebookError):
    """The API no longer knows the batch (deleted, or older than 29 days)."""

    def __init__(self, batch_id: str) -> None:
        super().__init__(f"Message batch {batch_id} is no longer available.", "Its requests will be sent again.")
        self.batch_id = batch_id
