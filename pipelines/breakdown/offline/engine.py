"""The offline breakdown engine: screenplay grammar, lexicons and a local embedding model.

Deterministic (the same draft gives the same elements, ids aside), no key, no
network. Each element quotes the sentence it came from, exactly as written,
and is checked against its scene like any model's answer.
"""

from __future__ import annotations

import hashlib
import threading

from pipelines.breakdown import evidence
from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.engine import SceneBreakdown
from pipelines.breakdown.offline import embeddings
from pipelines.breakdown.offline.grammar import (
    ACTION_KINDS,
    Mention,
    ScriptIndex,
    caps_runs,
    index_script,
    people,
    picture_from,
)
from pipelines.breakdown.offline.items import Hit, handled, has_person, lexicon_hits, noun_phrases, quoted_spans
from pipelines.breakdown.offline.lexicons import GROUP_WORDS, TERMS
from pipelines.breakdown.offline.text import display_name, quote, sentences, singular
from studio.models import AIRecord, Element, Scene, Script

# Road vehicles a scene can be set in ("INT. MARGIT'S VAN - MOVING"): the picture vehicle is needed.
# A ship or a plane that is the set is a location, not a vehicle element.
_ROAD_VEHICLES = frozenset("car van bus lorry truck taxi cab jeep pickup tractor ambulance limousine limo hearse minibus".split())
# Categories the embedding model may place a phrase in: the ones made of things.
_PLACEABLE = frozenset({"props", "set_dressing", "wardrobe", "vehicles", "animals", "greenery"})


class OfflineEngine:
    name = "offline"

    def __init__(self, *, use_embeddings: bool = True) -> None:
        self.use_embeddings = use_embeddings
        self._indexes: dict[str, ScriptIndex] = {}
        self._lock = threading.Lock()

    def break_down_scene(self, script: Script, scene: Scene, categories: CategorySet) -> SceneBreakdown:
        visible = {c.key for c in categories.visible}
        index = self._index(script)
        found = _Found(scene.id)
        aboard = _aboard(scene)
        for mention in people(scene, index):
            if mention.kind == "vehicles" and _key(mention.name).split()[-1] in aboard:
                continue
            _add_mention(found, mention, scene)
        placed = self._items(scene, index, found)
        _add_set_vehicle(found, scene)
        found.fold_kinds(index)
        elements = [
            evidence.check_element(e, scene) for e in found.elements() if e.category in visible
        ]
        records = [_record(scene, placed)] if placed else []
        return SceneBreakdown(scene_id=scene.id, elements=elements, records=records)

    def _index(self, script: Script) -> ScriptIndex:
        # Keyed by what the index reads, so an edited or revised draft is read again.
        key = hashlib.sha256(
            "\x00".join(f"{s.id}|{s.omitted}|{','.join(s.characters)}|{s.text}" for s in script.scenes).encode()
        ).hexdigest()
        with self._lock:
            if key not in self._indexes:
                index = index_script(script)
                if self.use_embeddings:
                    # One batch for the whole draft: the model is far faster on 1,000 phrases
                    # at once than on 200 small calls, and each scene then reads the cache.
                    phrases = [p for s in script.active_scenes for p in self._items(s, index, _Found(s.id), place=False)]
                    embeddings.place(phrases)
                self._indexes = {key: index}  # one draft at a time is all a run needs
            return self._indexes[key]

    def _items(self, scene: Scene, index: ScriptIndex, found: _Found, *, place: bool = True):
        """Add the scene's things; returns how many phrases the embedding model placed
        (with `place=False`, the phrases it would place, unplaced)."""
        known_people = set(index.name_words) | {w.lower() for s in index.speakers for w in s.split()}
        aboard = _aboard(scene)
        pending: list[tuple[Hit, str, int]] = []
        for line in scene.lines:
            if line.kind not in ACTION_KINDS:
                continue
            quoted = quoted_spans(line.text)
            in_picture = False
            for sentence in sentences(line.text):
                runs = caps_runs(sentence)
                # What a photograph shows is the photograph's business, not the set's.
                picture = 0 if in_picture else picture_from(sentence.words) + 1
                in_picture = picture <= len(sentence.words)
                skip = {
                    i
                    for i, w in enumerate(sentence.words)
                    if i >= picture
                    or w.bare in known_people
                    or w.bare in index.named_animals
                    or w.bare in index.named_vehicles
                    or singular(w.bare) in GROUP_WORDS
                    or (i + 1 < len(sentence.words) and f"{w.bare} {singular(sentence.words[i + 1].bare)}" in GROUP_WORDS)
                    or any(a <= w.start < b for a, b in quoted)
                }
                hits = lexicon_hits(sentence, runs, skip)
                covered = set(skip)
                for hit in hits:
                    covered.update(range(hit.first, hit.last + 1))
                    category = hit.category
                    if category == "set_dressing" and handled(sentence, hit.first, known_people):
                        category = "props"
                    if category in ("makeup_hair", "stunts") and not has_person(sentence, known_people):
                        continue  # "the sky is a bruise of orange", "paint flakes fall": these need a person
                    if category == "vehicles" and _key(hit.name).split()[-1] in aboard:
                        continue
                    _add_hit(found, hit, category, line.n)
                if self.use_embeddings:
                    for first, last in noun_phrases(sentence, covered):
                        if any(i in covered for i in range(first, last + 1)):
                            continue
                        words = [w.bare for w in sentence.words[first : last + 1]]
                        hit = Hit("", display_name(words), sentence, first, last, confidence=0.6)
                        pending.append((hit, " ".join(words), line.n))
        if not place:
            return [text for _, text, _ in pending]
        if not pending:
            return 0
        placements = embeddings.place([text for _, text, _ in pending])
        for (hit, _, n), placement in zip(pending, placements):
            if placement.category in _PLACEABLE:
                category = placement.category
                if category == "set_dressing" and handled(hit.sentence, hit.first, known_people):
                    category = "props"
                scored = Hit(category, hit.name, hit.sentence, hit.first, hit.last, confidence=round(min(placement.score, 0.8), 2))
                if category == "vehicles" and _key(hit.name).split()[-1] in aboard:
                    continue
                _add_hit(found, scored, category, n)
        return len(pending)


class _Found:
    """Elements as they are found: one per category and name, the first quote kept."""

    def __init__(self, scene_id: str) -> None:
        self.scene_id = scene_id
        self._by_key: dict[tuple[str, str], Element] = {}

    def add(self, category: str, name: str, quote_text: str, line: int, quantity: int | None, confidence: float) -> None:
        key = (category, _key(name))
        # "Key" after "Brass key" (or before it) is the same thing: keep one, under the fuller name.
        for (c, k), existing in list(self._by_key.items()):
            if c == category and k != key[1] and k.split()[-1] == key[1].split()[-1]:
                if set(key[1].split()) <= set(k.split()):
                    key = (c, k)
                elif set(k.split()) <= set(key[1].split()):
                    del self._by_key[(c, k)]
                    self._by_key[key] = existing.model_copy(update={"name": name})
                break
        old = self._by_key.get(key)
        if old is None:
            self._by_key[key] = Element(
                scene_id=self.scene_id,
                category=category,
                name=name,
                quantity=quantity,
                evidence=quote_text,
                line=line,
                confidence=confidence,
                source="offline",
            )
        elif quantity and (old.quantity or 0) < quantity:
            # The largest count a scene gives is the number the AD books.
            self._by_key[key] = old.model_copy(update={"quantity": quantity})

    def fold_kinds(self, index: ScriptIndex) -> None:
        """Drop "Dog" where Bracken (a collie) is in the scene, and "Ferry" beside the Greylag."""
        for category, named in (("animals", index.named_animals), ("vehicles", index.named_vehicles)):
            names = {_key(n) for n in named.values()}
            present = any(c == category and k in names for c, k in self._by_key)
            if not present:
                continue
            kinds = index.kinds.get(category, set())
            for c, k in list(self._by_key):
                if c == category and k not in names and k.split()[-1] in kinds:
                    del self._by_key[(c, k)]

    def has(self, category: str, name: str) -> bool:
        return (category, _key(name)) in self._by_key

    def elements(self) -> list[Element]:
        return list(self._by_key.values())


def _key(name: str) -> str:
    return " ".join(singular(w) for w in name.lower().split())


def _add_mention(found: _Found, mention: Mention, scene: Scene) -> None:
    confidence = 1.0 if mention.kind == "cast" and mention.name in scene.characters else 0.85
    text = quote(mention.sentence, mention.first, mention.last)
    found.add(mention.kind, mention.name, text, mention.line, mention.quantity, confidence)


def _add_hit(found: _Found, hit: Hit, category: str, line: int) -> None:
    found.add(category, hit.name, quote(hit.sentence, hit.first, hit.last), line, hit.quantity, hit.confidence)


def _aboard(scene: Scene) -> set[str]:
    """Vessel words of a scene set aboard one ("FERRY GREYLAG - WHEELHOUSE"): the set, not an element."""
    words = {singular(w.strip(".,'\u2019")) for w in scene.location.lower().replace("'s", "").split()}
    return {w for w in words if w not in _ROAD_VEHICLES}


def _add_set_vehicle(found: _Found, scene: Scene) -> None:
    """A scene set in a road vehicle needs that vehicle: "INT./EXT. MARGIT'S VAN - MOVING"."""
    if not scene.lines:
        return
    # The vehicle must end a part of the location: "MARGIT'S VAN", not "CAR DECK".
    for part in scene.location.lower().replace("'s", "").split(" - "):
        words = [singular(w.strip(".,'\u2019")) for w in part.split()]
        word = words[-1] if words else ""
        if word in _ROAD_VEHICLES and TERMS.get((word,), ("",))[0] == "vehicles" and not found.has("vehicles", word):
            heading = scene.lines[0]
            found.add("vehicles", display_name([word]), heading.text, heading.n, None, 0.8)
            return


def _record(scene: Scene, placed: int) -> AIRecord:
    """The disclosure's note that a local ML model read this scene."""
    return AIRecord(
        kind="embedding",
        purpose="breakdown",
        provider="offline",
        model=embeddings.MODEL_NAME,
        model_version=embeddings.model_version(),
        prompt_sha256=hashlib.sha256(scene.text.encode()).hexdigest(),
        parameters={"scene": scene.number, "phrases_placed": placed, "method": "nearest lexicon terms"},
    )
