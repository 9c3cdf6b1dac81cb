"""The breakdown as a job: extract each scene, review it, rebuild the cast list.

One work function (`make_breakdown_work`) serves the page (on a background
thread) and the CLI (`run_breakdown`, in the foreground). It saves each scene
as soon as it is finished, elements and AIRecords together, and writes the
finished scene ids into the job's result, so a run that was cancelled, failed
(an expired key, the API overloaded) or cut off resumes with only what is left.

A run never clobbers a person's work. In each scene it replaces only the
elements this same engine proposed earlier that nobody has reviewed; accepted,
rejected, edited and hand-added elements stay, and a proposal equal to one of
them (same category, same name) is not added again.

The API key lives in the work function's closure and in the engine's SDK
client: never in job params, the store, a log or an export.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

from pipelines.breakdown.cast import build_cast
from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.engine import ENGINES, BreakdownEngine, SceneBreakdown, engine_for
from pipelines.breakdown.evidence import normalise
from pipelines.breakdown.prompts import answer_schemas, review_prompt, scene_prompt, script_context, system_prompt
from pipelines.breakdown.review import UNREVIEWED, ReviewOutcome, Reviewer, review_label
from pipelines.llm.base import LLMResult
from pipelines.llm.batch import BatchGone, BatchRunner, BatchStatus
from pipelines.llm.claude import Call, ClaudeLLM
from pipelines.llm.cost import CACHE_WRITE, CACHE_WRITE_1H, RunEstimate, cost_of, estimate_run
from studio import jobs
from studio.errors import SlatebookError
from studio.models import AIRecord, Element, Job, Scene, Script
from studio.settings import DEFAULT_LLM_MODEL
from studio.store.base import ProjectRepository

log = logging.getLogger(__name__)

BREAKDOWN_JOB = "breakdown"
PURPOSES = ("breakdown", "breakdown review")
# Calls in flight at once on the per-call path: enough to hide the API's
# latency, few enough to stay clear of the usual rate limits.
CONCURRENCY = 4
# Rough answer sizes, for estimates only (about a dozen elements a scene).
OUTPUT_TOKENS = {"breakdown": 900, "breakdown review": 350}
REVIEW_LISTING_TOKENS = 350


# --- parameters


@dataclass(frozen=True)
class BreakdownParams:
    """A run's choices, as stored in the job row (never a key)."""

    engine: str = "offline"
    model: str = ""
    batch: bool = False
    review: bool = False
    cross_review_model: str = ""
    scene_ids: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise SlatebookError(f"There is no breakdown engine called {self.engine!r}.", f"Choose one of: {', '.join(ENGINES)}.")

    @property
    def claude_model(self) -> str:
        return self.model or DEFAULT_LLM_MODEL

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "model": self.claude_model if self.engine == "claude" else "",
            "batch": self.batch,
            "review": self.review,
            "cross_review_model": self.cross_review_model,
            "scene_ids": list(self.scene_ids) if self.scene_ids is not None else None,
        }

    @classmethod
    def from_dict(cls, params: dict[str, Any]) -> BreakdownParams:
        ids = params.get("scene_ids")
        return cls(
            engine=str(params.get("engine") or "offline"),
            model=str(params.get("model") or ""),
            batch=bool(params.get("batch")),
            review=bool(params.get("review")),
            cross_review_model=str(params.get("cross_review_model") or ""),
            scene_ids=tuple(ids) if ids is not None else None,
        )


def breakdown_params(
    *,
    engine: str = "offline",
    model: str = "",
    batch: bool = False,
    review: bool = False,
    cross_review_model: str = "",
    scene_ids: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Job params for `start_job(repo, BREAKDOWN_JOB, params, work)`, checked."""
    ids = tuple(scene_ids) if scene_ids is not None else None
    return BreakdownParams(engine, model, batch, review, cross_review_model, ids).as_dict()


# --- starting and running


def start_breakdown(
    repo: ProjectRepository, params: dict[str, Any], api_key: str | None, *, background: bool = True, **options: Any
) -> Job:
    """Start a breakdown job (the page's entry point); `options` as for make_breakdown_work."""
    checked = BreakdownParams.from_dict(params)
    _need_key(checked, api_key)
    return jobs.start_job(repo, BREAKDOWN_JOB, checked.as_dict(), make_breakdown_work(api_key, **options), background=background)


def run_breakdown(
    repo: ProjectRepository,
    *,
    engine: str = "offline",
    model: str = "",
    api_key: str | None = None,
    batch: bool = False,
    review: bool = False,
    cross_review_model: str = "",
    scene_ids: Iterable[str] | None = None,
    **options: Any,
) -> Job:
    """Run a breakdown in the foreground (the CLI) and return the finished job.

    When the latest breakdown job stopped (failed, cancelled, interrupted)
    with these same choices, it is resumed instead, so running the command
    again after an expired key or a dropped connection does only what is left.
    """
    params = breakdown_params(
        engine=engine, model=model, batch=batch, review=review, cross_review_model=cross_review_model, scene_ids=scene_ids
    )
    _need_key(BreakdownParams.from_dict(params), api_key)
    work = make_breakdown_work(api_key, **options)
    last = jobs.latest_job(repo, BREAKDOWN_JOB)
    if last is not None and last.resumable and last.params == params:
        return jobs.resume_job(repo, last.id, work, background=False)
    return jobs.start_job(repo, BREAKDOWN_JOB, params, work, background=False)


def make_breakdown_work(
    api_key: str | None,
    *,
    claude_options: dict[str, Any] | None = None,
    batch_options: dict[str, Any] | None = None,
    concurrency: int = CONCURRENCY,
) -> jobs.Work:
    """The job work function, holding `api_key` in its closure only.

    `claude_options` go to each ClaudeLLM (timeout, max_retries, backoff_base,
    base_url, sleep), `batch_options` to the BatchRunner (poll_first,
    poll_max, sleep): tests and benchmarks make them fast.
    """

    def work(repo: ProjectRepository, ctx: jobs.JobContext, params: dict[str, Any]) -> dict[str, Any]:
        run = _Run(repo, ctx, BreakdownParams.from_dict(params), api_key, claude_options or {}, batch_options or {}, concurrency)
        return run.execute()

    return work


def _need_key(params: BreakdownParams, api_key: str | None) -> None:
    if params.engine == "claude" and not api_key:
        raise SlatebookError(
            "The Claude engine needs an Anthropic API key, and none is set.",
            "Set ANTHROPIC_API_KEY (or add it to .streamlit/secrets.toml), or use the offline engine.",
        )


# --- the run


class _Run:
    """One execution of the work function: the scenes to do and how to save each."""

    def __init__(
        self,
        repo: ProjectRepository,
        ctx: jobs.JobContext,
        params: BreakdownParams,
        api_key: str | None,
        claude_options: dict[str, Any],
        batch_options: dict[str, Any],
        concurrency: int,
    ) -> None:
        self.repo, self.ctx, self.params = repo, ctx, params
        self.api_key = api_key
        self.claude_options, self.batch_options = claude_options, batch_options
        self.concurrency = max(1, concurrency)
        script = repo.get_script()
        if script is None or not script.active_scenes:
            raise SlatebookError("This project has no script to break down yet.", "Import a screenplay on the Script page first.")
        self.script: Script = script
        self.scenes = _selected(script, params.scene_ids)
        self.categories = CategorySet.from_settings(repo.get_project().settings)
        self.result: dict[str, Any] = dict(ctx.job.result)
        self.result.setdefault("done", [])
        self.result.setdefault("reviewed", {})

    def execute(self) -> dict[str, Any]:
        p = self.params
        self.result["engine"] = p.engine
        self.result["scenes"] = len(self.scenes)
        _need_key(p, self.api_key)
        if p.engine == "claude":
            engine: BreakdownEngine = self._claude_engine(p.claude_model)
        else:
            engine = engine_for(p.engine, model=p.model, api_key=None)
        reviewers = self._reviewers(engine)
        share = 0.9 / (1 + len(reviewers))
        self._extract(engine, share)
        for i, reviewer in enumerate(reviewers, start=1):
            self._review(reviewer, share * i, share)
        if p.engine != "claude" and (p.review or p.cross_review_model):
            self.result["review_note"] = "The offline engine has no review pass; review and cross-review apply to Claude."
        self._progress(0.95, "Updating the cast list and story days…")
        self._finish()
        self.result["message"] = self._summary()
        self._progress(1.0, self.result["message"])
        return self.result

    # --- engines

    def _claude_engine(self, model: str) -> Any:
        from pipelines.breakdown.claude_engine import ClaudeEngine

        return ClaudeEngine.with_key(self.api_key, model=model, **self.claude_options)

    def _reviewers(self, engine: BreakdownEngine) -> list[Reviewer]:
        p = self.params
        if p.engine != "claude":
            return []
        reviewers = []
        if p.review:
            reviewers.append(Reviewer(engine.llm, review_label(p.claude_model, p.claude_model)))  # type: ignore[attr-defined]
        if p.cross_review_model and p.cross_review_model != p.claude_model:
            llm = ClaudeLLM(self.api_key or "", p.cross_review_model, **self.claude_options)
            reviewers.append(Reviewer(llm, review_label(p.cross_review_model, p.claude_model)))
        return reviewers

    # --- extraction

    def _extract(self, engine: BreakdownEngine, share: float) -> None:
        done = set(self.result["done"])
        todo = [s for s in self.scenes if s.id not in done]
        total = len(self.scenes)

        def save(scene: Scene, breakdown: SceneBreakdown) -> None:
            kept = save_scene_breakdown(self.repo, scene, breakdown, source=_source(engine))
            self.result["done"] = [*self.result["done"], scene.id]
            n = len(self.result["done"])
            self._progress(share * n / total, f"Broke down scene {scene.number} ({n} of {total}): {kept} elements proposed")

        self._progress(share * (total - len(todo)) / total, f"Breaking down {len(todo)} of {total} scenes…")
        if not todo:
            return
        if self.params.engine == "claude" and self.params.batch:
            leftover = self._batched(
                "extract",
                todo,
                engine.llm,  # type: ignore[attr-defined]
                lambda scene: engine.scene_call(self.script, scene, self.categories),  # type: ignore[attr-defined]
                lambda scene, result: save(scene, engine.breakdown_from(scene, result)),  # type: ignore[attr-defined]
                "Breaking down",
            )
            todo = leftover
        self._each(
            todo,
            lambda scene: engine.break_down_scene(self.script, scene, self.categories),
            save,
            # The offline engine shares one embedding model, and a first Claude
            # call must write the cache before the others can read it.
            parallel=self.params.engine == "claude",
        )

    # --- review

    def _review(self, reviewer: Reviewer, start: float, share: float) -> None:
        done = set(self.result["reviewed"].get(reviewer.label, []))
        todo = [s for s in self.scenes if s.id not in done]
        total = len(self.scenes)

        def save(scene: Scene, outcome: ReviewOutcome) -> None:
            added, doubted = save_review(self.repo, scene, outcome, reviewer.label)
            ids = [*self.result["reviewed"].get(reviewer.label, []), scene.id]
            self.result["reviewed"] = {**self.result["reviewed"], reviewer.label: ids}
            self._progress(
                start + share * len(ids) / total,
                f"{reviewer.label.capitalize()} of scene {scene.number}: {added} suggested, {doubted} doubted",
            )

        def shown(scene: Scene) -> list[Element]:
            return _review_input(self.repo.list_elements(scene.id), reviewer.label)

        if not todo:
            return
        if self.params.batch:
            todo = self._batched(
                f"review:{reviewer.label}",
                todo,
                reviewer.llm,
                lambda scene: reviewer.review_call(self.script, scene, shown(scene), self.categories),
                lambda scene, result: save(scene, reviewer.outcome(scene, shown(scene), result)),
                reviewer.label.capitalize(),
            )
        # The elements each review sees are read here, on the job's thread.
        inputs = {scene.id: shown(scene) for scene in todo}
        self._each(
            todo,
            lambda scene: reviewer.review_scene(self.script, scene, inputs[scene.id], self.categories),
            save,
            parallel=True,
        )

    # --- sending: one call per scene, or one batch

    def _each(self, scenes: list[Scene], do: Callable[[Scene], Any], save: Callable[[Scene, Any], None], parallel: bool) -> None:
        """`do` each scene and `save` each answer on this thread as it arrives.

        In parallel the first scene goes alone, so its call writes the cached
        prefix that the calls after it read. On any stop (a cancel, an error)
        answers already received are saved before the stop goes on.
        """
        if not scenes:
            return
        if not parallel or self.concurrency == 1 or len(scenes) == 1:
            for scene in scenes:
                self.ctx.check()
                save(scene, do(scene))
            return
        first, rest = scenes[0], scenes[1:]
        self.ctx.check()
        save(first, do(first))
        with ThreadPoolExecutor(self.concurrency, thread_name_prefix="breakdown-call") as pool:
            pending: dict[Future[Any], Scene] = {}
            queue = list(rest)
            try:
                while queue or pending:
                    while queue and len(pending) < self.concurrency:
                        scene = queue.pop(0)
                        pending[pool.submit(do, scene)] = scene
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        scene = pending.pop(future)
                        save(scene, future.result())
            except BaseException:
                queue.clear()
                for future in list(pending):
                    future.cancel()
                for future, scene in pending.items():
                    # What already came back was paid for: keep it.
                    if not future.cancelled() and future.exception() is None:
                        try:
                            save(scene, future.result())
                        except jobs.JobCancelled:
                            pass
                raise

    def _batched(
        self,
        phase: str,
        scenes: list[Scene],
        llm: ClaudeLLM,
        call_for: Callable[[Scene], Call[Any]],
        save: Callable[[Scene, LLMResult[Any]], None],
        noun: str,
    ) -> list[Scene]:
        """Send `scenes` as Message Batches; returns the scenes to send one by one.

        A batch already submitted by an earlier attempt of this job is read
        first (its id is in the job result), so a resume never pays twice.
        Requests that never ran (canceled, expired, or not in a resumed batch)
        get one new batch; a request the batch could not answer falls back to
        a single call.
        """
        runner = BatchRunner(llm, **self.batch_options)
        by_id = {scene.id: scene for scene in scenes}
        left = list(scenes)
        fallback: list[Scene] = []
        saved_batch = self.result.get("batches", {}).get(phase)
        for _ in range(2 if saved_batch is None else 3):
            if not left:
                break
            calls = {scene.id: call_for(scene) for scene in left}
            batch_id = saved_batch or runner.submit(calls)
            saved_batch = None
            self._remember_batch(phase, batch_id)
            try:
                runner.wait(batch_id, lambda status: self._batch_progress(noun, status))
            except BatchGone:
                self._remember_batch(phase, None)
                continue
            except jobs.JobCancelled:
                # Stop spending: what finished stays readable, and a resume reads it.
                runner.cancel(batch_id)
                raise
            outcomes = runner.results(batch_id, calls)
            again = []
            for custom_id, outcome in outcomes.items():
                scene = by_id[custom_id]
                if outcome.ok:
                    save(scene, outcome.result)  # type: ignore[arg-type]
                elif outcome.never_ran:
                    again.append(scene)
                else:
                    log.warning("batch %s: scene %s came back without an answer (%s)", batch_id, scene.number, outcome.problem)
                    fallback.append(scene)
            self._remember_batch(phase, None)
            left = again
        order = {scene.id: i for i, scene in enumerate(scenes)}
        return sorted(fallback + left, key=lambda scene: order[scene.id])

    def _remember_batch(self, phase: str, batch_id: str | None) -> None:
        batches = {k: v for k, v in self.result.get("batches", {}).items() if k != phase}
        if batch_id:
            batches[phase] = batch_id
        self.result["batches"] = batches
        self._progress(self.ctx.job.progress, "")

    def _batch_progress(self, noun: str, status: BatchStatus) -> None:
        finished = status.total - status.processing
        self.ctx.progress(
            self.ctx.job.progress,
            f"{noun}: batch {status.id} at half price, {finished} of {status.total} requests finished "
            f"({status.processing_status.replace('_', ' ')})",
        )

    # --- after the scenes

    def _finish(self) -> None:
        scenes = self.repo.get_script().scenes  # type: ignore[union-attr]
        self.repo.save_characters(build_cast(scenes, self.repo.list_characters()))
        filled = apply_story_days(self.repo, scenes)
        if filled:
            self.result["story_days_filled"] = filled

    def _progress(self, fraction: float, message: str) -> None:
        # The result goes onto the job before the cancel check inside progress():
        # a scene saved just before a cancel is then recorded as done.
        self.ctx.job.result = {**self.ctx.job.result, **self.result}
        self.ctx.progress(fraction, message)

    def _summary(self) -> str:
        elements = [e for e in self.repo.list_elements() if e.scene_id in {s.id for s in self.scenes}]
        unverified = sum(1 for e in elements if not e.verified)
        suggested = sum(1 for e in elements if e.suggested_by and e.review in UNREVIEWED)
        text = f"Broke down {len(self.result['done'])} scenes: {len(elements)} elements, {unverified} unverified"
        return text + (f", {suggested} review suggestions" if suggested else "") + "."


def _selected(script: Script, scene_ids: tuple[str, ...] | None) -> list[Scene]:
    scenes = script.active_scenes
    if scene_ids is None:
        return scenes
    wanted = set(scene_ids)
    chosen = [s for s in scenes if s.id in wanted]
    if not chosen:
        raise SlatebookError("None of the chosen scenes is in the current draft.", "Pick scenes from the scene list again.")
    return chosen


def _source(engine: BreakdownEngine) -> str:
    return getattr(engine, "source", engine.name)


# --- saving a scene without clobbering a person's work


def _key(element: Element) -> tuple[str, str]:
    return element.category, normalise(element.name)


def save_scene_breakdown(repo: ProjectRepository, scene: Scene, breakdown: SceneBreakdown, *, source: str) -> int:
    """Store a scene's fresh extraction; returns how many elements it added.

    Replaced: this source's earlier proposals nobody reviewed (suggestions
    included). Kept: everything else. Skipped: a fresh element equal to a kept
    one. New elements are saved before stale ones are deleted, so a crash in
    between leaves duplicates that the next run replaces, never a gap.
    """
    existing = repo.list_elements(scene.id)
    stale = [e for e in existing if e.source == source and e.review in UNREVIEWED]
    kept = {_key(e) for e in existing if e not in stale}
    fresh = [e for e in breakdown.elements if _key(e) not in kept]
    for record in breakdown.records:
        repo.add_ai_record(record)
    repo.save_elements(fresh)
    repo.delete_elements([e.id for e in stale])
    return len(fresh)


def _review_input(elements: list[Element], label: str) -> list[Element]:
    """What a reviewer is shown: the scene's elements without its own earlier, unreviewed suggestions."""
    return [e for e in elements if not (e.suggested_by == label and e.review in UNREVIEWED)]


def save_review(repo: ProjectRepository, scene: Scene, outcome: ReviewOutcome, label: str) -> tuple[int, int]:
    """Store a review's findings; returns (suggestions added, elements doubted).

    Doubts are written onto the elements as they are now, and only onto those
    still unreviewed: a person may have accepted one while the review ran.
    """
    current = {e.id: e for e in repo.list_elements(scene.id)}
    stale = [e for e in current.values() if e.suggested_by == label and e.review in UNREVIEWED]
    kept = {_key(e) for e in current.values() if e not in stale}
    added = [e for e in outcome.suggestions if _key(e) not in kept]
    doubted = [
        current[e.id].model_copy(update={"doubt": e.doubt})
        for e in outcome.doubted
        if e.id in current and current[e.id].review in UNREVIEWED
    ]
    repo.add_ai_record(outcome.record)
    repo.save_elements(added + doubted)
    repo.delete_elements([e.id for e in stale])
    return len(added), len(doubted)


# --- story days


def apply_story_days(repo: ProjectRepository, scenes: list[Scene]) -> int:
    """Fill the story day of scenes that have none from the script's own clues; returns how many.

    A story day a person wrote is never replaced.
    """
    from pipelines.breakdown.story_days import infer_story_days

    inferred = infer_story_days(scenes)
    filled = 0
    for scene in scenes:
        if scene.id in inferred and not scene.story_day.strip():
            repo.save_scene(scene.model_copy(update={"story_day": str(inferred[scene.id])}))
            filled += 1
    return filled


# --- estimates and usage


@dataclass(frozen=True)
class BreakdownEstimate:
    """Tokens and dollars a run is expected to take, before it starts (estimates)."""

    engine: str
    model: str
    batch: bool
    calls: int = 0
    input_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    output_tokens: int = 0
    usd: float = 0.0  # the likely figure: the script cached once, then read
    usd_high: float = 0.0  # if no call found the cache (possible in a batch)
    usd_without_batch: float = 0.0  # the same run sent call by call, for comparison


def estimate_breakdown(
    repo: ProjectRepository,
    engine: str,
    model: str = "",
    batch: bool = False,
    *,
    review: bool = False,
    cross_review_model: str = "",
    scene_ids: Iterable[str] | None = None,
) -> BreakdownEstimate:
    """What a run will cost, from the script's size (about 4 characters a token).

    Scenes already finished by a stopped job are not left out: this is the
    price of a new run.
    """
    params = BreakdownParams.from_dict(
        breakdown_params(engine=engine, model=model, batch=batch, review=review, cross_review_model=cross_review_model, scene_ids=scene_ids)
    )
    if params.engine != "claude":
        return BreakdownEstimate(engine=params.engine, model="", batch=False)
    script = repo.get_script()
    if script is None or not script.active_scenes:
        raise SlatebookError("This project has no script to break down yet.", "Import a screenplay on the Script page first.")
    scenes = _selected(script, params.scene_ids)
    categories = CategorySet.from_settings(repo.get_project().settings)
    # The tools are part of the cached prefix, so they count with the system prompt.
    system = system_prompt(categories) + json.dumps([s.model_json_schema() for s in answer_schemas(categories)])
    context = script_context(script)
    # A review prompt lists the scene's elements, unknown before the run: a typical listing's size.
    review_prompts = [review_prompt(s, [], categories) + "x" * REVIEW_LISTING_TOKENS * 4 for s in scenes]
    passes = [(params.claude_model, "breakdown", [scene_prompt(s) for s in scenes])]
    if params.review:
        passes.append((params.claude_model, "breakdown review", review_prompts))
    if params.cross_review_model and params.cross_review_model != params.claude_model:
        passes.append((params.cross_review_model, "breakdown review", review_prompts))
    likely_runs, high_runs, single_runs = [], [], []
    cached_models: set[str] = set()
    for pass_model, purpose, prompts in passes:
        def run(batched: bool, shared: bool) -> RunEstimate:
            estimate = estimate_run(pass_model, system, context, prompts, OUTPUT_TOKENS[purpose], batched, shared)
            # Extraction and self-review share one cache entry: only a model's first pass writes it.
            return _all_reads(pass_model, estimate, batched) if pass_model in cached_models else estimate

        likely_runs.append(run(batch, True))
        high_runs.append(run(batch, False))
        single_runs.append(run(False, False))
        cached_models.add(pass_model)
    return BreakdownEstimate(
        engine="claude",
        model=params.claude_model,
        batch=batch,
        calls=sum(r.calls for r in likely_runs),
        input_tokens=sum(r.input_tokens for r in likely_runs),
        cache_write_tokens=sum(r.cache_write_tokens for r in likely_runs),
        cache_read_tokens=sum(r.cache_read_tokens for r in likely_runs),
        output_tokens=sum(r.output_tokens for r in likely_runs),
        usd=sum(r.usd for r in likely_runs),
        usd_high=sum(r.usd for r in high_runs),
        usd_without_batch=sum(r.usd for r in single_runs),
    )


def _all_reads(model: str, run: RunEstimate, batch: bool) -> RunEstimate:
    """`run` with its cache writes turned into reads: an earlier pass wrote the prefix."""
    usage = {
        "input_tokens": run.input_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": run.cache_read_tokens + run.cache_write_tokens,
        "output_tokens": run.output_tokens,
    }
    return replace(run, cache_write_tokens=0, cache_read_tokens=usage["cache_read_input_tokens"], usd=cost_of(model, usage, batch))


@dataclass(frozen=True)
class ModelUsage:
    model: str
    calls: int = 0
    batched_calls: int = 0
    input_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    output_tokens: int = 0
    usd: float = 0.0


@dataclass(frozen=True)
class UsageSummary:
    """What the breakdown's AI calls took, from the AIRecords the API's usage filled in."""

    calls: int = 0
    batched_calls: int = 0
    input_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    output_tokens: int = 0
    usd: float = 0.0
    by_model: list[ModelUsage] = field(default_factory=list)

    @property
    def cached_share(self) -> float:
        """Of all input tokens, the share read from the cache."""
        total = self.input_tokens + self.cache_write_tokens + self.cache_read_tokens
        return self.cache_read_tokens / total if total else 0.0


def usage_summary(repo: ProjectRepository, records: Iterable[AIRecord] | None = None) -> UsageSummary:
    """Totals over the project's breakdown and review calls (or over `records`)."""
    rows: dict[str, dict[str, Any]] = {}
    for record in repo.list_ai_records() if records is None else records:
        if record.purpose not in PURPOSES or record.provider != "anthropic":
            continue
        row = rows.setdefault(record.model, {"calls": 0, "batched": 0, "in": 0, "write": 0, "read": 0, "out": 0, "usd": 0.0})
        batched = bool(record.parameters.get("batch"))
        write = CACHE_WRITE_1H if record.parameters.get("cache_ttl") == "1h" else CACHE_WRITE
        row["calls"] += 1
        row["batched"] += batched
        row["in"] += record.usage.get("input_tokens", 0)
        row["write"] += record.usage.get("cache_creation_input_tokens", 0)
        row["read"] += record.usage.get("cache_read_input_tokens", 0)
        row["out"] += record.usage.get("output_tokens", 0)
        try:
            row["usd"] += cost_of(record.model, record.usage, batched, cache_write=write)
        except SlatebookError:
            pass  # a model without a known price: its tokens still count
    by_model = [
        ModelUsage(model, r["calls"], r["batched"], r["in"], r["write"], r["read"], r["out"], r["usd"]) for model, r in rows.items()
    ]
    return UsageSummary(
        calls=sum(m.calls for m in by_model),
        batched_calls=sum(m.batched_calls for m in by_model),
        input_tokens=sum(m.input_tokens for m in by_model),
        cache_write_tokens=sum(m.cache_write_tokens for m in by_model),
        cache_read_tokens=sum(m.cache_read_tokens for m in by_model),
        output_tokens=sum(m.output_tokens for m in by_model),
        usd=sum(m.usd for m in by_model),
        by_model=by_model,
    )


__all__ = [
    "BREAKDOWN_JOB",
    "BreakdownEstimate",
    "BreakdownParams",
    "UsageSummary",
    "breakdown_params",
    "estimate_breakdown",
    "make_breakdown_work",
    "run_breakdown",
    "start_breakdown",
    "usage_summary",
]
