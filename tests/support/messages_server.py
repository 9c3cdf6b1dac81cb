"""A local stand-in for the Anthropic Messages API, for tests of the real SDK.

The SDK sends over httpx2, which httpx mocks do not intercept, so tests point
the real client at this server on 127.0.0.1 instead: the whole HTTP path
(headers, retries, timeouts, error mapping) is then exercised, and no test can
reach the network.

Each test scripts the server's next replies (`server.script(rate_limited(), ...)`);
once the script is used up every request gets a good answer. Every request is
recorded, headers and body, so tests can check what the client really sent.

It also speaks the Message Batches API (create, retrieve, cancel, results as
JSON Lines). A batch's requests take the next scripted steps in request order
when the batch is created; a failing step becomes that request's "errored"
result, and `expired()` / `canceled()` steps its other fates. A batch reports
"in_progress" for `batch_rounds` retrieves, then "ended".
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from datetime import datetime, timedelta, timezone
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any

_DEFAULT = object()  # "answer with the server's answer factory"


@dataclass(frozen=True)
class Step:
    """One scripted reply to POST /v1/messages."""

    status: int = 200
    error_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before replying (a slow server)
    tool_input: Any = _DEFAULT  # what the tool_use block carries
    tool_name: str | None = None  # None: the tool the request forced
    batch_result: str = ""  # "expired" or "canceled": a batch request's fate instead of an answer


def rate_limited(retry_after: str = "0") -> Step:
    return Step(429, "rate_limit_error", {"retry-after": retry_after})


def overloaded() -> Step:
    return Step(529, "overloaded_error")


def server_error() -> Step:
    return Step(500, "api_error")


def unauthorized() -> Step:
    return Step(401, "authentication_error")


def slow(seconds: float) -> Step:
    return Step(delay=seconds)


def answer(tool_input: Any, tool_name: str | None = None) -> Step:
    return Step(tool_input=tool_input, tool_name=tool_name)


def expired() -> Step:
    return Step(batch_result="expired")


def canceled() -> Step:
    return Step(batch_result="canceled")


@dataclass
class Batch:
    id: str
    requests: list[dict[str, Any]]
    results: list[dict[str, Any]]  # one JSONL line each, decided at creation
    rounds_left: int
    created_at: datetime
    cancel_initiated_at: datetime | None = None

    @property
    def ended(self) -> bool:
        return self.rounds_left <= 0


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: Any  # parsed JSON, or None

    @property
    def api_key(self) -> str | None:
        """The key the client sent, in whichever header carries it.

        anthropic SDK 2.x sends `Authorization: Bearer <key>`; older versions
        and the API reference use `x-api-key`. Tests should not care which.
        """
        if "x-api-key" in self.headers:
            return self.headers["x-api-key"]
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token if scheme.lower() == "bearer" else None


class MessagesServer:
    """Use as a context manager: `with MessagesServer() as server: server.url`."""

    def __init__(self, answer_for: Callable[[dict[str, Any]], Any] | None = None) -> None:
        # The good answer's tool input, built from the request body.
        self.answer_for = answer_for or (lambda body: {})
        self.requests: list[Recorded] = []
        self._steps: deque[Step] = deque()
        self._cached_prefixes: set[str] = set()
        self._ids = count(1)
        self.batches: dict[str, Batch] = {}
        self.batch_rounds = 1  # retrieves that report "in_progress" before a batch ends
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True  # a slow reply must not hold up shutdown
        # A short poll keeps shutdown (once per test) from costing half a second.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *steps: Step) -> None:
        with self._lock:
            self._steps.extend(steps)

    def __enter__(self) -> MessagesServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next_step(self) -> Step:
        with self._lock:
            return self._steps.popleft() if self._steps else Step()

    # --- Message Batches

    def _create_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"msgbatch_local_{next(self._ids)}"
        results = [self._batch_result(request) for request in body.get("requests", [])]
        batch = Batch(batch_id, body["requests"], results, self.batch_rounds, datetime.now(timezone.utc))
        with self._lock:
            self.batches[batch_id] = batch
        return self._batch_json(batch)

    def _batch_result(self, request: dict[str, Any]) -> dict[str, Any]:
        step = self._next_step()
        if step.batch_result:
            result: dict[str, Any] = {"type": step.batch_result}
        elif step.status != 200:
            result = {"type": "errored", "error": _error(step.error_type, f"scripted {step.status}")}
        else:
            result = {"type": "succeeded", "message": self._message(request["params"], step)}
        return {"custom_id": request["custom_id"], "result": result}

    def _retrieve_batch(self, batch: Batch) -> dict[str, Any]:
        with self._lock:
            payload = self._batch_json(batch)
            batch.rounds_left -= 1
        return payload

    def _cancel_batch(self, batch: Batch) -> dict[str, Any]:
        with self._lock:
            if not batch.ended:
                # Nothing had run yet: every request is canceled.
                batch.results = [{"custom_id": r["custom_id"], "result": {"type": "canceled"}} for r in batch.results]
                batch.cancel_initiated_at = datetime.now(timezone.utc)
                batch.rounds_left = 0
            return self._batch_json(batch)

    def _batch_json(self, batch: Batch) -> dict[str, Any]:
        counts = dict.fromkeys(("processing", "succeeded", "errored", "canceled", "expired"), 0)
        if batch.ended:
            for line in batch.results:
                counts[line["result"]["type"]] += 1
        else:
            counts["processing"] = len(batch.results)
        stamp = lambda at: at.isoformat().replace("+00:00", "Z") if at else None  # noqa: E731
        return {
            "id": batch.id,
            "type": "message_batch",
            "processing_status": "ended" if batch.ended else "in_progress",
            "request_counts": counts,
            "created_at": stamp(batch.created_at),
            "expires_at": stamp(batch.created_at + timedelta(hours=24)),
            "ended_at": stamp(datetime.now(timezone.utc)) if batch.ended else None,
            "cancel_initiated_at": stamp(batch.cancel_initiated_at),
            "archived_at": None,
            "results_url": f"{self.url}/v1/messages/batches/{batch.id}/results" if batch.ended else None,
        }

    def _message(self, body: dict[str, Any], step: Step) -> dict[str, Any]:
        forced = (body.get("tool_choice") or {}).get("name", "answer")
        tool_input = self.answer_for(body) if step.tool_input is _DEFAULT else step.tool_input
        usage = self._usage(body, tool_input)
        return {
            "id": f"msg_local_{next(self._ids)}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", ""),
            "content": [
                {
                    "type": "tool_use",
                    "id": f"toolu_local_{next(self._ids)}",
                    "name": step.tool_name or forced,
                    "input": tool_input,
                }
            ],
            "stop_reason": "tool_use",
            "stop_sequence": None,
            "usage": usage,
        }

    def _usage(self, body: dict[str, Any], tool_input: Any) -> dict[str, int]:
        """Token counts as the API reports them, caching included.

        The prefix is everything up to the last block marked cache_control, in
        the API's order (tools, then system). The first request with a given
        prefix writes it to the cache; later ones read it.
        """
        parts = [*body.get("tools", []), *_blocks(body.get("system"))]
        marked = [i for i, part in enumerate(parts) if "cache_control" in part]
        cut = marked[-1] + 1 if marked else 0
        prefix = json.dumps(parts[:cut], sort_keys=True)
        rest = json.dumps(parts[cut:]) + json.dumps(body.get("messages", []))
        prefix_tokens = len(prefix) // 4 if cut else 0
        with self._lock:
            seen = prefix in self._cached_prefixes
            self._cached_prefixes.add(prefix)
        return {
            "input_tokens": max(1, len(rest) // 4),
            "output_tokens": max(1, len(json.dumps(tool_input)) // 4),
            "cache_creation_input_tokens": 0 if seen else prefix_tokens,
            "cache_read_input_tokens": prefix_tokens if seen else 0,
        }


def _blocks(system: Any) -> list[dict[str, Any]]:
    if isinstance(system, str):
        return [{"type": "text", "text": system}]
    return list(system or [])


def _handler_for(server: MessagesServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the SDK expects

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            body = json.loads(raw) if raw else None
            path = self._record("POST", body)
            if path == "/v1/messages/batches":
                self._send(200, server._create_batch(body))
                return
            if path.startswith("/v1/messages/batches/") and path.endswith("/cancel"):
                batch = server.batches.get(path.split("/")[4])
                if batch is None:
                    self._send(404, _error("not_found_error", f"no batch at {path}"))
                else:
                    self._send(200, server._cancel_batch(batch))
                return
            if path != "/v1/messages":
                self._send(404, _error("not_found_error", f"no route {self.path}"))
                return
            step = server._next_step()
            if step.delay:
                time.sleep(step.delay)
            if step.status != 200:
                self._send(step.status, _error(step.error_type, f"scripted {step.status}"), step.headers)
                return
            self._send(200, server._message(body, step), step.headers)

        def do_GET(self) -> None:  # noqa: N802
            path = self._record("GET", None)
            parts = path.strip("/").split("/")  # v1 messages batches <id> [results]
            batch = server.batches.get(parts[3]) if len(parts) in (4, 5) and parts[:3] == ["v1", "messages", "batches"] else None
            if batch is None:
                self._send(404, _error("not_found_error", f"no route {self.path}"))
            elif len(parts) == 4:
                self._send(200, server._retrieve_batch(batch))
            elif parts[4] == "results" and batch.ended:
                lines = "".join(json.dumps(line) + "\n" for line in batch.results)
                self._send_raw(200, lines.encode("utf-8"), "application/binary")
            else:
                self._send(404, _error("not_found_error", f"no results yet for {batch.id}"))

        def _record(self, method: str, body: Any) -> str:
            server.requests.append(
                Recorded(method, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            return self.path.split("?")[0]

        def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            self._send_raw(status, json.dumps(payload).encode("utf-8"), "application/json", headers)

        def _send_raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                self.send_header("request-id", "req_local")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean; requests are recorded instead

    return Handler


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}
