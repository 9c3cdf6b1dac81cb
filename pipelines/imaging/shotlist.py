"""A shot list per scene: offline coverage rules, or Claude when a key is set.

The offline rules board a scene the way a first AD's coverage plan does:
establish a new place, play it in a master, then cover it — over-the-shoulders
for a two-hander, a single on each speaking character, an insert on each key
prop the approved breakdown lists. Screen time comes from the page count
(a page is about a minute), shared out by who talks most.

Claude's shot list is schema-checked, and nothing in it may invent the scene:
characters must be in the scene and a dialogue excerpt must be found in it.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from pipelines.breakdown.evidence import approved_elements, find_evidence
from pipelines.llm.base import LLM
from pipelines.imaging.prompts import screenplay_text
from studio.errors import SlatebookError
from studio.models import AIRecord, Element, IntExt, LineKind, Scene, Script, Shot
from studio.models.imaging import ShotSize
from studio.store.base import ProjectRepository

SECONDS_PER_EIGHTH = 7.5  # one page, one minute of screen time
ESTABLISHING_S = 4.0
INSERT_S = 2.0
MIN_SHOT_S = 1.5
# Focal lengths (full-frame equivalent) a DP would reach for at each size.
LENS_FOR = {
    ShotSize.EWS: 18,
    ShotSize.WS: 24,
    ShotSize.MWS: 32,
    ShotSize.MS: 40,
    ShotSize.MCU: 50,
    ShotSize.CU: 85,
    ShotSize.ECU: 100,
}
EXCERPT_CHARS = 90
_OFFSCREEN = re.compile(r"\((?:V\.?\s*O|O\.?\s*S|O\.?\s*C)\.?\)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


# --- offline coverage rules


def coverage_shots(
    scene: Scene,
    previous: Scene | None = None,
    elements: list[Element] | None = None,
    cast: list[str] | None = None,
) -> list[Shot]:
    """The offline shot list for `scene`; `previous` is the scene before it in the draft.

    `elements` are the scene's breakdown elements (only accepted props become
    inserts); `cast` is every speaking name in the script, to notice who is in
    a scene without a line.
    """
    on_screen = on_screen_speakers(scene)
    # A scene without a line is about whoever its action names first (others may
    # only be mentioned: a face in a photograph, a name on a list).
    present = on_screen or mentioned_characters(scene, cast or [])[:1]
    setting = scene.location or scene.heading
    shots: list[Shot] = []
    roles: list[str] = []

    def add(role: str, size: ShotSize, subject: str, action: str, *, angle: str = "eye level",
            movement: str = "static", dialogue: str = "", characters: list[str] | None = None) -> None:
        roles.append(role)
        shots.append(Shot(
            scene_id=scene.id, index=len(shots), size=size, angle=angle, movement=movement,
            lens_mm=LENS_FOR[size], subject=subject, action=action, dialogue=dialogue,
            characters=list(characters or []), source="coverage",
        ))

    moving = "MOVING" in scene.heading.upper()
    exterior = scene.int_ext in (IntExt.EXT, IntExt.INT_EXT)
    establishing = _establishes(scene, previous)
    if establishing:
        add("establishing", ShotSize.EWS if exterior else ShotSize.WS, setting,
            _first_sentence(_action_lines(scene)) or scene.heading,
            angle="high angle" if exterior else "eye level", movement="tracking" if moving else "static")
    # After an interior's wide establishing shot the master can sit tighter.
    wide_master = len(present) > 2 or exterior or not establishing
    add("master", ShotSize.WS if wide_master else ShotSize.MWS, ", ".join(present) or setting, _master_action(scene),
        movement="tracking" if moving else "static", dialogue=_first_dialogue(scene), characters=present)
    if len(on_screen) == 2:
        a, b = on_screen
        add("coverage", ShotSize.MS, f"{b} over {a}'s shoulder", _action_for(scene, b), angle="over the shoulder",
            dialogue=_first_dialogue(scene, b), characters=[a, b])
        add("coverage", ShotSize.MS, f"{a} over {b}'s shoulder", _action_for(scene, a), angle="over the shoulder",
            dialogue=_first_dialogue(scene, a), characters=[b, a])
    lead = max(on_screen, key=lambda name: _words_spoken(scene, name), default=None)
    for name in on_screen:
        add("coverage", ShotSize.CU if name == lead and len(on_screen) > 1 else ShotSize.MCU, name, _action_for(scene, name),
            dialogue=_first_dialogue(scene, name), characters=[name])
    if not on_screen and present:
        add("coverage", ShotSize.MS, present[0], _action_for(scene, present[0]), movement="handheld", characters=[present[0]])
    for prop in key_props(scene, elements or []):
        add("insert", ShotSize.CU, prop.name, prop.evidence or f"Insert: {prop.name}.")
    return _timed(shots, roles, scene)


def on_screen_speakers(scene: Scene) -> list[str]:
    """Speaking characters who are seen: a voice only heard (V.O., O.S.) gets no single."""
    seen: dict[str, bool] = {}
    for line in scene.lines:
        if line.kind == LineKind.CHARACTER and line.character:
            seen[line.character] = seen.get(line.character, False) or not _OFFSCREEN.search(line.text)
    names = [name for name in scene.characters if seen.get(name, True)]
    return names


def mentioned_characters(scene: Scene, cast: list[str]) -> list[str]:
    """Cast members named in the action, first named first (who a silent scene is about)."""
    action = " ".join(_action_lines(scene)).upper()
    found = {name: m.start() for name in cast if (m := re.search(rf"\b{re.escape(name.upper())}\b", action))}
    return sorted(found, key=found.get)


def key_props(scene: Scene, elements: list[Element]) -> list[Element]:
    return [e for e in approved_elements(elements) if e.scene_id == scene.id and e.category == "props"]


def _timed(shots: list[Shot], roles: list[str], scene: Scene) -> list[Shot]:
    """Share the scene's screen time out: fixed beats for the establishing shot and inserts,
    the rest between the master (a third) and the coverage, by words spoken."""
    total = max(scene.eighths * SECONDS_PER_EIGHTH, MIN_SHOT_S * len(shots))
    seconds = {i: ESTABLISHING_S if role == "establishing" else INSERT_S
               for i, role in enumerate(roles) if role in ("establishing", "insert")}
    remaining = max(total - sum(seconds.values()), MIN_SHOT_S)
    coverage = [i for i, role in enumerate(roles) if role == "coverage"]
    master_share = remaining / 3 if coverage else remaining
    seconds.update({i: master_share for i, role in enumerate(roles) if role == "master"})
    # Whoever the shot looks at (the last name in frame) carries its weight.
    weights = {i: 1 + sum(_words_spoken(scene, c) for c in shots[i].characters[-1:]) for i in coverage}
    for i in coverage:
        seconds[i] = (remaining - master_share) * weights[i] / sum(weights.values())
    return [s.model_copy(update={"duration_s": max(MIN_SHOT_S, round(seconds[i] * 2) / 2)}) for i, s in enumerate(shots)]


def _establishes(scene: Scene, previous: Scene | None) -> bool:
    if scene.int_ext == IntExt.EXT:
        return True
    return previous is None or _set(previous) != _set(scene)


def _set(scene: Scene) -> str:
    return (scene.location or scene.heading).split(" - ")[0].strip().upper()


def _action_lines(scene: Scene) -> list[str]:
    return [line.text for line in scene.lines if line.kind == LineKind.ACTION]


def _first_sentence(lines: list[str]) -> str:
    return _excerpt(_SENTENCE.split(lines[0].strip())[0]) if lines else ""


def _master_action(scene: Scene) -> str:
    lines = _action_lines(scene)
    return _excerpt(" ".join(lines[:2])) if lines else "The scene plays in one take."


def _action_for(scene: Scene, name: str) -> str:
    """The first action sentence that names the character, else what they do by speaking."""
    pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    for text in _action_lines(scene):
        for sentence in _SENTENCE.split(text):
            if pattern.search(sentence):
                return _excerpt(sentence)
    return f"{name.title()} speaks." if name in scene.characters else f"{name.title()} in the scene."


def _first_dialogue(scene: Scene, name: str | None = None) -> str:
    for line in scene.lines:
        if line.kind == LineKind.DIALOGUE and (name is None or line.character == name):
            return _excerpt(line.text)
    return ""


def _words_spoken(scene: Scene, name: str) -> int:
    return sum(len(line.text.split()) for line in scene.lines if line.kind == LineKind.DIALOGUE and line.character == name)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


# --- Claude


class ProposedShot(BaseModel):
    size: ShotSize = Field(description="ECU, CU, MCU, MS, MWS, WS or EWS")
    angle: str = Field(default="eye level", max_length=40, description="eye level, high angle, low angle, overhead, over the shoulder, POV, dutch angle")
    movement: str = Field(default="static", max_length=40, description="static, pan, tilt, push in, pull out, dolly, tracking, handheld, crane, Steadicam")
    lens_mm: int | None = Field(default=None, ge=8, le=600)
    subject: str = Field(max_length=120, description="who or what the frame holds")
    action: str = Field(default="", max_length=300, description="what happens in the shot")
    dialogue: str = Field(default="", max_length=300, description="an exact excerpt of the dialogue this shot covers, or empty")
    duration_s: float = Field(gt=0, le=600, description="seconds of screen time")
    characters: list[str] = Field(default_factory=list, description="scene characters in frame, as the script names them")


class ProposedShotList(BaseModel):
    """The shot list for one scene, in shooting-script order."""

    shots: list[ProposedShot] = Field(min_length=1, max_length=40)


SHOTLIST_SYSTEM = (
    "You are a director and storyboard artist preparing a shot list. Cover each scene as a professional "
    "crew would: establish new places, play the scene in a master, then coverage (over-the-shoulders, "
    "singles, inserts of key props). Use the shot sizes ECU, CU, MCU, MS, MWS, WS and EWS. Screen time "
    "is about one minute per page."
)


def propose_with_llm(llm: LLM, script: Script, scene: Scene, elements: list[Element]) -> tuple[list[Shot], AIRecord]:
    """Claude's shot list for `scene`, checked against it, and the AIRecord of the call."""
    props = [e.name for e in key_props(scene, elements)]
    prompt = (
        f"Propose the shot list for scene {scene.number}, whose heading is {scene.heading!r} "
        f"({scene.length} pages, about {scene.eighths * SECONDS_PER_EIGHTH:.0f} seconds). "
        f"Speaking characters: {', '.join(scene.characters) or 'none'}. "
        + (f"Key props from the approved breakdown: {', '.join(props)}. " if props else "")
        + "Quote dialogue excerpts exactly as written in the scene."
    )
    result = llm.complete_json(SHOTLIST_SYSTEM, screenplay_text(script), prompt, ProposedShotList, "shot list")
    source = f"claude:{result.model}"
    names = {n.upper(): n for n in scene.characters + mentioned_characters(scene, _all_speakers(script))}
    shots = []
    for i, proposed in enumerate(result.value.shots):
        dialogue = proposed.dialogue if proposed.dialogue and find_evidence(proposed.dialogue, scene).verified else ""
        characters = [names[c.upper()] for c in proposed.characters if c.upper() in names]
        shots.append(Shot(
            scene_id=scene.id, index=i, size=proposed.size, angle=proposed.angle, movement=proposed.movement,
            lens_mm=proposed.lens_mm or LENS_FOR[proposed.size], subject=proposed.subject, action=proposed.action,
            dialogue=dialogue, duration_s=proposed.duration_s, characters=characters, source=source,
            ai_record_id=result.record.id,
        ))
    record = result.record.model_copy(update={"assets": [s.id for s in shots]})
    return shots, record


def _all_speakers(script: Script) -> list[str]:
    return list(dict.fromkeys(name for scene in script.active_scenes for name in scene.characters))


# --- the service the page and the CLI call


def propose_shots(repo: ProjectRepository, scene_id: str, llm: LLM | None = None, *, replace: bool = False) -> list[Shot]:
    """Propose and save the scene's shot list (coverage rules, or `llm` when given).

    A scene that already has shots keeps them unless `replace`: replacing
    drops their frames from the board (the image files stay in the store).
    """
    script = repo.get_script()
    scene = _scene_of(script, scene_id)
    existing = repo.list_shots(scene.id)
    if existing and not replace:
        raise SlatebookError(
            f"Scene {scene.number} already has {len(existing)} shots.",
            "Tick 'Replace the current shots' to propose a new list; their frames leave the board.",
        )
    elements = repo.list_elements(scene.id)
    if llm is not None:
        shots, record = propose_with_llm(llm, script, scene, elements)
    else:
        active = script.active_scenes
        position = next(i for i, s in enumerate(active) if s.id == scene.id)
        shots = coverage_shots(scene, active[position - 1] if position else None, elements, _all_speakers(script))
        record = None
    if existing:
        repo.delete_shots([s.id for s in existing])
    repo.save_shots(shots)
    if record is not None:
        repo.add_ai_record(record)
    return shots


def save_shot_list(repo: ProjectRepository, scene_id: str, shots: list[Shot]) -> list[Shot]:
    """Store an edited shot list in the given order; rows left out are deleted with their frames."""
    scene = _scene_of(repo.get_script(), scene_id)
    kept = [s.model_copy(update={"scene_id": scene.id, "index": i}) for i, s in enumerate(shots)]
    gone = [s.id for s in repo.list_shots(scene.id) if s.id not in {k.id for k in kept}]
    if gone:
        repo.delete_shots(gone)
    repo.save_shots(kept)
    return kept


def _scene_of(script: Script | None, scene_id: str) -> Scene:
    scene = next((s for s in (script.active_scenes if script else []) if s.id == scene_id), None)
    if scene is None:
        raise SlatebookError("That scene is not in the current draft.", "Pick a scene from the list; the draft may have changed.")
    return scene
