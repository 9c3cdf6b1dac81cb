"""What a breakdown engine is, and how to get one by name.

An engine reads one scene (with the whole script at hand, for context) and
proposes its breakdown elements. The service saves each scene's answer as it
arrives, so an engine works a scene at a time and never touches the store.
The offline engine needs nothing; the Claude engine needs an API key, which is
handed in here and held only by the engine object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from pipelines.breakdown.categories import CategorySet
from studio.errors import SlatebookError
from studio.models import AIRecord, Element, Scene, Script

EngineName = Literal["offline", "claude"]
ENGINES: tuple[str, ...] = ("offline", "claude")


@dataclass
class SceneBreakdown:
    """One scene's proposed elements and the AI calls that produced them (none offline)."""

    scene_id: str
    elements: list[Element]
    records: list[AIRecord] = field(default_factory=list)


class BreakdownEngine(Protocol):
    name: str

    def break_down_scene(self, script: Script, scene: Scene, categories: CategorySet) -> SceneBreakdown:
        """Elements for `scene`, tagged only with `categories`' visible keys.

        Elements come back with their evidence already checked against the
        scene (pipelines/breakdown/evidence.py), so unverified ones say so.
        """
        ...


def engine_for(name: EngineName | str, *, model: str, api_key: str | None) -> BreakdownEngine:
    """The engine called `name`; engines are imported only when asked for."""
    if name == "offline":
        # Imported here: the offline engine loads a sentence-embedding model,
        # which a Claude run never needs.
        from pipelines.breakdown.offline import OfflineEngine

        return OfflineEngine()
    if name == "claude":
        from pipelines.breakdown.claude_engine import ClaudeEngine

        return ClaudeEngine.with_key(api_key, model=model)
    raise SlatebookError(
        f"There is no breakdown engine called {name!r}.",
        f"Choose one of: {', '.join(ENGINES)}.",
    )
